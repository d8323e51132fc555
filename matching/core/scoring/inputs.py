"""The inputs of the additive ATS score: one 0-1 number per part, higher is always better.

``score_inputs`` turns a pair's feature scores (``matching.core.scoring.features``), its domain
agreement (``pipeline.score_pairs``), its graded ESCO occupation fit (``occupation_signal``),
its global cosine and its best window cosines into the row the additive score reads. A
requirement the posting does not state counts as met (1): it asks nothing the CV could miss.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from matching.core.scoring.feature_types import FeatureScores
from matching.core.scoring.features import SENIORITY_LEVELS

INPUT_NAMES: tuple[str, ...] = (
    "occupation_fit",
    "occupation_match",
    "required_skills",
    "preferred_skills",
    "years",
    "seniority",
    "skill_years",
    "education",
    "certifications",
    "experience_windows",
    "cosine",
)
INPUT_LABELS: dict[str, str] = {
    "occupation_fit": "Occupation domain agreement",
    "occupation_match": "Same ESCO occupation / ISCO group",
    "required_skills": "Required skills covered",
    "preferred_skills": "Preferred skills covered",
    "years": "Years of experience vs requirement",
    "seniority": "Seniority",
    "skill_years": "Years of the key skills vs requirement",
    "education": "Degree vs requirement",
    "certifications": "Named certifications",
    "experience_windows": "Best-matching experience passages",
    "cosine": "Overall text similarity",
    "bounds": "Held inside 0-100",
}
UNKNOWN_YEARS_FIT = 0.5
DOMAIN_LEVEL = 0.4


@dataclass(frozen=True, slots=True)
class PairSignals:
    """The numbers of one pair that do not come from ``FeatureScores``."""

    occupation_fit: float
    cosine: float
    window_fit: float
    years: float | None = None
    min_years: float | None = None
    occupation_match: float | None = None


def years_fit(years: float | None, min_years: float | None) -> float:
    """``min(years / required, 1)``; 1 when nothing is required, 0.5 when the CV says nothing."""
    if min_years is None or min_years <= 0:
        return 1.0
    if years is None:
        return UNKNOWN_YEARS_FIT
    return float(min(max(years, 0.0) / min_years, 1.0))


def seniority_fit(features: FeatureScores) -> float:
    """1 when the CV's years reach the stated seniority, less one quarter per level short."""
    experience = features.experience
    expected = experience.seniority_expected
    if expected not in SENIORITY_LEVELS or not experience.seniority_found:
        return 1.0
    gap = SENIORITY_LEVELS.index(expected) - SENIORITY_LEVELS.index(experience.seniority_found)
    return float(max(0.0, 1.0 - 0.25 * max(gap, 0)))


def _occupation_match(signals: PairSignals) -> float:
    """The graded ESCO fit; unknown (no occupation index), the domain level of the domain
    agreement (what ``graded_occupation_fit`` gives two documents of one domain)."""
    if signals.occupation_match is not None:
        return signals.occupation_match
    return DOMAIN_LEVEL * signals.occupation_fit


def score_inputs(features: FeatureScores, signals: PairSignals) -> npt.NDArray[np.float64]:
    """The additive score's input row of one pair, in ``INPUT_NAMES`` order."""
    experience = features.experience
    low = signals.min_years if signals.min_years is not None else experience.min_years
    years = signals.years if signals.years is not None else experience.years
    return np.array(
        [
            signals.occupation_fit,
            _occupation_match(signals),
            features.skill_match_required.score / 100.0,
            features.skill_match_preferred.score / 100.0,
            years_fit(years, low),
            seniority_fit(features),
            features.requirements.skill_years_fit,
            features.requirements.degree_fit,
            features.requirements.certification_fit,
            signals.window_fit,
            signals.cosine,
        ],
        dtype=np.float64,
    )
