"""Feature scores on hand-made CVs and vacancies, with exact values and evidence."""

import pytest

from matching.core.occupations.domains import DOMAIN_KEYS
from matching.core.scoring.feature_types import ResumeFacts, VacancyFacts
from matching.core.scoring.features import (
    compute_features,
    domain_fit,
    experience_alignment,
    formatting_score,
    match_terms,
    semantic_similarity,
    seniority_from_years,
)
from matching.core.text import contains_phrase, normalise

CV_TEXT = (
    "Summary: backend developer. Built Python and Django services on PostgreSQL; "
    "some C++ and Node.js. Contact: dev@example.com"
)
RESUME = ResumeFacts(
    text=CV_TEXT,
    skills=("Python", "Docker"),
    years_total=2.0,
    has_summary=True,
    has_experience=True,
    contact_info_complete=True,
    domain="technology",
)
VACANCY = VacancyFacts(
    title="Backend developer",
    required_skills=("Python", "Kubernetes", "Django", "PostgreSQL"),
    preferred_skills=("Docker", "Terraform"),
    keywords=("backend", "python", "api", "rest"),
    experience_min_years=5,
    experience_max_years=8,
    seniority="senior",
    domain="design",
)


def test_compute_features_exact_scores_and_evidence() -> None:
    features = compute_features(RESUME, VACANCY, cosine=0.5, title_cosine=0.4)

    required = features.skill_match_required
    assert (required.score, required.matched, required.missing) == (
        75.0,
        ("Python", "Django", "PostgreSQL"),
        ("Kubernetes",),
    )
    assert features.skill_match_preferred.score == 50.0
    assert features.skill_match_preferred.missing == ("Terraform",)
    assert features.keyword_match.matched == ("backend", "python")
    assert features.keyword_match.score == 50.0
    assert features.experience.score == 25.0
    assert features.semantic.score == 63.64
    assert features.semantic.title_cosine == 0.4
    assert (features.domain.score, features.domain.relation) == (50.0, "related")


def test_match_terms_uses_skills_and_whole_words() -> None:
    text = normalise("Experienced in C++ and Node.js; Javascript")

    result = match_terms(("c++", "node.js", "java", "Docker"), text, {"docker"})

    assert result.matched == ("c++", "node.js", "Docker")
    assert result.missing == ("java",)
    assert result.score == 75.0


def test_empty_term_list_scores_100() -> None:
    assert match_terms((), "anything", set()).score == 100.0


def test_terms_are_derived_from_the_posting_when_not_listed() -> None:
    vacancy = VacancyFacts(
        title="Data engineer",
        text="We need a data engineer. Spark pipelines, Spark streaming and Airflow daily.",
    )

    features = compute_features(RESUME, vacancy, cosine=0.3)

    assert features.keyword_match.derived_from_text is True
    found = features.keyword_match.matched + features.keyword_match.missing
    # Keywords are the posting's own skills, never its free words ("data", "daily", "need").
    assert "Apache Spark" in found
    assert not {"data", "engineer", "daily", "need", "we"} & {term.lower() for term in found}


def test_formatting_score_counts_sections_contact_and_length() -> None:
    short = formatting_score(RESUME)
    long_cv = formatting_score(
        ResumeFacts(text="x" * 2000, has_education=True, has_certifications=True)
    )

    assert short.score == 12.0 * 3 + 20.0
    assert short.sections_missing == ("education", "projects or certifications")
    assert long_cv.score == 12.0 * 2 + 20.0
    assert long_cv.length_chars == 2000


@pytest.mark.parametrize(
    ("years", "low", "high", "seniority", "expected"),
    [
        (6.0, 5.0, 8.0, "", 100.0),
        (2.0, 4.0, None, "", 50.0),
        (10.0, 2.0, 4.0, "", 70.0),
        (5.0, 2.0, 4.0, "", 95.0),
        (3.0, None, None, "senior", 85.0),
        (3.0, None, None, "lead", 70.0),
        (12.0, None, None, "junior", 100.0),
        (None, 3.0, None, "", 50.0),
        (None, None, None, "", 100.0),
    ],
)
def test_experience_alignment(
    years: float | None, low: float | None, high: float | None, seniority: str, expected: float
) -> None:
    resume = ResumeFacts(text="", years_total=years)
    vacancy = VacancyFacts(
        title="x", experience_min_years=low, experience_max_years=high, seniority=seniority
    )

    assert experience_alignment(resume, vacancy).score == expected


def test_seniority_from_years_levels() -> None:
    assert [seniority_from_years(y) for y in (0.5, 2.0, 4.9, 5.0, 10.0)] == [
        "junior",
        "mid",
        "mid",
        "senior",
        "lead",
    ]


def test_semantic_similarity_maps_cosine_onto_0_100() -> None:
    assert semantic_similarity(0.15).score == 0.0
    assert semantic_similarity(0.70).score == 100.0
    assert semantic_similarity(0.9).score == 100.0
    assert semantic_similarity(0.425).score == 50.0
    assert semantic_similarity(0.5, 0.35).score == 50.0


def test_domain_fit_uses_distributions_when_both_are_known() -> None:
    probabilities = [0.0] * 13
    probabilities[DOMAIN_KEYS.index("technology")] = 0.5
    probabilities[DOMAIN_KEYS.index("legal")] = 0.5
    resume = ResumeFacts(text="", domain="technology", domain_probabilities=tuple(probabilities))
    vacancy_probabilities = [0.0] * 13
    vacancy_probabilities[DOMAIN_KEYS.index("technology")] = 1.0
    vacancy = VacancyFacts(
        title="x", domain="technology", domain_probabilities=tuple(vacancy_probabilities)
    )

    fit = domain_fit(resume, vacancy)

    assert (fit.score, fit.relation) == (50.0, "same")
    assert domain_fit(ResumeFacts(text=""), vacancy).score == 50.0
    assert (
        domain_fit(
            ResumeFacts(text="", domain="legal"), VacancyFacts("x", domain="technology")
        ).score
        == 0.0
    )


def test_contains_phrase_respects_word_edges() -> None:
    text = normalise("Worked with Java, JavaScript and C#.")

    assert contains_phrase(text, "java") is True
    assert contains_phrase(text, "c#") is True
    assert contains_phrase(text, "script") is False
    assert contains_phrase(text, "") is False
