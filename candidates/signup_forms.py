"""The candidate sign-up form: name, e-mail, password (Django's validators) and consent."""

from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from ats_site.accounts.models import User

CONSENT_REQUIRED = _("Tick the box to accept the privacy notice: we cannot process a CV without.")
PASSWORDS_DIFFER = _("The two passwords differ.")


class CandidateSignUpForm(forms.Form):
    """Everything a candidate gives to open an account."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password_again = forms.CharField(
        label=_("Password (again)"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that FairMatch processes my profile and CVs to match me with vacancies, "
            "as described in the privacy notice; I can export or erase my data at any time."
        ),
        error_messages={"required": CONSENT_REQUIRED},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password and password != cleaned.get("password_again"):
            self.add_error("password_again", PASSWORDS_DIFFER)
        elif password:
            probe = User(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned
