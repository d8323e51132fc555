"""Reads behind a ranking request: stored scores and stage-2 results that are still current.

A stored row is current when it was written after the vacancy's last change and after the
candidate's latest parsed CV, under the model version (and cross-encoder) in use now; a ranking
never serves any other row.
"""

from collections.abc import Collection
from datetime import datetime
from typing import TypeVar, cast

from django.db.models import F, Max, Model, OuterRef, Q, QuerySet, Subquery

from candidates.models import CandidateDocument
from matching.models import MatchScore, RerankScore, ScoringBatch, ScoringRun
from vacancies.models import Application, Vacancy

RowT = TypeVar("RowT", bound=Model)
_ACTIVE = [ScoringRun.Status.PENDING, ScoringRun.Status.RUNNING]


def _newer_than_inputs(rows: QuerySet[RowT], vacancy: Vacancy) -> QuerySet[RowT]:
    """Rows written after the vacancy's last change and after the candidate's latest CV."""
    latest_cv = (
        CandidateDocument.objects.filter(
            candidate=OuterRef("candidate"), parse_status=CandidateDocument.ParseStatus.PARSED
        )
        .values("candidate")
        .annotate(latest=Max("updated_at"))
        .values("latest")
    )
    current = (
        rows.filter(updated_at__gte=vacancy.updated_at)
        .annotate(latest_cv=Subquery(latest_cv))
        .filter(Q(latest_cv__isnull=True) | Q(updated_at__gte=F("latest_cv")))
    )
    return cast("QuerySet[RowT]", current)  # annotate() widens the row type in the stubs


def current_score_cosines(
    *, vacancy: Vacancy, candidate_ids: Collection[int], model_version: str
) -> dict[int, tuple[int, float]]:
    """Stage 1's read: (score row id, retrieval cosine) of each candidate with a current score.

    Two columns per row, so a pool of thousands costs little; the shortlist's full rows are read
    afterwards with ``match_scores_by_id``. Rows stored before stage 1's cosine was kept with
    the score do not count: a ranking needs it.
    """
    rows = MatchScore.objects.filter(
        vacancy=vacancy,
        candidate_id__in=list(candidate_ids),
        model_version=model_version,
        retrieval_cosine__isnull=False,
    )
    current = _newer_than_inputs(rows, vacancy)
    triples = current.values_list("candidate_id", "pk", "retrieval_cosine")
    return {candidate: (pk, float(cosine or 0.0)) for candidate, pk, cosine in triples}


def match_scores_by_id(*, ids: Collection[int]) -> dict[int, MatchScore]:
    """Stored scores by candidate id, read by row id (rows ``current_score_cosines`` chose)."""
    rows = MatchScore.objects.filter(pk__in=list(ids)).defer("text_sha256")
    return {row.candidate_id: row for row in rows}


def current_rerank_scores(
    *, vacancy: Vacancy, candidate_ids: Collection[int], model_version: str, reranker_id: str
) -> dict[int, float]:
    """The current cross-encoder score of each candidate for the vacancy, by candidate id."""
    rows = RerankScore.objects.filter(
        vacancy=vacancy,
        candidate_id__in=list(candidate_ids),
        model_version=model_version,
        reranker_id=reranker_id,
    )
    return dict(_newer_than_inputs(rows, vacancy).values_list("candidate_id", "score"))


def vacancy_candidates_in_flight(*, vacancy: Vacancy, since: datetime) -> set[int]:
    """Candidates a live worker may be scoring for the vacancy now: in a pending batch of an
    active run, attempted (or created) since `since`; older attempts lost their worker."""
    batches = ScoringBatch.objects.filter(
        status=ScoringBatch.Status.PENDING, run__status__in=_ACTIVE
    ).filter(Q(attempted_at__gte=since) | Q(attempted_at__isnull=True, run__created_at__gte=since))
    application_ids: set[int] = set()
    candidate_ids: set[int] = set()
    for run_vacancy, applications, candidates in batches.values_list(
        "run__vacancy_id", "application_ids", "candidate_ids"
    ):
        application_ids.update(applications)
        if run_vacancy == vacancy.pk:
            candidate_ids.update(candidates)
    applied = Application.objects.filter(pk__in=application_ids, vacancy=vacancy)
    return candidate_ids | set(applied.values_list("candidate_id", flat=True))


def vacancy_run_in_progress(*, vacancy: Vacancy) -> ScoringRun | None:
    """The newest active run scoring the vacancy (its own, else a sweep over every vacancy)."""
    active = ScoringRun.objects.filter(status__in=_ACTIVE).order_by("-created_at", "-pk")
    return active.filter(vacancy=vacancy).first() or active.filter(vacancy__isnull=True).first()
