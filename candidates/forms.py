"""Web forms for candidates: search, CV upload, erase my data (applying is in vacancies.forms)."""

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from ats_site.accounts.models import User
from candidates.selectors import candidate_region_choices
from matching.forms import occupation_filter_fields

CV_ACCEPT = ".pdf,.docx,.odt,.rtf,.txt"
CV_HELP = _("PDF, DOCX, ODT, RTF or plain text; up to %(size)s.")
ERASE_CONFIRM_REQUIRED = _("Tick the box to confirm that you want your data erased.")


class CandidateSearchForm(forms.Form):
    """Free-text search, region, ESCO occupation and ISCO group filters over the candidates."""

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        help_text=_("Words in the profile or the CV text, e.g. “python kubernetes”."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, *args: Any, viewer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(occupation_filter_fields())
        regions = candidate_region_choices(viewer=viewer)
        region_field = self.fields["region"]
        if isinstance(region_field, forms.ChoiceField):
            region_field.choices = [("", _("All regions")), *((r, r) for r in regions)]


class EraseConfirmForm(forms.Form):
    """Confirm the erasure of one's personal data."""

    confirm = forms.BooleanField(
        label=_("I understand that my profile, CVs and contact details will be erased."),
        error_messages={"required": ERASE_CONFIRM_REQUIRED},
    )


class RecruiterCvUploadForm(forms.Form):
    """A recruiter adds a CV to a candidate's profile (e.g. received by e-mail)."""

    cv = forms.FileField(
        label=_("CV file"), widget=forms.ClearableFileInput(attrs={"accept": CV_ACCEPT})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = filesizeformat(settings.CV_MAX_UPLOAD_BYTES)
        self.fields["cv"].help_text = CV_HELP % {"size": limit}
