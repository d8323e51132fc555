"""Query counts of the scores list stay flat however many scores there are."""

import pytest

from matching.models import MatchScore, ScoringRun
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("n_scores", [1, 12])
def test_scores_list_runs_a_fixed_number_of_queries(
    api_client, recruiter, django_assert_num_queries, n_scores
):
    for _ in range(n_scores):
        application = ApplicationFactory()
        MatchScore.objects.create(
            vacancy=application.vacancy,
            candidate=application.candidate,
            application=application,
            model_version="test/1",
            score=50.0,
            bucket="weak",
        )
    api_client.force_authenticate(recruiter)

    # count, page, and the score_view audit event
    with django_assert_num_queries(3):
        response = api_client.get("/api/scores/")

    assert response.status_code == 200
    assert response.json()["count"] == n_scores


def test_a_rescore_task_id_reads_back_through_tasks(api_client, recruiter):
    from matching.services.batches import scoring_batch_run

    application = ApplicationFactory()
    api_client.force_authenticate(recruiter)

    started = api_client.post(
        "/api/scores/rescore/", {"vacancy": application.vacancy_id}, format="json"
    ).json()
    pending = api_client.get(f"/api/tasks/{started['task_id']}/").json()
    scoring_batch_run(batch_id=ScoringRun.objects.get().batches.get().pk)
    done = api_client.get(f"/api/tasks/{started['task_id']}/").json()

    assert pending["state"] == "PENDING"
    assert pending["progress"] == {"current": 0, "total": 1, "percent": 0.0}
    assert (done["state"], done["is_ready"]) == ("SUCCESS", True)
    assert done["result"] == {"run": started["run"], "scored": 1}
    assert api_client.get("/api/tasks/scoring-run-999999/").status_code == 404
