"""End to end: an uploaded CV is extracted by a real worker on the configured broker."""

import pytest

from candidates.services.uploads import cv_upload
from tests.factories import CandidateFactory
from tests.integration.conftest import wait_until

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
