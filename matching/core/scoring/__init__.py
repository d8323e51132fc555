"""Scoring: features, the learned additive ATS score, buckets and explanations.

The public names of the rule-based explanation module (``matching.core.scoring.scoring``) are
re-exported here so ``from matching.core.scoring import score_pair`` keeps working.
"""

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

__all__ = [
    "BUCKET_EDGES",
    "RULE_BASED_METHOD",
    "RULE_WEIGHTS",
    "Bucket",
    "MatchExplanation",
    "MissingCategory",
    "bucket_for",
    "missing_categories",
    "recommendations",
    "rule_based_score",
    "score_pair",
]
