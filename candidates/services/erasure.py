"""Erasing a candidate (GDPR Art. 17): personal data goes, aggregate history stays anonymous."""

from functools import partial

from django.db import transaction

from ats_site.accounts.audit import audit_event_record, audit_events_anonymise
from ats_site.accounts.models import AuditEvent, User
from ats_site.accounts.services import user_pseudonymise
from candidates.footprint import candidate_footprint
from candidates.models import Candidate, CvIntakeItem
from candidates.services.hiring_erasure import candidate_hiring_records_erase
from candidates.services.mail_log import sent_mail_redact
from candidates.services.redaction import candidate_free_text_redact, candidate_personal_terms
from candidates.services.search_index import candidate_search_index_remove
from matching.services.erasure import candidate_match_data_erase


@transaction.atomic
def candidate_erase(*, candidate: Candidate, erased_by: User | None = None) -> Candidate:
    """Erase a candidate's personal data (GDPR Art. 17) while keeping aggregate history.

    CV files, extracted text, embeddings of their texts, scores, sensitive attributes, contact
    and profile details go; the login is detached, pseudonymised and closed, its tokens deleted.
    Applications and their status history stay, anonymised, with the candidate's identifiers
    redacted from reasons, audit details, the admin log and the stored sent mail; the e-mail log
    keeps its rows (pending mail cancelled, the address pseudonymised), interview places and
    scorecard notes are redacted; audit events
    forget the candidate as their actor, so past audits and reports still add up.
    """
    own_request = erased_by is not None and erased_by == candidate.user
    actor = None if own_request else erased_by
    # Identifiers and the rows about the candidate are read before anything is erased.
    terms = candidate_personal_terms(candidate=candidate)
    footprint = candidate_footprint(candidate=candidate)
    erased = candidate_match_data_erase(candidate=candidate)
    for document in candidate.documents.all():
        if document.file.name:
            # Files are not transactional: they go only once the erasure is committed.
            transaction.on_commit(partial(document.file.storage.delete, document.file.name))
    candidate.documents.all().delete()
    # A bulk intake's file name often is the person's name.
    CvIntakeItem.objects.filter(candidate=candidate).update(original_name="", message="")
    # The stored sent mail (file-based backend) is rewritten once the erasure is committed.
    transaction.on_commit(partial(sent_mail_redact, terms=terms))
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
    candidate.region = ""
    candidate.consent_version = ""
    candidate.consent_given_at = None
    candidate.retention_notice_sent_at = None
    candidate.is_anonymised = True
    login, candidate.user = candidate.user, None
    candidate.save()
    candidate_search_index_remove(candidate=candidate)
    if login is not None:
        user_pseudonymise(user=login)
        audit_events_anonymise(actor=login)
    hiring = candidate_hiring_records_erase(
        candidate=candidate, terms=terms, erased_email=candidate.email
    )
    redacted = candidate_free_text_redact(
        candidate=candidate, terms=terms, footprint=footprint, erased_by=actor
    )
    audit_event_record(
        actor=actor,
        action=AuditEvent.Action.DATA_ERASURE,
        target_type="candidate",
        target_id=candidate.pk,
        detail={
            "scores": erased.scores,
            "embeddings": erased.embeddings,
            "redacted_status_changes": redacted.status_changes,
            "redacted_audit_events": redacted.audit_events,
            "redacted_admin_log_entries": redacted.admin_log_entries,
            "emails_cancelled": hiring.emails_cancelled,
            "redacted_feedback": hiring.feedback,
            "self": own_request,
        },
    )
    return candidate
