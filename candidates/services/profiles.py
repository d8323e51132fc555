"""Candidate services: profiles, consent, export and erasure."""

from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone

from ats_site.accounts.audit import audit_event_record, audit_events_anonymise
from ats_site.accounts.models import AuditEvent, User
from ats_site.common.services import model_update
from ats_site.exceptions import ApplicationError
from candidates.models import Candidate, CvIntakeItem
from matching.services.erasure import candidate_match_data_erase

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


@transaction.atomic
@transaction.atomic
def candidate_erase(*, candidate: Candidate, erased_by: User | None = None) -> Candidate:
    """Erase a candidate's personal data (GDPR Art. 17) while keeping aggregate history.

    CV files, extracted text, embeddings of their texts, scores, sensitive attributes and
    contact details go; applications and their status history stay, anonymised, and audit
    events forget the candidate as their actor, so past audits and reports still add up.
    """
    erased = candidate_match_data_erase(candidate=candidate)
    for document in candidate.documents.all():
        if document.file.name:
            # Files are not transactional: they go only once the erasure is committed.
            transaction.on_commit(partial(document.file.storage.delete, document.file.name))
    candidate.documents.all().delete()
    # A bulk intake's file name often is the person's name.
    CvIntakeItem.objects.filter(candidate=candidate).update(original_name="", message="")
    if hasattr(candidate, "sensitive_attributes"):
        candidate.sensitive_attributes.delete()
    candidate.first_name = "Erased"
    candidate.last_name = f"candidate #{candidate.pk}"
    candidate.email = f"erased-{candidate.pk}@erased.invalid"
    candidate.phone = ""
    candidate.city = ""
    candidate.headline = ""
    candidate.mobility_regions = []
    candidate.external_id = ""
    candidate.is_anonymised = True
    candidate.save()
    if candidate.user is not None:
        # Self-registered logins are named after their e-mail address: that name goes too.
        if candidate.user.username.lower() == candidate.user.email.lower():
            candidate.user.username = f"erased-user-{candidate.user.pk}"
        candidate.user.is_active = False
        candidate.user.email = ""
        candidate.user.save(update_fields=["is_active", "email", "username"])
        audit_events_anonymise(actor=candidate.user)
    own_request = erased_by is not None and erased_by == candidate.user
    audit_event_record(
        actor=None if own_request else erased_by,
        action=AuditEvent.Action.DATA_ERASURE,
        target_type="candidate",
        target_id=candidate.pk,
        detail={"scores": erased.scores, "embeddings": erased.embeddings, "self": own_request},
    )
    return candidate
