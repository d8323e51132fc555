"""Services enqueue scoring batches by task name: the name must be the registered task's."""

from unittest import mock

import pytest

from ats_site.celery import app as celery_app
from matching.models import ScoringRun
from matching.services.enqueue import SCORE_BATCH_TASK
from matching.services.runs import scoring_run_start
from matching.tasks import score_batch_task
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_score_batch_task_is_registered_under_the_enqueued_name():
    assert score_batch_task.name == SCORE_BATCH_TASK
    assert celery_app.tasks[SCORE_BATCH_TASK].name == score_batch_task.name


def test_run_start_sends_each_batch_after_commit_only(django_capture_on_commit_callbacks):
    ApplicationFactory.create_batch(3)
    with mock.patch.object(celery_app, "send_task") as send_task:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            run = scoring_run_start(batch_size=2)
        assert send_task.call_count == 0  # nothing leaves before the transaction commits
        for callback in callbacks:
            callback()

    batch_ids = list(run.batches.order_by("index").values_list("pk", flat=True))
    assert run.status == ScoringRun.Status.PENDING
    assert len(batch_ids) == 2
    assert send_task.call_args_list == [
        mock.call(SCORE_BATCH_TASK, args=(batch_id,)) for batch_id in batch_ids
    ]
