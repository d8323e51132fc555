"""A candidate's new e-mail address takes effect only once its mailbox confirms it.

`PATCH /api/me/` used to answer "candidate with this email already exists", which told anyone
with a candidate login whether an address was registered. As most products do, the answer is
now the same either way ("confirmation sent"): the new address gets a signed link if it is
free, or a note that it already has a profile if it is not, so only the mailbox's owner learns
which. The address also stops being changeable without proof of control.
"""

from typing import Final

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction

from ats_site.exceptions import ApplicationError
from candidates.models import Candidate

EMAIL_CHANGE_SALT: Final = "fairmatch.candidates.email-change"
EMAIL_CHANGE_MAX_AGE_SECONDS: Final = 24 * 3600
EMAIL_CHANGE_LINK_INVALID: Final = "This confirmation code is invalid, expired or already used."
CONFIRM_SUBJECT: Final = "Confirm your new FairMatch e-mail address"
CONFIRM_BODY: Final = (
    "Someone (probably you) asked to use this address for a FairMatch candidate profile.\n"
    "To confirm, send this code to POST /api/me/email/confirm/ while signed in:\n\n{token}\n\n"
    "It expires in 24 hours. If it was not you, ignore this message."
)
TAKEN_SUBJECT: Final = "Your FairMatch e-mail address"
TAKEN_BODY: Final = (
    "Someone asked to use this address for another FairMatch candidate profile. It already "
    "belongs to a profile, so nothing was changed. If it was you, sign in with this address "
    "instead. If not, you can ignore this message."
)


def _normalised(email: str) -> str:
    return email.strip().lower()


def _is_taken(*, email: str, candidate: Candidate) -> bool:
    return Candidate.objects.filter(email__iexact=email).exclude(pk=candidate.pk).exists()


def candidate_email_change_request(*, candidate: Candidate, email: str) -> str:
    """Mail the new address a confirmation code (or, if taken, a note); return the address.

    Nothing about the profile changes here, and the caller answers the same way in both cases.
    """
    new_email = _normalised(email)
    if new_email == candidate.email:
        return new_email
    if _is_taken(email=new_email, candidate=candidate):
        send_mail(TAKEN_SUBJECT, TAKEN_BODY, settings.DEFAULT_FROM_EMAIL, [new_email])
        return new_email
    token = signing.dumps(
        {"candidate": candidate.pk, "email": new_email, "old": candidate.email},
        salt=EMAIL_CHANGE_SALT,
    )
    body = CONFIRM_BODY.format(token=token)
    send_mail(CONFIRM_SUBJECT, body, settings.DEFAULT_FROM_EMAIL, [new_email])
    return new_email


@transaction.atomic
def candidate_email_change_confirm(*, candidate: Candidate, token: str) -> Candidate:
    """Apply a confirmed address change; the code works once, for its own candidate only.

    Raises:
        ApplicationError: the code is forged, expired, someone else's, already used, or the
            address was taken meanwhile (the same message for all: the mailbox owner alone
            could tell them apart anyway).
    """
    try:
        payload = signing.loads(token, salt=EMAIL_CHANGE_SALT, max_age=EMAIL_CHANGE_MAX_AGE_SECONDS)
    except signing.BadSignature as error:
        raise ApplicationError(EMAIL_CHANGE_LINK_INVALID) from error
    locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
    email = str(payload.get("email", ""))
    if (
        payload.get("candidate") != locked.pk
        or payload.get("old") != locked.email  # used once: the old address is gone after it
        or _is_taken(email=email, candidate=locked)
    ):
        raise ApplicationError(EMAIL_CHANGE_LINK_INVALID)
    locked.email = email
    locked.full_clean()
    locked.save(update_fields=["email", "updated_at"])
    return locked
