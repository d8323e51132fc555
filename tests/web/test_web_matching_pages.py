"""Matching pages: ranked list with explanations, re-score with progress, talent pool, advice."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candidates.models import Candidate
from matching.models import MatchScore, ScoringBatch, ScoringRun
from matching.services.batches import BATCH_GAVE_UP, scoring_batch_run
from matching.services.reaper import scoring_stalled_reap
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
    assert progress == {
        "status": "pending",
        "status_text": "Pending",
        "message": "",
        "done": 0,
        "total": 1,
        "progress": 0.0,
    }


def test_a_run_that_used_its_attempts_shows_failed_with_the_reason_not_a_stuck_bar(
    recruiter_client: Client, vacancy: Vacancy, settings
) -> None:
    settings.FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS = 60
    for _ in range(4):
        ApplicationFactory(vacancy=vacancy)
    run = scoring_run_start(vacancy=vacancy, batch_size=2)
    first, second = run.batches.order_by("index")
    scoring_batch_run(batch_id=first.pk)
    # The second batch's worker was killed on every attempt; the last one long ago.
    long_ago = timezone.now() - timedelta(minutes=5)
    ScoringBatch.objects.filter(pk=second.pk).update(
        attempts=settings.FAIRMATCH_TASK_MAX_ATTEMPTS, attempted_at=long_ago
    )
    ScoringRun.objects.filter(pk=run.pk).update(status="running")

    assert scoring_stalled_reap().failed == 1

    reason = BATCH_GAVE_UP.format(number=2, attempts=settings.FAIRMATCH_TASK_MAX_ATTEMPTS)
    progress = recruiter_client.get(reverse("web:scoring-run-progress", args=[run.pk])).json()
    assert (progress["status"], progress["done"], progress["total"]) == ("failed", 2, 4)
    assert progress["status_text"] == f"Failed: {reason}"
    page = recruiter_client.get(reverse("web:scoring-run", args=[run.pk])).content.decode()
    assert f"Failed: {reason}" in page
    api_run = recruiter_client.get(f"/api/scoring-runs/{run.pk}/").json()
    assert (api_run["status"], api_run["message"]) == ("failed", reason)


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
