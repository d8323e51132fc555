"""The API exposes occupation readings on candidates, vacancies and scores, and filters by them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from matching.models import MatchScore
from matching.services.occupations import candidate_occupations_read, vacancy_occupations_read
from tests.factories import CandidateFactory, VacancyFactory, candidate_with_parsed_cv
from tests.matching.core.occupations.synthetic_esco import uri
from tests.matching.occupations.synthetic_engine import (
    ACCOUNTANT_CV,
    CHEF_CV,
    install_engine,
    synthetic_engine,
)

pytestmark = pytest.mark.django_db
ESCO_ACCOUNTANT = "http://data.europa.eu/esco/occupation/eda0d957-3c3c-4139-b89a-a18bc9e18897"


@pytest.fixture(autouse=True)
def engine(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return install_engine(monkeypatch, synthetic_engine())


@pytest.fixture
def recruiter_api(recruiter) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    client.force_authenticate(recruiter)
    return client


def _read(text: str):  # type: ignore[no-untyped-def]
    candidate = candidate_with_parsed_cv(text)
    candidate_occupations_read(candidate_id=candidate.pk)
    return candidate


def _by_id(response) -> dict[int, dict]:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.content
    return {row["id"]: row for row in response.json()["results"]}


def test_candidates_carry_their_top_three_occupations_or_null(recruiter_api: APIClient) -> None:
    chef = _read(CHEF_CV)
    unread = CandidateFactory()

    rows = _by_id(recruiter_api.get("/api/candidates/"))

    reading = rows[chef.pk]["occupations"]
    assert [item["rank"] for item in reading["occupations"]] == [1, 2, 3]
    first = reading["occupations"][0]
    assert (first["uri"], first["label"], first["isco_code"]) == (uri("chef"), "head chef", "3434")
    assert 0 < first["confidence"] <= 1
    assert reading["domain"] == "retail_hospitality"
    assert rows[unread.pk]["occupations"] is None


def test_an_api_client_sees_occupations_too(api_client_user) -> None:
    chef = _read(CHEF_CV)
    client = APIClient()
    client.force_authenticate(api_client_user)

    rows = _by_id(client.get("/api/candidates/"))

    assert rows[chef.pk]["occupations"]["occupations"][0]["label"] == "head chef"


def _queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_candidate_list_reads_occupations_without_a_query_per_candidate(
    recruiter_api: APIClient,
) -> None:
    for _ in range(2):
        _read(CHEF_CV)
    few = _queries(recruiter_api, "/api/candidates/")
    for _ in range(4):
        _read(ACCOUNTANT_CV)

    assert _queries(recruiter_api, "/api/candidates/") == few


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"occupation_uri": uri("chef")}, {"chef"}),
        ({"isco_group": "3434"}, {"chef"}),
        ({"isco_group": "2"}, {"accountant"}),
        ({"isco_group": "241"}, {"accountant"}),
        ({"isco_group": "9"}, set()),
    ],
    ids=["occupation_case", "unit_group_case", "major_group_case", "minor_group_case", "none_case"],
)
def test_candidates_filter_by_occupation_or_isco_group(
    recruiter_api: APIClient, query: dict[str, str], expected: set[str]
) -> None:
    people = {"chef": _read(CHEF_CV), "accountant": _read(ACCOUNTANT_CV)}
    CandidateFactory()  # not read: never matches a filter

    rows = _by_id(recruiter_api.get("/api/candidates/", query))

    assert set(rows) == {people[name].pk for name in expected}


def test_a_malformed_isco_group_is_a_400(recruiter_api: APIClient) -> None:
    response = recruiter_api.get("/api/candidates/", {"isco_group": "24a"})

    assert response.status_code == 400
    assert "message" in response.json()


def test_vacancies_carry_their_reading_and_the_chosen_occupation(
    recruiter_api: APIClient,
) -> None:
    vacancy = VacancyFactory(title="Bookkeeper", description="Keep the ledger.")
    vacancy_occupations_read(vacancy_id=vacancy.pk)

    changed = recruiter_api.patch(
        f"/api/vacancies/{vacancy.pk}/", {"chosen_occupation_uri": ESCO_ACCOUNTANT}, format="json"
    )
    refused = recruiter_api.patch(
        f"/api/vacancies/{vacancy.pk}/", {"chosen_occupation_uri": "x"}, format="json"
    )
    row = recruiter_api.get(f"/api/vacancies/{vacancy.pk}/").json()

    assert changed.status_code == 200
    assert refused.status_code == 400
    assert refused.json()["message"] == "This is not an ESCO occupation."
    assert row["chosen_occupation_uri"] == ESCO_ACCOUNTANT
    assert (row["chosen_occupation_label"], row["chosen_occupation_isco_code"]) == (
        "accountant",
        "2411",
    )
    assert row["occupations"]["occupations"][0]["label"] == "bookkeeper"


def test_scores_carry_both_readings_without_a_query_per_score(recruiter_api: APIClient) -> None:
    vacancy = VacancyFactory(title="Head chef", description="Plan menus.")
    vacancy_occupations_read(vacancy_id=vacancy.pk)

    def score(candidate) -> None:  # type: ignore[no-untyped-def]
        MatchScore.objects.create(
            vacancy=vacancy, candidate=candidate, model_version="m", score=50, bucket="fair"
        )

    score(_read(CHEF_CV))
    few = _queries(recruiter_api, "/api/scores/")
    for _ in range(4):
        score(_read(ACCOUNTANT_CV))
    many = _queries(recruiter_api, "/api/scores/")
    rows = recruiter_api.get("/api/scores/").json()["results"]

    assert many == few
    assert {row["vacancy_occupations"]["occupations"][0]["label"] for row in rows} == {"head chef"}
    assert sorted(row["candidate_occupations"]["occupations"][0]["label"] for row in rows) == [
        "accountant"
    ] * 4 + ["head chef"]


def test_the_openapi_schema_documents_the_occupation_fields(recruiter_api: APIClient) -> None:
    schema = recruiter_api.get("/api/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]

    assert components["CandidateOutput"]["properties"]["occupations"]["readOnly"] is True
    assert "occupations" in components["VacancyOutput"]["properties"]
    assert "candidate_occupations" in components["MatchScoreOutput"]["properties"]
    reading = components["OccupationReadingOutput"]["properties"]
    assert set(reading) >= {"occupations", "domain", "engine_version"}
    parameters = {p["name"] for p in schema["paths"]["/api/candidates/"]["get"]["parameters"]}
    assert {"occupation_uri", "isco_group"} <= parameters
    talent = schema["paths"]["/api/vacancies/{id}/talent-pool-suggestions/"]["get"]["parameters"]
    assert {"occupation_uri", "isco_group", "k"} <= {p["name"] for p in talent}
