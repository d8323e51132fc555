"""Web forms for vacancies and the pipeline; they validate input, services do the writing."""

from typing import Any, cast

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ats_site.templatetags.web import status_label_for
from candidates.forms import CV_ACCEPT, CV_HELP
from matching.forms import OCCUPATION_AUTOCOMPLETE_ATTRS, OccupationField
from vacancies.models import Vacancy
from vacancies.workflow import ALLOWED_TRANSITIONS, ApplicationStatus

SKILL_LIST_HELP = _("Separate items with commas; ESCO skills are suggested as you type.")
SKILL_AUTOCOMPLETE_ATTRS = {"data-skill-autocomplete": "", "autocomplete": "off"}
MOVE_NOT_ALLOWED = _("This status is not a next step for this application.")
EXPERIENCE_RANGE_INVALID = _("The maximum cannot be below the minimum.")
OCCUPATION_HELP = _(
    "The ESCO occupation of this vacancy: suggested from the title and description, or type "
    "to pick another. Used instead of the occupation read from the text; empty: the one read."
)


def _translated(choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Model choices with their labels in the active language (catalogued in templatetags)."""
    return [(value, gettext(label)) for value, label in choices]


class CommaListField(forms.CharField):
    """A comma-separated text input that cleans to a list of trimmed, unique, non-empty items."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(item) for item in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        items: list[str] = []
        for item in (part.strip() for part in str(text).split(",")):
            if item and item not in items:
                items.append(item)
        return items


class VacancyForm(forms.Form):
    """Create or edit a vacancy."""

    title = forms.CharField(label=_("Title"), max_length=255)
    organisation = forms.CharField(label=_("Organisation"), max_length=255, required=False)
    department = forms.CharField(label=_("Department"), max_length=255, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 8})
    )
    required_skills = CommaListField(
        label=_("Required skills"),
        required=False,
        help_text=SKILL_LIST_HELP,
        widget=forms.TextInput(attrs=SKILL_AUTOCOMPLETE_ATTRS),
    )
    preferred_skills = CommaListField(
        label=_("Preferred skills"),
        required=False,
        help_text=SKILL_LIST_HELP,
        widget=forms.TextInput(attrs=SKILL_AUTOCOMPLETE_ATTRS),
    )
    keywords = CommaListField(
        label=_("Keywords"), required=False, help_text=_("Separate items with commas.")
    )
    seniority = forms.ChoiceField(
        label=_("Seniority"), choices=lambda: _translated(Vacancy.Seniority.choices)
    )
    experience_min_years = forms.IntegerField(
        label=_("Minimum years of experience"), min_value=0, max_value=60, initial=0
    )
    experience_max_years = forms.IntegerField(
        label=_("Maximum years of experience"), min_value=0, max_value=60, required=False
    )
    location = forms.CharField(label=_("Location"), max_length=255, required=False)
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=lambda: _translated(Vacancy.Status.choices)
    )
    chosen_occupation_uri = OccupationField(
        label=_("Occupation (ESCO)"),
        max_length=255,
        required=False,
        help_text=OCCUPATION_HELP,
        widget=forms.TextInput(attrs=OCCUPATION_AUTOCOMPLETE_ATTRS),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("experience_min_years"), cleaned.get("experience_max_years")
        if low is not None and high is not None and high < low:
            self.add_error("experience_max_years", EXPERIENCE_RANGE_INVALID)
        return cleaned

    @classmethod
    def initial_for(cls, vacancy: Vacancy) -> dict[str, Any]:
        """The form's initial data for an existing vacancy."""
        return {name: getattr(vacancy, name) for name in cls.base_fields}


def next_status_choices(status: str) -> list[tuple[str, str]]:
    """The statuses an application in `status` may move to, labelled in the active language."""
    allowed = ALLOWED_TRANSITIONS[ApplicationStatus(status)]
    return [(s.value, status_label_for(s.value)) for s in ApplicationStatus if s in allowed]


class ApplicationMoveForm(forms.Form):
    """Move one application to one of its allowed next statuses."""

    to_status = forms.ChoiceField(label=_("Move to"))
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    send_email = forms.BooleanField(label=_("E-mail the candidate"), required=False)

    def __init__(self, *args: Any, current_status: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["to_status"])
        field.choices = next_status_choices(current_status)
        field.error_messages["invalid_choice"] = MOVE_NOT_ALLOWED


class ApplyForm(forms.Form):
    """Apply to a vacancy, with a CV (required when the candidate has none yet)."""

    cv = forms.FileField(
        label=_("Your CV"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": CV_ACCEPT}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.CV_MAX_UPLOAD_BYTES)
        self.fields["cv"].help_text = CV_HELP % {"size": limit}
