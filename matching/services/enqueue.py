"""The one place matching services enqueue Celery work: by task name, after commit.

Tasks call services (``matching.tasks`` imports ``runs`` and ``reaper``), so a service that
imported the tasks module would close a cycle. Sending by registered name keeps the imports one
way; the worker resolves the name, and ``tests/matching/test_scoring_enqueue.py`` pins it.
"""

from functools import partial

from celery import current_app
from django.db import transaction

SCORE_BATCH_TASK = "matching.tasks.score_batch_task"


def score_batch_enqueue(*, batch_id: int) -> None:
    """Send one scoring batch to the worker once the current transaction commits."""
    transaction.on_commit(partial(current_app.send_task, SCORE_BATCH_TASK, args=(batch_id,)))
