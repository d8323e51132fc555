"""Recruiter forms: a candidate's profile fields, and many CVs dropped at once."""

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from candidates.forms import CV_ACCEPT, CV_HELP

BULK_INTAKE_MAX_FILES = 200
BULK_NO_FILES = _("Choose at least one CV file.")
BULK_TOO_MANY_FILES = _("At most %(count)d files at a time.")


class CandidateProfileForm(forms.Form):
    """The profile fields a recruiter fills in (or completes after a bulk intake)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    region = forms.CharField(label=_("Region"), max_length=120, required=False)
    headline = forms.CharField(label=_("Headline"), max_length=255, required=False)
    language = forms.ChoiceField(
        label=_("Language for e-mails"), choices=settings.LANGUAGES, required=False
    )

    PROFILE_FIELDS = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "city",
        "region",
        "headline",
        "language",
    )

    def profile(self) -> dict[str, Any]:
        profile = {name: self.cleaned_data[name] for name in self.PROFILE_FIELDS}
        return {**profile, "language": profile["language"] or settings.LANGUAGE_CODE}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": CV_ACCEPT}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files:
            raise forms.ValidationError(BULK_NO_FILES)
        if len(files) > BULK_INTAKE_MAX_FILES:
            raise forms.ValidationError(BULK_TOO_MANY_FILES % {"count": BULK_INTAKE_MAX_FILES})
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class BulkIntakeForm(forms.Form):
    """Many CVs at once: each becomes a candidate."""

    cv_files = MultipleFileField(label=_("CV files"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cv_files"].help_text = CV_HELP % {
            "size": filesizeformat(settings.CV_MAX_UPLOAD_BYTES)
        }
