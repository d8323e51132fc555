"""The 0-100 ATS score of one CV-vacancy pair, its bucket, gaps and plain-word recommendations.

Public entry point (what the pipeline and the Django layer call)::

    features = compute_features(resume_facts, vacancy_facts, cosine=..., title_cosine=...)
    explanation = score_pair(features)          # -> MatchExplanation

For many raw text pairs at once (each distinct text encoded once, CVs redacted first), use
``matching.core.scoring.pair_features.build_pair_features`` (features) or ``score_text_pairs``
(explanations), with ``load_encoder()`` and ``load_domain_classifier()``.

``score_pair`` uses the trained score mapper shipped in ``matching/weights/score_mapper.json``
(Ridge + MLP over the features, evaluated in numpy) and falls back to the seed's transparent
rule-based formula (0.35 required skills, 0.10 preferred skills, 0.25 keywords, 0.15 formatting,
0.15 experience) when no mapper is available or ``rule_based_only=True``. Either way the
explanation carries every feature score with its evidence, the missing categories and
recommendations.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from matching.core.scoring.feature_types import FeatureScores
from matching.core.scoring.score_mapper import ScoreMapper, load_default_mapper

RULE_BASED_METHOD = "rule_based"
RULE_WEIGHTS: dict[str, float] = {
    "skill_match_required": 0.35,
    "skill_match_preferred": 0.10,
    "keyword_match": 0.25,
    "formatting": 0.15,
    "experience": 0.15,
}
SKILLS_MISMATCH_BELOW = 60.0
KEYWORD_DENSITY_BELOW = 50.0
FORMATTING_ISSUES_BELOW = 70.0
ROLE_DOMAIN_BELOW = 50.0
ROLE_SEMANTIC_BELOW = 40.0
EXPERIENCE_GAP_BELOW = 70.0
MAX_SKILL_ADVICE = 5
MAX_KEYWORD_ADVICE = 5
SHORT_CV_ADVICE_CHARS = 1500


class Bucket(StrEnum):
    """Score bands: strong >= 80, moderate >= 60, weak >= 40, else not ATS-friendly."""

    STRONG = "strong"
    MODERATE = "moderate"
    WEAK = "weak"
    NOT_ATS_FRIENDLY = "not_ats_friendly"


BUCKET_EDGES: tuple[tuple[float, Bucket], ...] = (
    (80.0, Bucket.STRONG),
    (60.0, Bucket.MODERATE),
    (40.0, Bucket.WEAK),
)


class MissingCategory(StrEnum):
    """What a CV lacks for a vacancy, each with its threshold in this module."""

    SKILLS_MISMATCH = "skills_mismatch"
    KEYWORD_DENSITY = "keyword_density"
    FORMATTING_ISSUES = "formatting_issues"
    ROLE_ALIGNMENT = "role_alignment"
    EXPERIENCE_GAP = "experience_gap"


@dataclass(frozen=True, slots=True)
class MatchExplanation:
    """The score of a pair and everything a recruiter needs to see why."""

    score: float
    bucket: Bucket
    rule_based_score: float
    method: str
    features: FeatureScores
    missing: tuple[MissingCategory, ...]
    recommendations: tuple[str, ...]


def bucket_for(score: float) -> Bucket:
    """The bucket of a 0-100 score (edges belong to the higher bucket: 80 is strong)."""
    for edge, bucket in BUCKET_EDGES:
        if score >= edge:
            return bucket
    return Bucket.NOT_ATS_FRIENDLY


def rule_based_score(features: FeatureScores) -> float:
    """The seed's transparent weighted sum of the five rule-based feature scores (0-100)."""
    parts = {
        "skill_match_required": features.skill_match_required.score,
        "skill_match_preferred": features.skill_match_preferred.score,
        "keyword_match": features.keyword_match.score,
        "formatting": features.formatting.score,
        "experience": features.experience.score,
    }
    return round(sum(RULE_WEIGHTS[name] * value for name, value in parts.items()), 2)


