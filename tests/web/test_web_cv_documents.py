"""CV documents on the web: failed reads reported to the uploader, choose, delete, open."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import AuditEvent, User
from candidates.models import Candidate, CandidateDocument
from candidates.services.documents import document_extract
from candidates.services.uploads import cv_upload
from tests.candidates.extraction.cv_files import build_pdf
from vacancies.models import Vacancy
from vacancies.services import application_create

pytestmark = pytest.mark.django_db

READABLE = b"Alice Martin\nSUMMARY\nData engineer.\n\nSKILLS\nPython, SQL\n"


def _read(candidate: Candidate, data: bytes, name: str) -> CandidateDocument:
    document = cv_upload(candidate=candidate, data=data, original_name=name).document
    return document_extract(document_id=document.pk)


def test_applying_with_a_scanned_pdf_is_not_called_sent_and_the_failure_is_shown(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy
) -> None:
    _read(own_candidate, READABLE, "old-cv.txt")
    scan = SimpleUploadedFile("scan.pdf", build_pdf(image_only=True), "application/pdf")

    response = candidate_client.post(f"/jobs/{vacancy.pk}/apply/", {"cv": scan}, follow=True)
    confirmation = response.content.decode()
    document = own_candidate.documents.get(original_name="scan.pdf")
    document_extract(document_id=document.pk)  # what the worker does after the request
    page = candidate_client.get(reverse("web:my-applications")).content.decode()

    assert "Your application has been sent." not in confirmation
    assert "We are still reading your CV “scan.pdf”" in confirmation
    assert 'data-parse-status="pending"' in confirmation
    assert "We could not read “scan.pdf”, so it is not used for scoring:" in page
    assert "this PDF has no text layer (scanned?)" in page
    assert "CV used for scoring: “old-cv.txt”." in page
    assert document.uploaded_by.username == "candidate-user"


def test_candidate_chooses_and_deletes_their_cvs(
    candidate_client: Client, own_candidate: Candidate
) -> None:
    older = _read(own_candidate, READABLE, "old.txt")
    newer = _read(own_candidate, READABLE + b"Figma\n", "new.txt")

    chosen = candidate_client.post(reverse("web:my-cv-select", args=[older.pk]), follow=True)
    deleted = candidate_client.post(reverse("web:my-cv-delete", args=[newer.pk]), follow=True)

    assert "“old.txt” is now the CV used for scoring." in chosen.content.decode()
    assert "“new.txt” was deleted." in deleted.content.decode()
    assert list(own_candidate.documents.values_list("original_name", "is_selected")) == [
        ("old.txt", True)
    ]


def test_candidate_cannot_touch_another_candidates_cv(
    candidate_client: Client, other_candidate: Candidate
) -> None:
    document = other_candidate.documents.get()

    selected = candidate_client.post(reverse("web:my-cv-select", args=[document.pk]))
    deleted = candidate_client.post(reverse("web:my-cv-delete", args=[document.pk]))
    opened = candidate_client.get(
        reverse("web:candidate-cv-file", args=[other_candidate.pk, document.pk])
    )

    assert (selected.status_code, deleted.status_code, opened.status_code) == (404, 404, 404)
    assert other_candidate.documents.count() == 1


def test_recruiter_sees_the_scored_cv_and_a_failed_upload_on_the_candidate_page(
    recruiter_client: Client, recruiter: User, other_candidate: Candidate
) -> None:
    scan = SimpleUploadedFile("scan.pdf", build_pdf(image_only=True), "application/pdf")
    recruiter_client.post(
        reverse("web:candidate-cv-upload", args=[other_candidate.pk]), {"cv": scan}
    )
    document = other_candidate.documents.get(original_name="scan.pdf")
    document_extract(document_id=document.pk)

    page = recruiter_client.get(
        reverse("web:candidate-detail", args=[other_candidate.pk])
    ).content.decode()
    dashboard = recruiter_client.get(reverse("web:recruiter-dashboard")).content.decode()

    assert document.uploaded_by == recruiter
    assert "CV used for scoring: “cv.txt”." in page
    assert "We could not read “scan.pdf”" in page
    assert "scan.pdf" in dashboard
    assert "CVs you uploaded that could not be read" in dashboard


def test_staff_open_the_original_cv_file_and_it_is_audited(
    recruiter_client: Client, recruiter: User, own_candidate: Candidate, vacancy: Vacancy
) -> None:
    document = _read(own_candidate, READABLE, "alice.txt")
    application_create(candidate=own_candidate, vacancy=vacancy)

    response = recruiter_client.get(
        reverse("web:candidate-cv-file", args=[own_candidate.pk, document.pk])
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == READABLE
    assert response["Content-Type"] == "text/plain"
    assert response["Content-Security-Policy"] == "sandbox"
    event = AuditEvent.objects.get(action=AuditEvent.Action.CV_FILE_VIEW)
    assert (event.actor, event.target_id) == (recruiter, str(document.pk))
