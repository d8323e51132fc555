"""Every page and endpoint that shows scores writes a score_view audit event (#25, 10b)."""

import pytest
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import AuditEvent
from matching.models import MatchScore
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv

pytestmark = pytest.mark.django_db

PYTHON_CV = "SUMMARY\nPython developer.\n\nSKILLS\nPython, Django, PostgreSQL\n"


def _score_views(user) -> list[tuple[str, str]]:
    events = AuditEvent.objects.filter(action=AuditEvent.Action.SCORE_VIEW, actor=user)
    return list(events.values_list("target_type", "target_id"))


def test_the_scores_list_is_logged_with_the_scores_shown(api_client, recruiter):
    application = ApplicationFactory()
    score = MatchScore.objects.create(
        vacancy=application.vacancy,
        candidate=application.candidate,
        application=application,
        model_version="t/1",
        score=50.0,
        bucket="weak",
    )
    api_client.force_authenticate(recruiter)

    response = api_client.get("/api/scores/", {"vacancy": application.vacancy_id})

    assert response.status_code == 200
    event = AuditEvent.objects.get(action=AuditEvent.Action.SCORE_VIEW)
    assert (event.actor, event.target_type) == (recruiter, "match_score_list")
    assert event.detail == {
        "filters": {"vacancy": str(application.vacancy_id)},
        "score_ids": [score.pk],
    }


def test_the_web_vacancy_page_is_logged(recruiter):
    vacancy = VacancyFactory(owner=recruiter)
    client = Client()
    client.force_login(recruiter)

    assert client.get(reverse("web:vacancy-detail", args=[vacancy.pk])).status_code == 200

    assert _score_views(recruiter) == [("vacancy_ranking", str(vacancy.pk))]


def test_talent_pool_suggestions_are_logged_on_the_web_and_the_api(api_client, recruiter):
    vacancy = VacancyFactory(owner=recruiter)
    ApplicationFactory(candidate=candidate_with_parsed_cv(PYTHON_CV), status="talent_pool")
    client = Client()
    client.force_login(recruiter)
    api_client.force_authenticate(recruiter)

    web = client.get(reverse("web:talent-pool-suggestions", args=[vacancy.pk]))
    api = api_client.get(reverse("vacancy-talent-pool-suggestions", args=[vacancy.pk]))

    assert (web.status_code, api.status_code) == (200, 200)
    assert len(api.json()["results"]) == 1
    assert _score_views(recruiter) == [("talent_pool_suggestions", str(vacancy.pk))] * 2


def test_recommendations_are_logged_on_the_web_and_the_api(api_client, candidate_user):
    candidate = candidate_with_parsed_cv(PYTHON_CV, user=candidate_user)
    VacancyFactory()
    client = Client()
    client.force_login(candidate_user)
    api_client.force_authenticate(candidate_user)

    web = client.get(reverse("web:my-recommendations"))
    api = api_client.get(reverse("candidate-recommendations", args=[candidate.pk]))

    assert (web.status_code, api.status_code) == (200, 200)
    assert len(api.json()) == 1
    assert _score_views(candidate_user) == [("candidate_recommendations", str(candidate.pk))] * 2
