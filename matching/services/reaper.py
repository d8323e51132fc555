"""The reaper (Celery beat): scoring batches whose worker was lost are enqueued again or failed.

Brokers differ: Redis and RabbitMQ give a killed worker's unacknowledged message back
(`acks_late`), the embedded filesystem broker does not. The reaper gives every broker the same
guarantee from the database: a batch still pending longer than the task time limit after its
latest attempt started (or, never started, after its run was created) has no live worker, since
no task outlives the hard time limit. It is enqueued again, or fails its run with the reason
once it has used FAIRMATCH_TASK_MAX_ATTEMPTS. Enqueues through ``matching.services.enqueue``.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from matching.models import ScoringBatch, ScoringRun
from matching.services.batches import BATCH_GAVE_UP, scoring_batch_fail
from matching.services.enqueue import score_batch_enqueue


@dataclass(frozen=True, slots=True)
class ReapResult:
    requeued: int
    failed: int


def attempt_cutoff(*, now: datetime | None = None) -> datetime:
    """Attempts that started before this instant have no live worker any more."""
    timeout = settings.FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS
    return (now or timezone.now()) - timedelta(seconds=timeout)


def stalled_batches(*, cutoff: datetime) -> "list[ScoringBatch]":
    """Pending batches of active runs whose latest attempt (or whose run) is older than cutoff."""
    return list(
        ScoringBatch.objects.filter(
            status=ScoringBatch.Status.PENDING,
            run__status__in=[ScoringRun.Status.PENDING, ScoringRun.Status.RUNNING],
        )
        .filter(
            Q(attempted_at__lt=cutoff) | Q(attempted_at__isnull=True, run__created_at__lt=cutoff)
        )
        .order_by("run_id", "index")
    )


def scoring_stalled_reap(*, now: datetime | None = None) -> ReapResult:
    """Enqueue again every stalled batch, or fail it (and its run) past its attempts."""
    now = now or timezone.now()
    requeued = failed = 0
    for batch in stalled_batches(cutoff=attempt_cutoff(now=now)):
        if batch.attempts >= settings.FAIRMATCH_TASK_MAX_ATTEMPTS:
            reason = BATCH_GAVE_UP.format(number=batch.index + 1, attempts=batch.attempts)
            scoring_batch_fail(batch=batch, reason=reason)
            failed += 1
            continue
        # Conditional: two reapers at once enqueue a batch once; the clock restarts from now.
        claimed = ScoringBatch.objects.filter(
            pk=batch.pk, status=ScoringBatch.Status.PENDING, attempted_at=batch.attempted_at
        ).update(attempted_at=now)
        if claimed:
            score_batch_enqueue(batch_id=batch.pk)
            requeued += 1
    return ReapResult(requeued=requeued, failed=failed)
