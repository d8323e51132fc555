"""What a posting asks, read from its text: years, skill centrality, degree, certifications."""

from __future__ import annotations

import pytest

from matching.core.scoring.credentials import (
    asked_degree,
    certification_fit,
    certifications_in,
    degree_fit,
    held_degree,
)
from matching.core.scoring.features import ResumeFacts, VacancyFacts, compute_features
from matching.core.scoring.requirement_fit import SkillYearsGap, skill_years_fit
from matching.core.scoring.requirements import posting_years, read_requirements
from matching.core.skills.matcher import extract_skills

POSTING = (
    "Backend Developer\nAbout us: a small team that builds payment APIs.\n"
    "Requirements: 5+ years of Python, strong PostgreSQL and Django. Python is a must.\n"
    "Nice to have: Docker is a plus.\nBenefits: remote work."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3-5 years of experience", (3.0, 5.0)),
        ("5+ years", (5.0, None)),
        ("at least two years of experience in sales", (2.0, None)),
        ("a minimum of 4 years in accounting", (4.0, None)),
        ("Over the past 15 years, the firm has grown", (None, None)),
        ("nearly 40 years of successfully delivering housing", (None, None)),
        ("no requirement here", (None, None)),
    ],
)
def test_posting_years(text: str, expected: tuple[float | None, float | None]) -> None:
    assert posting_years(text) == expected


def test_required_skills_are_weighted_by_how_central_they_are() -> None:
    read = read_requirements(POSTING)
    weights = {item.label.lower(): item.weight for item in read.required}
    preferred = {item.label.lower() for item in read.preferred}
    assert "python" in weights
    assert "docker" in preferred
    assert "docker" not in weights
    # Python: in the requirements part and mentioned twice; PostgreSQL: requirements part once.
    assert weights["python"] > weights["postgresql"] > 1.0
    assert read.min_years == 5.0
    assert ("Python", 5.0) in read.skill_years


def test_essential_skills_of_the_occupation_weigh_more() -> None:
    text = "We use Django daily."
    (match,) = [m for m in extract_skills(text) if m.label.lower() == "django"]
    plain = {item.label: item for item in read_requirements(text).required}
    boosted = {item.label: item for item in read_requirements(text, essential={match.uri}).required}
    assert boosted[match.label].essential
    assert not plain[match.label].essential
    assert boosted[match.label].weight > plain[match.label].weight


def test_degree_and_certification_requirements() -> None:
    posting = "Education: Bachelor's degree in accounting required, Master's preferred. CPA."
    assert asked_degree(posting) == "bachelor"
    assert held_degree("MBA, University of Leeds") == "master"
    assert degree_fit("master", "bachelor") == 1.0
    assert degree_fit("associate", "bachelor") < degree_fit("bachelor", "bachelor")
    assert degree_fit(None, "bachelor") == 0.0
    assert degree_fit(None, None) == 1.0
    assert certifications_in(posting) == ("CPA",)
    assert certifications_in("Team player; capable of mpmp") == ()
    assert certification_fit(("CPA",), ("CPA", "CMA")) == 0.5
    assert certification_fit((), ()) == 1.0


def test_each_requirement_fit_rises_with_what_the_cv_shows() -> None:
    fits = [
        skill_years_fit((SkillYearsGap("Spring", 5.0, shown),), None)
        for shown in (0.0, 2.0, 5.0, 8.0)
    ]
    assert fits == sorted(fits)
    assert fits[-1] == 1.0
    levels = [
        degree_fit(level, "master") for level in ("secondary", "bachelor", "master", "doctorate")
    ]
    assert levels == sorted(levels)


def test_features_read_degree_certification_and_skill_years_from_the_posting() -> None:
    vacancy = VacancyFacts(
        title="Java developer",
        text="Requirements: 5+ years of Java. Bachelor's degree in computer science. PMP.",
    )
    junior = ResumeFacts(text="Java developer. Java - 24 months. Diploma.", years_total=2.0)
    senior = ResumeFacts(
        text="Java developer, BSc Computer Science, PMP certified. Java - 72 months.",
        years_total=6.0,
        skill_years=(("Java", 6.0),),
    )
    low = compute_features(junior, vacancy, cosine=0.4).requirements
    high = compute_features(senior, vacancy, cosine=0.4).requirements
    assert low.degree_asked == "bachelor"
    assert (low.degree_fit, high.degree_fit) == (0.0, 1.0)
    assert low.certifications_missing == ("PMP",)
    assert high.certification_fit == 1.0
    assert low.skill_years_fit < high.skill_years_fit == 1.0
