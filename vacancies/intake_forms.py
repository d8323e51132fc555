"""Recruiter forms that may create applications: add a candidate, add an application."""

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ats_site.accounts.models import User
from candidates.forms import CV_ACCEPT, CV_HELP
from candidates.intake_forms import CandidateProfileForm
from vacancies.models import Application, Vacancy
from vacancies.web_selectors import open_vacancy_list

SOURCE_CHOICES = [
    (Application.Source.SOURCED.value, _("Sourced by a recruiter")),
    (Application.Source.REFERRAL.value, _("Referral")),
    (Application.Source.APPLIED.value, _("Applied")),
]


def _vacancy_field(viewer: User, label: str) -> forms.ModelChoiceField[Vacancy]:
    return forms.ModelChoiceField(
        label=label,
        queryset=open_vacancy_list(viewer=viewer),
        required=False,
        empty_label=_("(none)"),
    )


class CandidateAddForm(CandidateProfileForm):
    """A new candidate, optionally with a CV and an application to an open vacancy."""

    cv = forms.FileField(
        label=_("CV file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": CV_ACCEPT}),
    )

    def __init__(self, *args: Any, viewer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cv"].help_text = CV_HELP % {
            "size": filesizeformat(settings.CV_MAX_UPLOAD_BYTES)
        }
        self.fields["vacancy"] = _vacancy_field(viewer, str(_("Also apply to")))
        self.fields["source"] = forms.ChoiceField(label=_("Source"), choices=SOURCE_CHOICES)


class ApplicationAddForm(forms.Form):
    """Add an existing candidate to an open vacancy."""

    source = forms.ChoiceField(label=_("Source"), choices=SOURCE_CHOICES)

    def __init__(self, *args: Any, viewer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = _vacancy_field(viewer, str(_("Vacancy")))
        field.required = True
        self.fields["vacancy"] = field
        self.order_fields(["vacancy", "source"])
