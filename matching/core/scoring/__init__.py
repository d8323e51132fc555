"""Scoring: features, the learned additive ATS score, buckets and explanations.

The public names of the rule-based explanation module (``matching.core.scoring.scoring``) are
re-exported here so ``from matching.core.scoring import score_pair`` keeps working.

Public names: ``__all__``; those in ``_LAZY`` load on first use (``matching.core.lazy_exports``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matching.core.lazy_exports import lazy_exports
from matching.core.scoring.scoring import (
    BUCKET_EDGES,
    RULE_BASED_METHOD,
    RULE_WEIGHTS,
    Bucket,
    MatchExplanation,
    MissingCategory,
    bucket_for,
    missing_categories,
    recommendations,
    rule_based_score,
    score_pair,
)

if TYPE_CHECKING:
    from matching.core.scoring.additive import (
        DEFAULT_SCORER_PATH,
        AdditiveScorer,
        load_default_scorer,
        save_additive_scorer,
        score_bucket,
    )
    from matching.core.scoring.additive_evaluation import annotator_agreement, read_annotations
    from matching.core.scoring.additive_report import previous_scores, train_additive
    from matching.core.scoring.bulk import (
        ExplainedPair,
        explain_features,
        explain_text_pairs,
        input_matrix,
    )
    from matching.core.scoring.comparison import compare_methods
    from matching.core.scoring.embedding_cache import NpzEmbeddingStore
    from matching.core.scoring.explain import missing_items
    from matching.core.scoring.feature_types import FeatureScores, ResumeFacts, VacancyFacts
    from matching.core.scoring.features import compute_features
    from matching.core.scoring.inputs import PairSignals
    from matching.core.scoring.pair_features import build_pair_features
    from matching.core.scoring.pipeline import (
        DomainModel,
        PairScores,
        ScorerConfig,
        default_domain_model,
        prototype_domain_model,
        score_pairs,
    )
    from matching.core.scoring.score_mapper import save_score_mapper
    from matching.core.scoring.score_mapper_training import MapperTrainingResult, train_mapper
    from matching.core.scoring.sensitivity import VARIANTS, summarise, variant_text
    from matching.core.scoring.windows import window_fits

# Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "AdditiveScorer": "matching.core.scoring.additive",
    "DEFAULT_SCORER_PATH": "matching.core.scoring.additive",
    "DomainModel": "matching.core.scoring.pipeline",
    "ExplainedPair": "matching.core.scoring.bulk",
    "FeatureScores": "matching.core.scoring.feature_types",
    "MapperTrainingResult": "matching.core.scoring.score_mapper_training",
    "NpzEmbeddingStore": "matching.core.scoring.embedding_cache",
    "PairScores": "matching.core.scoring.pipeline",
    "PairSignals": "matching.core.scoring.inputs",
    "ResumeFacts": "matching.core.scoring.feature_types",
    "ScorerConfig": "matching.core.scoring.pipeline",
    "VARIANTS": "matching.core.scoring.sensitivity",
    "VacancyFacts": "matching.core.scoring.feature_types",
    "annotator_agreement": "matching.core.scoring.additive_evaluation",
    "build_pair_features": "matching.core.scoring.pair_features",
    "compare_methods": "matching.core.scoring.comparison",
    "compute_features": "matching.core.scoring.features",
    "default_domain_model": "matching.core.scoring.pipeline",
    "explain_features": "matching.core.scoring.bulk",
    "explain_text_pairs": "matching.core.scoring.bulk",
    "input_matrix": "matching.core.scoring.bulk",
    "load_default_scorer": "matching.core.scoring.additive",
    "missing_items": "matching.core.scoring.explain",
    "previous_scores": "matching.core.scoring.additive_report",
    "prototype_domain_model": "matching.core.scoring.pipeline",
    "read_annotations": "matching.core.scoring.additive_evaluation",
    "save_additive_scorer": "matching.core.scoring.additive",
    "save_score_mapper": "matching.core.scoring.score_mapper",
    "score_bucket": "matching.core.scoring.additive",
    "score_pairs": "matching.core.scoring.pipeline",
    "summarise": "matching.core.scoring.sensitivity",
    "train_additive": "matching.core.scoring.additive_report",
    "train_mapper": "matching.core.scoring.score_mapper_training",
    "variant_text": "matching.core.scoring.sensitivity",
    "window_fits": "matching.core.scoring.windows",
}


__all__ = [
    "AdditiveScorer",
    "BUCKET_EDGES",
    "Bucket",
    "DEFAULT_SCORER_PATH",
    "DomainModel",
    "ExplainedPair",
    "FeatureScores",
    "MapperTrainingResult",
    "MatchExplanation",
    "MissingCategory",
    "NpzEmbeddingStore",
    "PairScores",
    "PairSignals",
    "RULE_BASED_METHOD",
    "RULE_WEIGHTS",
    "ResumeFacts",
    "ScorerConfig",
    "VARIANTS",
    "VacancyFacts",
    "annotator_agreement",
    "bucket_for",
    "build_pair_features",
    "compare_methods",
    "compute_features",
    "default_domain_model",
    "explain_features",
    "explain_text_pairs",
    "input_matrix",
    "load_default_scorer",
    "missing_categories",
    "missing_items",
    "previous_scores",
    "prototype_domain_model",
    "read_annotations",
    "recommendations",
    "rule_based_score",
    "save_additive_scorer",
    "save_score_mapper",
    "score_bucket",
    "score_pair",
    "score_pairs",
    "summarise",
    "train_additive",
    "train_mapper",
    "variant_text",
    "window_fits",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
