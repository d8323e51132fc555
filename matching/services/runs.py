"""Starting and resuming bulk scoring runs (enqueues through ``matching.services.enqueue``)."""

from django.conf import settings
from django.db import transaction

from ats_site.accounts.models import User
from matching.models import ScoringBatch, ScoringRun
from matching.selectors import applications_in_flight, applications_needing_score
from matching.services.enqueue import score_batch_enqueue
from matching.services.reaper import attempt_cutoff
from matching.services.versions import current_model_version
from vacancies.models import Application, Vacancy


def _chunks(ids: list[int], size: int) -> list[list[int]]:
    return [ids[start : start + size] for start in range(0, len(ids), size)]


@transaction.atomic
def scoring_run_start(
    *,
    vacancy: Vacancy | None = None,
    requested_by: User | None = None,
    batch_size: int | None = None,
    only_stale: bool = False,
    exclude_ids: frozenset[int] = frozenset(),
) -> ScoringRun:
    """Create a run over a vacancy's applications (or all of them) and enqueue its batches.

    Batches are enqueued after commit, one task each, so a crash loses at most one batch.
    `only_stale` keeps applications without an up-to-date score (new ones, changed CV or vacancy).
    Erased candidates' applications are never in a run.
    """
    applications = Application.objects.exclude(candidate__is_anonymised=True).order_by("pk")
    if only_stale:
        applications = applications_needing_score(model_version=current_model_version())
    if vacancy is not None:
        applications = applications.filter(vacancy=vacancy)
    ids = [pk for pk in applications.values_list("pk", flat=True) if pk not in exclude_ids]
    batches = _chunks(ids, batch_size or settings.MATCHING_SCORING_BATCH_SIZE)
    run = ScoringRun.objects.create(
        vacancy=vacancy,
        requested_by=requested_by,
        total=len(ids),
        batches_total=len(batches),
        model_version=current_model_version(),
        status=ScoringRun.Status.PENDING if batches else ScoringRun.Status.SUCCEEDED,
    )
    ScoringBatch.objects.bulk_create(
        ScoringBatch(run=run, index=index, application_ids=batch)
        for index, batch in enumerate(batches)
    )
    for batch_id in run.batches.values_list("pk", flat=True):
        score_batch_enqueue(batch_id=batch_id)
    return run


def scoring_run_resume(*, run: ScoringRun) -> int:
    """Enqueue again every batch of a run that is not done; returns how many."""
    pending = list(
        run.batches.exclude(status=ScoringBatch.Status.DONE).values_list("pk", flat=True)
    )
    for batch_id in pending:
        score_batch_enqueue(batch_id=batch_id)
    return len(pending)


@transaction.atomic
def application_score_enqueue(*, application: Application) -> ScoringRun:
    """Score one application soon after it is created (a one-item run, after commit)."""
    run = ScoringRun.objects.create(
        vacancy=application.vacancy,
        total=1,
        batches_total=1,
        model_version=current_model_version(),
    )
    batch = ScoringBatch.objects.create(run=run, index=0, application_ids=[application.pk])
    score_batch_enqueue(batch_id=batch.pk)
    return run


@transaction.atomic
def vacancy_candidates_scoring_start(
    *, vacancy: Vacancy, candidate_ids: list[int], batch_size: int | None = None
) -> ScoringRun:
    """Score candidates for a vacancy in the worker: applicants through their application,
    the others (talent pool, whole base) as pairs without one. Batches enqueue after commit."""
    applications = dict(
        Application.objects.filter(vacancy=vacancy, candidate_id__in=candidate_ids).values_list(
            "candidate_id", "pk"
        )
    )
    size = batch_size or settings.MATCHING_SCORING_BATCH_SIZE
    ordered = sorted(set(candidate_ids))
    applied = _chunks([applications[pk] for pk in ordered if pk in applications], size)
    pool = _chunks([pk for pk in ordered if pk not in applications], size)
    batches = [ScoringBatch(application_ids=ids) for ids in applied] + [
        ScoringBatch(candidate_ids=ids) for ids in pool
    ]
    run = ScoringRun.objects.create(
        vacancy=vacancy,
        total=len(ordered),
        batches_total=len(batches),
        model_version=current_model_version(),
        status=ScoringRun.Status.PENDING if batches else ScoringRun.Status.SUCCEEDED,
    )
    for index, batch in enumerate(batches):
        batch.run, batch.index = run, index
    ScoringBatch.objects.bulk_create(batches)
    for batch_id in run.batches.values_list("pk", flat=True):
        score_batch_enqueue(batch_id=batch_id)
    return run


def stale_scores_refresh() -> ScoringRun | None:
    """Score new applications and those whose CV or vacancy changed since their last score.

    Runs on a schedule (Celery beat), so creating an application or uploading a CV needs no
    signal: the next sweep picks it up. It never waits on another run: applications a live
    worker may be scoring (attempted within the task time limit) are left to it, and those of a
    run whose worker died are scored again. Returns None when nothing is stale.
    """
    in_flight = frozenset(applications_in_flight(since=attempt_cutoff()))
    stale = applications_needing_score(model_version=current_model_version())
    if not stale.exclude(pk__in=in_flight).exists():
        return None
    return scoring_run_start(only_stale=True, exclude_ids=in_flight)
