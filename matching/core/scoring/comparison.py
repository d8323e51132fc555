"""FairMatch against the three baselines on labelled pairs, ranked in one run.

``evaluate_matching`` prints what ``compare_methods`` returns; the baselines are those of
``matching.core.evaluation.baselines``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from matching.core.encoding.embedding_store import EmbeddingStore
from matching.core.encoding.encoder import Encoder
from matching.core.encoding.registry import load_encoder
from matching.core.evaluation.baselines import embedding_cosine, keyword_overlap, tfidf_cosine
from matching.core.evaluation.evaluation import evaluate_ranking
from matching.core.occupations.onet_titles import (
    OnetTitleIndex,
)
from matching.core.types import LabelledPair

if TYPE_CHECKING:
    pass

from matching.core.scoring.pipeline import (
    DomainModel,
    PairScores,
    ProgressCallback,
    ScorerConfig,
    default_domain_model,
    score_pairs,
)


def compare_methods(
    pairs: Sequence[LabelledPair],
    encoder: Encoder,
    *,
    k: int = 10,
    domain_model: DomainModel | None = None,
    on_progress: ProgressCallback | None = None,
    config: ScorerConfig | None = None,
    title_index: OnetTitleIndex | None = None,
    store: EmbeddingStore | None = None,
) -> tuple[dict[str, dict[str, float]], PairScores]:
    """Rank each job's resumes with FairMatch and the three baselines, in the same run.

    Args:
        pairs: Labelled pairs (``job_id`` groups them).
        encoder: The sentence encoder (its underlying model also runs the truncating baseline).
        k: Cut-off of the per-job metrics.
        domain_model: See ``score_pairs``; ``None`` means ``default_domain_model``.
        on_progress: Called with (documents encoded, documents to encode) for FairMatch.
        config: FairMatch's weights (see ``score_pairs``).
        title_index: See ``score_pairs``.
        store: Optional embedding cache (shared with the caller's own scoring).

    Returns:
        Metrics per method name, and FairMatch's pair scores.
    """
    resumes = [pair.resume for pair in pairs]
    jobs = [pair.job for pair in pairs]
    labels = [pair.label for pair in pairs]
    groups = [pair.job_id for pair in pairs]
    fairmatch = score_pairs(
        resumes,
        jobs,
        encoder,
        domain_model=domain_model or default_domain_model(encoder),
        config=config,
        on_progress=on_progress,
        title_index=title_index,
        store=store,
    )
    method_scores = {
        "fairmatch": fairmatch.scores,
        "keyword_overlap": keyword_overlap(resumes, jobs),
        "tfidf_cosine": tfidf_cosine(resumes, jobs),
        "embedding_cosine": embedding_cosine(resumes, jobs, _truncating_model(encoder)),
    }
    metrics = {
        name: evaluate_ranking([float(score) for score in scores], labels, groups, k=k)
        for name, scores in method_scores.items()
    }
    return metrics, fairmatch


def _truncating_model(encoder: Encoder) -> Any:
    """The sentence-transformers model of ``encoder``, or the packaged MiniLM's (the baseline)."""
    model = getattr(encoder, "model", None)
    return model if model is not None else getattr(load_encoder(), "model", None)
