"""Celery tasks of the matching engine (queue "gpu"): thin, idempotent, resumable."""

from typing import Any

from celery import shared_task
from django.db import OperationalError

from matching.services.batches import scoring_batch_run
from matching.services.occupations import candidate_occupations_read, vacancy_occupations_read
from matching.services.reaper import scoring_stalled_reap
from matching.services.runs import stale_scores_refresh
from matching.services.stage_two import rerank_scores_store

# Idempotent work, acknowledged once done; a lost database connection is retried with backoff.
RETRIED_ON_DATABASE_ERRORS: dict[str, Any] = {
    "bind": True,
    "acks_late": True,
    "autoretry_for": (OperationalError,),
    "retry_backoff": True,
    "max_retries": 3,
}


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
def score_batch_task(self, batch_id: int) -> int:  # type: ignore[no-untyped-def]
    """Score one batch of applications; a batch already done is skipped."""
    return scoring_batch_run(batch_id=batch_id)


@shared_task(acks_late=True)
def stale_scores_refresh_task() -> int | None:
    """Sweep: score new applications and those whose CV or vacancy changed."""
    run = stale_scores_refresh()
    return run.pk if run is not None else None


@shared_task(acks_late=True)
def scoring_stalled_reap_task() -> dict[str, int]:
    """Beat: batches whose worker was lost are enqueued again, or failed past their attempts."""
    result = scoring_stalled_reap()
    return {"requeued": result.requeued, "failed": result.failed}


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
def candidate_occupations_read_task(self, candidate_id: int) -> int | None:  # type: ignore[no-untyped-def]
    """Read the ESCO occupations of a candidate's scored CV (kept when already current)."""
    reading = candidate_occupations_read(candidate_id=candidate_id)
    return reading.pk if reading is not None else None


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
def vacancy_occupations_read_task(self, vacancy_id: int) -> int | None:  # type: ignore[no-untyped-def]
    """Read the ESCO occupations of a vacancy (kept when already current)."""
    reading = vacancy_occupations_read(vacancy_id=vacancy_id)
    return reading.pk if reading is not None else None


@shared_task(**RETRIED_ON_DATABASE_ERRORS)
def rerank_scores_task(self, vacancy_id: int, candidate_ids: list[int]) -> int:  # type: ignore[no-untyped-def]
    """Compute and store stage 2's cross-encoder scores of a ranking's head (current ones kept)."""
    return rerank_scores_store(vacancy_id=vacancy_id, candidate_ids=candidate_ids)
