"""Celery tasks of the matching engine (queue "gpu"): thin, idempotent, resumable."""

from celery import shared_task
from django.db import OperationalError

from matching.services.batches import scoring_batch_run
from matching.services.reaper import scoring_stalled_reap
from matching.services.runs import stale_scores_refresh


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
