"""End to end (#23, 1): a ranking request on the production path enqueues its unscored
applicants, a real worker scores them, and the next request serves them, in the order the
in-process pipeline gives, while the web side never loaded the encoder to do it."""

import pytest
from django.urls import reverse

from matching.models import MatchScore, ScoringRun
from matching.services import encoders
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CVS = (
    "SUMMARY\nPython developer, 6 years.\n\nSKILLS\nPython, Django, PostgreSQL\n",
    "SUMMARY\nRegistered nurse, 8 years on surgical wards.\n\nSKILLS\nPatient care, triage\n",
    "SUMMARY\nJava developer, 3 years.\n\nSKILLS\nJava, Spring, PostgreSQL\n",
)
# A fresh worker loads the encoder before its first batch: seconds idle, a minute when loaded.
SCORED_TIMEOUT = 180


def test_a_real_worker_fills_in_a_ranking_the_request_only_enqueued(
    settings, celery_worker_process, recruiter, api_client, monkeypatch
):
    settings.MATCHING_RANKING_INLINE_WORKER = False
    vacancy = VacancyFactory(
        title="Python backend developer",
        description="Build Django REST APIs on PostgreSQL.",
        required_skills=["Python", "Django", "PostgreSQL"],
    )
    for text in CVS:
        ApplicationFactory(candidate=candidate_with_parsed_cv(text), vacancy=vacancy)

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the web side loaded the encoder")

    encoders.default_encoder.cache_clear()
    monkeypatch.setattr(encoders, "load_encoder", refuse)
    api_client.force_authenticate(recruiter)
    url = reverse("vacancy-ranking", args=[vacancy.pk])

    first = api_client.get(url).json()
    assert (first["pending"], first["results"]) == (len(CVS), [])
    run_id = first["scoring_run"]["run"]

    def scored() -> bool:
        return ScoringRun.objects.get(pk=run_id).status == ScoringRun.Status.SUCCEEDED

    log = celery_worker_process.log_path
    assert wait_until(scored, timeout=SCORED_TIMEOUT), log.read_text(errors="replace")[-3000:]
    served = api_client.get(url).json()

    assert (served["pending"], served["scoring_run"]) == (0, None)
    assert MatchScore.objects.filter(vacancy=vacancy).count() == len(CVS)
    scores = [row["explanation"]["score"] for row in served["results"]]
    assert scores == sorted(scores, reverse=True)
    assert {row["candidate"]["id"] for row in served["results"]} == set(
        MatchScore.objects.filter(vacancy=vacancy).values_list("candidate_id", flat=True)
    )
