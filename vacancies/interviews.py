"""Interview scheduling (a slot, interviewers, an e-mailed .ics) and interviewers' scorecards."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext_noop

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User
from ats_site.exceptions import ApplicationError
from vacancies.emails import interview_invites_queue
from vacancies.models import Application, Interview, InterviewFeedback

SCORECARD_CRITERIA: tuple[str, ...] = ("skills", "experience", "communication", "motivation")
RATING_MIN, RATING_MAX = 1, 5
INTERVIEW_ENDS_BEFORE_START = gettext_noop("An interview must end after it starts.")
INTERVIEW_NEEDS_INTERVIEWERS = gettext_noop("Choose at least one interviewer.")
INTERVIEWER_NOT_STAFF = gettext_noop("Interviewers must be recruiters or HR admins.")
INTERVIEW_CANDIDATE_ERASED = gettext_noop(
    "This candidate's data was erased: no interview can be scheduled."
)
FEEDBACK_NOT_INTERVIEWER = gettext_noop("Only the interview's interviewers can give feedback.")
FEEDBACK_RATINGS_INVALID = gettext_noop("Rate every criterion from 1 to 5.")
FEEDBACK_RECOMMENDATION_INVALID = gettext_noop("Choose a recommendation.")


class NotAnInterviewer(ApplicationError):
    status_code = 403


@transaction.atomic
def interview_schedule(
    *,
    application: Application,
    starts_at: datetime,
    ends_at: datetime,
    interviewers: Sequence[User],
    scheduled_by: User | None,
    location: str = "",
    meeting_link: str = "",
    send_invites: bool = True,
) -> Interview:
    """Schedule an interview and (by default) queue its .ics invitation to everyone."""
    if application.candidate.is_anonymised:
        raise ApplicationError(INTERVIEW_CANDIDATE_ERASED, {"application": application.pk})
    if ends_at <= starts_at:
        raise ApplicationError(INTERVIEW_ENDS_BEFORE_START)
    if not interviewers:
        raise ApplicationError(INTERVIEW_NEEDS_INTERVIEWERS)
    if any(not user.is_staff_member for user in interviewers):
        raise ApplicationError(INTERVIEWER_NOT_STAFF)
    interview = Interview(
        application=application,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        meeting_link=meeting_link,
        scheduled_by=scheduled_by,
    )
    interview.full_clean()
    interview.save()
    interview.interviewers.set(interviewers)
    # Deployers' log (EU AI Act Art. 26): who scheduled whom, when and with which interviewers.
    audit_event_record(
        actor=scheduled_by,
        action=AuditEvent.Action.INTERVIEW_SCHEDULE,
        target_type="interview",
        target_id=interview.pk,
        detail={
            "application": application.pk,
            "starts_at": starts_at.isoformat(),
            "ends_at": ends_at.isoformat(),
            "interviewers": sorted(user.pk for user in interviewers),
            "invites_sent": send_invites,
        },
    )
    if send_invites:
        interview_invites_queue(interview=interview, queued_by=scheduled_by)
    return interview


def _ratings_clean(ratings: Mapping[str, object]) -> dict[str, int]:
    if set(ratings) != set(SCORECARD_CRITERIA):
        raise ApplicationError(FEEDBACK_RATINGS_INVALID, {"criteria": list(SCORECARD_CRITERIA)})
    cleaned: dict[str, int] = {}
    for criterion in SCORECARD_CRITERIA:
        value = ratings[criterion]
        if isinstance(value, bool) or not isinstance(value, int):
            raise ApplicationError(FEEDBACK_RATINGS_INVALID, {"criterion": criterion})
        if not RATING_MIN <= value <= RATING_MAX:
            raise ApplicationError(FEEDBACK_RATINGS_INVALID, {"criterion": criterion})
        cleaned[criterion] = value
    return cleaned


@transaction.atomic
def interview_feedback_submit(
    *,
    interview: Interview,
    interviewer: User,
    ratings: Mapping[str, object],
    recommendation: str,
    notes: str = "",
) -> InterviewFeedback:
    """Store (or replace) one interviewer's scorecard for the interview."""
    if not interview.interviewers.filter(pk=interviewer.pk).exists():
        raise NotAnInterviewer(FEEDBACK_NOT_INTERVIEWER, {"interview": interview.pk})
    if recommendation not in InterviewFeedback.Recommendation.values:
        raise ApplicationError(FEEDBACK_RECOMMENDATION_INVALID)
    feedback, _ = InterviewFeedback.objects.update_or_create(
        interview=interview,
        interviewer=interviewer,
        defaults={
            "ratings": _ratings_clean(ratings),
            "recommendation": recommendation,
            "notes": notes,
        },
    )
    return feedback


def interview_feedback_average(feedback: InterviewFeedback) -> float:
    """The mean of a scorecard's ratings."""
    values = [int(value) for value in feedback.ratings.values()]
    return round(sum(values) / len(values), 2) if values else 0.0
