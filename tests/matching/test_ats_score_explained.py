"""The additive score end to end: stored parts add up, reach the API, the why panel and the
candidate's view, and a new scorer version makes every old score stale."""

import pytest
from django.test import Client
from django.urls import reverse

from matching.models import MatchScore
from matching.selectors import applications_needing_score
from matching.services.batches import scoring_batch_run
from matching.services.runs import scoring_run_start, stale_scores_refresh
from matching.services.versions import current_model_version
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv

pytestmark = pytest.mark.django_db

FULL_CV = (
    "SUMMARY\nBackend developer with 6 years of experience.\n\nEXPERIENCE\n"
    "Python developer, Acme (2019 - present)\n- Built Django REST APIs on PostgreSQL.\n\n"
    "EDUCATION\nMSc Computer Science\n\nSKILLS\nPython, Django, PostgreSQL, Docker\n"
)
BARE_CV = (
    "SUMMARY\nBackend developer with 6 years of experience.\n\nEXPERIENCE\n"
    "Developer, Acme (2019 - present)\n- Built REST APIs.\n\n"
    "EDUCATION\nMSc Computer Science\n\nSKILLS\nGit\n"
)


@pytest.fixture
def vacancy():
    return VacancyFactory(
        title="Python backend developer",
        description="Build Django REST APIs on PostgreSQL; Docker a plus.",
        required_skills=["Python", "Django", "PostgreSQL"],
        preferred_skills=["Docker"],
        experience_min_years=3,
    )


def _scored(vacancy, *texts):
    profile = {"skills": [], "years_total": 6, "has_summary": True, "experience_count": 1}
    for text in texts:
        ApplicationFactory(candidate=candidate_with_parsed_cv(text, profile), vacancy=vacancy)
    run = scoring_run_start(vacancy=vacancy)
    for batch in run.batches.all():
        scoring_batch_run(batch_id=batch.pk)
    return list(MatchScore.objects.order_by("application_id"))


def test_stored_parts_add_up_and_missing_required_skills_cost_points(vacancy):
    full, bare = _scored(vacancy, FULL_CV, BARE_CV)

    for score in (full, bare):
        breakdown = score.features["breakdown"]
        parts = sum(part["points"] for part in breakdown["contributions"])
        assert abs(breakdown["baseline"] + parts - score.score) <= 0.01
        assert breakdown["score"] == score.score
    assert bare.score < full.score
    priced = {item["label"]: item["points"] for item in bare.features["missing_items"]}
    assert {"Python", "Django", "PostgreSQL"} <= set(priced)
    assert all(points > 0 for points in priced.values())
    assert set(bare.missing_skills[:3]) == {"Python", "Django", "PostgreSQL"}
    assert [priced[s] for s in bare.missing_skills[:3]] == sorted(
        (priced[s] for s in bare.missing_skills[:3]), reverse=True
    )
    assert any(
        advice.startswith("the role asks for Python; the CV does not show it (+")
        and advice.endswith(" pts)")
        for advice in bare.recommendations
    )
    generic = ("add an experience section", "education and certifications in their own sections")
    assert not any(line in advice for advice in bare.recommendations for line in generic)


def test_the_api_and_the_why_panel_show_the_parts(vacancy, api_client, recruiter):
    (score,) = _scored(vacancy, BARE_CV)
    api_client.force_authenticate(recruiter)

    body = api_client.get(f"/api/scores/{score.pk}/").json()
    ranking = api_client.get(f"/api/vacancies/{vacancy.pk}/ranking/?k=5").json()

    assert body["breakdown"]["contributions"] == score.features["breakdown"]["contributions"]
    assert body["missing_items"][0]["points"] > 0
    explanation = ranking["results"][0]["explanation"]
    assert (
        abs(
            explanation["breakdown"]["baseline"]
            + sum(p["points"] for p in explanation["breakdown"]["contributions"])
            - explanation["score"]
        )
        <= 0.01
    )
    client = Client()
    client.force_login(recruiter)
    page = client.get(reverse("web:vacancy-detail", args=[vacancy.pk])).content.decode()
    assert "How the score adds up" in page
    assert 'data-part="required_skills"' in page
    assert score.model_version in page
    assert score.model_version == ranking["model_version"] == current_model_version()
    assert score.model_version.endswith(":ats-additive-4")
    assert explanation["breakdown"]["version"] == body["breakdown"]["version"] == "ats-additive-4"


@pytest.mark.parametrize(
    "old_version",
    ["old-encoder/fairmatch-score-2", "{encoder}/fairmatch-score-3:ats-additive-3"],
    ids=["old_encoder_case", "previous_weights_case"],
)
def test_a_new_scorer_version_makes_old_scores_stale_and_the_sweep_rescores_them(
    vacancy, old_version
):
    (score,) = _scored(vacancy, FULL_CV)
    encoder = current_model_version().split("/fairmatch-score-")[0]
    MatchScore.objects.filter(pk=score.pk).update(model_version=old_version.format(encoder=encoder))

    assert applications_needing_score(model_version=current_model_version()).count() == 1
    run = stale_scores_refresh()
    assert run is not None
    assert run.total == 1
    for batch in run.batches.all():
        scoring_batch_run(batch_id=batch.pk)
    assert MatchScore.objects.filter(model_version=current_model_version()).count() == 1
    assert not applications_needing_score(model_version=current_model_version()).exists()


def test_the_candidates_own_view_shows_the_parts_that_add_up(vacancy, candidate_user, api_client):
    profile = {"skills": [], "years_total": 6, "has_summary": True, "experience_count": 1}
    candidate = candidate_with_parsed_cv(BARE_CV, profile, user=candidate_user)
    client = Client()
    client.force_login(candidate_user)
    api_client.force_authenticate(candidate_user)

    page = client.get(reverse("web:my-recommendations")).content.decode()
    (row,) = api_client.get(f"/api/candidates/{candidate.pk}/recommendations/").json()

    assert "How your score adds up" in page
    assert 'data-part="required_skills"' in page
    assert "(ats-additive-4)" in page
    breakdown = row["breakdown"]
    assert row["vacancy_id"] == vacancy.pk
    assert breakdown["version"] == "ats-additive-4"
    parts = sum(part["points"] for part in breakdown["contributions"])
    assert abs(breakdown["baseline"] + parts - row["score"]) <= 0.01
    priced = {item["label"]: item["points"] for item in row["missing_items"]}
    assert {"Python", "Django", "PostgreSQL"} <= set(priced)
