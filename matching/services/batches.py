"""Worker side of bulk scoring: one batch scored, then written in one transaction."""

from django.conf import settings
from django.db import OperationalError, transaction
from django.db.models import F
from django.utils import timezone

from candidates.models import Candidate
from matching.models import ScoringBatch, ScoringRun
from matching.services.metrics import scoring_batch_observe
from matching.services.score_store import match_scores_upsert
from matching.services.scoring import ScoredCandidate, pairs_score
from vacancies.models import Application, Vacancy

BATCH_GAVE_UP = (
    "Batch {number} was started {attempts} times without finishing (its worker was lost or it "
    "ran past the time limit); the run stopped."
)
BATCH_FAILED = "Batch {number} failed: {error}"
_ACTIVE = [ScoringRun.Status.PENDING, ScoringRun.Status.RUNNING]


def scoring_batch_run(*, batch_id: int) -> int:
    """Score a batch; counted in the engine metrics as done, skipped (already done) or failed.

    An error that a retry cannot fix fails the batch and its run at once, with the reason;
    a lost database connection is left to the task's retries.
    """
    try:
        scored = _scoring_batch_run(batch_id=batch_id)
    except OperationalError:
        scoring_batch_observe(outcome="failed")
        raise
    except Exception as error:
        scoring_batch_observe(outcome="failed")
        batch = ScoringBatch.objects.get(pk=batch_id)
        scoring_batch_fail(
            batch=batch, reason=BATCH_FAILED.format(number=batch.index + 1, error=error)
        )
        raise
    scoring_batch_observe(outcome="skipped" if scored is None else "done")
    return scored or 0


def scoring_batch_fail(*, batch: ScoringBatch, reason: str) -> None:
    """Mark a batch failed and its run failed with `reason` (shown on the run's page)."""
    now = timezone.now()
    ScoringBatch.objects.filter(pk=batch.pk, status=ScoringBatch.Status.PENDING).update(
        status=ScoringBatch.Status.FAILED, finished_at=now
    )
    ScoringRun.objects.filter(pk=batch.run_id, status__in=_ACTIVE).update(
        status=ScoringRun.Status.FAILED, message=reason, finished_at=now
    )


def _not_erased(scored: list[ScoredCandidate]) -> list[ScoredCandidate]:
    """Drop candidates erased while the batch was scored (their rows locked against erasure)."""
    ids = {item.candidate_id for item in scored}
    kept = set(
        Candidate.objects.select_for_update()
        .filter(pk__in=ids, is_anonymised=False)
        .values_list("pk", flat=True)
    )
    return [item for item in scored if item.candidate_id in kept]


def _pool_pairs(batch: ScoringBatch) -> list[tuple[Candidate, Vacancy, Application | None]]:
    """A batch's pool candidates paired with the run's vacancy (no application: not applied)."""
    vacancy = batch.run.vacancy
    if not batch.candidate_ids or vacancy is None:
        return []
    candidates = Candidate.objects.filter(pk__in=batch.candidate_ids, is_anonymised=False)
    return [(candidate, vacancy, None) for candidate in candidates.order_by("pk")]


def _scoring_batch_run(*, batch_id: int) -> int | None:
    """Score a batch's applications and record progress; how many, or None if already done.

    Scores are computed outside the transaction and written inside it together with the batch
    status and the run's counter, so a worker killed mid-batch leaves nothing half-written and
    a redelivered or resumed batch is scored exactly once. A batch started too often without
    finishing (a worker killed every time) fails instead of being redelivered for ever.
    """
    batch = ScoringBatch.objects.select_related("run__vacancy").get(pk=batch_id)
    if batch.status != ScoringBatch.Status.PENDING:
        return None
    if batch.attempts >= settings.FAIRMATCH_TASK_MAX_ATTEMPTS:
        reason = BATCH_GAVE_UP.format(number=batch.index + 1, attempts=batch.attempts)
        scoring_batch_fail(batch=batch, reason=reason)
        return None
    # The attempt is recorded before the run reads "running", so whoever sees a running run
    # also sees the attempt that a killed worker leaves behind.
    ScoringBatch.objects.filter(pk=batch_id).update(
        attempts=F("attempts") + 1, attempted_at=timezone.now()
    )
    ScoringRun.objects.filter(pk=batch.run_id, status=ScoringRun.Status.PENDING).update(
        status=ScoringRun.Status.RUNNING
    )
    applications = Application.objects.filter(
        pk__in=batch.application_ids, candidate__is_anonymised=False
    ).select_related("candidate", "vacancy")
    scored = pairs_score([(a.candidate, a.vacancy, a) for a in applications] + _pool_pairs(batch))
    with transaction.atomic():
        locked = ScoringBatch.objects.select_for_update().get(pk=batch_id)
        if locked.status != ScoringBatch.Status.PENDING:
            return None
        scored = _not_erased(scored)
        match_scores_upsert(scored=scored, model_version=batch.run.model_version)
        locked.status = ScoringBatch.Status.DONE
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "finished_at"])
        ScoringRun.objects.filter(pk=batch.run_id).update(
            done=F("done") + batch.size, batches_done=F("batches_done") + 1
        )
        ScoringRun.objects.filter(
            pk=batch.run_id, batches_done=F("batches_total"), status__in=_ACTIVE
        ).update(status=ScoringRun.Status.SUCCEEDED, finished_at=timezone.now())
    return len(scored)
