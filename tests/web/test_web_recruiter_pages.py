"""Recruiter pages: vacancy form, pipeline board moves, application history, candidates."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ats_site.accounts.models import User
from candidates.models import Candidate
from matching.taxonomy.models import EscoSkill, TaxonomySource
from tests.factories import CandidateFactory
from tests.web.conftest import SECRET_ETHNICITY, SECRET_NATIONALITY
from vacancies.forms import EXPERIENCE_RANGE_INVALID, MOVE_NOT_ALLOWED
from vacancies.models import Application, Vacancy

pytestmark = pytest.mark.django_db

VACANCY_POST = {
    "title": "Site reliability engineer",
    "organisation": "Acme",
    "department": "Platform",
    "description": "Keep things running.",
    "required_skills": "Linux, Kubernetes, Linux",
    "preferred_skills": "Go",
    "keywords": "",
    "seniority": "senior",
    "experience_min_years": "3",
    "experience_max_years": "8",
    "location": "Rennes",
    "region": "Bretagne",
    "status": "open",
}


def test_recruiter_creates_a_vacancy(recruiter_client: Client, recruiter: User) -> None:
    response = recruiter_client.post("/vacancies/new/", VACANCY_POST)

    vacancy = Vacancy.objects.get(title="Site reliability engineer")
    assert response.status_code == 302
    assert response["Location"] == f"/vacancies/{vacancy.pk}/"
    assert vacancy.owner == recruiter
    assert vacancy.required_skills == ["Linux", "Kubernetes"]
    assert vacancy.preferred_skills == ["Go"]
    assert vacancy.keywords == []
    assert vacancy.experience_max_years == 8


def test_vacancy_form_shows_errors_and_creates_nothing(recruiter_client: Client) -> None:
    data = {**VACANCY_POST, "title": "", "experience_min_years": "9"}

    response = recruiter_client.post("/vacancies/new/", data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "This field is required." in page
    assert str(EXPERIENCE_RANGE_INVALID) in page
    assert Vacancy.objects.count() == 0


def test_recruiter_edits_a_vacancy(recruiter_client: Client, vacancy: Vacancy) -> None:
    form_page = recruiter_client.get(f"/vacancies/{vacancy.pk}/edit/").content.decode()
    data = {**VACANCY_POST, "title": "Senior data engineer", "status": "closed"}

    response = recruiter_client.post(f"/vacancies/{vacancy.pk}/edit/", data)

    vacancy.refresh_from_db()
    assert 'value="Python, Django"' in form_page
    assert response.status_code == 302
    assert vacancy.title == "Senior data engineer"
    assert vacancy.status == "closed"


def test_board_shows_one_column_per_status_and_allowed_moves(
    recruiter_client: Client, application: Application
) -> None:
    response = recruiter_client.get(f"/vacancies/{application.vacancy_id}/")

    page = response.content.decode()
    assert page.count('class="board-column"') == 12
    assert f'id="application-{application.pk}"' in page
    assert '<option value="screening">Screening</option>' in page
    assert '<option value="hired">' not in page
    assert 'id="ranked-candidates"' in page


def test_move_on_the_board_records_history(
    recruiter_client: Client, application: Application, recruiter: User
) -> None:
    response = recruiter_client.post(
        f"/applications/{application.pk}/move/", {"to_status": "screening"}
    )

    application.refresh_from_db()
    last_change = application.status_changes.last()
    assert response.status_code == 302
    assert (
        response["Location"] == f"/vacancies/{application.vacancy_id}/#application-{application.pk}"
    )
    assert application.status == "screening"
    assert last_change is not None
    assert (last_change.from_status, last_change.to_status) == ("new", "screening")
    assert last_change.changed_by == recruiter


def test_illegal_move_is_refused_with_a_message(
    recruiter_client: Client, application: Application
) -> None:
    response = recruiter_client.post(
        f"/applications/{application.pk}/move/", {"to_status": "hired"}, follow=True
    )

    application.refresh_from_db()
    assert application.status == "new"
    assert application.status_changes.count() == 1
    assert f"Bruno Diallo: {MOVE_NOT_ALLOWED}" in response.content.decode()


def test_application_detail_shows_status_history(
    recruiter_client: Client, application: Application
) -> None:
    recruiter_client.post(
        f"/applications/{application.pk}/move/",
        {"to_status": "interview", "reason": "Strong portfolio", "next": "detail"},
    )

    page = recruiter_client.get(f"/applications/{application.pk}/").content.decode()

    assert "New &rarr; Interview" in page
    assert "Strong portfolio" in page
    assert '<option value="offer">Offer</option>' in page


def test_csrf_is_enforced_on_moves(application: Application, recruiter: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)

    response = client.post(f"/applications/{application.pk}/move/", {"to_status": "screening"})

    application.refresh_from_db()
    assert response.status_code == 403
    assert application.status == "new"


def test_csrf_is_enforced_on_vacancy_creation(recruiter: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)

    response = client.post("/vacancies/new/", VACANCY_POST)

    assert response.status_code == 403
    assert Vacancy.objects.count() == 0


def test_every_form_carries_a_csrf_token(
    recruiter_client: Client, application: Application
) -> None:
    page = recruiter_client.get(f"/vacancies/{application.vacancy_id}/").content.decode()

    assert page.count('method="post"') == page.count('name="csrfmiddlewaretoken"')


def test_candidate_search_and_region_filter(
    recruiter_client: Client, other_candidate: Candidate
) -> None:
    CandidateFactory.create(first_name="Chloe", last_name="Moreau", region="Bretagne")

    by_name = recruiter_client.get("/candidates/", {"q": "diallo"}).content.decode()
    by_region = recruiter_client.get("/candidates/", {"region": "Bretagne"}).content.decode()

    assert "Bruno Diallo" in by_name
    assert "Chloe Moreau" not in by_name
    assert "Chloe Moreau" in by_region
    assert "Bruno Diallo" not in by_region
    assert '<option value="Occitanie">Occitanie</option>' in by_region


def test_recruiter_pages_never_show_sensitive_attributes(
    recruiter_client: Client, application: Application
) -> None:
    candidate_id, vacancy_id = application.candidate_id, application.vacancy_id
    pages = [
        f"/candidates/{candidate_id}/",
        "/candidates/",
        f"/applications/{application.pk}/",
        f"/vacancies/{vacancy_id}/",
        "/recruiter/",
    ]

    contents = [recruiter_client.get(page).content.decode() for page in pages]

    for content in contents:
        assert SECRET_NATIONALITY not in content
        assert SECRET_ETHNICITY not in content
        assert "Non-binary" not in content
        assert "1977" not in content


def test_cv_text_is_rendered_escaped(recruiter_client: Client, other_candidate: Candidate) -> None:
    page = recruiter_client.get(f"/candidates/{other_candidate.pk}/").content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Parsed" in page


def test_board_queries_do_not_grow_with_applications(
    recruiter_client: Client, vacancy: Vacancy
) -> None:
    def board_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            recruiter_client.get(f"/vacancies/{vacancy.pk}/")
        return len(queries)

    Application.objects.create(candidate=CandidateFactory.create(), vacancy=vacancy)
    # The first view fills the caches every staff page shares (the queue-health banner's) and
    # enqueues scoring of the unscored applicants; later views find them in flight.
    board_queries()
    with_one = board_queries()
    for _ in range(4):
        Application.objects.create(candidate=CandidateFactory.create(), vacancy=vacancy)
    board_queries()  # enqueues the four new ones

    assert board_queries() == with_one


def test_skill_autocomplete_suggests_esco_skills(recruiter_client: Client) -> None:
    EscoSkill.objects.create(
        uri="http://data.europa.eu/esco/skill/python",
        preferred_label="Python (computer programming)",
        search_text="python (computer programming)",
        source=TaxonomySource.OFFICIAL,
    )

    response = recruiter_client.get("/skills/autocomplete/", {"q": "pyth"})
    form_page = recruiter_client.get("/vacancies/new/").content.decode()

    assert response.json() == {
        "skills": [
            {
                "label": "Python (computer programming)",
                "uri": "http://data.europa.eu/esco/skill/python",
            }
        ]
    }
    assert 'data-skill-url="/skills/autocomplete/"' in form_page
    assert form_page.count("data-skill-autocomplete") == 2


def test_skill_autocomplete_is_for_staff_only(candidate_client: Client) -> None:
    response = candidate_client.get("/skills/autocomplete/", {"q": "pyth"})

    assert response.status_code == 403
