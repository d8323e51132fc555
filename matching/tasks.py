"""Celery tasks of the matching engine (queue "gpu"): thin, idempotent, resumable."""

from celery import shared_task
from django.db import OperationalError

from matching.services.batches import scoring_batch_run


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def score_batch_task(self, batch_id: int) -> int:  # type: ignore[no-untyped-def]
    """Score one batch of applications; a batch already done is skipped."""
    return scoring_batch_run(batch_id=batch_id)
