"""The scoring reaper on beat (issue #21 item 2): a batch whose worker was lost (its attempt
older than the task time limit) is enqueued again once; one still inside its attempt is left to
its worker; one past its attempts fails its run with the reason; and the crash-safety settings
that give Redis and RabbitMQ redelivery are in place."""

import os
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from ats_site.celery import app as celery_app
from ats_site.settings import celery as celery_settings
from matching.models import ScoringBatch, ScoringRun
from matching.services.enqueue import SCORE_BATCH_TASK
from matching.services.reaper import scoring_stalled_reap
from matching.services.runs import scoring_run_start
from tests.factories import ApplicationFactory, VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued(monkeypatch):  # type: ignore[no-untyped-def]
    published: list[int] = []

    def send_task(name: str, args: tuple[int, ...] = (), **_: object) -> None:
        assert name == SCORE_BATCH_TASK
        published.extend(args)

    monkeypatch.setattr(celery_app, "send_task", send_task)
    return published


@pytest.fixture
def run(settings) -> ScoringRun:  # type: ignore[no-untyped-def]
    settings.FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS = 60
    settings.FAIRMATCH_TASK_MAX_ATTEMPTS = 3
    vacancy = VacancyFactory()
    ApplicationFactory(vacancy=vacancy)
    return scoring_run_start(vacancy=vacancy)


def _attempted(run: ScoringRun, *, attempts: int, seconds_ago: float) -> ScoringBatch:
    """The state a worker SIGKILLed inside the batch leaves: pending, attempt counted."""
    ScoringRun.objects.filter(pk=run.pk).update(status=ScoringRun.Status.RUNNING)
    batch = run.batches.get()
    ScoringBatch.objects.filter(pk=batch.pk).update(
        attempts=attempts, attempted_at=timezone.now() - timedelta(seconds=seconds_ago)
    )
    return batch


def test_a_batch_whose_worker_was_lost_is_enqueued_again_once(
    run, enqueued, django_capture_on_commit_callbacks
) -> None:
    batch = _attempted(run, attempts=1, seconds_ago=120)

    with django_capture_on_commit_callbacks(execute=True):
        first = scoring_stalled_reap()
    with django_capture_on_commit_callbacks(execute=True):
        second = scoring_stalled_reap()  # the clock restarted: not again at the next beat

    assert (first.requeued, first.failed) == (1, 0)
    assert (second.requeued, second.failed) == (0, 0)
    assert enqueued == [batch.pk]


def test_a_batch_inside_its_attempt_is_left_to_its_worker(
    run, enqueued, django_capture_on_commit_callbacks
) -> None:
    _attempted(run, attempts=1, seconds_ago=30)

    with django_capture_on_commit_callbacks(execute=True):
        result = scoring_stalled_reap()

    assert (result.requeued, result.failed) == (0, 0)
    assert enqueued == []


def test_a_batch_past_its_attempts_fails_its_run_with_the_reason(run, enqueued) -> None:
    _attempted(run, attempts=3, seconds_ago=120)

    result = scoring_stalled_reap()

    run.refresh_from_db()
    assert (result.requeued, result.failed) == (0, 1)
    assert run.status == ScoringRun.Status.FAILED
    # Counted from 1 for people (it said "Batch 0" for a run's first batch).
    assert run.message.startswith("Batch 1 was started 3 times without finishing")
    assert enqueued == []


def test_redelivery_and_the_reapers_are_configured() -> None:
    schedule = {entry["task"] for entry in django_settings.CELERY_BEAT_SCHEDULE.values()}

    assert django_settings.CELERY_TASK_ACKS_LATE is True
    assert django_settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert django_settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    # By default an attempt counts as lost only after the hard time limit, which no live task
    # outlives (the crash tests shorten both through the environment).
    if "FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS" not in os.environ:
        assert celery_settings.FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS == (
            celery_settings.CELERY_TASK_TIME_LIMIT
        )
    assert {
        "matching.tasks.stale_scores_refresh_task",
        "matching.tasks.scoring_stalled_reap_task",
        "candidates.tasks.cv_extractions_stalled_reap_task",
        "candidates.tasks.upload_temp_files_cleanup_task",
    } <= schedule
