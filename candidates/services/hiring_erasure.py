"""An erased candidate's hiring records: the e-mail log and interview texts (GDPR Art. 17).

The rows stay (who was e-mailed when, interview counts, scorecard ratings) but no longer name
the candidate: mail still queued is cancelled, the candidate's address becomes their erased
placeholder, subjects, errors, interview places and feedback notes are redacted. The models
live in vacancies, which candidates never import: reached through reverse relations.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from ats_site.common.personal_terms import PersonalTerms, terms_pattern, text_redact
from candidates.models import Candidate

EMAIL_CANCELLED_BY_ERASURE = "Cancelled: the candidate's data was erased."
PENDING_STATUSES = ("queued", "sending")


@dataclass(frozen=True, slots=True)
class HiringRecordsErased:
    emails: int
    emails_cancelled: int
    interviews: int
    feedback: int


def _models() -> tuple[type[Model], type[Model], type[Model]]:
    application: Any = Candidate.applications.rel.related_model
    email: type[Model] = application.emails.rel.related_model
    interview: Any = application.interviews.rel.related_model
    feedback: type[Model] = interview.feedback.rel.related_model
    return email, interview, feedback


def _redact_rows(model: type[Model], rows: Any, fields: list[str], pattern: Any) -> int:
    changed = []
    for row in rows:
        values = {name: text_redact(getattr(row, name), pattern) for name in fields}
        if any(values[name] != getattr(row, name) for name in fields):
            changed.append(model(pk=row.pk, **values))
    model._default_manager.bulk_update(changed, fields, batch_size=500)
    return len(changed)


def candidate_hiring_records_erase(
    *, candidate: Candidate, terms: PersonalTerms, erased_email: str
) -> HiringRecordsErased:
    """Cancel, pseudonymise and redact the candidate's e-mail log, interviews and feedback."""
    email_model, interview_model, feedback_model = _models()
    pattern = terms_pattern(terms, about_person=True)
    emails = email_model._default_manager.filter(application__candidate=candidate)
    cancelled = emails.filter(status__in=PENDING_STATUSES).update(
        status="cancelled", error_message=EMAIL_CANCELLED_BY_ERASURE
    )
    emails.filter(is_to_candidate=True).update(recipient=erased_email)
    redacted_emails = _redact_rows(
        email_model, emails.only("subject", "error_message"), ["subject", "error_message"], pattern
    )
    interviews = interview_model._default_manager.filter(application__candidate=candidate)
    redacted_interviews = _redact_rows(
        interview_model, interviews.only("location"), ["location"], pattern
    )
    feedback = feedback_model._default_manager.filter(interview__application__candidate=candidate)
    redacted_feedback = _redact_rows(feedback_model, feedback.only("notes"), ["notes"], pattern)
    return HiringRecordsErased(
        emails=redacted_emails,
        emails_cancelled=cancelled,
        interviews=redacted_interviews,
        feedback=redacted_feedback,
    )
