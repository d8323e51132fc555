"""The jobs of the synthetic examples, and FairMatch's feature scores of a CV against one."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from matching.core.redaction import redact
from matching.core.scoring.feature_types import FeatureScores, VacancyFacts
from matching.core.scoring.features import compute_features
from matching.core.scoring.pair_features import resume_facts_from_profile
from matching.core.training.synthetic_templates import Role

REFERENCE_DATE = date(2025, 6, 30)  # "today" for the parser: years never drift with the clock


@dataclass(frozen=True, slots=True)
class Job:
    """One synthetic vacancy."""

    id: str
    role: Role
    text: str
    experience_min_years: float
    experience_max_years: float
    seniority: str
    employer: str


def score_cv(text: str, cv_role: Role, job: Job) -> tuple[FeatureScores, dict[str, Any]]:
    """FairMatch's feature scores of a CV text against a job, on what the CV parser reads.

    The parser runs on the full text (as stored profiles are); the matched text is redacted,
    as blind scoring does. The semantic cosine is lexical (word counts): no encoder here.
    """
    from candidates.extraction.profile import parse_profile  # pure, no Django

    profile = parse_profile(text, today=REFERENCE_DATE)
    facts = resume_facts_from_profile(profile, text=redact(text), domain=cv_role.domain)
    vacancy = VacancyFacts(
        title=job.role.title,
        text=job.text,
        required_skills=job.role.required,
        preferred_skills=job.role.preferred,
        keywords=job.role.keywords,
        experience_min_years=job.experience_min_years,
        experience_max_years=job.experience_max_years,
        seniority=job.seniority,
        domain=job.role.domain,
    )
    features = compute_features(facts, vacancy, cosine=lexical_cosine(text, job.text))
    return features, profile.to_dict()


def lexical_cosine(first: str, second: str) -> float:
    """Cosine of the two texts' lower-cased word counts."""
    left = Counter(re.findall(r"\w+", first.lower()))
    right = Counter(re.findall(r"\w+", second.lower()))
    dot = sum(count * right[word] for word, count in left.items())
    norm = math.sqrt(sum(v * v for v in left.values()) * sum(v * v for v in right.values()))
    return dot / norm if norm else 0.0
