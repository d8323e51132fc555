"""The audit-log page for HR admins (outside the Django admin): filtered and paginated."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from ats_site.accounts.audit_selectors import AuditEventFilters, audit_event_list
from ats_site.accounts.models import AuditEvent
from ats_site.web_views import HrAdminRequiredMixin

AUDIT_LOG_PAGE_SIZE = 50
DATES_REVERSED = _("The start date is after the end date.")


class AuditLogFilterForm(forms.Form):
    actor = forms.CharField(label=_("Actor (username)"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Event kind"),
        required=False,
        choices=[
            ("", _("All kinds")),
            *((value, _(label)) for value, label in AuditEvent.Action.choices),
        ],
    )
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    subject = forms.CharField(
        label=_("Subject"),
        required=False,
        max_length=140,
        help_text=_("A type, #id or both, e.g. vacancy_ranking#12 or match_score."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", DATES_REVERSED)
        return cleaned

    def filters(self) -> AuditEventFilters:
        data = self.cleaned_data
        return AuditEventFilters(
            actor=data.get("actor") or "",
            action=data.get("action") or "",
            since=data.get("since"),
            until=data.get("until"),
            subject=data.get("subject") or "",
        )


class AuditLogView(HrAdminRequiredMixin, ListView[AuditEvent]):
    """Who did what and when: status changes, score views, overrides, sensitive reads, ..."""

    template_name = "accounts/audit_log.html"
    context_object_name = "events"
    paginate_by = AUDIT_LOG_PAGE_SIZE

    def get_queryset(self) -> Any:
        self.filter_form = AuditLogFilterForm(self.request.GET or None)
        if self.filter_form.is_bound and not self.filter_form.is_valid():
            return AuditEvent.objects.none()
        if not self.filter_form.is_bound:
            return audit_event_list(filters=AuditEventFilters())
        return audit_event_list(filters=self.filter_form.filters())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter_form=self.filter_form, query_string=query.urlencode(), **kwargs
        )