def missing_categories(features: FeatureScores) -> tuple[MissingCategory, ...]:
    """Categories whose feature score falls below its threshold, in a fixed order."""
    role_weak = (
        features.domain.score < ROLE_DOMAIN_BELOW or features.semantic.score < ROLE_SEMANTIC_BELOW
    )
    flags = {
        MissingCategory.SKILLS_MISMATCH: features.skill_match_required.score
        < SKILLS_MISMATCH_BELOW,
        MissingCategory.KEYWORD_DENSITY: features.keyword_match.score < KEYWORD_DENSITY_BELOW,
        MissingCategory.FORMATTING_ISSUES: features.formatting.score < FORMATTING_ISSUES_BELOW,
        MissingCategory.ROLE_ALIGNMENT: role_weak,
        MissingCategory.EXPERIENCE_GAP: features.experience.score < EXPERIENCE_GAP_BELOW,
    }
    return tuple(category for category, is_missing in flags.items() if is_missing)


def recommendations(features: FeatureScores) -> tuple[str, ...]:
    """Plain-word advice from the evidence: missing skills, keywords, experience, format, role."""
    advice = [f"add evidence of {skill}" for skill in _first(features.skill_match_required.missing)]
    advice += [
        f"if you have it, mention {skill} (preferred)"
        for skill in _first(features.skill_match_preferred.missing)
    ]
    if features.keyword_match.score < KEYWORD_DENSITY_BELOW and features.keyword_match.missing:
        words = ", ".join(features.keyword_match.missing[:MAX_KEYWORD_ADVICE])
        advice.append(f"use the vacancy's own words where they are true for you: {words}")
    advice += _experience_advice(features)
    advice += _formatting_advice(features)
    domain = features.domain
    if domain.relation in {"different", "related"} and domain.score < ROLE_DOMAIN_BELOW:
        resume_domain = (domain.resume_domain or "").replace("_", " ")
        vacancy_domain = (domain.vacancy_domain or "").replace("_", " ")
        advice.append(
            f"the CV reads as {resume_domain} and the role is in {vacancy_domain}; "
            "put the experience closest to this role first"
        )
    return tuple(advice)


def _first(items: tuple[str, ...]) -> tuple[str, ...]:
    return items[:MAX_SKILL_ADVICE]


def _years(value: float) -> str:
    """``5.0`` -> ``"5"``, ``2.5`` -> ``"2.5"``."""
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _experience_advice(features: FeatureScores) -> list[str]:
    experience = features.experience
    low, high, years = experience.min_years, experience.max_years, experience.years
    if experience.score >= EXPERIENCE_GAP_BELOW or (low is None and high is None):
        return []
    if years is None:
        return ["state your years of experience, with start and end dates for each role"]
    if low is not None and high is not None:
        asks = f"{_years(low)}-{_years(high)} years"
    elif low is not None:
        asks = f"at least {_years(low)} years"
    else:
        asks = f"at most {_years(high or 0.0)} years"
    return [f"the role asks {asks}; the CV shows {_years(years)}"]


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _formatting_advice(features: FeatureScores) -> list[str]:
    formatting = features.formatting
    if formatting.score >= FORMATTING_ISSUES_BELOW:
        return []
    advice = [
        f"add {_article(section)} {section} section" for section in formatting.sections_missing
    ]
    if not formatting.has_contact:
        advice.append("add contact details (an email address and a phone number)")
    if formatting.length_chars < SHORT_CV_ADVICE_CHARS:
        advice.append(
            f"the CV is short ({formatting.length_chars} characters); describe each role's "
            "tasks and results"
        )
    return advice


def score_pair(
    features: FeatureScores,
    *,
    mapper: ScoreMapper | None = None,
    rule_based_only: bool = False,
) -> MatchExplanation:
    """Score one pair and explain it.

    Args:
        features: The pair's feature scores (``matching.core.scoring.features.compute_features``).
        mapper: A trained score mapper; ``None`` uses the shipped one when it exists.
        rule_based_only: Use the seed's formula even when a mapper exists.

    Returns:
        The 0-100 score, its bucket, the rule-based score, the method used, the features,
        the missing categories and the recommendations.
    """
    baseline = rule_based_score(features)
    chosen = None if rule_based_only else (mapper or load_default_mapper())
    score = round(chosen.predict_features(features), 2) if chosen is not None else baseline
    return MatchExplanation(
        score=score,
        bucket=bucket_for(score),
        rule_based_score=baseline,
        method=chosen.version if chosen is not None else RULE_BASED_METHOD,
        features=features,
        missing=missing_categories(features),
        recommendations=recommendations(features),
    )
