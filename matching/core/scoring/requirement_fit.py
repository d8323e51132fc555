"""How a CV meets a posting's degree, certification and per-skill years requirements.

Each fit is 0-1 and rises with what the CV shows (monotone): a higher degree, more of the named
certifications, more years of a skill. A requirement the posting does not state counts as met.
"""

from __future__ import annotations

from dataclasses import dataclass

from matching.core.scoring.credentials import (
    certification_fit,
    certifications_in,
    degree_fit,
    held_degree,
)
from matching.core.scoring.requirements import PostingRequirements, canonical_skill_years


@dataclass(frozen=True, slots=True)
class SkillYearsGap:
    """Years of one skill the posting asks and the CV shows (None: the CV gives no figure)."""

    skill: str
    asked: float
    shown: float | None


@dataclass(frozen=True, slots=True)
class RequirementEvidence:
    """Degree, certifications and per-skill years: asked, shown, and the 0-1 fit of each."""

    degree_asked: str | None = None
    degree_held: str | None = None
    degree_fit: float = 1.0
    certifications_asked: tuple[str, ...] = ()
    certifications_held: tuple[str, ...] = ()
    certification_fit: float = 1.0
    skill_years: tuple[SkillYearsGap, ...] = ()
    skill_years_fit: float = 1.0

    @property
    def certifications_missing(self) -> tuple[str, ...]:
        """Named certifications the CV does not show."""
        return tuple(c for c in self.certifications_asked if c not in self.certifications_held)


def skill_years_fit(gaps: tuple[SkillYearsGap, ...], total_years: float | None) -> float:
    """Mean of ``min(shown / asked, 1)`` over the skills with a years requirement.

    A skill the CV names without a figure is credited with the CV's total years, capped at the
    requirement (a CV rarely dates each skill); not named at all, it counts 0.
    """
    if not gaps:
        return 1.0
    fits = []
    for gap in gaps:
        shown = gap.shown if gap.shown is not None else 0.0
        fits.append(min(shown / gap.asked, 1.0) if gap.asked > 0 else 1.0)
    return sum(fits) / len(fits)


def requirement_evidence(
    requirements: PostingRequirements,
    cv_text: str,
    cv_skill_years: tuple[tuple[str, float], ...],
    cv_skills: frozenset[str] | set[str],
    total_years: float | None,
) -> RequirementEvidence:
    """The CV's evidence against ``requirements`` (skills in ``cv_skills`` are normalised)."""
    held = held_degree(cv_text)
    certifications = certifications_in(cv_text)
    per_skill = canonical_skill_years(cv_skill_years)
    gaps = []
    for skill, asked in requirements.skill_years:
        shown = per_skill.get(skill.lower())
        if shown is None and skill.lower() in cv_skills and total_years is not None:
            shown = min(total_years, asked)
        gaps.append(SkillYearsGap(skill, asked, shown))
    found = tuple(gaps)
    return RequirementEvidence(
        degree_asked=requirements.degree,
        degree_held=held,
        degree_fit=degree_fit(held, requirements.degree),
        certifications_asked=requirements.certifications,
        certifications_held=certifications,
        certification_fit=certification_fit(certifications, requirements.certifications),
        skill_years=found,
        skill_years_fit=skill_years_fit(found, total_years),
    )
