"""Audit log retention: at least six months (EU AI Act Art. 26(6)), purged past the setting."""

import os
import subprocess
import sys
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from ats_site.accounts.audit import audit_event_record, audit_events_purge
from ats_site.accounts.models import AUDIT_EVENT_IMMUTABLE, AuditEvent, User
from ats_site.accounts.tasks import audit_events_purge_task
from ats_site.settings.celery import CELERY_BEAT_SCHEDULE
from tests.conftest import REPO_ROOT

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=timezone.get_fixed_timezone(0))


def _event_aged(days: float, *, now: datetime = NOW, actor: User | None = None) -> AuditEvent:
    event = audit_event_record(actor=actor, action=AuditEvent.Action.SCORE_VIEW, target_id=days)
    # Back-dating is test-only: the base manager bypasses the append-only guard on purpose.
    AuditEvent._base_manager.filter(pk=event.pk).update(created_at=now - timedelta(days=days))
    return event


def _check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "ats_site.settings.base", **env},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_retention_under_six_months_is_refused_at_startup() -> None:
    result = _check({"FAIRMATCH_AUDIT_RETENTION_DAYS": "182"})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "FAIRMATCH_AUDIT_RETENTION_DAYS=182 is too short" in result.stderr
    assert "at least six months (183 days)" in result.stderr


def test_six_months_is_accepted_and_the_default_is_a_year() -> None:
    assert _check({"FAIRMATCH_AUDIT_RETENTION_DAYS": "183"}).returncode == 0
    env = {k: v for k, v in os.environ.items() if k != "FAIRMATCH_AUDIT_RETENTION_DAYS"}
    printed = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ats_site.settings import base; print(base.FAIRMATCH_AUDIT_RETENTION_DAYS)",
        ],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert printed.stdout.strip() == "365"


@pytest.mark.django_db
def test_purge_deletes_only_events_older_than_the_retention(settings) -> None:
    settings.FAIRMATCH_AUDIT_RETENTION_DAYS = 200
    kept = [_event_aged(days) for days in (0, 1, 199, 200)]  # 200 days exactly: still kept
    old = [_event_aged(days) for days in (200.0001, 201, 5000)]

    deleted = audit_events_purge(now=NOW)

    assert deleted == len(old)
    assert set(AuditEvent.objects.values_list("pk", flat=True)) == {event.pk for event in kept}
    assert audit_events_purge(now=NOW) == 0  # idempotent


@pytest.mark.django_db
def test_purge_uses_the_default_year(recruiter: User) -> None:
    young = _event_aged(364, now=timezone.now(), actor=recruiter)
    _event_aged(366, now=timezone.now(), actor=recruiter)

    assert audit_events_purge_task() == 1
    assert list(AuditEvent.objects.all()) == [young]


def test_the_purge_runs_daily_from_celery_beat() -> None:
    entry = CELERY_BEAT_SCHEDULE["audit-log-retention"]
    assert entry["task"] == "ats_site.accounts.tasks.audit_events_purge_task"
    assert audit_events_purge_task.name == entry["task"]
    schedule = entry["schedule"]
    assert schedule.day_of_week == set(range(7))  # type: ignore[attr-defined]
    assert len(schedule.hour) == 1  # type: ignore[attr-defined]


@pytest.mark.django_db
def test_audit_events_stay_append_only(recruiter: User) -> None:
    event = audit_event_record(actor=recruiter, action=AuditEvent.Action.SENSITIVE_READ)

    event.detail = {"tampered": True}
    with pytest.raises(PermissionError, match=AUDIT_EVENT_IMMUTABLE):
        event.save()
    with pytest.raises(PermissionError, match=AUDIT_EVENT_IMMUTABLE):
        AuditEvent.objects.filter(pk=event.pk).update(detail={"tampered": True})

    event.refresh_from_db()
    assert event.detail == {}
