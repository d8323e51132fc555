"""Kanban and bulk moves go through `application_move` (history, audit) with an optional
status e-mail queued in the same transaction."""

import pytest

from ats_site.accounts.models import AuditEvent, Role
from ats_site.exceptions import ApplicationError, InvalidTransition
from tests.factories import ApplicationFactory, UserFactory, VacancyFactory
from vacancies.emails import EMAIL_TEMPLATE_MISSING
from vacancies.enqueue import APPLICATION_EMAIL_SEND_TASK
from vacancies.models import ApplicationEmail, ApplicationStatusChange
from vacancies.pipeline import (
    BULK_NOTHING_SELECTED,
    application_move_notify,
    applications_bulk_move,
    applications_bulk_reject,
)
from vacancies.services import APPLICATION_MOVE_INVALID, application_move
from vacancies.status_labels import StatusLabel

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter():
    return UserFactory(role=Role.RECRUITER)


def test_a_move_with_email_writes_history_audit_and_one_queued_email(
    recruiter, sent_tasks, django_capture_on_commit_callbacks
):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        application_move_notify(
            application=application, to_status="screening", moved_by=recruiter, send_email=True
        )

    change = ApplicationStatusChange.objects.get(application=application, to_status="screening")
    assert change.changed_by == recruiter
    assert change.candidate_notified is True
    event = AuditEvent.objects.get(action=AuditEvent.Action.STATUS_CHANGE)
    assert event.detail == {"from": "new", "to": "screening"}
    assert event.actor == recruiter
    email = ApplicationEmail.objects.get(application=application)
    assert email.status == ApplicationEmail.Status.QUEUED
    assert email.template.status == "screening"
    assert sent_tasks == [(APPLICATION_EMAIL_SEND_TASK, (email.pk,))]


def test_an_illegal_move_queues_no_email(recruiter, sent_tasks, django_capture_on_commit_callbacks):
    application = ApplicationFactory()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InvalidTransition):
        application_move_notify(
            application=application, to_status="hired", moved_by=recruiter, send_email=True
        )

    application.refresh_from_db()
    assert application.status == "new"
    assert ApplicationEmail.objects.count() == 0
    assert sent_tasks == []


def test_a_move_asking_for_a_missing_template_is_refused_before_it_moves(recruiter):
    application = ApplicationFactory()

    with pytest.raises(ApplicationError) as raised:
        application_move_notify(
            application=application,
            to_status="phone_screen_pending",
            moved_by=recruiter,
            send_email=True,
        )

    assert raised.value.message == EMAIL_TEMPLATE_MISSING.format(
        status=StatusLabel("phone_screen_pending")
    )
    application.refresh_from_db()
    assert application.status == "new"
    assert application.status_changes.count() == 0  # the factory wrote no creation row
    assert AuditEvent.objects.count() == 0


def test_a_move_without_email_sends_nothing(recruiter, sent_tasks):
    application = ApplicationFactory()

    application_move_notify(application=application, to_status="screening", moved_by=recruiter)

    assert ApplicationEmail.objects.count() == 0
    assert application.status_changes.get().candidate_notified is False


def test_bulk_move_moves_the_allowed_and_reports_the_refused(recruiter):
    vacancy = VacancyFactory()
    fresh = ApplicationFactory.create_batch(2, vacancy=vacancy)
    hired = ApplicationFactory(vacancy=vacancy)
    for status in ("interview", "offer", "hired"):
        application_move(application=hired, to_status=status, moved_by=None)

    result = applications_bulk_move(
        applications=[*fresh, hired], to_status="interview", moved_by=recruiter, reason="round 1"
    )

    assert result.moved == (fresh[0].pk, fresh[1].pk)
    assert result.refused == {
        hired.pk: APPLICATION_MOVE_INVALID.format(
            source=StatusLabel("hired"), target=StatusLabel("interview")
        )
    }
    assert result.emails_queued == 0
    for application in fresh:
        application.refresh_from_db()
        assert application.status == "interview"
        assert application.status_changes.get().reason == "round 1"
    hired.refresh_from_db()
    assert hired.status == "hired"


def test_bulk_reject_with_email_queues_one_email_each(
    recruiter, sent_tasks, run_sent_tasks, django_capture_on_commit_callbacks
):
    applications = ApplicationFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        result = applications_bulk_reject(
            applications=applications, rejected_by=recruiter, send_email=True
        )

    assert result.emails_queued == 3
    assert len(result.moved) == 3
    assert [name for name, _ in sent_tasks] == [APPLICATION_EMAIL_SEND_TASK] * 3
    assert run_sent_tasks() == ["sent", "sent", "sent"]
    assert set(ApplicationEmail.objects.values_list("application__status", "status")) == {
        ("rejected", "sent")
    }
    assert AuditEvent.objects.filter(action=AuditEvent.Action.STATUS_CHANGE).count() == 3


def test_bulk_with_nothing_selected_is_refused(recruiter):
    with pytest.raises(ApplicationError) as raised:
        applications_bulk_move(applications=[], to_status="screening", moved_by=recruiter)

    assert raised.value.message == BULK_NOTHING_SELECTED
