"""Two-stage ranking: stage 1 retrieves by stored embeddings, stage 2 re-scores the top K.

Pools: a vacancy's applicants, the talent pool (never the vacancy's own applicants), or the
whole candidate base; region filters keep candidates who live in the vacancy's region or
listed it among their mobility regions.
"""

from dataclasses import dataclass
from typing import Literal

from django.db.models import Q, QuerySet

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from candidates.models import Candidate
from candidates.search_selectors import candidates_filter_by_text
from candidates.selectors import latest_cv_by_candidate
from matching.core.encoding import encode_documents
from matching.core.redaction import redact
from matching.occupation_selectors import candidates_filter_by_occupation
from matching.selectors import vacancy_score_overrides
from matching.services.encoders import DatabaseEmbeddingStore, default_encoder
from matching.services.overrides import ranking_with_overrides
from matching.services.rerank import RERANK_DEPTH_FACTOR, learned_order, rerank_top
from matching.services.retrieval import stage_one_index
from matching.services.scoring import (
    ScoredCandidate,
    candidate_resume_text,
    pairs_score,
    vacancy_job_text,
)
from vacancies.models import Application, Vacancy
from vacancies.selectors import talent_pool_active
from vacancies.services import application_create

Pool = Literal["applicants", "talent_pool", "all"]
STAGE_ONE_FACTOR = 4
STAGE_ONE_MINIMUM = 100
NOT_IN_TALENT_POOL = "This candidate is not in the talent pool, or their consent has expired."


@dataclass(frozen=True, slots=True)
class RankedCandidate:
    """A position in a ranking, with the retrieval cosine and the full explained score."""

    position: int
    candidate: Candidate
    retrieval_cosine: float
    scored: ScoredCandidate
    application_id: int | None
    # The cross-encoder's score when one is configured (it then decides the order of the top).
    rerank_score: float | None = None
    # The learned ranker's score when one is configured (it then orders the shortlist).
    ranker_score: float | None = None
    # The model's own score; `scored.score` is a recruiter's override where there is one.
    model_score: float = 0.0
    override_score: float | None = None
    override_reason: str = ""


def pool_candidates(
    *,
    vacancy: Vacancy,
    pool: Pool,
    same_region: bool = False,
    occupation_uri: str = "",
    isco_group: str = "",
    search: str = "",
) -> QuerySet[Candidate]:
    """Candidates of a pool for a vacancy, with the region and occupation filters applied in
    the database (an occupation among the top three their scored CV reads as, or an ISCO
    group prefix), and `search`: words of their profile or scored CV (full-text search)."""
    queryset = Candidate.objects.filter(is_anonymised=False)
    applied = Application.objects.filter(vacancy=vacancy).values("candidate_id")
    if pool == "applicants":
        queryset = queryset.filter(pk__in=applied)
    elif pool == "talent_pool":
        in_pool = talent_pool_active().values("candidate_id")
        queryset = queryset.filter(pk__in=in_pool).exclude(pk__in=applied)
    if same_region and vacancy.region:
        queryset = queryset.filter(
            Q(region=vacancy.region) | Q(mobility_regions__icontains=vacancy.region)
        )
    queryset = candidates_filter_by_occupation(
        queryset, occupation_uri=occupation_uri, isco_group=isco_group
    )
    return candidates_filter_by_text(queryset, query=search).order_by("pk")


