"""End to end: an uploaded CV is extracted by a real worker; one whose worker died (killed in
the middle of reading it, or leaving it "processing") is read again."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from candidates.models import CandidateDocument
from candidates.services.uploads import cv_upload
from tests.factories import CandidateFactory
from tests.integration.conftest import (
    CRASH_ATTEMPT_TIMEOUT,
    CRASH_ENV,
    BeatProcess,
    WorkerProcess,
    purge_queues,
    wait_until,
)

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

CV = b"SUMMARY\nBackend developer.\n\nSKILLS\nPython, Django\n\nCONTACT\nada@example.com\n"


def test_uploaded_cv_is_parsed_by_a_real_worker(celery_worker_process):
    candidate = CandidateFactory()

    result = cv_upload(candidate=candidate, data=CV, original_name="../../etc/cv.txt")

    document = result.document
    assert document.parse_status == "pending"
    assert document.original_name == "cv.txt"

    def parsed() -> bool:
        document.refresh_from_db()
        return document.parse_status != "pending" and document.parse_status != "processing"

    log = celery_worker_process.log_path
    assert wait_until(parsed), log.read_text()[-3000:] if log.exists() else "no worker log"
    assert document.parse_status == "parsed", document.error_message
    assert "Backend developer." in document.extracted_text
    assert document.profile["has_summary"] is True


def test_a_cv_left_processing_by_a_killed_worker_is_read_by_the_next_one(crash_broker):
    """The worker died after claiming the CV, its message gone (the filesystem broker drops
    it; on Redis it may come back too): beat's reaper enqueues it again and a worker reads it."""
    env = {**CRASH_ENV, **crash_broker.env}
    # Only the light queue: the sweep (queue "gpu") would load the encoder first.
    worker, beat = WorkerProcess(env, queues="default"), BeatProcess(env)
    document = cv_upload(candidate=CandidateFactory(), data=CV, original_name="cv.txt").document
    purge_queues(crash_broker)  # the upload's message is the one the killed worker took
    CandidateDocument.objects.filter(pk=document.pk).update(
        parse_status="processing", parse_attempts=1, attempted_at=timezone.now()
    )
    try:
        worker.start()
        beat.start()

        def finished() -> bool:
            document.refresh_from_db()
            return document.parse_status not in ("pending", "processing")

        assert wait_until(finished, timeout=CRASH_ATTEMPT_TIMEOUT + 60), _tail(worker.log_path)
    finally:
        beat.stop()
        worker.stop()
    assert document.parse_status == "parsed", document.error_message
    assert "Backend developer." in document.extracted_text
    assert document.parse_attempts == 2


def test_a_worker_killed_mid_cv_read_is_replaced_and_the_cv_is_read(crash_broker):
    """`kill -9` of a real worker while it is inside the extraction of a CV (claimed, the
    message unacknowledged): on the filesystem broker the message is gone, on Redis it comes
    back after the visibility timeout; either way beat's reaper or the redelivery gets the CV
    read by the next worker, once, with no upload again."""
    env = {**CRASH_ENV, **crash_broker.env}
    marker = Path(settings.VAR_DIR) / f"test-cv-reading-{os.getpid()}"
    marker.unlink(missing_ok=True)
    hanging = WorkerProcess(
        {**env, "FAIRMATCH_TEST_READING_MARKER": str(marker)},
        queues="default",
        extra_args=("--include", "tests.integration.hanging_cv_reading"),
    )
    worker, beat = WorkerProcess(env, queues="default"), BeatProcess(env)
    try:
        hanging.start()
        document = cv_upload(candidate=CandidateFactory(), data=CV, original_name="cv.txt").document
        assert wait_until(marker.exists, timeout=90), _tail(hanging.log_path)
        document.refresh_from_db()
        assert (document.parse_status, document.parse_attempts) == ("processing", 1)
        hanging.kill()
        worker.start()
        beat.start()

        def finished() -> bool:
            document.refresh_from_db()
            return document.parse_status not in ("pending", "processing")

        assert wait_until(finished, timeout=CRASH_ATTEMPT_TIMEOUT + 90), _tail(worker.log_path)
    finally:
        beat.stop()
        worker.stop()
        hanging.kill()
        marker.unlink(missing_ok=True)
    assert document.parse_status == "parsed", document.error_message
    assert "Backend developer." in document.extracted_text
    assert document.parse_attempts == 2


def _tail(log: Path) -> str:
    return log.read_text()[-3000:] if log.exists() else "no worker log"
