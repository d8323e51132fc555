"""Recruiters add a CV to a candidate's profile; bad files are refused and nothing is stored."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from candidates.models import Candidate, CandidateDocument

pytestmark = pytest.mark.django_db


def test_recruiter_uploads_a_cv_and_a_second_upload_is_recognised(
    recruiter_client: Client, other_candidate: Candidate
) -> None:
    url = reverse("web:candidate-cv-upload", args=[other_candidate.pk])
    before = CandidateDocument.objects.filter(candidate=other_candidate).count()

    def upload() -> object:
        cv = SimpleUploadedFile("cv.txt", b"SUMMARY\nAnalyst.\n\nSKILLS\nSQL\n", "text/plain")
        return recruiter_client.post(url, {"cv": cv})

    first = upload()
    second = upload()

    assert first.status_code == 302
    assert second.status_code == 302
    assert CandidateDocument.objects.filter(candidate=other_candidate).count() == before + 1
    page = recruiter_client.get(second["Location"]).content.decode()
    assert "This CV was already on file." in page


def test_a_disguised_executable_is_refused_with_a_clear_error(
    recruiter_client: Client, other_candidate: Candidate
) -> None:
    before = CandidateDocument.objects.count()
    cv = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a CV", "application/pdf")

    response = recruiter_client.post(
        reverse("web:candidate-cv-upload", args=[other_candidate.pk]), {"cv": cv}
    )

    assert response.status_code == 400
    assert "Windows executable" in response.content.decode()
    assert CandidateDocument.objects.count() == before


def test_candidates_cannot_upload_to_other_profiles(
    candidate_client: Client, other_candidate: Candidate
) -> None:
    cv = SimpleUploadedFile("cv.txt", b"text", "text/plain")
    before = CandidateDocument.objects.count()

    response = candidate_client.post(
        reverse("web:candidate-cv-upload", args=[other_candidate.pk]), {"cv": cv}
    )

    assert response.status_code == 403
    assert CandidateDocument.objects.count() == before
