"""Erasure and the hiring workflow: the e-mail log keeps its rows but forgets the candidate,
mail still queued is never sent, interview places and scorecard notes are redacted."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail

from ats_site.accounts.models import AuditEvent, Role
from ats_site.common.personal_terms import REDACTED
from candidates.services import candidate_erase
from candidates.services.hiring_erasure import EMAIL_CANCELLED_BY_ERASURE
from tests.factories import ApplicationFactory, CandidateFactory, UserFactory
from vacancies.emails import application_email_send, application_status_email_queue
from vacancies.interviews import interview_feedback_submit, interview_schedule
from vacancies.models import ApplicationEmail, InterviewFeedback
from vacancies.services import application_move

pytestmark = pytest.mark.django_db

START = datetime(2026, 12, 10, 13, 30, tzinfo=UTC)
RATINGS = {"skills": 4, "experience": 4, "communication": 3, "motivation": 5}


@pytest.fixture
def hiring_round():
    recruiter = UserFactory(role=Role.RECRUITER)
    candidate = CandidateFactory(
        first_name="Hendrika", last_name="Zwart", email="hz@example.org", city="Vlissingen"
    )
    application = ApplicationFactory(candidate=candidate, vacancy__title="Data engineer")
    other = ApplicationFactory(vacancy=application.vacancy)
    application_move(application=application, to_status="screening", moved_by=recruiter)
    application_move(application=other, to_status="screening", moved_by=recruiter)
    sent = application_status_email_queue(application=application, queued_by=recruiter)
    application_email_send(email_id=sent.pk)
    interview = interview_schedule(
        application=application,
        starts_at=START,
        ends_at=START + timedelta(hours=1),
        interviewers=[recruiter],
        scheduled_by=recruiter,
        location="Vlissingen harbour, ask for Hendrika",
    )
    interview_feedback_submit(
        interview=interview,
        interviewer=recruiter,
        ratings=RATINGS,
        recommendation="yes",
        notes="Hendrika Zwart explained the sediment model well.",
    )
    others_email = application_status_email_queue(application=other, queued_by=recruiter)
    return candidate, sent, interview, others_email


def test_erasure_pseudonymises_the_email_log_and_cancels_pending_mail(
    hiring_round, django_capture_on_commit_callbacks
):
    candidate, sent, interview, others_email = hiring_round
    invites = ApplicationEmail.objects.filter(interview=interview)
    assert set(invites.values_list("status", flat=True)) == {"queued"}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        candidate_erase(candidate=candidate)

    sent.refresh_from_db()
    assert sent.status == ApplicationEmail.Status.SENT  # what happened stays on record
    assert sent.sent_at is not None
    assert sent.recipient == f"erased-{candidate.pk}@erased.invalid"
    to_candidate = invites.get(is_to_candidate=True)
    assert to_candidate.status == ApplicationEmail.Status.CANCELLED
    assert to_candidate.error_message == EMAIL_CANCELLED_BY_ERASURE
    assert to_candidate.recipient == f"erased-{candidate.pk}@erased.invalid"
    to_interviewer = invites.get(is_to_candidate=False)
    assert to_interviewer.status == ApplicationEmail.Status.CANCELLED
    for email in invites:
        assert application_email_send(email_id=email.pk).status == "cancelled"
    assert mail.outbox == []
    assert not ApplicationEmail.objects.filter(recipient="hz@example.org").exists()
    others_email.refresh_from_db()
    assert others_email.status == ApplicationEmail.Status.QUEUED  # someone else's mail


def test_erasure_redacts_interview_places_and_scorecard_notes(
    hiring_round, django_capture_on_commit_callbacks
):
    candidate, _, interview, _ = hiring_round

    with django_capture_on_commit_callbacks(execute=True):
        candidate_erase(candidate=candidate)

    interview.refresh_from_db()
    assert interview.location == f"{REDACTED} harbour, ask for {REDACTED}"
    feedback = InterviewFeedback.objects.get(interview=interview)
    assert feedback.notes == f"{REDACTED} explained the sediment model well."
    assert feedback.ratings == RATINGS  # the scorecard itself stays, anonymous
    erasure = AuditEvent.objects.get(action=AuditEvent.Action.DATA_ERASURE)
    assert erasure.detail["emails_cancelled"] == 2
    assert erasure.detail["redacted_feedback"] == 1
