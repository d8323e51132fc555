"""What the feature scores read (resume and vacancy facts) and what they return."""

from __future__ import annotations

from dataclasses import dataclass

from matching.core.scoring.requirement_fit import RequirementEvidence
from matching.core.scoring.term_match import TermMatch

__all__ = [
    "DomainFit",
    "ExperienceAlignment",
    "FeatureScores",
    "FormattingScore",
    "ResumeFacts",
    "SemanticSimilarity",
    "TermMatch",
    "VacancyFacts",
]


@dataclass(frozen=True, slots=True)
class ResumeFacts:
    """What the matcher knows about a (redacted) CV; the parser's seed feature set."""

    text: str
    skills: tuple[str, ...] = ()
    years_total: float | None = None
    skill_years: tuple[tuple[str, float], ...] = ()
    has_summary: bool = False
    has_experience: bool = False
    has_education: bool = False
    has_projects: bool = False
    has_certifications: bool = False
    contact_info_complete: bool = False
    domain: str | None = None
    domain_confidence: float = 0.0
    domain_probabilities: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class VacancyFacts:
    """What the matcher knows about a vacancy; lists may be empty when only a posting exists."""

    title: str
    text: str = ""
    required_skills: tuple[str, ...] = ()
    preferred_skills: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    experience_min_years: float | None = None
    experience_max_years: float | None = None
    seniority: str = ""
    domain: str | None = None
    domain_probabilities: tuple[float, ...] = ()
    essential_skills: tuple[str, ...] = ()  # ESCO URIs essential for its occupation


@dataclass(frozen=True, slots=True)
class FormattingScore:
    """Sections, contact details and length of the CV."""

    score: float
    sections_found: tuple[str, ...]
    sections_missing: tuple[str, ...]
    has_contact: bool
    length_chars: int


@dataclass(frozen=True, slots=True)
class ExperienceAlignment:
    """Years of experience against the vacancy's range and seniority."""

    score: float
    years: float | None
    min_years: float | None
    max_years: float | None
    seniority_expected: str
    seniority_found: str


@dataclass(frozen=True, slots=True)
class SemanticSimilarity:
    """Embedding cosines: whole texts, ESCO-standardised forms and CV-to-job-title, if computed."""

    score: float
    cosine: float
    standardised_cosine: float | None
    title_cosine: float | None = None


@dataclass(frozen=True, slots=True)
class DomainFit:
    """The CV's and the vacancy's domains and how compatible they are (0-100).

    ``same_probability`` is the chance both sides are in the same domain (the dot product of
    the two distributions), when both are known; ``score`` also credits related domains.
    """

    score: float
    resume_domain: str | None
    vacancy_domain: str | None
    relation: str
    same_probability: float | None = None


@dataclass(frozen=True, slots=True)
class FeatureScores:
    """Every feature score of one CV-vacancy pair."""

    skill_match_required: TermMatch
    skill_match_preferred: TermMatch
    keyword_match: TermMatch
    formatting: FormattingScore
    experience: ExperienceAlignment
    semantic: SemanticSimilarity
    domain: DomainFit
    requirements: RequirementEvidence = RequirementEvidence()
