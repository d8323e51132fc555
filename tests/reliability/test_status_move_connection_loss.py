"""Fault injection: the database connection dies in the middle of an application status move.

The move writes three rows (the application's status, a history row, an audit event). The test
kills the session's PostgreSQL backend from a second connection just before one of the later
writes, so the status UPDATE has already been sent. The move must fail loudly, and after a
reconnect nothing of it may be visible: same status, no history row, no audit event.

PostgreSQL only: SQLite has no server backend to terminate.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import OperationalError, connection, connections

from ats_site.accounts import audit
from ats_site.accounts.models import AuditEvent, User
from ats_site.accounts.roles import sync_role_groups
from tests.factories import CandidateFactory, VacancyFactory
from vacancies import services
from vacancies.models import Application, ApplicationStatusChange
from vacancies.services import application_create, application_move
from vacancies.workflow import ApplicationStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only(transactional_db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL (DATABASE_URL=postgres://...): the test terminates the server "
            f"backend of the session, which {connection.vendor} does not have"
        )
    # A transactional test's flush empties the role groups that user_create needs.
    sync_role_groups(Group, Permission)


def _terminate_backend(pid: int) -> None:
    """Kill the backend `pid` from a second, independent connection."""
    killer = connections.create_connection("default")
    try:
        with killer.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
            assert cursor.fetchone() == (True,)
    finally:
        killer.close()


def _killing_before(write: Callable[..., Any], pid: int) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _terminate_backend(pid)
        return write(*args, **kwargs)

    return wrapper


class _HistoryWriteKiller:
    """Stands in for `ApplicationStatusChange` in the service: kills, then writes."""

    def __init__(self, pid: int) -> None:
        self.objects = type(
            "Manager",
            (),
            {"create": staticmethod(_killing_before(ApplicationStatusChange.objects.create, pid))},
        )()


@pytest.mark.parametrize("killed_before", ["history row", "audit event"])
def test_a_move_cut_by_a_lost_connection_leaves_no_trace(
    recruiter: User, monkeypatch: pytest.MonkeyPatch, killed_before: str
) -> None:
    application = application_create(
        candidate=CandidateFactory.create(), vacancy=VacancyFactory.create(), created_by=recruiter
    )
    history_before = ApplicationStatusChange.objects.filter(application=application).count()
    audit_before = AuditEvent.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    if killed_before == "history row":
        monkeypatch.setattr(services, "ApplicationStatusChange", _HistoryWriteKiller(pid))
    else:
        record = _killing_before(audit.audit_event_record, pid)
        monkeypatch.setattr(services, "audit_event_record", record)

    with pytest.raises(OperationalError):
        application_move(
            application=application, to_status=ApplicationStatus.SCREENING, moved_by=recruiter
        )

    monkeypatch.undo()
    connection.close()  # the dead session; the next query reconnects
    stored = Application.objects.get(pk=application.pk)
    assert stored.status == ApplicationStatus.NEW
    assert ApplicationStatusChange.objects.filter(application=application).count() == (
        history_before
    )
    assert not ApplicationStatusChange.objects.filter(to_status=ApplicationStatus.SCREENING)
    assert AuditEvent.objects.count() == audit_before

    # The same move succeeds once the database is back, writing all three rows.
    application_move(application=stored, to_status=ApplicationStatus.SCREENING, moved_by=recruiter)
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.SCREENING
    assert (
        ApplicationStatusChange.objects.filter(to_status=ApplicationStatus.SCREENING).count() == 1
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.STATUS_CHANGE)
    assert event.detail == {"from": "new", "to": "screening"}
    assert event.actor == recruiter
