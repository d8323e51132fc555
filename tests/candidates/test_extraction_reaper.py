"""The CV extraction reaper: a CV whose worker was lost is read again, or failed with a reason
the uploader sees; a redelivered extraction never reads a CV twice."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ats_site.accounts.models import Role
from ats_site.celery import app as celery_app
from candidates.models import CandidateDocument
from candidates.services import documents
from candidates.services.documents import EXTRACTION_GAVE_UP, document_extract
from candidates.services.enqueue import CV_EXTRACT_TASK
from candidates.services.reaper import cv_extractions_stalled_reap
from candidates.services.uploads import cv_upload
from candidates.tasks import cv_extract_task
from tests.factories import CandidateFactory, UserFactory

pytestmark = pytest.mark.django_db

CV = b"SUMMARY\nData engineer.\n\nSKILLS\nPython, SQL\n"


@pytest.fixture
def short_timeouts(settings):  # type: ignore[no-untyped-def]
    settings.FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS = 60
    settings.FAIRMATCH_TASK_MAX_ATTEMPTS = 3
    return settings


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    """The CVs the reaper publishes for extraction (after commit, by task name); the test
    then runs the worker's part."""
    published: list[int] = []

    def send_task(name: str, args: tuple[int, ...] = (), **_: object) -> None:
        assert name == CV_EXTRACT_TASK
        published.extend(args)

    monkeypatch.setattr(celery_app, "send_task", send_task)
    return published


def _left_by_killed_worker(*, attempts: int, minutes_ago: float) -> CandidateDocument:
    """A CV a worker had claimed ("processing", attempt counted) when it was SIGKILLed."""
    candidate = CandidateFactory(user=UserFactory(role=Role.CANDIDATE))
    document = cv_upload(candidate=candidate, data=CV, original_name="cv.txt").document
    CandidateDocument.objects.filter(pk=document.pk).update(
        parse_status=CandidateDocument.ParseStatus.PROCESSING,
        parse_attempts=attempts,
        attempted_at=timezone.now() - timedelta(minutes=minutes_ago),
    )
    document.refresh_from_db()
    return document


def test_a_cv_left_processing_by_a_killed_worker_is_enqueued_again_and_read(
    short_timeouts, enqueued, django_capture_on_commit_callbacks
) -> None:
    document = _left_by_killed_worker(attempts=1, minutes_ago=2)

    with django_capture_on_commit_callbacks(execute=True):
        result = cv_extractions_stalled_reap()
    assert (result.requeued, result.failed) == (1, 0)
    assert enqueued == [document.pk]
    cv_extract_task(document.pk)  # the worker that receives the message

    document.refresh_from_db()
    assert document.parse_status == "parsed"
    assert "Data engineer." in document.extracted_text
    assert document.parse_attempts == 2
    assert document.is_selected


def test_a_cv_still_inside_its_attempt_is_left_to_its_worker(short_timeouts, enqueued) -> None:
    _left_by_killed_worker(attempts=1, minutes_ago=0.5)

    result = cv_extractions_stalled_reap()

    assert (result.requeued, result.failed, enqueued) == (0, 0, [])


def test_a_cv_past_its_attempts_fails_with_the_reason_shown_to_the_uploader(
    short_timeouts, enqueued
) -> None:
    document = _left_by_killed_worker(attempts=3, minutes_ago=2)

    result = cv_extractions_stalled_reap()

    document.refresh_from_db()
    assert (result.requeued, result.failed, enqueued) == (0, 1, [])
    assert document.parse_status == "failed"
    assert document.error_message == EXTRACTION_GAVE_UP.format(attempts=3)
    uploader = Client()
    uploader.force_login(document.candidate.user)
    page = uploader.get(reverse("web:my-applications")).content.decode()
    assert "We could not read “cv.txt”, so it is not used for scoring:" in page
    assert "was started 3 times without finishing" in page
    # The page polling a CV in progress reloads once nothing is pending.
    assert uploader.get(reverse("web:my-cv-status")).json()["pending"] is False


def test_a_redelivered_extraction_past_its_attempts_fails_instead_of_reading(
    short_timeouts, monkeypatch
) -> None:
    document = _left_by_killed_worker(attempts=3, minutes_ago=0)
    monkeypatch.setattr(documents, "cv_bytes_extract", _must_not_extract)

    document = document_extract(document_id=document.pk)

    assert document.parse_status == "failed"
    assert "started 3 times" in document.error_message


def _must_not_extract(*args: object, **kwargs: object) -> None:
    raise AssertionError("a CV was read again")


def test_a_redelivered_extraction_does_not_read_a_parsed_cv_again(
    short_timeouts, monkeypatch
) -> None:
    candidate = CandidateFactory()
    document = cv_upload(candidate=candidate, data=CV, original_name="cv.txt").document
    parsed = document_extract(document_id=document.pk)
    assert parsed.parse_status == "parsed"
    before = CandidateDocument.objects.values().get(pk=document.pk)
    monkeypatch.setattr(documents, "cv_bytes_extract", _must_not_extract)

    assert cv_extract_task(document.pk) == "parsed"  # the same message delivered again

    assert CandidateDocument.objects.values().get(pk=document.pk) == before
