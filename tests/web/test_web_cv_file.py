"""Opening the original CV file: who may (HR admins, recruiters of a candidate in a pipeline or
the active talent pool or who uploaded it, the candidate), safe headers, every opening in the
audit log, everyone else a 404 with nothing logged."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ats_site.accounts.models import AuditEvent, Role, User
from candidates.cv_file_response import download_name
from candidates.models import Candidate, CandidateDocument
from candidates.services import candidate_erase
from candidates.services.uploads import cv_upload
from tests.candidates.extraction.cv_files import build_pdf
from tests.factories import ApplicationFactory, UserFactory, VacancyFactory

pytestmark = pytest.mark.django_db

CV_TEXT = b"Alice Martin\nSUMMARY\nData engineer.\n\nSKILLS\nPython, SQL\n"


def _client(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _upload(candidate: Candidate, data: bytes, name: str, by: User | None = None):
    return cv_upload(candidate=candidate, data=data, original_name=name, uploaded_by=by).document


def _file_url(document: CandidateDocument) -> str:
    return reverse("web:candidate-cv-file", args=[document.candidate_id, document.pk])


def _opened(response) -> bytes:
    return b"".join(response.streaming_content)


def _events() -> list[tuple[str, str]]:
    return list(
        AuditEvent.objects.filter(action=AuditEvent.Action.CV_FILE_VIEW).values_list(
            "actor__username", "target_id"
        )
    )


def _in_pipeline(candidate: Candidate) -> None:
    ApplicationFactory(candidate=candidate, vacancy=VacancyFactory(), status="screening")


def _in_pool(candidate: Candidate) -> None:
    ApplicationFactory(candidate=candidate, vacancy=VacancyFactory(), status="talent_pool")


def _in_expired_pool(candidate: Candidate, settings) -> None:
    _in_pool(candidate)
    days = settings.FAIRMATCH_TALENT_POOL_CONSENT_DAYS + 1
    Candidate.objects.filter(pk=candidate.pk).update(
        consent_given_at=timezone.now() - timedelta(days=days), consent_version="v1"
    )


@pytest.mark.parametrize(
    ("role", "setup", "expected"),
    [
        pytest.param("hr_admin", None, 200, id="hr_admin_any_candidate_case"),
        pytest.param("recruiter", _in_pipeline, 200, id="recruiter_candidate_applied_case"),
        pytest.param("recruiter", _in_pool, 200, id="recruiter_active_talent_pool_case"),
        pytest.param("recruiter", None, 404, id="recruiter_no_application_case"),
        pytest.param("recruiter", "expired", 404, id="recruiter_expired_talent_pool_case"),
        pytest.param("api_client", _in_pipeline, 404, id="api_client_case"),
        pytest.param("candidate", _in_pipeline, 404, id="another_candidate_case"),
    ],
)
def test_who_may_open_a_candidates_original_cv_file(
    own_candidate: Candidate, user_for_role, settings, role, setup, expected
) -> None:
    document = _upload(own_candidate, CV_TEXT, "alice.txt")
    if setup == "expired":
        _in_expired_pool(own_candidate, settings)
    elif setup is not None:
        setup(own_candidate)
    viewer = UserFactory(role=Role(role), username=f"viewer-{role}")

    response = _client(viewer).get(_file_url(document))

    assert response.status_code == expected
    if expected == 200:
        assert _opened(response) == CV_TEXT
        assert _events() == [(viewer.username, str(document.pk))]
    else:
        assert _events() == []


def test_a_recruiter_opens_a_cv_they_uploaded_but_not_the_candidates_others(
    own_candidate: Candidate, recruiter: User
) -> None:
    theirs = _upload(own_candidate, CV_TEXT, "by-recruiter.txt", by=recruiter)
    other = _upload(own_candidate, CV_TEXT + b"Go\n", "by-candidate.txt")

    allowed = _client(recruiter).get(_file_url(theirs))
    refused = _client(recruiter).get(_file_url(other))
    page = _client(recruiter).get(reverse("web:candidate-detail", args=[own_candidate.pk]))

    assert (allowed.status_code, refused.status_code) == (200, 404)
    assert _events() == [(recruiter.username, str(theirs.pk))]
    html = page.content.decode()
    assert _file_url(theirs) in html
    assert _file_url(other) not in html


def test_a_candidate_opens_their_own_cv_and_it_is_logged(
    candidate_client: Client, candidate_user: User, own_candidate: Candidate
) -> None:
    document = _upload(own_candidate, CV_TEXT, "alice.txt")
    own_url = reverse("web:my-cv-file", args=[document.pk])

    page = candidate_client.get(reverse("web:my-applications")).content.decode()
    response = candidate_client.get(own_url)

    assert own_url in page
    assert response.status_code == 200
    assert _opened(response) == CV_TEXT
    assert _events() == [(candidate_user.username, str(document.pk))]


def test_a_candidate_cannot_open_another_candidates_cv_by_either_address(
    candidate_client: Client, own_candidate: Candidate, other_candidate: Candidate
) -> None:
    document = _upload(other_candidate, CV_TEXT, "bruno.txt")

    by_staff_url = candidate_client.get(_file_url(document))
    by_own_url = candidate_client.get(reverse("web:my-cv-file", args=[document.pk]))
    anonymous = Client().get(_file_url(document))

    assert (by_staff_url.status_code, by_own_url.status_code) == (404, 404)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("login"))
    assert _events() == []


def test_a_pdf_opens_inline_and_other_types_download_with_safe_headers(
    hr_client: Client, own_candidate: Candidate
) -> None:
    pdf = _upload(own_candidate, build_pdf(), "Alice CV.pdf")
    text = _upload(own_candidate, CV_TEXT, "alice.txt")

    shown = hr_client.get(_file_url(pdf))
    downloaded = hr_client.get(_file_url(text))

    assert shown["Content-Type"] == "application/pdf"
    assert shown["Content-Disposition"] == 'inline; filename="Alice CV.pdf"'
    assert downloaded["Content-Disposition"] == 'attachment; filename="alice.txt"'
    for response in (shown, downloaded):
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        assert response["Cache-Control"] == "private, no-store"
        _opened(response)


def test_a_stored_path_outside_the_media_folder_reads_as_missing(
    hr_client: Client, own_candidate: Candidate
) -> None:
    document = _upload(own_candidate, CV_TEXT, "alice.txt")
    CandidateDocument.objects.filter(pk=document.pk).update(file="../../../../etc/passwd")

    response = hr_client.get(_file_url(document))

    assert response.status_code == 404
    assert _events() == []


def test_an_erased_candidates_cv_is_never_served(
    hr_client: Client, hr_admin: User, own_candidate: Candidate
) -> None:
    document = _upload(own_candidate, CV_TEXT, "alice.txt")
    url = _file_url(document)
    candidate_erase(candidate=own_candidate, erased_by=hr_admin)

    assert hr_client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("original", "offered"),
    [
        ("cv.pdf", "cv.pdf"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\eve\\cv.docx", "cv.docx"),
        ("bad\r\nSet-Cookie: x.txt", "badSet-Cookie: x.txt"),
        ("/", "cv"),
    ],
)
def test_the_download_name_has_no_folders_or_control_characters(original, offered) -> None:
    assert download_name(original) == offered
