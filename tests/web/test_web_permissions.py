"""Who may open which page: anonymous visitors log in first, other roles get a 403."""

import pytest
from django.test import Client

from ats_site.accounts.models import User
from fairness.models import AuditReport
from vacancies.models import Application

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/recruiter/",
    "/vacancies/",
    "/vacancies/new/",
    "/vacancies/{vacancy}/",
    "/vacancies/{vacancy}/edit/",
    "/applications/{application}/",
    "/vacancies/{vacancy}/pipeline/",
    "/applications/{application}/interviews/new/",
    "/candidates/",
    "/candidates/{candidate}/",
]
CANDIDATE_PAGES = ["/me/applications/", "/me/data/", "/me/data/export/"]
HR_PAGES = ["/fairness/", "/fairness/reports/", "/fairness/reports/{audit}/export/"]
PUBLIC_PAGES = ["/jobs/", "/jobs/{vacancy}/"]
EXPECTED = {
    "candidate": {"staff": 403, "candidate": 200, "hr": 403, "public": 200},
    "recruiter": {"staff": 200, "candidate": 403, "hr": 403, "public": 200},
    "hr_admin": {"staff": 200, "candidate": 403, "hr": 200, "public": 200},
    "api_client": {"staff": 403, "candidate": 403, "hr": 403, "public": 200},
}
CASES = [
    pytest.param(role, kind, page, id=f"{role}_{page}_case")
    for role in EXPECTED
    for kind, pages in (
        ("staff", STAFF_PAGES),
        ("candidate", CANDIDATE_PAGES),
        ("hr", HR_PAGES),
        ("public", PUBLIC_PAGES),
    )
    for page in pages
]


@pytest.fixture
def page_ids(application: Application, audit: AuditReport, own_candidate: object) -> dict:
    return {
        "vacancy": application.vacancy_id,
        "application": application.pk,
        "candidate": application.candidate_id,
        "audit": audit.pk,
    }


ROLE_FIXTURES = {
    "candidate": "candidate_user",
    "recruiter": "recruiter",
    "hr_admin": "hr_admin",
    "api_client": "api_client_user",
}


def _client_for_role(request: pytest.FixtureRequest, role: str) -> Client:
    user: User = request.getfixturevalue(ROLE_FIXTURES[role])
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(("role", "kind", "page"), CASES)
def test_page_status_per_role(
    role: str, kind: str, page: str, page_ids: dict, request: pytest.FixtureRequest
) -> None:
    client = _client_for_role(request, role)

    response = client.get(page.format(**page_ids))

    assert response.status_code == EXPECTED[role][kind]


@pytest.mark.parametrize("page", STAFF_PAGES + CANDIDATE_PAGES + HR_PAGES)
def test_anonymous_visitor_is_sent_to_login(page: str, page_ids: dict, client: Client) -> None:
    url = page.format(**page_ids)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize(
    ("role", "start_page"),
    [
        ("candidate", "/me/applications/"),
        ("recruiter", "/recruiter/"),
        ("hr_admin", "/fairness/"),
        ("api_client", "/jobs/"),
    ],
)
def test_home_sends_each_role_to_its_start_page(
    role: str, start_page: str, request: pytest.FixtureRequest
) -> None:
    client = _client_for_role(request, role)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == start_page


def test_home_sends_visitors_to_the_job_board(client: Client) -> None:
    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/jobs/"


def test_candidate_cannot_move_an_application(
    candidate_client: Client, application: Application
) -> None:
    response = candidate_client.post(
        f"/applications/{application.pk}/move/", {"to_status": "screening"}
    )

    application.refresh_from_db()
    assert response.status_code == 403
    assert application.status == "new"
    assert application.status_changes.count() == 1


def test_forbidden_page_explains_itself(candidate_client: Client) -> None:
    response = candidate_client.get("/recruiter/")

    assert response.status_code == 403
    assert "This page is not available to your role." in response.content.decode()
