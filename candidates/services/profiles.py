"""Candidate services: profiles and consent (export and erasure have modules of their own)."""

from typing import Any

from django.utils import timezone

from ats_site.accounts.models import User
from ats_site.common.services import model_update
from ats_site.exceptions import ApplicationError
from candidates.models import Candidate
from candidates.services.search_index import candidate_search_index_update

CANDIDATE_EMAIL_TAKEN = "A candidate with this email already exists."
CANDIDATE_EDITABLE_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "city",
    "region",
    "mobility_regions",
    "headline",
    "external_id",
    "language",
]


class DuplicateCandidate(ApplicationError):
    status_code = 409


def candidate_create(
    *,
    first_name: str,
    last_name: str,
    email: str,
    user: User | None = None,
    consent_version: str = "",
    **fields: Any,
) -> Candidate:
    """Create a candidate; consent, when given, is stamped with its version and time."""
    email = email.strip().lower()
    if Candidate.objects.filter(email=email).exists():
        raise DuplicateCandidate(CANDIDATE_EMAIL_TAKEN, {"email": email})
    candidate = Candidate(
        first_name=first_name,
        last_name=last_name,
        email=email,
        user=user,
        consent_version=consent_version,
        consent_given_at=timezone.now() if consent_version else None,
        **fields,
    )
    candidate.full_clean()
    candidate.save()
    candidate_search_index_update(candidate=candidate)
    return candidate


def candidate_update(*, candidate: Candidate, data: dict[str, Any]) -> Candidate:
    """Update the editable profile fields of a candidate."""
    if "email" in data:
        data = {**data, "email": str(data["email"]).strip().lower()}
    candidate = model_update(instance=candidate, fields=CANDIDATE_EDITABLE_FIELDS, data=data)
    candidate_search_index_update(candidate=candidate)
    return candidate


def candidate_give_consent(*, candidate: Candidate, version: str) -> Candidate:
    """Record that the candidate accepted the privacy notice `version` now."""
    candidate.consent_version = version
    candidate.consent_given_at = timezone.now()
    candidate.full_clean()
    candidate.save(update_fields=["consent_version", "consent_given_at", "updated_at"])
    return candidate
