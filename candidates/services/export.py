"""Everything FairMatch holds about a candidate, for them (GDPR Art. 15 access, Art. 20
portability, Art. 22 and 15(1)(h): the automated scores with their explanation).

Sections: profile, account, consent, documents with their text, declared sensitive attributes
(only when the candidate exports their own data), applications with their status history and
reasons, every score with its breakdown and overrides, and the access log: who (by role) viewed,
changed or exported their data and when. Staff are named by role, not by username: the
candidate learns which kind of recipient saw their data (Art. 15(1)(c)) without FairMatch
disclosing colleagues' identities (Art. 15(4)).
"""

from typing import Any

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User
from ats_site.accounts.tokens import token_expires_at
from candidates.footprint import candidate_audit_trail
from candidates.models import Candidate, CandidateSensitiveAttributes
from matching.models import MatchScore
from matching.services.versions import SCORER_VERSION

EXPORT_FORMAT_VERSION = 2
SCORING_LOGIC = (
    "Each application is scored 0-100 by FairMatch's matching engine from the text of your "
    "selected CV and the vacancy: skills found in both (ESCO skills), semantic similarity of "
    "the texts, experience against the vacancy's requirement and the job domain. Your name, "
    "contact details, age and gender markers are removed from the CV before it is scored, and "
    "declared sensitive attributes are never read by the scorer. Scores only order candidates "
    "for recruiters; a person decides every move of an application and may override a score "
    "with a reason, shown below."
)
YOU = "you"
SYSTEM = "system"


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _role(user: User | None, *, candidate: Candidate) -> str:
    """Who acted, as the candidate may learn it: themself, a role, or the system."""
    if user is None:
        return SYSTEM
    if user.pk == candidate.user_id:
        return YOU
    return str(user.get_role_display())


def _profile(candidate: Candidate) -> dict[str, Any]:
    fields = [
        "first_name",
        "last_name",
        "email",
        "phone",
        "city",
        "region",
        "headline",
        "language",
    ]
    profile: dict[str, Any] = {field: getattr(candidate, field) for field in fields}
    profile |= {
        "mobility_regions": candidate.mobility_regions,
        "external_id": candidate.external_id,
        "is_anonymised": candidate.is_anonymised,
        "created_at": _iso(candidate.created_at),
        "updated_at": _iso(candidate.updated_at),
    }
    return profile


def _account(candidate: Candidate) -> dict[str, Any] | None:
    user = candidate.user
    if user is None:
        return None
    token = getattr(user, "auth_token", None)
    return {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": user.role,
        "is_active": user.is_active,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "api_token": None
        if token is None
        else {"created": _iso(token.created), "expires_at": _iso(token_expires_at(token))},
    }


def _sensitive_attributes(candidate: Candidate) -> dict[str, Any] | None:
    attributes = CandidateSensitiveAttributes.objects.filter(candidate=candidate).first()
    if attributes is None:
        return None
    return {
        "gender": attributes.gender,
        "nationality": attributes.nationality,
        "ethnicity": attributes.ethnicity,
        "birth_year": attributes.birth_year,
        "declared_at": _iso(attributes.created_at),
        "updated_at": _iso(attributes.updated_at),
    }


def _documents(candidate: Candidate) -> list[dict[str, Any]]:
    return [
        {
            "original_name": document.original_name,
            "content_type": document.content_type,
            "size": document.size,
            "sha256": document.sha256,
            "page_count": document.page_count,
            "uploaded_at": _iso(document.created_at),
            "parse_status": document.parse_status,
            "is_selected": document.is_selected,
            "error_message": document.error_message,
            "extracted_text": document.extracted_text,
            "profile": document.profile,
        }
        for document in candidate.documents.order_by("created_at", "pk")
    ]


