"""Web form fields for ESCO occupations: choose one by name, or filter candidates by one."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from matching.taxonomy.occupation_catalogue import occupation_get, occupation_resolve

OCCUPATION_UNKNOWN = _("Pick an ESCO occupation from the suggestions (its exact name).")
ISCO_GROUP_INVALID = _("An ISCO group is 1 to 4 digits (for example 2411 or 24).")
OCCUPATION_AUTOCOMPLETE_ATTRS = {"data-occupation-autocomplete": "", "autocomplete": "off"}


class OccupationField(forms.CharField):
    """An ESCO occupation typed by its name (or URI): cleans to the URI, shows the name."""

    def prepare_value(self, value: Any) -> Any:
        occupation = occupation_get(uri=str(value)) if value else None
        return occupation.label if occupation is not None else value

    def to_python(self, value: Any) -> str:
        text = str(super().to_python(value))
        if not text:
            return ""
        occupation = occupation_resolve(value=text)
        if occupation is None:
            raise ValidationError(OCCUPATION_UNKNOWN, code="unknown_occupation")
        return occupation.uri


def occupation_filter_fields() -> dict[str, forms.Field]:
    """The occupation and ISCO-group filter fields of a candidate search form."""
    return {
        "occupation": OccupationField(
            label=_("Occupation (ESCO)"),
            required=False,
            max_length=255,
            help_text=_("Among the three occupations the CV reads as."),
            widget=forms.TextInput(attrs=OCCUPATION_AUTOCOMPLETE_ATTRS),
        ),
        "isco_group": forms.CharField(
            label=_("ISCO group"),
            required=False,
            max_length=4,
            validators=[RegexValidator(r"^\d{1,4}$", ISCO_GROUP_INVALID)],
        ),
    }


class OccupationFilterForm(forms.Form):
    """Filter a candidate list by ESCO occupation or ISCO group (GET)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(occupation_filter_fields())


class TalentPoolFilterForm(OccupationFilterForm):
    """Talent-pool suggestions narrowed by words of the profile or CV, and by occupation."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the profile or the CV text, e.g. “python kubernetes”."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )

    field_order = ["q"]
