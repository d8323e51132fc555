"""Graded ESCO occupation agreement of CV and posting, as an input of the score.

Each distinct document's ``OccupationProfile`` is inferred once (``matching.core.occupations``
``infer_occupations``: its passages, its ESCO skills, a posting's title and the domain
classifier's distribution) and cached in this process by (index version, model, text); the
pair's fit is ``graded_occupation_fit`` (same occupation 1.0 > same ISCO unit group 0.8 > same
minor group 0.6 > same domain 0.4 > related domains 0.2). A posting's essential skills are the
ESCO essential skills of the occupation it reads as. Pure Python: no Django.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from matching.core.encoding.encoder import Encoder
from matching.core.occupations.esco_index import OccupationIndex, OccupationTaxonomy
from matching.core.occupations.lookup import infer_occupations
from matching.core.occupations.occupation_fit import (
    LEVEL_VALUES,
    FitLevel,
    OccupationFit,
    graded_occupation_fit,
)
from matching.core.occupations.profile import OccupationProfile
from matching.core.scoring.posting_terms import taxonomy_matcher
from matching.core.skills.matcher import extract_skills

PROFILE_CACHE_LIMIT = 20000


@dataclass(frozen=True, eq=False)
class OccupationReader:
    """The occupation index, the encoder of its vectors and each occupation's essential skills."""

    index: OccupationIndex
    encoder: Encoder
    essential: dict[str, frozenset[str]] = field(default_factory=dict)

    @classmethod
    def build(
        cls, index: OccupationIndex, taxonomy: OccupationTaxonomy, encoder: Encoder
    ) -> OccupationReader:
        """A reader whose essential skills come from ``taxonomy``'s relations."""
        essential: dict[str, set[str]] = defaultdict(set)
        for relation in taxonomy.relations:
            if relation.relation_type == "essential":
                essential[relation.occupation_uri].add(relation.skill_uri)
        return cls(index, encoder, {uri: frozenset(s) for uri, s in essential.items()})

    def essential_skills(self, profile: OccupationProfile) -> frozenset[str]:
        """ESCO essential skill URIs of the occupation ``profile`` reads as (empty if none)."""
        top = profile.top
        return self.essential.get(top.uri, frozenset()) if top is not None else frozenset()


_profiles: dict[tuple[str, str, str, str], OccupationProfile] = {}


def _key(reader: OccupationReader, text: str, title: str | None) -> tuple[str, str, str, str]:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return reader.index.version, reader.encoder.model_id, digest, title or ""


def read_profile(
    reader: OccupationReader,
    text: str,
    *,
    title: str | None = None,
    domain_prior: Sequence[float] | None = None,
) -> OccupationProfile:
    """The document's occupation profile, inferred once per text and title in this process."""
    key = _key(reader, text, title)
    cached = _profiles.get(key)
    if cached is not None:
        return cached
    skills = tuple(match.uri for match in extract_skills(text, taxonomy_matcher()))
    profile = infer_occupations(
        text,
        reader.index,
        encoder=reader.encoder,
        skills=skills,
        title=title,
        domain_prior=domain_prior,
    )
    if len(_profiles) >= PROFILE_CACHE_LIMIT:
        _profiles.clear()
    _profiles[key] = profile
    return profile


def occupation_fit(cv: OccupationProfile | None, job: OccupationProfile | None) -> OccupationFit:
    """The graded fit; without profiles, no occupation is known (level none, value 0)."""
    if cv is None or job is None:
        return OccupationFit(LEVEL_VALUES[FitLevel.NONE], FitLevel.NONE, None, None, "", "")
    return graded_occupation_fit(cv, job)


def fit_sentence(fit: OccupationFit) -> str:
    """'reads as Accountant; the posting is Accountant' for the why panel."""
    cv, job = fit.cv_occupation, fit.job_occupation
    if cv is None or job is None:
        return fit.explanation() if fit.cv_domain else ""
    return f"reads as {cv.label}; the posting is {job.label} ({fit.explanation()})"
