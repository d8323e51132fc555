"""Admin for candidates; sensitive attributes show only to users with their permission."""

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, Role, User
from candidates.models import Candidate, CandidateDocument, CandidateSensitiveAttributes
from candidates.services import candidate_erase

# Written only by their services, never as free fields: consent by the candidate
# (candidate_give_consent, with its date), anonymisation by erasure (the action below).
SERVICE_ONLY_FIELDS = ("consent_version", "consent_given_at", "is_anonymised")
ERASED_MESSAGE = "Erased the personal data of {count} candidate(s)."

# Which field holds each collectable attribute; the setting decides which are shown.
SENSITIVE_FIELDS = ("gender", "nationality", "ethnicity", "birth_year")


class CandidateDocumentInline(admin.TabularInline):
    model = CandidateDocument
    extra = 0
    fields = ("original_name", "content_type", "size", "parse_status", "created_at")
    readonly_fields = fields
    show_change_link = True


def is_hr_admin(request: HttpRequest) -> bool:
    """HR admins and superusers keep the admin's sensitive write paths."""
    user = request.user
    return bool(user.is_superuser or getattr(user, "role", None) == Role.HR_ADMIN)


def sensitive_read_record(*, request: HttpRequest, candidate_ids: list[int], page: str) -> None:
    """Log that the admin showed these candidates' sensitive attributes (the README's promise)."""
    if not candidate_ids:
        return
    audit_event_record(
        actor=request.user if isinstance(request.user, User) else None,
        action=AuditEvent.Action.SENSITIVE_READ,
        target_type="candidate_sensitive_attributes",
        target_id=candidate_ids[0] if len(candidate_ids) == 1 else "",
        detail={"via": "admin", "page": page, "candidate_ids": candidate_ids},
    )


def collected_sensitive_fields() -> list[str]:
    """The sensitive fields this deployment may collect (FAIRNESS_COLLECTED_ATTRIBUTES)."""
    collected = set(settings.FAIRNESS_COLLECTED_ATTRIBUTES)
    return [name for name in SENSITIVE_FIELDS if name in collected]


class CandidateSensitiveAttributesInline(admin.StackedInline):
    """Django hides an inline from users without its view permission: recruiters lack it."""

    model = CandidateSensitiveAttributes
    extra = 0
    can_delete = True

    def get_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return collected_sensitive_fields()


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "city", "region", "consent_version", "created_at")
    list_filter = ("region", "consent_version", "is_anonymised", "created_at")
    search_fields = ("first_name", "last_name", "email", "headline", "external_id")
    date_hierarchy = "created_at"
    inlines = [CandidateDocumentInline, CandidateSensitiveAttributesInline]
    actions = ["erase_personal_data"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = ["created_at", "updated_at", "retention_notice_sent_at", *SERVICE_ONLY_FIELDS]
        if not is_hr_admin(request):
            fields.append("user")  # relinking a profile to a login is for HR admins
        return fields

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "user":
            kwargs["queryset"] = User.objects.filter(role=Role.CANDIDATE)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request: HttpRequest) -> Any:
        actions = super().get_actions(request)
        if not is_hr_admin(request):
            actions.pop("erase_personal_data", None)
        return actions

    @admin.action(description="Erase personal data (GDPR Art. 17, cannot be undone)")
    def erase_personal_data(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> None:
        """The same erasure as the API and the web UI (`candidate_erase`)."""
        user = request.user if isinstance(request.user, User) else None
        candidates = list(queryset.filter(is_anonymised=False))
        for candidate in candidates:
            candidate_erase(candidate=candidate, erased_by=user)
        self.message_user(request, ERASED_MESSAGE.format(count=len(candidates)), messages.SUCCESS)

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        # The inline shows the attributes only to users allowed to view them.
        can_view = request.user.has_perm("candidates.view_candidatesensitiveattributes")
        if request.method == "GET" and response.status_code == 200 and can_view:
            shown = CandidateSensitiveAttributes.objects.filter(candidate_id=object_id)
            sensitive_read_record(
                request=request,
                candidate_ids=list(shown.values_list("candidate_id", flat=True)),
                page="candidate_change",
            )
        return response


@admin.register(CandidateDocument)
class CandidateDocumentAdmin(admin.ModelAdmin):
    list_display = ("original_name", "candidate", "content_type", "size", "parse_status")
    list_filter = ("parse_status", "content_type")
    search_fields = ("original_name", "sha256", "candidate__email", "candidate__last_name")
    list_select_related = ("candidate",)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = ["sha256", "size", "content_type", "created_at", "updated_at"]
        if obj is not None:
            fields.append("candidate")  # a CV never moves to another person
        return fields


@admin.register(CandidateSensitiveAttributes)
class CandidateSensitiveAttributesAdmin(admin.ModelAdmin):
    list_display = ("candidate", "gender")  # widened to every collected field per request
    list_filter = ("gender", "nationality")
    search_fields = ("candidate__email", "candidate__last_name")
    list_select_related = ("candidate",)

    def get_list_display(self, request):  # type: ignore[no-untyped-def]
        return ["candidate", *collected_sensitive_fields()]

    def get_list_filter(self, request):  # type: ignore[no-untyped-def]
        return [name for name in collected_sensitive_fields() if name != "birth_year"]

    def get_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        return ["candidate", *collected_sensitive_fields()]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if response.status_code == 200 and changelist is not None:
            sensitive_read_record(
                request=request,
                candidate_ids=[row.candidate_id for row in changelist.result_list],
                page="list",
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            shown = CandidateSensitiveAttributes.objects.filter(pk=object_id)
            sensitive_read_record(
                request=request,
                candidate_ids=list(shown.values_list("candidate_id", flat=True)),
                page="change",
            )
        return response
