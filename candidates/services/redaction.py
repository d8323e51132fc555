"""An erased candidate's identifiers removed from the free text kept elsewhere (GDPR Art. 17).

Applications, their status history, the audit log and Django's admin log outlive an erasure
(aggregate history, EU AI Act Art. 26 logs), but the reasons and details typed into them may
name the candidate. Each text is rewritten in place; the audit log's rows through its one
permitted change, logged by a `data_redaction` event; admin-log entries about the candidate's
own rows get a neutral `object_repr`. Every non-empty text is read: erasure is rare, and a
prefilter in SQL would miss a phone number written with other separators.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib.admin.models import LogEntry
from django.db.models import Model

from ats_site.accounts.audit import audit_events_redact
from ats_site.accounts.models import AuditEvent, User
from ats_site.common.personal_terms import (
    PersonalTerms,
    cv_proper_nouns,
    json_redact,
    terms_pattern,
    text_redact,
)
from candidates.footprint import CandidateFootprint
from candidates.models import Candidate


@dataclass(frozen=True, slots=True)
class FreeTextRedacted:
    status_changes: int
    audit_events: int
    admin_log_entries: int


def _cv_terms(candidate: Candidate) -> list[str]:
    """Proper nouns of the candidate's CVs (their skills excepted) and the CVs' file names."""
    terms = []
    for document in candidate.documents.only("extracted_text", "profile", "original_name"):
        profile = document.profile if isinstance(document.profile, dict) else {}
        skills = [skill for skill in profile.get("skills", []) if isinstance(skill, str)]
        terms += cv_proper_nouns(document.extracted_text, skills=skills)
        terms.append(document.original_name)
    return terms


def candidate_personal_terms(*, candidate: Candidate) -> PersonalTerms:
    """The candidate's (and their login's) identifiers, read before they are erased."""
    user = candidate.user
    identifiers = [candidate.full_name, f"{candidate.last_name} {candidate.first_name}"]
    identifiers += [candidate.email]
    context_terms = [candidate.city, *_cv_terms(candidate)]
    if user is not None:
        identifiers += [user.email, user.get_full_name()]
        context_terms += [user.username]
    return PersonalTerms.build(
        identifiers=identifiers,
        phones=[candidate.phone],
        name_parts=[candidate.first_name, candidate.last_name],
        context_terms=context_terms,
    )


def _status_change_model() -> type[Model]:
    """Status changes live in vacancies, which candidates never import: reached through the
    reverse relations Candidate.applications -> Application.status_changes."""
    application_model: Any = Candidate.applications.rel.related_model
    model: type[Model] = application_model.status_changes.rel.related_model
    return model


def _status_reasons_redact(*, candidate: Candidate, terms: PersonalTerms) -> int:
    status_change_model = _status_change_model()
    about = terms_pattern(terms, about_person=True)
    anyone = terms_pattern(terms, about_person=False)
    changed = []
    rows = status_change_model._default_manager.exclude(reason="").values_list(
        "pk", "reason", "application__candidate_id"
    )
    for pk, reason, candidate_id in rows.iterator():
        redacted = text_redact(reason, about if candidate_id == candidate.pk else anyone)
        if redacted != reason:
            changed.append(status_change_model(pk=pk, reason=redacted))
    status_change_model._default_manager.bulk_update(changed, ["reason"], batch_size=500)
    return len(changed)


def _is_about(event: AuditEvent, footprint: CandidateFootprint) -> bool:
    detail = event.detail if isinstance(event.detail, dict) else {}
    return (event.target_type, event.target_id) in footprint.targets or str(
        detail.get("candidate", "")
    ) == str(footprint.candidate_id)


def _audit_details_redacted(
    *, footprint: CandidateFootprint, terms: PersonalTerms
) -> dict[int, dict[str, Any]]:
    about = terms_pattern(terms, about_person=True)
    anyone = terms_pattern(terms, about_person=False)
    redacted_details = {}
    events = AuditEvent.objects.exclude(detail={}).only("pk", "target_type", "target_id", "detail")
    for event in events.iterator():
        detail = json_redact(event.detail, about if _is_about(event, footprint) else anyone)
        if detail != event.detail:
            redacted_details[event.pk] = detail
    return redacted_details


def _admin_log_redact(*, footprint: CandidateFootprint, terms: PersonalTerms) -> int:
    """Entries about the candidate's rows get a neutral repr; every entry loses their terms."""
    about = terms_pattern(terms, about_person=True)
    anyone = terms_pattern(terms, about_person=False)
    changed = []
    for entry in LogEntry.objects.select_related("content_type").iterator():
        is_about = (entry.content_type_id, entry.object_id) in footprint.admin_objects
        pattern = about if is_about else anyone
        object_repr = (
            f"erased {entry.content_type.model if entry.content_type else 'object'}"
            f" #{entry.object_id}"
            if is_about
            else text_redact(entry.object_repr, pattern)
        )
        change_message = text_redact(entry.change_message, pattern)
        if (object_repr, change_message) != (entry.object_repr, entry.change_message):
            entry.object_repr, entry.change_message = object_repr, change_message
            changed.append(entry)
    LogEntry.objects.bulk_update(changed, ["object_repr", "change_message"], batch_size=500)
    return len(changed)


def candidate_free_text_redact(
    *,
    candidate: Candidate,
    terms: PersonalTerms,
    footprint: CandidateFootprint,
    erased_by: User | None,
) -> FreeTextRedacted:
    """Redact the candidate from status-change reasons, audit details and the admin log."""
    status_changes = _status_reasons_redact(candidate=candidate, terms=terms)
    admin_log_entries = _admin_log_redact(footprint=footprint, terms=terms)
    redacted_details = _audit_details_redacted(footprint=footprint, terms=terms)
    audit_events_redact(
        redacted_details=redacted_details,
        actor=erased_by,
        target_type="candidate",
        target_id=candidate.pk,
    )
    return FreeTextRedacted(
        status_changes=status_changes,
        audit_events=len(redacted_details),
        admin_log_entries=admin_log_entries,
    )
