"""Worker side of bulk scoring: one batch scored, then written in one transaction."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from matching.models import ScoringBatch, ScoringRun
from matching.services.metrics import scoring_batch_observe
from matching.services.score_store import match_scores_upsert
from matching.services.scoring import applications_score
from vacancies.models import Application


def scoring_batch_run(*, batch_id: int) -> int:
    """Score a batch; counted in the engine metrics as done, skipped (already done) or failed."""
    try:
        scored = _scoring_batch_run(batch_id=batch_id)
    except Exception:
        scoring_batch_observe(outcome="failed")
        raise
    scoring_batch_observe(outcome="skipped" if scored is None else "done")
    return scored or 0


def _scoring_batch_run(*, batch_id: int) -> int | None:
    """Score a batch's applications and record progress; how many, or None if already done.

    Scores are computed outside the transaction and written inside it together with the batch
    status and the run's counter, so a worker killed mid-batch leaves nothing half-written and
    a redelivered or resumed batch is scored exactly once.
    """
    batch = ScoringBatch.objects.select_related("run").get(pk=batch_id)
    if batch.status == ScoringBatch.Status.DONE:
        return None
    ScoringRun.objects.filter(pk=batch.run_id, status=ScoringRun.Status.PENDING).update(
        status=ScoringRun.Status.RUNNING
    )
    ScoringBatch.objects.filter(pk=batch_id).update(attempts=F("attempts") + 1)
    applications = list(
        Application.objects.filter(pk__in=batch.application_ids).select_related(
            "candidate", "vacancy"
        )
    )
    scored = applications_score(applications=applications)
    with transaction.atomic():
        locked = ScoringBatch.objects.select_for_update().get(pk=batch_id)
        if locked.status == ScoringBatch.Status.DONE:
            return None
        match_scores_upsert(scored=scored, model_version=batch.run.model_version)
        locked.status = ScoringBatch.Status.DONE
        locked.finished_at = timezone.now()
        locked.save(update_fields=["status", "finished_at"])
        ScoringRun.objects.filter(pk=batch.run_id).update(
            done=F("done") + len(batch.application_ids), batches_done=F("batches_done") + 1
        )
        ScoringRun.objects.filter(pk=batch.run_id, batches_done=F("batches_total")).update(
            status=ScoringRun.Status.SUCCEEDED, finished_at=timezone.now()
        )
    return len(applications)
