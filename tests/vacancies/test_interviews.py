"""Interview scheduling (slot, staff interviewers, .ics invitations e-mailed to everyone) and
interviewers' scorecards."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from ats_site.accounts.models import AuditEvent, Role
from ats_site.exceptions import ApplicationError
from candidates.services import candidate_export
from tests.factories import ApplicationFactory, CandidateFactory, UserFactory
from vacancies.enqueue import APPLICATION_EMAIL_SEND_TASK
from vacancies.interview_calendar import interview_ics
from vacancies.interviews import (
    FEEDBACK_NOT_INTERVIEWER,
    FEEDBACK_RATINGS_INVALID,
    INTERVIEW_ENDS_BEFORE_START,
    INTERVIEW_NEEDS_INTERVIEWERS,
    INTERVIEWER_NOT_STAFF,
    NotAnInterviewer,
    interview_feedback_average,
    interview_feedback_submit,
    interview_schedule,
)
from vacancies.models import ApplicationEmail, Interview, InterviewFeedback

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 10, 13, 30, tzinfo=UTC)
GOOD_RATINGS = {"skills": 4, "experience": 3, "communication": 5, "motivation": 4}


@pytest.fixture
def staff():
    return (
        UserFactory(role=Role.RECRUITER, first_name="Rita", last_name="Cruz"),
        UserFactory(role=Role.HR_ADMIN),
    )


@pytest.fixture
def application():
    candidate = CandidateFactory(first_name="Aïcha", last_name="Benali", language="fr")
    return ApplicationFactory(candidate=candidate, vacancy__title="Data engineer")


def _schedule(application, people, **overrides):
    fields = {
        "application": application,
        "starts_at": START,
        "ends_at": START + timedelta(hours=1),
        "interviewers": list(people),
        "scheduled_by": people[0],
        "location": "3 rue de la Paix, Lyon",
        "meeting_link": "https://meet.example/abc",
    }
    return interview_schedule(**{**fields, **overrides})


def test_scheduling_emails_the_invitation_to_the_candidate_and_each_interviewer(
    application, staff, sent_tasks, run_sent_tasks, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        interview = _schedule(application, staff)

    assert [name for name, _ in sent_tasks] == [APPLICATION_EMAIL_SEND_TASK] * 3
    assert run_sent_tasks() == ["sent", "sent", "sent"]
    emails = ApplicationEmail.objects.filter(interview=interview).order_by("pk")
    assert [(e.recipient, e.is_to_candidate, e.language) for e in emails] == [
        (application.candidate.email, True, "fr"),
        (staff[0].email, False, "en"),
        (staff[1].email, False, "en"),
    ]
    assert {e.status for e in emails} == {ApplicationEmail.Status.SENT}
    candidate_message = mail.outbox[0]
    assert candidate_message.subject == "Entretien : Data engineer"
    [(filename, content, mimetype)] = candidate_message.attachments
    assert filename == "invite.ics"
    assert mimetype.startswith("text/calendar")
    assert "METHOD:REQUEST" in content
    assert f"UID:interview-{interview.pk}@fairmatch" in content
    assert "DTSTART:20261210T133000Z" in content
    assert mail.outbox[1].subject == "Interview: Data engineer"


def test_scheduling_writes_an_audit_event_with_the_slot_and_interviewers(application, staff):
    interview = _schedule(application, staff, send_invites=False)

    event = AuditEvent.objects.get(action=AuditEvent.Action.INTERVIEW_SCHEDULE)
    assert (event.actor, event.target_type, event.target_id) == (
        staff[0],
        "interview",
        str(interview.pk),
    )
    assert event.detail == {
        "application": application.pk,
        "starts_at": "2026-12-10T13:30:00+00:00",
        "ends_at": "2026-12-10T14:30:00+00:00",
        "interviewers": sorted(user.pk for user in staff),
        "invites_sent": False,
    }


def test_a_refused_slot_writes_no_audit_event(application, staff):
    with pytest.raises(ApplicationError):
        _schedule(application, staff, ends_at=START)

    assert not AuditEvent.objects.filter(action=AuditEvent.Action.INTERVIEW_SCHEDULE).exists()


def test_the_downloadable_ics_lists_every_attendee(application, staff):
    interview = _schedule(application, staff, send_invites=False)

    text = interview_ics(interview=interview, language="en").replace("\r\n ", "")

    assert ApplicationEmail.objects.count() == 0
    for email in (application.candidate.email, staff[0].email, staff[1].email):
        assert f"mailto:{email}\r\n" in text
    assert 'CN="Rita Cruz"' in text
    assert "SUMMARY:Interview: Data engineer" in text
    assert "URL:https://meet.example/abc" in text


@pytest.mark.parametrize(
    ("case", "overrides", "message"),
    [
        ("ends_before_start_case", {"ends_at": START}, INTERVIEW_ENDS_BEFORE_START),
        ("no_interviewer_case", {"interviewers": []}, INTERVIEW_NEEDS_INTERVIEWERS),
    ],
)
def test_invalid_slots_are_refused(application, staff, case, overrides, message):
    with pytest.raises(ApplicationError) as raised:
        _schedule(application, staff, **overrides)

    assert raised.value.message == message
    assert Interview.objects.count() == 0


def test_a_candidate_login_cannot_be_an_interviewer(application, staff):
    candidate_login = UserFactory(role=Role.CANDIDATE)

    with pytest.raises(ApplicationError) as raised:
        _schedule(application, [staff[0], candidate_login])

    assert raised.value.message == INTERVIEWER_NOT_STAFF
    assert Interview.objects.count() == 0
    assert ApplicationEmail.objects.count() == 0


def test_an_interviewer_submits_and_then_replaces_their_scorecard(application, staff):
    interview = _schedule(application, staff, send_invites=False)

    interview_feedback_submit(
        interview=interview, interviewer=staff[0], ratings=GOOD_RATINGS, recommendation="yes"
    )
    feedback = interview_feedback_submit(
        interview=interview,
        interviewer=staff[0],
        ratings={**GOOD_RATINGS, "skills": 5},
        recommendation="strong_yes",
        notes="Clear on data modelling.",
    )

    assert InterviewFeedback.objects.count() == 1
    feedback.refresh_from_db()
    assert feedback.ratings == {**GOOD_RATINGS, "skills": 5}
    assert feedback.recommendation == "strong_yes"
    assert feedback.notes == "Clear on data modelling."
    assert interview_feedback_average(feedback) == 4.25  # (5 + 3 + 5 + 4) / 4


def test_only_the_interviews_interviewers_give_feedback(application, staff):
    interview = _schedule(application, [staff[0]], send_invites=False)

    with pytest.raises(NotAnInterviewer) as raised:
        interview_feedback_submit(
            interview=interview, interviewer=staff[1], ratings=GOOD_RATINGS, recommendation="no"
        )

    assert raised.value.message == FEEDBACK_NOT_INTERVIEWER
    assert InterviewFeedback.objects.count() == 0


@pytest.mark.parametrize(
    ("case", "ratings"),
    [
        ("missing_criterion_case", {"skills": 3, "experience": 3, "communication": 3}),
        ("zero_case", {**GOOD_RATINGS, "skills": 0}),
        ("six_case", {**GOOD_RATINGS, "motivation": 6}),
        ("text_case", {**GOOD_RATINGS, "skills": "4"}),
        ("bool_case", {**GOOD_RATINGS, "skills": True}),
        ("unknown_criterion_case", {**GOOD_RATINGS, "luck": 3}),
    ],
)
def test_ratings_are_one_to_five_on_every_criterion(application, staff, case, ratings):
    interview = _schedule(application, staff, send_invites=False)

    with pytest.raises(ApplicationError) as raised:
        interview_feedback_submit(
            interview=interview, interviewer=staff[0], ratings=ratings, recommendation="yes"
        )

    assert raised.value.message == FEEDBACK_RATINGS_INVALID
    assert InterviewFeedback.objects.count() == 0


def test_the_candidates_export_lists_their_interviews_and_invitation(application, staff):
    interview = _schedule(application, staff)

    [exported] = candidate_export(candidate=application.candidate)["applications"]

    assert exported["interviews"] == [
        {
            "starts_at": interview.starts_at.isoformat(),
            "ends_at": interview.ends_at.isoformat(),
            "location": "3 rue de la Paix, Lyon",
            "meeting_link": "https://meet.example/abc",
        }
    ]
    # Only the candidate's own invitation, not the interviewers'.
    assert [(e["kind"], e["recipient"]) for e in exported["emails"]] == [
        ("interview_invite", application.candidate.email)
    ]
