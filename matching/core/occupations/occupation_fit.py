"""Graded occupation fit of a CV and a vacancy, for the score and its explanation.

Levels, best first, each with its value: the same ESCO occupation (1.0), the same ISCO unit
group (0.8), the same ISCO minor group (0.6), the same domain (0.4), related domains (0.2),
none (0.0). Every pair of the two profiles' top occupations is compared; a pair counts with its
level value times ``sqrt(r_cv * r_job)``, where ``r`` is an occupation's confidence relative to
its profile's top one (the top occupations have ``r = 1``), so a match between two runners-up
counts less than one between the leaders. Domains compare the two domain distributions' leaders
(with the same relative weighting). The best-valued pair wins; its occupations are named.
Pure Python: no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from matching.core.occupations.domains import domain_compatibility
from matching.core.occupations.profile import OccupationCandidate, OccupationProfile


class FitLevel(StrEnum):
    """How closely a CV's occupation agrees with a vacancy's."""

    SAME_OCCUPATION = "same_occupation"
    SAME_UNIT_GROUP = "same_isco_unit_group"
    SAME_MINOR_GROUP = "same_isco_minor_group"
    SAME_DOMAIN = "same_domain"
    RELATED_DOMAINS = "related_domains"
    NONE = "none"


LEVEL_VALUES: dict[FitLevel, float] = {
    FitLevel.SAME_OCCUPATION: 1.0,
    FitLevel.SAME_UNIT_GROUP: 0.8,
    FitLevel.SAME_MINOR_GROUP: 0.6,
    FitLevel.SAME_DOMAIN: 0.4,
    FitLevel.RELATED_DOMAINS: 0.2,
    FitLevel.NONE: 0.0,
}


@dataclass(frozen=True, slots=True)
class OccupationFit:
    """The fit in [0, 1], the level it reached and the two occupations that reached it."""

    score: float
    level: FitLevel
    cv_occupation: OccupationCandidate | None
    job_occupation: OccupationCandidate | None
    cv_domain: str
    job_domain: str

    def explanation(self) -> str:
        """One line naming the occupations, for the why panel."""
        cv, job = self.cv_occupation, self.job_occupation
        if self.level is FitLevel.SAME_OCCUPATION and cv is not None:
            return f"both read as {cv.label} (ESCO)"
        if cv is not None and job is not None:
            group = {
                FitLevel.SAME_UNIT_GROUP: f"same ISCO group {job.isco_code} {job.isco_label}",
                FitLevel.SAME_MINOR_GROUP: f"same ISCO minor group {job.minor_group}",
            }.get(self.level)
            if group is not None:
                return f"CV reads as {cv.label}, vacancy as {job.label}: {group}"
        if self.level is FitLevel.SAME_DOMAIN:
            return f"same domain ({self.job_domain}), different occupations"
        if self.level is FitLevel.RELATED_DOMAINS:
            return f"related domains ({self.cv_domain} and {self.job_domain})"
        return f"different domains ({self.cv_domain} and {self.job_domain})"


def pair_level(cv: OccupationCandidate, job: OccupationCandidate) -> FitLevel:
    """The level two occupations reach on their own (no domain fallback beyond theirs)."""
    if cv.uri == job.uri:
        return FitLevel.SAME_OCCUPATION
    if cv.isco_code == job.isco_code:
        return FitLevel.SAME_UNIT_GROUP
    if cv.minor_group == job.minor_group:
        return FitLevel.SAME_MINOR_GROUP
    return FitLevel.NONE


def _relative(item: OccupationCandidate, top: OccupationCandidate) -> float:
    return item.confidence / top.confidence if top.confidence > 0 else 0.0


def _domain_level(first: str, second: str) -> FitLevel:
    compatibility = domain_compatibility(first, second)
    if compatibility >= 1.0:
        return FitLevel.SAME_DOMAIN
    return FitLevel.RELATED_DOMAINS if compatibility > 0 else FitLevel.NONE


def graded_occupation_fit(cv: OccupationProfile, job: OccupationProfile) -> OccupationFit:
    """The best graded agreement between a CV's and a vacancy's occupation profiles.

    Ties between pairs of equal value go to the pair that comes first (most confident CV
    occupation, then most confident vacancy occupation), so the result is deterministic.
    """
    level = _domain_level(cv.domain, job.domain)
    best = OccupationFit(LEVEL_VALUES[level], level, cv.top, job.top, cv.domain, job.domain)
    if cv.top is None or job.top is None:
        return best
    for cv_item in cv.occupations:
        for job_item in job.occupations:
            pair = pair_level(cv_item, job_item)
            weight = math.sqrt(_relative(cv_item, cv.top) * _relative(job_item, job.top))
            value = LEVEL_VALUES[pair] * weight
            if value > best.score + 1e-12:
                best = OccupationFit(value, pair, cv_item, job_item, cv.domain, job.domain)
    return best
