"""A worker killed in the middle of a bulk re-score loses nothing: every score once."""

import hashlib

import pytest
from django.conf import settings

from candidates.models import CandidateDocument
from matching.models import MatchScore, ScoringBatch, ScoringRun
from matching.services.runs import scoring_run_resume, scoring_run_start
from tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CV = "SUMMARY\nPython developer, {n} years.\n\nSKILLS\nPython, Django, PostgreSQL\n"


def _applications(vacancy, count: int) -> None:
    for n in range(count):
        text = CV.format(n=n + 1)
        candidate = CandidateFactory()
        CandidateDocument.objects.create(
            candidate=candidate,
            file="cv/x.txt",
            original_name="cv.txt",
            content_type="text/plain",
            size=len(text),
            sha256=hashlib.sha256(text.encode()).hexdigest(),
            extracted_text=text,
            parse_status="parsed",
        )
        ApplicationFactory(candidate=candidate, vacancy=vacancy)


def test_killed_worker_mid_batch_then_restarted_scores_everything_once(celery_worker_process):
    vacancy = VacancyFactory()
    _applications(vacancy, 6)
    celery_worker_process.kill()  # start from a known state: no worker yet

    run = scoring_run_start(vacancy=vacancy, batch_size=2)
    celery_worker_process.start()

    def started() -> bool:
        run.refresh_from_db()
        return run.status != ScoringRun.Status.PENDING

    assert wait_until(started, interval=0.05)
    celery_worker_process.kill()  # mid-batch: the first batch loads the model first
    run.refresh_from_db()
    assert run.batches_done < run.batches_total

    celery_worker_process.start()
    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        # The embedded broker hands a message over for good: resuming re-enqueues what is left.
        assert scoring_run_resume(run=run) >= 1
    # On Redis the killed worker's unacknowledged batch is redelivered (acks_late).

    def finished() -> bool:
        run.refresh_from_db()
        return run.batches_done == run.batches_total

    log = celery_worker_process.log_path
    assert wait_until(finished, timeout=150), log.read_text()[-3000:]
    assert (run.done, run.total, run.status) == (6, 6, "succeeded")
    assert ScoringBatch.objects.filter(run=run, status="done").count() == 3
    assert MatchScore.objects.filter(vacancy=vacancy).count() == 6
