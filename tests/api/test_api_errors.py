"""Malformed requests get a 4xx with the one error body `{"message", "extra"}`."""

import pytest

from candidates.models import Candidate
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db


def test_bad_json_is_a_400_parse_error(world, as_role):
    response = as_role("recruiter").post(
        "/api/vacancies/", data='{"title": ', content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "JSON parse error - Expecting value: line 1 column 11 (char 10)",
        "extra": {"code": "parse_error"},
    }


def test_wrong_types_are_a_400_per_field_and_create_nothing(world, as_role):
    before = Vacancy.objects.count()

    response = as_role("recruiter").post(
        "/api/vacancies/",
        {"title": ["not", "a", "string"], "experience_min_years": "many", "keywords": "python"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid input.",
        "extra": {
            "fields": {
                "title": ["Not a valid string."],
                "experience_min_years": ["A valid integer is required."],
                "keywords": ['Expected a list of items but got type "str".'],
            }
        },
    }
    assert Vacancy.objects.count() == before


def test_a_json_array_body_is_a_400(world, as_role):
    before = Candidate.objects.count()

    response = as_role("recruiter").post("/api/candidates/", [1, 2], format="json")

    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid input.",
        "extra": {
            "fields": {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]}
        },
    }
    assert Candidate.objects.count() == before


def test_null_character_is_refused_before_the_database(world, as_role):
    response = as_role("recruiter").patch(
        f"/api/candidates/{world.other.pk}/", {"city": "Ly\x00on"}, format="json"
    )

    world.other.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["extra"] == {"fields": {"city": ["Null characters are not allowed."]}}
    assert world.other.city == "Lyon"


def test_unknown_id_is_a_404_with_the_error_body(world, as_role):
    response = as_role("recruiter").get("/api/candidates/999999/")

    assert response.status_code == 404
    assert response.json() == {
        "message": "Not found.",
        "extra": {"code": "not_found"},
    }


def test_unsupported_method_is_a_405(world, as_role):
    response = as_role("recruiter").put(
        f"/api/candidates/{world.other.pk}/", {"city": "Nantes"}, format="json"
    )

    assert response.status_code == 405
    assert response.json() == {
        "message": 'Method "PUT" not allowed.',
        "extra": {"code": "method_not_allowed"},
    }


def test_anonymous_request_is_a_401_with_the_error_body(world, api_client):
    response = api_client.get("/api/candidates/")

    assert response.status_code == 401
    assert response.json() == {
        "message": "Authentication credentials were not provided.",
        "extra": {"code": "not_authenticated"},
    }
