"""Pages show what a CV and a vacancy read as: candidate page, ranking rows, vacancy page."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from matching.models import MatchScore
from matching.services.occupations import candidate_occupations_read, vacancy_occupations_read
from matching.services.versions import current_model_version
from tests.factories import SensitiveAttributesFactory, VacancyFactory, candidate_with_parsed_cv
from tests.matching.occupations.synthetic_engine import (
    ACCOUNTANT_CV,
    CHEF_CV,
    install_engine,
    synthetic_engine,
)
from vacancies.services import application_create

pytestmark = pytest.mark.django_db
SECRET_NATIONALITY = "Secretnationalityzz"


@pytest.fixture(autouse=True)
def engine(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return install_engine(monkeypatch, synthetic_engine())


@pytest.fixture
def staff_client(recruiter) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(recruiter)
    return client


def _read_candidate(text: str):  # type: ignore[no-untyped-def]
    candidate = candidate_with_parsed_cv(text)
    candidate_occupations_read(candidate_id=candidate.pk)
    return candidate


def test_candidate_page_shows_the_top_three_occupations_and_no_sensitive_attribute(
    staff_client: Client,
) -> None:
    candidate = _read_candidate(ACCOUNTANT_CV)
    SensitiveAttributesFactory(candidate=candidate, nationality=SECRET_NATIONALITY)
    top = candidate.occupation_reading.entries.order_by("rank")

    page = staff_client.get(reverse("web:candidate-detail", args=[candidate.pk])).content.decode()

    assert "reads as" in page
    for entry in top:
        assert f"{entry.label[:1].upper()}{entry.label[1:]} (ESCO), {entry.confidence:.2f}" in page
    second = f"{top[1].label[:1].upper()}{top[1].label[1:]} (ESCO)"
    assert page.index("Accountant (ESCO)") < page.index(second)
    assert "ISCO 2411" in page
    assert SECRET_NATIONALITY not in page


def test_candidate_page_says_when_nothing_was_read_yet(staff_client: Client) -> None:
    candidate = candidate_with_parsed_cv(CHEF_CV)

    page = staff_client.get(reverse("web:candidate-detail", args=[candidate.pk])).content.decode()

    assert "Occupation not read yet." in page


def _ranked_vacancy(count: int, recruiter):  # type: ignore[no-untyped-def]
    vacancy = VacancyFactory(title="Head chef", owner=recruiter)
    for number in range(count):
        candidate = _read_candidate(CHEF_CV if number % 2 == 0 else ACCOUNTANT_CV)
        application = application_create(candidate=candidate, vacancy=vacancy)
        MatchScore.objects.create(
            vacancy=vacancy,
            candidate=candidate,
            application=application,
            # Current scores (this model, stage 1's cosine kept): the page only reads them.
            model_version=current_model_version(),
            retrieval_cosine=0.5,
            score=90 - number,
            bucket="strong",
        )
    return vacancy


def _vacancy_page(client: Client, vacancy) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("web:vacancy-detail", args=[vacancy.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_ranking_rows_show_each_candidates_reading_without_a_query_per_row(
    staff_client: Client, recruiter
) -> None:
    small = _ranked_vacancy(2, recruiter)
    large = _ranked_vacancy(6, recruiter)

    _vacancy_page(staff_client, small)  # warms the cached queue-health check of staff pages
    _, small_queries = _vacancy_page(staff_client, small)
    page, large_queries = _vacancy_page(staff_client, large)

    assert page.count("Head chef (ESCO), ") == 3
    assert page.count("Accountant (ESCO), ") == 3
    assert large_queries == small_queries


def test_vacancy_page_shows_its_reading_and_the_recruiters_choice(
    staff_client: Client, recruiter
) -> None:
    vacancy = VacancyFactory(title="Bookkeeper", description="Keep the ledger.", owner=recruiter)
    vacancy_occupations_read(vacancy_id=vacancy.pk)

    page, _ = _vacancy_page(staff_client, vacancy)
    assert "reads as" in page
    assert "Bookkeeper (ESCO), " in page

    vacancy.chosen_occupation_uri = "http://data.europa.eu/esco/occupation/accountant"
    vacancy.chosen_occupation_label = "accountant"
    vacancy.chosen_occupation_isco_code = "2411"
    vacancy.save()
    page, _ = _vacancy_page(staff_client, vacancy)

    assert 'Accountant (ESCO)</span> <span class="muted">(chosen by a recruiter)' in page
