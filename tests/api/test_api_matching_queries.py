"""Query counts of the scores list stay flat however many scores there are."""

import pytest

from matching.models import MatchScore
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

    with django_assert_num_queries(2):
        response = api_client.get("/api/scores/")

    assert response.status_code == 200
    assert response.json()["count"] == n_scores
