"""A recruiter's override is the same everywhere: page, scores API and ranking API (#25, 6)."""

import pytest
from django.urls import reverse

from matching.core.scoring.scoring import bucket_for
from matching.models import MatchScore
from matching.selectors import ScoreOverride
from matching.services.overrides import match_score_override, ranking_with_overrides
from matching.services.scoring import ScoredCandidate
from matching.templatetags.matching_tags import bucket_label
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv

PYTHON_CV = (
    "SUMMARY\nBackend developer with 6 years of experience.\n\nEXPERIENCE\n"
    "Python developer, Acme (2019 - present)\n- Built Django REST APIs on PostgreSQL.\n\n"
    "SKILLS\nPython, Django, PostgreSQL, Docker\n"
)
NURSE_CV = (
    "SUMMARY\nRegistered nurse with 8 years on surgical wards.\n\nEXPERIENCE\n"
    "Nurse, CHU Lyon (2016 - present)\n- Patient care, medication administration.\n\n"
    "SKILLS\nPatient care, wound care, triage\n"
)


def _scored(candidate_id: int, score: float) -> ScoredCandidate:
    return ScoredCandidate(
        candidate_id=candidate_id,
        vacancy_id=1,
        application_id=None,
        score=score,
        bucket=str(bucket_for(score)),
        features={},
        matched_skills=[],
        missing_skills=[],
        missing_categories=[],
        recommendations=[],
        candidate_domain="",
        vacancy_domain="",
    )


def test_an_override_moves_the_candidate_and_takes_the_bucket_of_its_score():
    order = [(c, _scored(c, s)) for c, s in [(1, 98.9), (2, 70.0), (3, 50.0), (4, 30.0)]]

    ranked = ranking_with_overrides(order, {1: ScoreOverride(40.0, "Portfolio is thin")})

    assert [item.candidate_id for _, item in ranked] == [2, 3, 1, 4]
    moved = ranked[2][1]
    assert (moved.score, moved.bucket) == (40.0, str(bucket_for(40.0)))
    assert moved.bucket != "strong"


def test_overrides_below_everyone_go_last_and_without_overrides_nothing_moves():
    order = [(c, _scored(c, s)) for c, s in [(1, 90.0), (2, 60.0)]]

    assert ranking_with_overrides(order, {}) == order
    last = ranking_with_overrides(order, {1: ScoreOverride(0, "x")})
    assert [item.candidate_id for _, item in last] == [2, 1]


@pytest.mark.django_db
def test_the_effective_bucket_follows_the_override(recruiter):
    application = ApplicationFactory()
    match_score = MatchScore.objects.create(
        vacancy=application.vacancy,
        candidate=application.candidate,
        application=application,
        model_version="test/1",
        score=98.9,
        bucket="strong",
    )
    match_score_override(match_score=match_score, score=40.0, reason="x", overridden_by=recruiter)

    assert match_score.effective_bucket == str(bucket_for(40.0))
    assert match_score.effective_bucket != "strong"


@pytest.mark.django_db
def test_the_api_ranking_applies_the_override_like_the_vacancy_page(api_client, recruiter, client):
    vacancy = VacancyFactory(
        title="Python backend developer",
        description="Build Django REST APIs on PostgreSQL; Docker a plus.",
        required_skills=["Python", "Django", "PostgreSQL"],
        owner=recruiter,
    )
    python_dev = ApplicationFactory(candidate=candidate_with_parsed_cv(PYTHON_CV), vacancy=vacancy)
    nurse = ApplicationFactory(candidate=candidate_with_parsed_cv(NURSE_CV), vacancy=vacancy)
    api_client.force_authenticate(recruiter)
    url = reverse("vacancy-ranking", args=[vacancy.pk])
    before = api_client.get(url).json()["results"]
    expected_before = [python_dev.candidate_id, nurse.candidate_id]
    assert [row["candidate"]["id"] for row in before] == expected_before
    nurse_score = before[1]["explanation"]["score"]
    assert nurse_score > 1.0
    # The ranking stored the scores it served: the override is made on the stored row.
    top = MatchScore.objects.get(candidate=python_dev.candidate, vacancy=vacancy)
    match_score_override(match_score=top, score=1.0, reason="Not eligible", overridden_by=recruiter)

    after = api_client.get(url).json()["results"]
    client.force_login(recruiter)
    page = client.get(reverse("web:vacancy-detail", args=[vacancy.pk])).content.decode()

    assert [row["candidate"]["id"] for row in after] == expected_before[::-1]
    moved = after[1]
    assert (moved["position"], moved["explanation"]["score"]) == (2, 1.0)
    assert moved["explanation"]["bucket"] == str(bucket_for(1.0))
    assert (moved["model_score"], moved["override_reason"]) == (
        before[0]["explanation"]["score"],
        "Not eligible",
    )
    assert after[0]["override_score"] is None
    assert page.index(f'id="ranked-{nurse.candidate_id}"') < page.index(
        f'id="ranked-{python_dev.candidate_id}"'
    )
    # The badge's class keeps the bucket code; its text is the bucket's label.
    assert f'bucket-{bucket_for(1.0)}">{bucket_label(bucket_for(1.0))}<' in page
