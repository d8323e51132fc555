"""Ranker inputs from labelled text pairs: explainable features plus FairMatch's score parts.

Both the feature path (``build_pair_features``) and FairMatch's scorer (``score_pairs``) share
one embedding store, so each distinct text is encoded once for both, and the same O*NET title
index, so a job's domain is the same blend in both.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from matching.core.encoding.chunking import ProgressCallback
from matching.core.encoding.embedding_store import InMemoryEmbeddingStore
from matching.core.encoding.encoder import Encoder, weights_id
from matching.core.occupations.domains import DomainClassifier
from matching.core.occupations.onet_titles import DEFAULT_TITLE_WEIGHT, OnetTitleIndex
from matching.core.scoring.pair_features import build_pair_features
from matching.core.scoring.pipeline import (
    DomainModel,
    ScorerConfig,
    prototype_domain_model,
    score_pairs,
)
from matching.core.training.ranker import RankerInputs, ranker_row
from matching.core.types import LabelledPair


def ranker_inputs(
    pairs: Sequence[LabelledPair],
    encoder: Encoder,
    classifier: DomainClassifier,
    *,
    on_progress: ProgressCallback | None = None,
    title_index: OnetTitleIndex | None = None,
    title_weight: float = DEFAULT_TITLE_WEIGHT,
) -> RankerInputs:
    """Compute every pair's ranker features and FairMatch score.

    Args:
        pairs: Labelled pairs (``job_id`` groups them).
        encoder: The sentence encoder.
        classifier: The domain classifier of both the feature path and FairMatch's score (the
            zero-shot prototypes score when it was trained with another encoder).
        on_progress: Called with (documents encoded, documents to encode).
        title_index: O*NET titles blended into each job's domain on both paths.
        title_weight: The blend's weight.

    Returns:
        The feature matrix in ``RANKER_FEATURES`` order, labels, jobs and FairMatch scores.
    """
    resumes = [pair.resume for pair in pairs]
    jobs = [pair.job for pair in pairs]
    store = InMemoryEmbeddingStore()
    parts = score_pairs(
        resumes,
        jobs,
        encoder,
        domain_model=_domain_model(classifier, encoder),
        config=ScorerConfig(onet_title_weight=title_weight),
        store=store,
        on_progress=on_progress,
        title_index=title_index,
    )
    features = build_pair_features(
        resumes,
        jobs,
        encoder,
        classifier,
        store=store,
        title_index=title_index,
        title_weight=title_weight,
    )
    rows = [
        ranker_row(
            feature,
            float(parts.domain[index]),
            float(parts.semantic[index]),
            float(parts.scores[index]),
        )
        for index, feature in enumerate(features)
    ]
    return RankerInputs(
        features=np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float64),
        labels=tuple(pair.label for pair in pairs),
        groups=tuple(pair.job_id for pair in pairs),
        fairmatch_scores=tuple(float(score) for score in parts.scores),
    )


def _domain_model(classifier: DomainClassifier, encoder: Encoder) -> DomainModel:
    """As ``default_domain_model``, with this classifier instead of the shipped one."""
    if classifier.model_id == weights_id(encoder.model_id):
        return classifier
    return prototype_domain_model(encoder)
