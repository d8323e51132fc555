"""Explainable feature scores of one CV against one vacancy, each 0-100 with its evidence.

Inputs are plain dataclasses (``ResumeFacts``, ``VacancyFacts``); cosines are computed by the
caller (``matching.core.encoding.chunking``) and passed in. ``compute_features`` returns
``FeatureScores``,
which ``matching.core.scoring`` turns into the final score, bucket and recommendations.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from matching.core.occupations.domains import DOMAIN_KEYS, domain_compatibility
from matching.core.scoring.feature_types import (
    DomainFit,
    ExperienceAlignment,
    FeatureScores,
    FormattingScore,
    ResumeFacts,
    SemanticSimilarity,
    VacancyFacts,
)
from matching.core.scoring.posting_terms import posting_terms
from matching.core.scoring.requirement_fit import requirement_evidence
from matching.core.scoring.term_match import TermMatch, cv_taxonomy_skills, match_terms
from matching.core.text import normalise

__all__ = ["TermMatch", "match_terms"]

COSINE_FLOOR = 0.15
COSINE_CEILING = 0.70
NEUTRAL_SCORE = 50.0
SENIORITY_LEVELS = ("intern", "junior", "mid", "senior", "lead")
SENIORITY_MIN_YEARS = (0.0, 0.0, 2.0, 5.0, 10.0)
SENIORITY_PENALTY = 15.0
OVERQUALIFIED_PENALTY_PER_YEAR = 5.0
OVERQUALIFIED_FLOOR = 70.0
SECTION_POINTS = 12.0
CONTACT_POINTS = 20.0
LENGTH_POINTS = 20.0
SHORT_CV_CHARS = 500
GOOD_CV_CHARS = 1500
LONG_CV_CHARS = 12000


def compute_features(
    resume: ResumeFacts,
    vacancy: VacancyFacts,
    *,
    cosine: float,
    standardised_cosine: float | None = None,
    title_cosine: float | None = None,
) -> FeatureScores:
    """Score ``resume`` against ``vacancy`` on every explainable feature.

    Args:
        resume: The CV's facts (text already redacted for blind scoring).
        vacancy: The vacancy's facts; skills and keywords are derived from ``vacancy.text``
            when its lists are empty.
        cosine: Cosine of the whole-text embeddings of CV and vacancy.
        standardised_cosine: Cosine of their ESCO-standardised forms, if computed.
        title_cosine: Cosine of the CV with the vacancy's title, if computed.

    Returns:
        The feature scores with their evidence.
    """
    terms = posting_terms(vacancy)
    required, preferred, keywords, derived = _vacancy_terms(vacancy)
    resume_text = normalise(resume.text)
    resume_skills = {normalise(skill) for skill in resume.skills} | cv_taxonomy_skills(resume.text)
    asked = terms.requirements
    if vacancy.experience_min_years is None and asked.min_years is not None:
        # A posting known by its text: its own "3-5 years" stands for the recruiter's range.
        vacancy = replace(
            vacancy, experience_min_years=asked.min_years, experience_max_years=asked.max_years
        )
    evidence = requirement_evidence(
        asked, resume.text, resume.skill_years, resume_skills, resume.years_total
    )
    return FeatureScores(
        skill_match_required=match_terms(
            required, resume_text, resume_skills, derived, terms.weight
        ),
        skill_match_preferred=match_terms(
            preferred, resume_text, resume_skills, weight=terms.weight
        ),
        keyword_match=match_terms(keywords, resume_text, resume_skills, derived),
        formatting=formatting_score(resume),
        experience=experience_alignment(resume, vacancy),
        semantic=semantic_similarity(cosine, standardised_cosine, title_cosine),
        domain=domain_fit(resume, vacancy),
        requirements=evidence,
    )


@lru_cache(maxsize=1024)
def _vacancy_terms(
    vacancy: VacancyFacts,
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], bool]:
    """Required and preferred skills and keywords (``posting_terms``), most central first."""
    terms = posting_terms(vacancy)
    return terms.required, terms.preferred, terms.keywords, terms.derived_from_text


def formatting_score(resume: ResumeFacts) -> FormattingScore:
    """Score sections (12 points each), contact details (20) and length (20)."""
    sections = {
        "summary": resume.has_summary,
        "experience": resume.has_experience,
        "education": resume.has_education,
        "skills": bool(resume.skills),
        "projects or certifications": resume.has_projects or resume.has_certifications,
    }
    found = tuple(name for name, present in sections.items() if present)
    missing = tuple(name for name, present in sections.items() if not present)
    length = len(resume.text.strip())
    points = SECTION_POINTS * len(found) + CONTACT_POINTS * resume.contact_info_complete
    points += LENGTH_POINTS * _length_fraction(length)
    return FormattingScore(round(points, 2), found, missing, resume.contact_info_complete, length)


def _length_fraction(length: int) -> float:
    """1 for 1,500-12,000 characters, rising from 0 at 500, halved above 12,000."""
    if length < SHORT_CV_CHARS:
        return 0.0
    if length < GOOD_CV_CHARS:
        return (length - SHORT_CV_CHARS) / (GOOD_CV_CHARS - SHORT_CV_CHARS)
    return 1.0 if length <= LONG_CV_CHARS else 0.5


def seniority_from_years(years: float) -> str:
    """The seniority level a number of years suggests (junior < 2 <= mid < 5 <= senior < 10)."""
    level = max(i for i, low in enumerate(SENIORITY_MIN_YEARS) if years >= low)
    return SENIORITY_LEVELS[max(level, 1)]


def experience_alignment(resume: ResumeFacts, vacancy: VacancyFacts) -> ExperienceAlignment:
    """Score years against ``[min, max]``: full inside, proportional below, mild penalty above.

    Unknown years against a stated requirement score 50; no requirement scores 100. A stated
    seniority costs 15 points per level the CV's years fall short of it.
    """
    low, high, years = (
        vacancy.experience_min_years,
        vacancy.experience_max_years,
        resume.years_total,
    )
    expected = vacancy.seniority.strip().lower()
    found = seniority_from_years(years) if years is not None else ""
    if years is None:
        asks = low is not None or high is not None or expected in SENIORITY_LEVELS
        score = NEUTRAL_SCORE if asks else 100.0
    else:
        score = _range_score(years, low, high)
        if expected in SENIORITY_LEVELS:
            gap = SENIORITY_LEVELS.index(expected) - SENIORITY_LEVELS.index(found)
            score -= SENIORITY_PENALTY * max(gap, 0)
    return ExperienceAlignment(round(max(score, 0.0), 2), years, low, high, expected, found)


def _range_score(years: float, low: float | None, high: float | None) -> float:
    if low is not None and years < low:
        return 100.0 * years / low if low > 0 else 100.0
    if high is not None and years > high:
        over = (years - high) * OVERQUALIFIED_PENALTY_PER_YEAR
        return max(100.0 - over, OVERQUALIFIED_FLOOR)
    return 100.0


def semantic_similarity(
    cosine: float, standardised_cosine: float | None = None, title_cosine: float | None = None
) -> SemanticSimilarity:
    """Map a cosine linearly from [0.15, 0.70] onto 0-100 (clipped); the mean of both cosines."""
    values = [cosine] if standardised_cosine is None else [cosine, standardised_cosine]
    mean = sum(values) / len(values)
    fraction = (mean - COSINE_FLOOR) / (COSINE_CEILING - COSINE_FLOOR)
    score = 100.0 * min(max(fraction, 0.0), 1.0)
    return SemanticSimilarity(round(score, 2), cosine, standardised_cosine, title_cosine)


def domain_fit(resume: ResumeFacts, vacancy: VacancyFacts) -> DomainFit:
    """Compatibility of the two domains: expected over both distributions when both are known.

    Same domain scores 100, related 50, different 0; an unknown domain scores 50 (neutral).
    """
    first, second = resume.domain, vacancy.domain
    if first is None or second is None:
        return DomainFit(NEUTRAL_SCORE, first, second, "unknown")
    hard = domain_compatibility(first, second)
    relation = "same" if hard == 1.0 else "related" if hard > 0 else "different"
    full = len(DOMAIN_KEYS)
    same = None
    if len(resume.domain_probabilities) == full and len(vacancy.domain_probabilities) == full:
        same = round(
            sum(
                p * q
                for p, q in zip(
                    resume.domain_probabilities, vacancy.domain_probabilities, strict=True
                )
            ),
            6,
        )
        hard = sum(
            p * q * domain_compatibility(a, b)
            for a, p in zip(DOMAIN_KEYS, resume.domain_probabilities, strict=True)
            for b, q in zip(DOMAIN_KEYS, vacancy.domain_probabilities, strict=True)
            if p > 0 and q > 0
        )
    return DomainFit(round(100.0 * hard, 2), first, second, relation, same)
