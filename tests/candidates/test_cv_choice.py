"""Which CV is scored: only a read one; chosen by the candidate or a recruiter; deletable."""

import pytest

from candidates.models import CandidateDocument
from candidates.selectors import latest_cv_by_candidate, latest_parsed_document
from candidates.services.cv_choice import (
    CV_NOT_READABLE,
    CvNotReadable,
    document_delete,
    document_select,
)
from candidates.services.documents import document_extract
from candidates.services.uploads import cv_upload
from matching.models import MatchScore
from matching.selectors import applications_needing_score
from tests.candidates.extraction.cv_files import build_pdf
from tests.factories import CandidateFactory, VacancyFactory
from vacancies.services import application_create

pytestmark = pytest.mark.django_db

READABLE = b"Jane Doe\nSUMMARY\nData engineer.\n\nSKILLS\nPython, SQL\n"
OTHER_READABLE = b"Jane Doe\nSUMMARY\nUX designer.\n\nSKILLS\nFigma, user research\n"


def _upload_and_read(candidate, data: bytes, name: str) -> CandidateDocument:
    document = cv_upload(candidate=candidate, data=data, original_name=name).document
    return document_extract(document_id=document.pk)


def test_a_failed_read_never_becomes_the_scored_cv():
    candidate = CandidateFactory()
    readable = _upload_and_read(candidate, READABLE, "cv.txt")

    scanned = _upload_and_read(candidate, build_pdf(image_only=True), "scan.pdf")

    assert scanned.parse_status == "failed"
    assert scanned.is_selected is False
    assert "no text layer" in scanned.error_message
    assert latest_parsed_document(candidate=candidate) == readable
    assert latest_cv_by_candidate(candidate_ids=[candidate.pk])[candidate.pk].pk == readable.pk


def test_the_newest_read_cv_is_scored_until_another_is_chosen():
    candidate = CandidateFactory()
    older = _upload_and_read(candidate, READABLE, "old.txt")
    newer = _upload_and_read(candidate, OTHER_READABLE, "new.txt")
    assert latest_parsed_document(candidate=candidate) == newer

    document_select(document=older, selected_by=None)

    assert latest_parsed_document(candidate=candidate) == older
    assert latest_cv_by_candidate(candidate_ids=[candidate.pk])[candidate.pk].pk == older.pk
    assert CandidateDocument.objects.filter(candidate=candidate, is_selected=True).count() == 1


def test_choosing_another_cv_makes_the_scores_stale():
    candidate = CandidateFactory()
    older = _upload_and_read(candidate, READABLE, "old.txt")
    _upload_and_read(candidate, OTHER_READABLE, "new.txt")
    application = application_create(candidate=candidate, vacancy=VacancyFactory())
    MatchScore.objects.create(
        vacancy=application.vacancy,
        candidate=candidate,
        application=application,
        model_version="v-test",
        score=80.0,
        bucket="strong",
    )
    assert application not in applications_needing_score(model_version="v-test")

    document_select(document=older, selected_by=None)

    assert application in applications_needing_score(model_version="v-test")


def test_a_failed_cv_cannot_be_chosen():
    candidate = CandidateFactory()
    scanned = _upload_and_read(candidate, build_pdf(image_only=True), "scan.pdf")

    with pytest.raises(CvNotReadable) as raised:
        document_select(document=scanned, selected_by=None)

    assert raised.value.message == CV_NOT_READABLE
    scanned.refresh_from_db()
    assert scanned.is_selected is False


def test_deleting_the_scored_cv_falls_back_to_the_newest_remaining_read_one():
    candidate = CandidateFactory()
    older = _upload_and_read(candidate, READABLE, "old.txt")
    newer = _upload_and_read(candidate, OTHER_READABLE, "new.txt")

    document_delete(document=newer, deleted_by=None)

    older.refresh_from_db()
    assert older.is_selected is True
    assert list(candidate.documents.all()) == [older]


def test_deleting_the_last_read_cv_drops_the_scores_computed_from_it():
    candidate = CandidateFactory()
    only = _upload_and_read(candidate, READABLE, "cv.txt")
    application = application_create(candidate=candidate, vacancy=VacancyFactory())
    MatchScore.objects.create(
        vacancy=application.vacancy,
        candidate=candidate,
        application=application,
        model_version="v-test",
        score=80.0,
        bucket="strong",
    )

    document_delete(document=only, deleted_by=None)

    assert candidate.documents.count() == 0
    assert MatchScore.objects.filter(candidate=candidate).count() == 0


def test_sending_a_cv_already_on_file_chooses_it_again():
    candidate = CandidateFactory()
    older = _upload_and_read(candidate, READABLE, "old.txt")
    _upload_and_read(candidate, OTHER_READABLE, "new.txt")

    again = cv_upload(candidate=candidate, data=READABLE, original_name="old.txt")

    assert again.is_duplicate is True
    assert latest_parsed_document(candidate=candidate) == older
