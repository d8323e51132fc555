"""The ranking a request serves: stored scores only, never an encoder on the web worker.

Stage 1 orders the pool by the cosine stored with each score, stage 2 by the stored explained
score, the learned ranker (over the stored inputs) and the stored cross-encoder scores. Pool
candidates without a current score are scored in the worker (``ScoringRun``, live progress) and
counted as pending; the page and the API say so. ``MATCHING_RANKING_INLINE_WORKER`` runs the
worker's services inside the request instead (tests, like ``CELERY_TASK_ALWAYS_EAGER``).
"""

from dataclasses import dataclass

from django.conf import settings

from candidates.models import Candidate
from matching.models import MatchScore, ScoringRun
from matching.ranking_selectors import (
    current_score_cosines,
    match_scores_by_id,
    vacancy_candidates_in_flight,
    vacancy_run_in_progress,
)
from matching.services.ranking import (
    STAGE_ONE_FACTOR,
    STAGE_ONE_MINIMUM,
    Pool,
    RankedCandidate,
    pool_candidates,
    ranked_positions,
)
from matching.services.reaper import attempt_cutoff
from matching.services.rerank import RERANK_DEPTH_FACTOR, learned_order
from matching.services.runs import vacancy_candidates_scoring_start
from matching.services.score_store import match_scores_upsert
from matching.services.scoring import ScoredCandidate, pairs_score
from matching.services.stage_two import stored_rerank_top
from matching.services.versions import current_model_version
from vacancies.models import Application, Vacancy


@dataclass(frozen=True, slots=True)
class StoredRanking:
    """A served ranking and what is still being computed for it in the worker."""

    ranked: list[RankedCandidate]
    # Pool candidates without a current score: not in ``ranked`` until the worker scores them.
    pending: int
    # The run scoring them (live progress), when one is active.
    run: ScoringRun | None
    # True while the cross-encoder's scores of the head are being computed: the head then keeps
    # the feature order (a stale or partial stage 2 is never served).
    rerank_pending: bool


@dataclass(frozen=True, slots=True)
class ScoringProgress:
    """Applicants of a vacancy still being scored in the worker (the vacancy page's notice)."""

    pending: int
    run: ScoringRun | None
    rerank_pending: bool = False


def vacancy_applicants_pending(*, vacancy: Vacancy) -> ScoringProgress:
    """Applicants without a current score, enqueued for the worker unless one is on them."""
    ids = list(
        Application.objects.filter(vacancy=vacancy, candidate__is_anonymised=False).values_list(
            "candidate_id", flat=True
        )
    )
    stored = current_score_cosines(
        vacancy=vacancy, candidate_ids=ids, model_version=current_model_version()
    )
    missing = [pk for pk in ids if pk not in stored]
    return ScoringProgress(
        pending=len(missing), run=_pending_run(vacancy, missing) if missing else None
    )


def scored_from_row(row: MatchScore) -> ScoredCandidate:
    """A stored score as the explained score a ranking position carries."""
    return ScoredCandidate(
        candidate_id=row.candidate_id,
        vacancy_id=row.vacancy_id,
        application_id=row.application_id,
        score=row.score,
        bucket=row.bucket,
        features=row.features,
        matched_skills=row.matched_skills,
        missing_skills=row.missing_skills,
        missing_categories=row.missing_categories,
        recommendations=row.recommendations,
        candidate_domain=row.candidate_domain,
        vacancy_domain=row.vacancy_domain,
        ranker_features=tuple(float(value) for value in row.ranker_features),
        retrieval_cosine=row.retrieval_cosine,
    )


def _score_now(vacancy: Vacancy, candidates: list[Candidate], model_version: str) -> None:
    """The worker's batch, run in this process (inline mode)."""
    applications = {
        application.candidate_id: application
        for application in Application.objects.filter(vacancy=vacancy, candidate__in=candidates)
    }
    scored = pairs_score([(c, vacancy, applications.get(c.pk)) for c in candidates])
    match_scores_upsert(scored=scored, model_version=model_version)


def _pending_run(vacancy: Vacancy, missing: list[int]) -> ScoringRun | None:
    """Enqueue the missing candidates no live worker is scoring; the run that shows progress."""
    in_flight = vacancy_candidates_in_flight(vacancy=vacancy, since=attempt_cutoff())
    to_score = [pk for pk in missing if pk not in in_flight]
    if to_score:
        return vacancy_candidates_scoring_start(vacancy=vacancy, candidate_ids=to_score)
    return vacancy_run_in_progress(vacancy=vacancy)


def vacancy_ranking_read(
    *,
    vacancy: Vacancy,
    pool: Pool = "applicants",
    k: int = 50,
    same_region: bool = False,
    occupation_uri: str = "",
    isco_group: str = "",
    search: str = "",
) -> StoredRanking:
    """The best `k` scored candidates of a pool, best first, from stored results only.

    The same order as ``vacancy_rank`` once everything is scored: score, then retrieval cosine,
    then candidate id, reordered by the learned ranker and the cross-encoder when configured.
    """
    inline = bool(settings.MATCHING_RANKING_INLINE_WORKER)
    candidates = list(
        pool_candidates(
            vacancy=vacancy,
            pool=pool,
            same_region=same_region,
            occupation_uri=occupation_uri,
            isco_group=isco_group,
            search=search,
        )
    )
    version = current_model_version()
    ids = [candidate.pk for candidate in candidates]
    stored = current_score_cosines(vacancy=vacancy, candidate_ids=ids, model_version=version)
    missing = [candidate for candidate in candidates if candidate.pk not in stored]
    if missing and inline:
        _score_now(vacancy, missing, version)
        stored = current_score_cosines(vacancy=vacancy, candidate_ids=ids, model_version=version)
        missing = [candidate for candidate in candidates if candidate.pk not in stored]
    run = _pending_run(vacancy, [candidate.pk for candidate in missing]) if missing else None
    cosines = {pk: cosine for pk, (_, cosine) in stored.items()}
    shortlist = sorted(
        (candidate for candidate in candidates if candidate.pk in stored),
        key=lambda candidate: (-cosines[candidate.pk], candidate.pk),
    )[: max(k * STAGE_ONE_FACTOR, STAGE_ONE_MINIMUM)]
    rows = match_scores_by_id(ids=[stored[candidate.pk][0] for candidate in shortlist])
    order = sorted(
        ((candidate, scored_from_row(rows[candidate.pk])) for candidate in shortlist),
        key=lambda pair: (-pair[1].score, -cosines[pair[0].pk], pair[0].pk),
    )
    order, ranker_scores = learned_order(order)
    reranked, rerank_pending = stored_rerank_top(
        vacancy=vacancy, ranked=order, depth=k * RERANK_DEPTH_FACTOR, inline=inline
    )
    applications = dict(
        Application.objects.filter(vacancy=vacancy, candidate__in=shortlist).values_list(
            "candidate_id", "pk"
        )
    )
    ranked = ranked_positions(
        vacancy=vacancy,
        order=reranked.order,
        k=k,
        cosines=cosines,
        applications=applications,
        rerank_scores=reranked.scores,
        ranker_scores=ranker_scores,
    )
    return StoredRanking(
        ranked=ranked, pending=len(missing), run=run, rerank_pending=rerank_pending
    )
