"""End to end: a bulk CV intake is read by a real worker, each file naming its candidate."""

import pytest

from candidates.intake_selectors import cv_intake_progress
from candidates.services.cv_files import CvFile
from candidates.services.intake_batches import cv_intake_start
from tests.factories import UserFactory
from tests.integration.conftest import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

FILES = [
    CvFile(data=b"Grace Hopper\ngrace@example.org\n\nSKILLS\nCOBOL\n", name="grace.txt"),
    CvFile(data=b"SUMMARY\nForklift operator.\n", name="anonymous.txt"),
]


def test_a_bulk_intake_is_read_by_a_real_worker(celery_worker_process):
    batch = cv_intake_start(files=FILES, uploaded_by=UserFactory())
    assert cv_intake_progress(batch=batch).pending == 2

    log = celery_worker_process.log_path
    finished = wait_until(lambda: cv_intake_progress(batch=batch).is_finished)
    assert finished, log.read_text()[-3000:] if log.exists() else "no worker log"

    grace, anonymous = batch.items.order_by("pk")
    assert (grace.status, grace.candidate.full_name, grace.candidate.email) == (
        "done",
        "Grace Hopper",
        "grace@example.org",
    )
    assert (anonymous.status, anonymous.needs_completion) == ("done", True)
