"""Candidate self-service: job board, apply with a CV, my applications, my data."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ats_site.accounts.models import User
from candidates.extraction.errors import UNSUPPORTED_TYPE
from candidates.forms import ERASE_CONFIRM_REQUIRED
from candidates.models import Candidate
from candidates.views import NO_CANDIDATE_PROFILE
from tests.factories import VacancyFactory
from vacancies.candidate_views import CV_REQUIRED
from vacancies.models import Application, Vacancy
from vacancies.services import APPLICATION_ALREADY_EXISTS

pytestmark = pytest.mark.django_db

CV_BYTES = b"Alice Martin\nData engineer, 6 years of Python, SQL and Airflow.\n"


def test_job_board_lists_only_open_vacancies(client: Client, vacancy: Vacancy) -> None:
    VacancyFactory.create(title="Closed role", status=Vacancy.Status.CLOSED)

    page = client.get("/jobs/").content.decode()

    assert "Data engineer" in page
    assert "Closed role" not in page


def test_candidate_applies_with_a_cv(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy
) -> None:
    upload = SimpleUploadedFile("alice-cv.txt", CV_BYTES, content_type="text/plain")

    response = candidate_client.post(f"/jobs/{vacancy.pk}/apply/", {"cv": upload}, follow=True)

    application = Application.objects.get(candidate=own_candidate, vacancy=vacancy)
    document = own_candidate.documents.get()
    page = response.content.decode()
    assert response.redirect_chain == [("/me/applications/", 302)]
    assert application.status == "new"
    assert document.original_name == "alice-cv.txt"
    assert document.parse_status == "pending"
    assert "Your application has been sent." not in page
    assert "We are still reading your CV “alice-cv.txt”" in page
    assert "Data engineer" in page


def test_bad_cv_file_is_refused_clearly_and_nothing_is_stored(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy
) -> None:
    upload = SimpleUploadedFile("cv.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)

    response = candidate_client.post(f"/jobs/{vacancy.pk}/apply/", {"cv": upload})

    assert response.status_code == 400
    assert UNSUPPORTED_TYPE.format(detected="PNG image") in response.content.decode()
    assert Application.objects.count() == 0
    assert own_candidate.documents.count() == 0


def test_first_application_requires_a_cv(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy
) -> None:
    response = candidate_client.post(f"/jobs/{vacancy.pk}/apply/", {})

    assert response.status_code == 400
    assert str(CV_REQUIRED) in response.content.decode()
    assert Application.objects.count() == 0


def test_applying_twice_is_refused(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy
) -> None:
    upload = SimpleUploadedFile("cv.txt", CV_BYTES)
    candidate_client.post(f"/jobs/{vacancy.pk}/apply/", {"cv": upload})

    response = candidate_client.post(f"/jobs/{vacancy.pk}/apply/", {})

    assert response.status_code == 400
    assert APPLICATION_ALREADY_EXISTS in response.content.decode()
    assert Application.objects.count() == 1


def test_my_applications_show_only_mine_with_status(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy, application: Application
) -> None:
    Application.objects.create(
        candidate=own_candidate, vacancy=VacancyFactory.create(title="Analyst")
    )

    page = candidate_client.get("/me/applications/").content.decode()

    assert "Analyst" in page
    assert "Data engineer" not in page
    assert 'data-status="new">New<' in page


def test_download_my_data_is_json(
    candidate_client: Client, own_candidate: Candidate, application: Application
) -> None:
    response = candidate_client.get("/me/data/export/")

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="fairmatch-my-data.json"'
    assert data["profile"]["first_name"] == "Alice"
    assert data["applications"] == []


def test_erase_needs_confirmation(candidate_client: Client, own_candidate: Candidate) -> None:
    response = candidate_client.post("/me/data/erase/", {})

    own_candidate.refresh_from_db()
    assert response.status_code == 400
    assert str(ERASE_CONFIRM_REQUIRED) in response.content.decode()
    assert own_candidate.is_anonymised is False


def test_erase_my_data_anonymises_and_logs_out(
    candidate_client: Client, own_candidate: Candidate, candidate_user: User
) -> None:
    response = candidate_client.post("/me/data/erase/", {"confirm": "on"}, follow=True)

    own_candidate.refresh_from_db()
    candidate_user.refresh_from_db()
    assert response.redirect_chain == [("/jobs/", 302)]
    assert own_candidate.is_anonymised is True
    assert own_candidate.first_name == "Erased"
    assert candidate_user.is_active is False
    assert "Your personal data has been erased and your login closed." in response.content.decode()
    assert candidate_client.get("/me/data/").status_code == 302


def test_candidate_login_without_profile_cannot_apply(
    candidate_client: Client, vacancy: Vacancy
) -> None:
    upload = SimpleUploadedFile("cv.txt", CV_BYTES)

    response = candidate_client.post(f"/jobs/{vacancy.pk}/apply/", {"cv": upload})

    assert response.status_code == 400
    assert str(NO_CANDIDATE_PROFILE).replace("'", "&#x27;") in response.content.decode()
    assert Application.objects.count() == 0


def test_vacancy_description_is_rendered_escaped(client: Client, recruiter: User) -> None:
    vacancy = VacancyFactory.create(description="<img src=x onerror=alert(1)>", owner=recruiter)

    page = client.get(f"/jobs/{vacancy.pk}/").content.decode()

    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_job_detail_shows_an_existing_application_instead_of_the_form(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy
) -> None:
    Application.objects.create(candidate=own_candidate, vacancy=vacancy)

    page = candidate_client.get(f"/jobs/{vacancy.pk}/").content.decode()

    assert "You applied on" in page
    assert 'name="cv"' not in page
