"""A worker killed in the middle of a batch, on the configured broker (filesystem or Redis),
with the real beat running: the run finishes with every score once, and the sweep never waits
on the dead run, so new applications are still scored within two sweep periods."""

import hashlib
import time

import pytest

from ats_site.accounts.models import Role
from candidates.models import CandidateDocument
from matching.models import MatchScore, ScoringBatch, ScoringRun
from matching.services.runs import scoring_run_start
from tests.factories import ApplicationFactory, CandidateFactory, UserFactory, VacancyFactory
from tests.integration.conftest import CRASH_ATTEMPT_TIMEOUT, CRASH_SWEEP_SECONDS, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CV = "SUMMARY\nPython developer, {n} years.\n\nSKILLS\nPython, Django, PostgreSQL\n"
# Scoring one application on a warm worker, on top of the two sweep periods.
SCORING_ALLOWANCE = 6.0
# A restarted worker loads the encoder again before its first batch: seconds on an idle
# machine, a minute on a loaded one (waits end as soon as the condition holds).
WARM_AGAIN_TIMEOUT = 180


def _application(vacancy, n: int):
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
    return ApplicationFactory(candidate=candidate, vacancy=vacancy)


def _refreshed(run: ScoringRun) -> ScoringRun:
    run.refresh_from_db()
    return run


def _kill_once_running(worker, run: ScoringRun) -> None:
    """SIGKILL the worker while it is inside the run's first batch (loading the model)."""
    assert wait_until(lambda: _refreshed(run).status != ScoringRun.Status.PENDING, interval=0.05)
    worker.kill()
    assert _refreshed(run).batches_done < run.batches_total
    assert ScoringBatch.objects.filter(run=run, attempts=1, status="pending").exists()


def _batch_seconds() -> float:
    """How long a batch takes on this machine: the fastest finished one (the first on a
    restarted worker also loads the encoder)."""
    durations = [
        (batch.finished_at - batch.attempted_at).total_seconds()
        for batch in ScoringBatch.objects.filter(status="done", attempted_at__isnull=False)
    ]
    return min(durations, default=0.0)


def _assert_new_application_scored_within_two_sweeps(vacancy, log) -> float:
    """Two sweep periods, plus scoring: its own batch and at most one batch ahead of it on the
    single worker (measured, so a loaded machine is not mistaken for a stalled sweep)."""
    new = _application(vacancy, 99)
    started = time.monotonic()
    deadline = 2 * CRASH_SWEEP_SECONDS + max(SCORING_ALLOWANCE, 2 * _batch_seconds())
    scored = wait_until(
        lambda: MatchScore.objects.filter(application=new).exists(), timeout=deadline
    )
    assert scored, f"not scored within {deadline:.0f} s\n" + log.read_text()[-3000:]
    return time.monotonic() - started


def test_recruiter_run_killed_mid_batch_finishes_and_new_applications_still_score(crash_cluster):
    worker, beat = crash_cluster
    vacancy = VacancyFactory()
    for n in range(6):
        _application(vacancy, n)
    recruiter = UserFactory(role=Role.RECRUITER)
    run = scoring_run_start(vacancy=vacancy, requested_by=recruiter, batch_size=2)
    worker.start()
    beat.start()

    _kill_once_running(worker, run)
    worker.start()
    # Warm again: a batch left in the queue is done by the restarted worker.
    assert wait_until(lambda: _refreshed(run).batches_done >= 1, timeout=WARM_AGAIN_TIMEOUT)
    _assert_new_application_scored_within_two_sweeps(vacancy, worker.log_path)

    # The killed batch comes back (reaper or redelivery) once its attempt is past the limit.
    finished = wait_until(
        lambda: _refreshed(run).status != ScoringRun.Status.RUNNING,
        timeout=CRASH_ATTEMPT_TIMEOUT + WARM_AGAIN_TIMEOUT,
    )
    assert finished, worker.log_path.read_text()[-3000:]
    assert (run.status, run.done, run.total, run.batches_done) == ("succeeded", 6, 6, 3)
    assert ScoringBatch.objects.filter(run=run, status="done").count() == 3
    assert MatchScore.objects.filter(vacancy=vacancy).count() == 7


def test_sweep_killed_mid_batch_never_blocks_the_next_sweeps(crash_cluster):
    worker, beat = crash_cluster
    vacancy = VacancyFactory()
    applications = [_application(vacancy, n) for n in range(4)]
    worker.start()
    beat.start()

    def sweep_run() -> ScoringRun | None:
        return ScoringRun.objects.filter(requested_by=None, vacancy=None).first()

    # The first sweep loads the encoder (its version names the scores): slow on a busy machine.
    assert wait_until(lambda: sweep_run() is not None, timeout=90)
    run = sweep_run()
    assert run is not None
    assert run.total == 4
    _kill_once_running(worker, run)
    worker.start()
    assert wait_until(lambda: _refreshed(run).batches_done >= 1, timeout=WARM_AGAIN_TIMEOUT)
    _assert_new_application_scored_within_two_sweeps(vacancy, worker.log_path)

    everything = wait_until(
        lambda: MatchScore.objects.filter(vacancy=vacancy).count() == 5,
        timeout=CRASH_ATTEMPT_TIMEOUT + WARM_AGAIN_TIMEOUT,
    )
    assert everything, worker.log_path.read_text()[-3000:]
    assert all(MatchScore.objects.filter(application=a).count() == 1 for a in applications)
    assert wait_until(lambda: _refreshed(run).status == ScoringRun.Status.SUCCEEDED, timeout=10)
