"""The one place matching services enqueue Celery work: by task name, after commit.

Tasks call services (``matching.tasks`` imports ``runs`` and ``reaper``), so a service that
imported the tasks module would close a cycle. Sending by registered name keeps the imports one
way; the worker resolves the name, and ``tests/matching/test_scoring_enqueue.py`` pins it.
"""

from functools import partial

from celery import current_app
from django.conf import settings
from django.db import transaction

SCORE_BATCH_TASK = "matching.tasks.score_batch_task"


def score_batch_enqueue(*, batch_id: int) -> None:
    """Send one scoring batch to the worker once the current transaction commits."""
    transaction.on_commit(partial(current_app.send_task, SCORE_BATCH_TASK, args=(batch_id,)))


CANDIDATE_OCCUPATIONS_TASK = "matching.tasks.candidate_occupations_read_task"
VACANCY_OCCUPATIONS_TASK = "matching.tasks.vacancy_occupations_read_task"


def candidate_occupations_enqueue(*, candidate_id: int) -> None:
    """Read a candidate's occupations in the worker once the current transaction commits."""
    if settings.MATCHING_OCCUPATIONS_ENABLED:
        send = partial(current_app.send_task, CANDIDATE_OCCUPATIONS_TASK, args=(candidate_id,))
        transaction.on_commit(send)


def vacancy_occupations_enqueue(*, vacancy_id: int) -> None:
    """Read a vacancy's occupations in the worker once the current transaction commits."""
    if settings.MATCHING_OCCUPATIONS_ENABLED:
        send = partial(current_app.send_task, VACANCY_OCCUPATIONS_TASK, args=(vacancy_id,))
        transaction.on_commit(send)


RERANK_SCORES_TASK = "matching.tasks.rerank_scores_task"


def rerank_scores_enqueue(*, vacancy_id: int, candidate_ids: list[int]) -> None:
    """Compute and store cross-encoder scores in the worker once the transaction commits."""
    send = partial(current_app.send_task, RERANK_SCORES_TASK, args=(vacancy_id, candidate_ids))
    transaction.on_commit(send)
