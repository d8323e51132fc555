"""Facts of candidates and vacancies as the scorer reads them (database rows -> core types)."""

from typing import Any

import numpy as np

from candidates.models import Candidate
from matching.core.encoding.chunking import encode_documents
from matching.core.occupations.domains import DomainPrediction
from matching.core.redaction import redact
from matching.core.scoring.feature_types import ResumeFacts, VacancyFacts
from matching.core.skills.matcher import SkillMatcher
from matching.core.skills.standard_text import candidate_standard_text, vacancy_standard_text
from matching.services.encoders import DatabaseEmbeddingStore, default_encoder
from vacancies.models import Vacancy


def standard_texts(
    candidate: Candidate,
    profile: dict[str, Any],
    skills: tuple[str, ...],
    vacancy: Vacancy,
    matcher: SkillMatcher,
) -> tuple[str, str]:
    """The ESCO-standardised sentences of a candidate and a vacancy (the report's form)."""
    titles = [entry.get("title", "") for entry in profile.get("experience", [])]
    titles = [title for title in [candidate.headline, *titles] if title]
    required = list(vacancy.required_skills) or [
        match.label for match in matcher.extract(vacancy.description)
    ]
    return candidate_standard_text(titles, skills), vacancy_standard_text(vacancy.title, required)


def resume_facts(
    profile: dict[str, Any], text: str, skills: tuple[str, ...], domain: DomainPrediction | None
) -> ResumeFacts:
    return ResumeFacts(
        text=redact(text),
        skills=skills,
        domain=domain.domain if domain else None,
        domain_confidence=domain.confidence if domain else 0.0,
        domain_probabilities=domain.probabilities if domain else (),
        years_total=profile.get("years_total"),
        has_summary=bool(profile.get("has_summary")),
        has_experience=bool(profile.get("experience_count")),
        has_education=bool(profile.get("has_education")),
        has_projects=bool(profile.get("has_projects")),
        has_certifications=bool(profile.get("has_certifications")),
        contact_info_complete=bool(profile.get("contact_info_complete")),
    )


def vacancy_facts(vacancy: Vacancy, text: str, domain: DomainPrediction | None) -> VacancyFacts:
    return VacancyFacts(
        domain=domain.domain if domain else None,
        domain_probabilities=domain.probabilities if domain else (),
        title=vacancy.title,
        text=text,
        required_skills=tuple(vacancy.required_skills),
        preferred_skills=tuple(vacancy.preferred_skills),
        keywords=tuple(vacancy.keywords),
        experience_min_years=vacancy.experience_min_years,
        experience_max_years=vacancy.experience_max_years,
        seniority=vacancy.seniority,
    )


def paired_cosines(pairs: list[tuple[str, str]], store: DatabaseEmbeddingStore) -> list[float]:
    encoder = default_encoder()
    left = encode_documents([a for a, _ in pairs], encoder, store=store).vectors
    right = encode_documents([b for _, b in pairs], encoder, store=store).vectors
    return [float(value) for value in np.einsum("ij,ij->i", left, right)]
