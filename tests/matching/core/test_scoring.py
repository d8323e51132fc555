"""Rule-based score, bucket edges, missing categories, recommendations and score_pair."""

import pytest

from matching.core.encoding.registry import load_encoder
from matching.core.occupations.domains import load_domain_classifier
from matching.core.scoring import (
    RULE_BASED_METHOD,
    Bucket,
    MissingCategory,
    bucket_for,
    missing_categories,
    recommendations,
    rule_based_score,
    score_pair,
)
from matching.core.scoring.features import (
    DomainFit,
    ExperienceAlignment,
    FeatureScores,
    FormattingScore,
    ResumeFacts,
    SemanticSimilarity,
    TermMatch,
    VacancyFacts,
    compute_features,
)
from matching.core.scoring.pair_features import score_text_pairs


def _features(
    required: float = 100.0,
    preferred: float = 100.0,
    keywords: float = 100.0,
    formatting: float = 100.0,
    experience: float = 100.0,
    semantic: float = 100.0,
    domain: float = 100.0,
) -> FeatureScores:
    return FeatureScores(
        skill_match_required=TermMatch(required, (), ()),
        skill_match_preferred=TermMatch(preferred, (), ()),
        keyword_match=TermMatch(keywords, (), ()),
        formatting=FormattingScore(formatting, (), (), True, 3000),
        experience=ExperienceAlignment(experience, 5.0, None, None, "", "senior"),
        semantic=SemanticSimilarity(semantic, 0.7, None),
        domain=DomainFit(domain, "technology", "technology", "same"),
    )


@pytest.mark.parametrize(
    ("score", "bucket"),
    [
        (100.0, Bucket.STRONG),
        (80.0, Bucket.STRONG),
        (79.99, Bucket.MODERATE),
        (60.0, Bucket.MODERATE),
        (59.99, Bucket.WEAK),
        (40.0, Bucket.WEAK),
        (39.99, Bucket.NOT_ATS_FRIENDLY),
        (0.0, Bucket.NOT_ATS_FRIENDLY),
    ],
)
def test_bucket_edges(score: float, bucket: Bucket) -> None:
    assert bucket_for(score) is bucket


def test_bucket_values_are_the_contract_strings() -> None:
    assert [bucket.value for bucket in Bucket] == [
        "strong",
        "moderate",
        "weak",
        "not_ats_friendly",
    ]


def test_rule_based_score_uses_the_seed_weights() -> None:
    features = _features(required=80, preferred=50, keywords=60, formatting=70, experience=40)

    assert rule_based_score(features) == 0.35 * 80 + 0.10 * 50 + 0.25 * 60 + 0.15 * 70 + 0.15 * 40
    assert rule_based_score(_features()) == 100.0


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({}, ()),
        ({"required": 59.99}, (MissingCategory.SKILLS_MISMATCH,)),
        ({"required": 60.0}, ()),
        ({"keywords": 49.0}, (MissingCategory.KEYWORD_DENSITY,)),
        ({"formatting": 69.0}, (MissingCategory.FORMATTING_ISSUES,)),
        ({"domain": 49.0}, (MissingCategory.ROLE_ALIGNMENT,)),
        ({"semantic": 39.0}, (MissingCategory.ROLE_ALIGNMENT,)),
        ({"experience": 69.0}, (MissingCategory.EXPERIENCE_GAP,)),
        (
            {"required": 0.0, "experience": 0.0},
            (MissingCategory.SKILLS_MISMATCH, MissingCategory.EXPERIENCE_GAP),
        ),
    ],
)
def test_missing_categories_thresholds(
    overrides: dict[str, float], expected: tuple[MissingCategory, ...]
) -> None:
    assert missing_categories(_features(**overrides)) == expected


def test_recommendations_in_plain_words() -> None:
    resume = ResumeFacts(
        text="Python and Django developer.",
        years_total=2.0,
        has_summary=True,
        has_experience=True,
        domain="legal",
    )
    vacancy = VacancyFacts(
        title="Platform engineer",
        required_skills=("Python", "Kubernetes"),
        preferred_skills=("Terraform",),
        keywords=("platform", "cloud", "python"),
        experience_min_years=5,
        experience_max_years=8,
        domain="technology",
    )

    advice = recommendations(compute_features(resume, vacancy, cosine=0.4))

    assert advice == (
        "add evidence of Kubernetes",
        "if you have it, mention Terraform (preferred)",
        "use the vacancy's own words where they are true for you: platform, cloud",
        "the role asks 5-8 years; the CV shows 2",
        "add an education section",
        "add a skills section",
        "add a projects or certifications section",
        "add contact details (an email address and a phone number)",
        "the CV is short (28 characters); describe each role's tasks and results",
        "the CV reads as legal and the role is in technology; "
        "put the experience closest to this role first",
    )


def test_experience_advice_with_only_a_minimum_and_unknown_years() -> None:
    vacancy = VacancyFacts(title="x", experience_min_years=3)
    known = compute_features(ResumeFacts(text="", years_total=1.5), vacancy, cosine=0.5)
    unknown = compute_features(ResumeFacts(text=""), vacancy, cosine=0.5)

    assert "the role asks at least 3 years; the CV shows 1.5" in recommendations(known)
    assert (
        "state your years of experience, with start and end dates for each role"
        in recommendations(unknown)
    )


def test_score_pair_rule_based_explanation() -> None:
    features = _features(required=80, preferred=50, keywords=60, formatting=70, experience=40)

    explanation = score_pair(features, rule_based_only=True)

    assert explanation.score == 64.5
    assert explanation.bucket is Bucket.MODERATE
    assert explanation.rule_based_score == 64.5
    assert explanation.method == RULE_BASED_METHOD
    assert explanation.missing == (MissingCategory.EXPERIENCE_GAP,)
    assert explanation.features is features


def test_score_pair_uses_the_shipped_mapper() -> None:
    explanation = score_pair(_features())

    assert explanation.method.startswith("score_mapper:")
    assert 0.0 <= explanation.score <= 100.0
    assert explanation.bucket is bucket_for(explanation.score)
    assert explanation.rule_based_score == 100.0


@pytest.mark.slow
def test_score_text_pairs_ranks_the_same_domain_first() -> None:
    nurse = "Registered nurse: patient care on surgical wards, medication, triage. 8 years."
    developer = "Python developer: Django REST APIs, PostgreSQL, Docker, AWS. 6 years."
    nurse_job = "Staff Nurse | Hospital\nCare for patients, administer medication, triage."
    developer_job = "Backend Developer | Tech\nBuild Python and Django APIs on PostgreSQL."

    explanations = score_text_pairs(
        [nurse, nurse, developer, developer],
        [nurse_job, developer_job, nurse_job, developer_job],
        load_encoder(),
        load_domain_classifier(),
    )

    scores = [explanation.score for explanation in explanations]
    assert scores[0] > scores[1]
    assert scores[3] > scores[2]
    assert explanations[0].features.domain.relation == "same"
    assert explanations[1].features.semantic.title_cosine is not None
