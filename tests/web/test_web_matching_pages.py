"""Matching pages: ranked list with explanations, re-score with progress, talent pool, advice."""

import pytest
from django.test import Client
from django.urls import reverse

from candidates.models import Candidate
from matching.models import MatchScore, ScoringRun
from matching.services.batches import scoring_batch_run
from matching.services.runs import scoring_run_start
from matching.services.versions import current_model_version
from tests.factories import ApplicationFactory, CandidateDocumentFactory, VacancyFactory
from tests.web.conftest import SECRET_NATIONALITY
from vacancies.models import Application, Vacancy

pytestmark = pytest.mark.django_db


def _score(vacancy: Vacancy) -> None:
    run = scoring_run_start(vacancy=vacancy)
    for batch in run.batches.all():
        scoring_batch_run(batch_id=batch.pk)


def test_vacancy_page_ranks_scored_applicants_with_their_explanation(
    recruiter_client: Client, application: Application, vacancy: Vacancy
) -> None:
    _score(vacancy)

    page = recruiter_client.get(reverse("web:vacancy-detail", args=[vacancy.pk])).content.decode()

    assert "Why this position?" in page
    assert "Required skills" in page
    assert f'id="ranked-{application.candidate_id}"' in page
    assert MatchScore.objects.get().model_version in page
    assert SECRET_NATIONALITY not in page
    assert "<script>alert(1)</script>" not in page


def test_rescore_starts_a_run_and_its_progress_is_served_as_json(
    recruiter_client: Client, application: Application, vacancy: Vacancy
) -> None:
    response = recruiter_client.post(reverse("web:vacancy-rescore", args=[vacancy.pk]))

    run = ScoringRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:scoring-run", args=[run.pk])
    page = recruiter_client.get(response["Location"]).content.decode()
    assert "data-run-progress" in page
    progress = recruiter_client.get(reverse("web:scoring-run-progress", args=[run.pk])).json()
    assert progress == {"status": "pending", "done": 0, "total": 1, "progress": 0.0}


def test_talent_pool_page_lists_members_and_invites_one(
    recruiter_client: Client, vacancy: Vacancy
) -> None:
    pooled = ApplicationFactory(status="talent_pool", vacancy=VacancyFactory(title="Old job"))
    CandidateDocumentFactory(
        candidate=pooled.candidate,
        extracted_text="Data engineer, Python, Spark.",
        parse_status="parsed",
    )
    url = reverse("web:talent-pool-suggestions", args=[vacancy.pk])

    page = recruiter_client.get(url).content.decode()
    response = recruiter_client.post(url, {"candidate": pooled.candidate_id})

    assert pooled.candidate.full_name in page
    assert response.status_code == 302
    invited = Application.objects.get(vacancy=vacancy, candidate=pooled.candidate)
    assert (invited.source, invited.status) == ("talent_pool", "new")


def test_candidate_gets_job_recommendations(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy
) -> None:
    CandidateDocumentFactory(
        candidate=own_candidate,
        extracted_text="Data engineer with Python and SQL.",
        parse_status="parsed",
    )

    page = candidate_client.get(reverse("web:my-recommendations")).content.decode()

    assert "Jobs for you" in page
    assert reverse("web:job-detail", args=[vacancy.pk]) in page
    assert f"Scored by model {current_model_version()}." in page


@pytest.mark.parametrize(
    ("name", "method"),
    [("web:vacancy-rescore", "post"), ("web:talent-pool-suggestions", "get")],
)
def test_candidates_cannot_use_recruiter_matching_pages(
    candidate_client: Client, vacancy: Vacancy, name: str, method: str
) -> None:
    response = getattr(candidate_client, method)(reverse(name, args=[vacancy.pk]))

    assert response.status_code == 403
    assert ScoringRun.objects.count() == 0


def test_recruiter_overrides_a_score_with_a_reason_and_it_is_shown_and_logged(
    recruiter_client: Client, application: Application, vacancy: Vacancy
) -> None:
    from ats_site.accounts.models import AuditEvent

    _score(vacancy)
    match_score = MatchScore.objects.get()
    url = reverse("web:score-override", args=[match_score.pk])

    refused = recruiter_client.post(url, {"score": "95", "reason": ""})
    accepted = recruiter_client.post(url, {"score": "95", "reason": "Strong referral"})
    page = recruiter_client.get(reverse("web:vacancy-detail", args=[vacancy.pk])).content.decode()

    assert refused.status_code == 302
    assert accepted.status_code == 302
    match_score.refresh_from_db()
    assert (match_score.override_score, match_score.override_reason) == (95.0, "Strong referral")
    assert "Strong referral" in page
    assert AuditEvent.objects.filter(action="score_override").count() == 1


def test_candidates_cannot_override_scores(
    candidate_client: Client, application: Application, vacancy: Vacancy
) -> None:
    _score(vacancy)
    match_score = MatchScore.objects.get()

    response = candidate_client.post(
        reverse("web:score-override", args=[match_score.pk]), {"score": "99", "reason": "me"}
    )

    assert response.status_code == 403
    match_score.refresh_from_db()
    assert match_score.override_score is None