def _applications(candidate: Candidate) -> list[dict[str, Any]]:
    applications = (
        candidate.applications.select_related("vacancy")
        .prefetch_related("status_changes__changed_by", "emails", "interviews")
        .order_by("created_at", "pk")
    )
    return [
        {
            "id": application.pk,
            "vacancy": application.vacancy.title,
            "vacancy_id": application.vacancy_id,
            "status": application.status,
            "source": application.source,
            "created_at": _iso(application.created_at),
            "history": [
                {
                    "from": change.from_status,
                    "to": change.to_status,
                    "at": _iso(change.changed_at),
                    "reason": change.reason,
                    "by": _role(change.changed_by, candidate=candidate),
                    "candidate_notified": change.candidate_notified,
                }
                for change in application.status_changes.all()
            ],
            # The e-mails sent to the candidate (not those to interviewers) and the interviews.
            "emails": [
                {
                    "kind": email.kind,
                    "subject": email.subject,
                    "recipient": email.recipient,
                    "status": email.status,
                    "sent_at": _iso(email.sent_at),
                }
                for email in sorted(application.emails.all(), key=lambda row: row.pk)
                if email.is_to_candidate
            ],
            "interviews": [
                {
                    "starts_at": _iso(interview.starts_at),
                    "ends_at": _iso(interview.ends_at),
                    "location": interview.location,
                    "meeting_link": interview.meeting_link,
                }
                for interview in sorted(application.interviews.all(), key=lambda row: row.pk)
            ],
        }
        for application in applications
    ]


def _override_history(
    candidate: Candidate, events: list[AuditEvent]
) -> dict[str, list[dict[str, Any]]]:
    history: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        if event.action == AuditEvent.Action.SCORE_OVERRIDE:
            history.setdefault(event.target_id, []).append(
                {
                    "at": _iso(event.created_at),
                    "by": _role(event.actor, candidate=candidate),
                    "previous_override": event.detail.get("previous_override"),
                    "override": event.detail.get("override"),
                    "reason": event.detail.get("reason", ""),
                }
            )
    return history


def _scores(candidate: Candidate, events: list[AuditEvent]) -> list[dict[str, Any]]:
    overrides = _override_history(candidate, events)
    scores = MatchScore.objects.filter(candidate=candidate).select_related("vacancy", "override_by")
    return [
        {
            "vacancy": score.vacancy.title,
            "vacancy_id": score.vacancy_id,
            "application_id": score.application_id,
            "model_version": score.model_version,
            "scored_at": _iso(score.updated_at),
            "score": score.score,
            "bucket": score.bucket,
            "effective_score": score.effective_score,
            "explanation": {
                "breakdown": score.features,
                "matched_skills": score.matched_skills,
                "missing_skills": score.missing_skills,
                "missing_categories": score.missing_categories,
                "recommendations": score.recommendations,
                "candidate_domain": score.candidate_domain,
                "vacancy_domain": score.vacancy_domain,
            },
            "override": None
            if score.override_score is None and not score.override_reason
            else {
                "score": score.override_score,
                "reason": score.override_reason,
                "by": _role(score.override_by, candidate=candidate),
            },
            "override_history": overrides.get(str(score.pk), []),
        }
        for score in scores.order_by("vacancy_id", "model_version", "pk")
    ]


def _access_log(candidate: Candidate, events: list[AuditEvent]) -> list[dict[str, Any]]:
    return [
        {
            "at": _iso(event.created_at),
            "action": event.action,
            "what": event.get_action_display(),
            "subject": event.target_type,
            "by": _role(event.actor, candidate=candidate),
        }
        for event in events
    ]


def candidate_export(*, candidate: Candidate, exported_by: User | None = None) -> dict[str, Any]:
    """Everything FairMatch holds about a candidate, as JSON-ready data; the export is logged.

    Declared sensitive attributes are included only when the candidate exports their own data.
    """
    audit_event_record(
        actor=exported_by,
        action=AuditEvent.Action.DATA_EXPORT,
        target_type="candidate",
        target_id=candidate.pk,
    )
    is_own = exported_by is not None and exported_by.pk == candidate.user_id
    events = list(candidate_audit_trail(candidate=candidate))
    return {
        "format_version": EXPORT_FORMAT_VERSION,
        "profile": _profile(candidate),
        "account": _account(candidate),
        "consent": {
            "version": candidate.consent_version,
            "given_at": _iso(candidate.consent_given_at),
            "retention_notice_sent_at": _iso(candidate.retention_notice_sent_at),
        },
        "sensitive_attributes": _sensitive_attributes(candidate) if is_own else None,
        "documents": _documents(candidate),
        "applications": _applications(candidate),
        "scores": _scores(candidate, events),
        "scoring_logic": {"description": SCORING_LOGIC, "scorer_version": SCORER_VERSION},
        "access_log": _access_log(candidate, events),
    }
