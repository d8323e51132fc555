"""Stage 2's cross-encoder, computed in the worker and stored; rankings read what is stored.

The worker scores a ranking's head once (``rerank_scores_store``) and keeps the result per
(vacancy, candidate, model version, cross-encoder). A ranking request reorders its head only
when every candidate of it has a current stored score; otherwise it keeps the feature order,
says that stage 2 is pending and enqueues the missing ones. A stale result is never served.
"""

import hashlib

from django.core.cache import cache

from candidates.models import Candidate
from candidates.selectors import latest_cv_by_candidate
from matching.core.redaction import redact
from matching.models import RerankScore
from matching.ranking_selectors import current_rerank_scores
from matching.services.enqueue import rerank_scores_enqueue
from matching.services.rerank import Reranked, configured_reranker, reranker_model_id
from matching.services.scoring import ScoredCandidate, candidate_resume_text, vacancy_job_text
from matching.services.versions import current_model_version
from vacancies.models import Vacancy

# A request asks for the same missing scores at most this often (the task skips current rows).
ENQUEUE_AGAIN_AFTER_S = 60


def rerank_scores_store(*, vacancy_id: int, candidate_ids: list[int]) -> int:
    """Score candidates against a vacancy with the cross-encoder and store the results.

    Idempotent: candidates with a current stored score are skipped. Returns how many were
    scored (0 without a configured cross-encoder or anything to do).
    """
    reranker_id = reranker_model_id()
    vacancy = Vacancy.objects.filter(pk=vacancy_id).first()
    if reranker_id is None or vacancy is None:
        return 0
    version = current_model_version()
    current = current_rerank_scores(
        vacancy=vacancy, candidate_ids=candidate_ids, model_version=version, reranker_id=reranker_id
    )
    candidates = list(
        Candidate.objects.filter(pk__in=candidate_ids, is_anonymised=False)
        .exclude(pk__in=list(current))
        .order_by("pk")
    )
    reranker = configured_reranker()
    if not candidates or reranker is None:
        return 0
    documents = latest_cv_by_candidate(candidate_ids=[c.pk for c in candidates])
    texts = [redact(candidate_resume_text(c, documents.get(c.pk))) for c in candidates]
    results = reranker.score(vacancy_job_text(vacancy), texts)
    rows = [
        RerankScore(
            vacancy=vacancy,
            candidate=candidate,
            model_version=version,
            reranker_id=reranker_id,
            score=result.score,
        )
        for candidate, result in zip(candidates, results, strict=True)
    ]
    RerankScore.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["vacancy", "candidate", "model_version", "reranker_id"],
        update_fields=["score", "updated_at"],
    )
    return len(rows)


def _enqueue_once(vacancy_id: int, candidate_ids: list[int]) -> None:
    """Enqueue the missing scores, unless the same request was enqueued a moment ago."""
    digest = hashlib.sha256(",".join(map(str, sorted(candidate_ids))).encode()).hexdigest()[:16]
    if cache.add(f"rerank-enqueued:{vacancy_id}:{digest}", 1, timeout=ENQUEUE_AGAIN_AFTER_S):
        rerank_scores_enqueue(vacancy_id=vacancy_id, candidate_ids=candidate_ids)


def stored_rerank_top(
    *,
    vacancy: Vacancy,
    ranked: list[tuple[Candidate, ScoredCandidate]],
    depth: int,
    inline: bool = False,
) -> tuple[Reranked, bool]:
    """Reorder the top ``depth`` by stored cross-encoder scores; and whether stage 2 is pending.

    ``inline`` computes missing scores here first (the worker's own service, run in process).
    """
    reranker_id = reranker_model_id()
    if reranker_id is None or not ranked:
        return Reranked(order=list(ranked)), False
    head, tail = list(ranked[:depth]), list(ranked[depth:])
    head_ids = [candidate.pk for candidate, _ in head]
    version = current_model_version()

    def read() -> dict[int, float]:
        return current_rerank_scores(
            vacancy=vacancy, candidate_ids=head_ids, model_version=version, reranker_id=reranker_id
        )

    scores = read()
    if len(scores) < len(head) and inline:
        rerank_scores_store(vacancy_id=vacancy.pk, candidate_ids=head_ids)
        scores = read()
    if len(scores) < len(head):
        _enqueue_once(vacancy.pk, [pk for pk in head_ids if pk not in scores])
        return Reranked(order=list(ranked)), True
    head.sort(key=lambda pair: (-scores[pair[0].pk], -pair[1].score, pair[0].pk))
    return Reranked(order=head + tail, scores=scores, model_id=reranker_id), False
