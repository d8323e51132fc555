"""Candidate services: profiles, consent and export (erasure: `candidates.services.erasure`)."""

from typing import Any

from django.utils import timezone

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User
from ats_site.common.services import model_update
from ats_site.exceptions import ApplicationError
from candidates.models import Candidate

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
    return candidate


def candidate_update(*, candidate: Candidate, data: dict[str, Any]) -> Candidate:
    """Update the editable profile fields of a candidate."""
    if "email" in data:
        data = {**data, "email": str(data["email"]).strip().lower()}
    return model_update(instance=candidate, fields=CANDIDATE_EDITABLE_FIELDS, data=data)


def candidate_give_consent(*, candidate: Candidate, version: str) -> Candidate:
    """Record that the candidate accepted the privacy notice `version` now."""
    candidate.consent_version = version
    candidate.consent_given_at = timezone.now()
    candidate.full_clean()
    candidate.save(update_fields=["consent_version", "consent_given_at", "updated_at"])
    return candidate


def candidate_export(*, candidate: Candidate, exported_by: User | None = None) -> dict[str, Any]:
    """Everything FairMatch holds about a candidate, as JSON-ready data (GDPR Art. 15/20)."""
    audit_event_record(
        actor=exported_by,
        action=AuditEvent.Action.DATA_EXPORT,
        target_type="candidate",
        target_id=candidate.pk,
    )
    applications = candidate.applications.select_related("vacancy").prefetch_related(
        "status_changes"
    )
    return {
        "profile": {field: getattr(candidate, field) for field in CANDIDATE_EDITABLE_FIELDS},
        "consent": {
            "version": candidate.consent_version,
            "given_at": candidate.consent_given_at.isoformat()
            if candidate.consent_given_at
            else None,
        },
        "documents": [
            {
                "original_name": document.original_name,
                "content_type": document.content_type,
                "size": document.size,
                "sha256": document.sha256,
                "uploaded_at": document.created_at.isoformat(),
                "extracted_text": document.extracted_text,
                "profile": document.profile,
            }
            for document in candidate.documents.all()
        ],
        "applications": [
            {
                "vacancy": application.vacancy.title,
                "status": application.status,
                "created_at": application.created_at.isoformat(),
                "history": [
                    {
                        "from": change.from_status,
                        "to": change.to_status,
                        "at": change.changed_at.isoformat(),
                    }
                    for change in application.status_changes.all()
                ],
            }
            for application in applications
        ],
    }