def vacancy_rank(
    *,
    vacancy: Vacancy,
    pool: Pool = "applicants",
    k: int = 50,
    same_region: bool = False,
    occupation_uri: str = "",
    isco_group: str = "",
    search: str = "",
) -> list[RankedCandidate]:
    """The best `k` candidates of a pool for a vacancy, best first, each position explained.

    Order is stable: score, then retrieval cosine, then candidate id. ``occupation_uri`` and
    ``isco_group`` keep the candidates whose CV reads as that occupation or ISCO group.
    """
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
    if not candidates:
        return []
    documents = latest_cv_by_candidate(candidate_ids=[c.pk for c in candidates])
    texts = [redact(candidate_resume_text(c, documents.get(c.pk))) for c in candidates]
    encoder = default_encoder()
    store = DatabaseEmbeddingStore()
    matrix = encode_documents(texts, encoder, store=store).vectors
    query = encode_documents([vacancy_job_text(vacancy)], encoder, store=store).vectors[0]
    index = stage_one_index(matrix, model_id=encoder.model_id)
    stage_one = index.search(query, max(k * STAGE_ONE_FACTOR, STAGE_ONE_MINIMUM))
    shortlisted = [candidates[int(row)] for row in stage_one.indices]
    cosines = {
        candidates[int(row)].pk: float(cosine)
        for row, cosine in zip(stage_one.indices, stage_one.scores, strict=True)
    }
    applications = dict(
        Application.objects.filter(vacancy=vacancy, candidate__in=shortlisted).values_list(
            "candidate_id", "pk"
        )
    )
    scored = pairs_score([(candidate, vacancy, None) for candidate in shortlisted])
    order = sorted(
        zip(shortlisted, scored, strict=True),
        key=lambda pair: (-pair[1].score, -cosines[pair[0].pk], pair[0].pk),
    )
    order, ranker_scores = learned_order(order)
    reranked = rerank_top(
        vacancy=vacancy,
        ranked=order,
        texts={c.pk: texts[row] for row, c in enumerate(candidates)},
        depth=k * RERANK_DEPTH_FACTOR,
    )
    return ranked_positions(
        vacancy=vacancy,
        order=reranked.order,
        k=k,
        cosines=cosines,
        applications=applications,
        rerank_scores=reranked.scores,
        ranker_scores=ranker_scores,
    )


def ranked_positions(
    *,
    vacancy: Vacancy,
    order: list[tuple[Candidate, ScoredCandidate]],
    k: int,
    cosines: dict[int, float],
    applications: dict[int, int],
    rerank_scores: dict[int, float],
    ranker_scores: dict[int, float],
) -> list[RankedCandidate]:
    """The first ``k`` of a stage-2 order as positions, with recruiters' overrides applied."""
    model_scores = {candidate.pk: item.score for candidate, item in order}
    overrides = vacancy_score_overrides(vacancy_id=vacancy.pk)
    final = ranking_with_overrides(order, overrides)
    return [
        RankedCandidate(
            position=position,
            candidate=candidate,
            retrieval_cosine=round(cosines[candidate.pk], 4),
            scored=item,
            application_id=applications.get(candidate.pk),
            rerank_score=rerank_scores.get(candidate.pk),
            ranker_score=ranker_scores.get(candidate.pk),
            model_score=model_scores[candidate.pk],
            override_score=overrides[candidate.pk].score if candidate.pk in overrides else None,
            override_reason=overrides[candidate.pk].reason if candidate.pk in overrides else "",
        )
        for position, (candidate, item) in enumerate(final[:k], start=1)
    ]


def talent_pool_invite(*, vacancy: Vacancy, candidate: Candidate, invited_by: User) -> Application:
    """Invite a talent-pool candidate to a vacancy: an application with source "talent pool"."""
    if not talent_pool_active().filter(candidate=candidate).exists():
        raise ApplicationError(NOT_IN_TALENT_POOL, {"candidate": candidate.pk})
    return application_create(
        candidate=candidate,
        vacancy=vacancy,
        source=Application.Source.TALENT_POOL,
        created_by=invited_by,
    )


def candidate_recommend_vacancies(*, candidate: Candidate, k: int = 10) -> list[ScoredCandidate]:
    """Open vacancies ranked for a candidate, best first (stable by vacancy id); none for an
    erased candidate, whose profile no longer says anything to score."""
    if candidate.is_anonymised:
        return []
    vacancies = list(Vacancy.objects.filter(status=Vacancy.Status.OPEN).order_by("pk"))
    scored = pairs_score([(candidate, vacancy, None) for vacancy in vacancies])
    return sorted(scored, key=lambda item: (-item.score, item.vacancy_id))[:k]
