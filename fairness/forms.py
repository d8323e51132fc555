"""Forms of the fairness pages."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DecisionLogUploadForm(forms.Form):
    """A decision log from any screening tool, and which of its columns to audit."""

    decisions = forms.FileField(
        label=_("Decision log (CSV or JSONL)"),
        help_text=_("One row per candidate decision."),
    )
    attributes = forms.CharField(
        label=_("Attribute columns"),
        max_length=500,
        help_text=_("Comma-separated column names, for example race,gender."),
    )
    outcome = forms.CharField(label=_("Outcome column (0/1)"), max_length=200, initial="selected")
    score = forms.CharField(label=_("Score column (optional)"), max_length=200, required=False)
    min_group_size = forms.IntegerField(
        label=_("Minimum group size"), min_value=1, max_value=10_000, required=False
    )

    def clean_attributes(self) -> list[str]:
        names = [name.strip() for name in self.cleaned_data["attributes"].split(",")]
        names = [name for name in names if name]
        if not names:
            raise forms.ValidationError(_("Name at least one attribute column."))
        return names
