"""Candidate self-registration: an inactive login, confirmed by a signed, expiring e-mail link.

Nothing about the person but the login row exists before confirmation: the candidate profile,
with the consent given at sign-up (version and time carried in the signed link), is created
when the link is opened. A candidate a recruiter already added under that e-mail address is
attached to the new login instead, since only the owner of the address can confirm.
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from ats_site.accounts.models import Role, User
from ats_site.accounts.services import user_create
from ats_site.exceptions import ApplicationError
from candidates.models import Candidate
from candidates.services.profiles import candidate_create

SIGNUP_SALT = "fairmatch.candidate-signup"
SIGNUP_LINK_INVALID = "This confirmation link is invalid."
SIGNUP_LINK_EXPIRED = "This confirmation link has expired: please sign up again."
SIGNUP_PROFILE_TAKEN = "This e-mail address already belongs to another account."


class SignUpLinkInvalid(ApplicationError):
    status_code = 400


@dataclass(frozen=True, slots=True)
class SignUp:
    """What a sign-up produced: the login (new, or the existing one for this address)."""

    user: User
    is_new: bool


def _existing_login(email: str) -> User | None:
    user = User.objects.filter(email__iexact=email).first()
    if user is not None:
        return user
    candidate = Candidate.objects.filter(email=email, user__isnull=False).first()
    return candidate.user if candidate is not None else None


@transaction.atomic
def candidate_sign_up(*, email: str, password: str, first_name: str, last_name: str) -> SignUp:
    """Create an inactive candidate login for `email`, or return the login it already has."""
    email = email.strip().lower()
    existing = _existing_login(email)
    if existing is not None:
        return SignUp(user=existing, is_new=False)
    user = user_create(
        username=email,
        password=password,
        role=Role.CANDIDATE,
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    user.is_active = False
    user.save(update_fields=["is_active"])
    return SignUp(user=user, is_new=True)


def signup_token_make(*, user: User, consent_version: str, consent_given_at: datetime) -> str:
    """The signed token of a confirmation link (expiry checked when it is opened)."""
    payload = {
        "user": user.pk,
        "consent": consent_version,
        "at": consent_given_at.isoformat(),
        "language": _supported_language(translation.get_language()),
    }
    return signing.dumps(payload, salt=SIGNUP_SALT, compress=True)


def _supported_language(code: str | None) -> str:
    """The site language `code` belongs to ("fr-fr" -> "fr"), else the default."""
    base = (code or "").split("-")[0].lower()
    supported = {language for language, _ in settings.LANGUAGES}
    return base if base in supported else settings.LANGUAGE_CODE


def signup_confirmation_send(
    *, sign_up: SignUp, confirm_url: str, login_url: str, reset_url: str
) -> None:
    """Mail the confirmation link (or, for a known address, a note that an account exists)."""
    user = sign_up.user
    context = {
        "user": user,
        "confirm_url": confirm_url,
        "login_url": login_url,
        "reset_url": reset_url,
    }
    if sign_up.is_new:
        subject = _("Confirm your FairMatch account")
        body = render_to_string("registration/signup_email.txt", context)
    else:
        subject = _("You already have a FairMatch account")
        body = render_to_string("registration/signup_exists_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@transaction.atomic
def candidate_sign_up_confirm(*, token: str) -> User:
    """Activate the login of a valid, unexpired link and give it its candidate profile."""
    max_age = settings.FAIRMATCH_SIGNUP_CONFIRM_MAX_AGE_SECONDS
    try:
        payload = signing.loads(token, salt=SIGNUP_SALT, max_age=max_age)
    except signing.SignatureExpired as error:
        raise SignUpLinkInvalid(SIGNUP_LINK_EXPIRED) from error
    except signing.BadSignature as error:
        raise SignUpLinkInvalid(SIGNUP_LINK_INVALID) from error
    user = User.objects.select_for_update().filter(pk=payload["user"], role=Role.CANDIDATE).first()
    if user is None:
        raise SignUpLinkInvalid(SIGNUP_LINK_INVALID)
    if user.is_active:
        return user  # opened twice: already confirmed
    candidate = Candidate.objects.filter(email=user.email).first()
    if candidate is None:
        candidate = candidate_create(
            first_name=user.first_name,
            last_name=user.last_name,
            email=user.email,
            user=user,
            consent_version=payload["consent"],
            language=_supported_language(payload.get("language")),
        )
    elif candidate.user_id not in (None, user.pk):
        raise SignUpLinkInvalid(SIGNUP_PROFILE_TAKEN)
    candidate.user = user
    candidate.consent_version = payload["consent"]
    candidate.consent_given_at = datetime.fromisoformat(payload["at"])
    # The language the candidate signed up in is the one FairMatch writes to them in.
    candidate.language = _supported_language(payload.get("language"))
    candidate.full_clean()
    candidate.save(
        update_fields=["user", "consent_version", "consent_given_at", "language", "updated_at"]
    )
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
