"""Stage 2's optional models: a learned ranker and a local cross-encoder.

The explained feature score orders the shortlist first. A learned ranker (``train_ranker
--save``; MATCHING_RANKER_PATH, by default ``matching/weights/ranker.json`` when that file
exists, and none is shipped) then orders it by its own score over the same explained features.
A cross-encoder (MATCHING_CROSS_ENCODER_PATH) finally reorders the top ``depth``. Ties fall back
to the feature score, then the candidate id, so the order stays stable. Without either model
nothing changes.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings

from candidates.models import Candidate
from matching.core.retrieval import CrossEncoderReranker
from matching.core.training import DEFAULT_RANKER_PATH, Ranker, load_ranker
from matching.services.scoring import ScoredCandidate, vacancy_job_text
from vacancies.models import Vacancy

# The cross-encoder reorders twice as many candidates as a page shows.
RERANK_DEPTH_FACTOR = 2


@dataclass(frozen=True, slots=True)
class Reranked:
    """The final order and, for reranked candidates, their cross-encoder scores by id."""

    order: list[tuple[Candidate, ScoredCandidate]]
    scores: dict[int, float] = field(default_factory=dict)
    model_id: str | None = None


@lru_cache(maxsize=2)
def _load_ranker(path: str) -> Ranker:
    return load_ranker(Path(path))


def ranker_path() -> Path | None:
    """The learned ranker's file: the setting, else the default file when it exists."""
    configured = settings.MATCHING_RANKER_PATH
    if configured:
        return Path(configured)
    return DEFAULT_RANKER_PATH if DEFAULT_RANKER_PATH.is_file() else None


def ranker_id() -> str | None:
    """The learned ranker's file name, shown beside every ranking it ordered."""
    path = ranker_path()
    return path.name if path is not None else None


def configured_ranker() -> Ranker | None:
    """The learned ranker, loaded once per process; ``None`` when there is none."""
    path = ranker_path()
    return _load_ranker(str(path)) if path is not None else None


def learned_order(
    ranked: Sequence[tuple[Candidate, ScoredCandidate]],
) -> tuple[list[tuple[Candidate, ScoredCandidate]], dict[int, float]]:
    """Order by the learned ranker when one is configured; its scores by candidate id."""
    ranker = configured_ranker()
    if ranker is None or not ranked:
        return list(ranked), {}
    rows = np.asarray([item.ranker_features for _, item in ranked], dtype=np.float64)
    values = ranker.predict(rows)
    scores = {c.pk: round(float(v), 6) for (c, _), v in zip(ranked, values, strict=True)}
    order = sorted(ranked, key=lambda pair: (-scores[pair[0].pk], -pair[1].score, pair[0].pk))
    return order, scores


@lru_cache(maxsize=2)
def _load(path: str, device: str) -> CrossEncoderReranker:
    return CrossEncoderReranker.from_folder(path, device=device or None)


def configured_reranker() -> CrossEncoderReranker | None:
    """The configured cross-encoder, loaded once per process; ``None`` when none is set."""
    path = settings.MATCHING_CROSS_ENCODER_PATH
    if not path:
        return None
    return _load(path, settings.MATCHING_DEVICE)


def reranker_model_id() -> str | None:
    """The configured cross-encoder's id, shown beside every ranking it ordered (read from its
    folder: web workers never load the model to name it)."""
    path = settings.MATCHING_CROSS_ENCODER_PATH
    return CrossEncoderReranker.folder_model_id(path) if path else None


def rerank_top(
    *,
    vacancy: Vacancy,
    ranked: Sequence[tuple[Candidate, ScoredCandidate]],
    texts: Mapping[int, str],
    depth: int,
) -> Reranked:
    """Reorder the top ``depth`` of ``ranked`` by the cross-encoder; the rest keep their order."""
    reranker = configured_reranker()
    if reranker is None or not ranked:
        return Reranked(order=list(ranked))
    head, tail = list(ranked[:depth]), list(ranked[depth:])
    results = reranker.score(vacancy_job_text(vacancy), [texts[c.pk] for c, _ in head])
    scores = {c.pk: result.score for (c, _), result in zip(head, results, strict=True)}
    head.sort(key=lambda pair: (-scores[pair[0].pk], -pair[1].score, pair[0].pk))
    return Reranked(order=head + tail, scores=scores, model_id=reranker.model_id)
