"""The seed's rule-based formula written as a breakdown: the fallback when no weights ship.

``rule_based_score`` is a weighted sum of five 0-100 feature scores, so it is additive too: a
baseline of 0 and one part per feature, ``weight * feature score`` points.
"""

from __future__ import annotations

from matching.core.scoring.additive import Contribution, ScoreBreakdown
from matching.core.scoring.feature_types import FeatureScores
from matching.core.scoring.scoring import RULE_BASED_METHOD, RULE_WEIGHTS

RULE_LABELS = {
    "skill_match_required": "Required skills (rule-based)",
    "skill_match_preferred": "Preferred skills (rule-based)",
    "keyword_match": "Posting keywords (rule-based)",
    "formatting": "CV sections and length (rule-based)",
    "experience": "Experience (rule-based)",
}


def rule_breakdown(features: FeatureScores) -> ScoreBreakdown:
    """The seed formula's score with its five parts (baseline 0)."""
    values = {
        "skill_match_required": features.skill_match_required.score,
        "skill_match_preferred": features.skill_match_preferred.score,
        "keyword_match": features.keyword_match.score,
        "formatting": features.formatting.score,
        "experience": features.experience.score,
    }
    parts = tuple(
        Contribution(
            name,
            RULE_LABELS[name],
            value / 100.0,
            round(RULE_WEIGHTS[name] * value, 2),
            100.0 * RULE_WEIGHTS[name],
        )
        for name, value in values.items()
    )
    score = round(sum(part.points for part in parts), 2)
    return ScoreBreakdown(score, 0.0, parts, RULE_BASED_METHOD)
