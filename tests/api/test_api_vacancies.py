"""Vacancy API: create, filter, search, order, update, delete."""

import pytest
from rest_framework import serializers

from matching.taxonomy.models import EscoSkill
from tests.factories import ApplicationFactory, VacancyFactory
from vacancies.models import Vacancy
from vacancies.services import VACANCY_HAS_APPLICATIONS

pytestmark = pytest.mark.django_db

_iso = serializers.DateTimeField().to_representation


def test_recruiter_creates_a_vacancy_they_own(world, as_role):
    response = as_role("recruiter").post(
        "/api/vacancies/",
        {
            "title": "Data engineer",
            "required_skills": ["Python", "SQL"],
            "seniority": "senior",
            "experience_min_years": 3,
            "region": "Bretagne",
            "status": "open",
        },
        format="json",
    )

    assert response.status_code == 201
    vacancy = Vacancy.objects.get(pk=response.json()["id"])
    assert response.json() == {
        "id": vacancy.pk,
        "title": "Data engineer",
        "organisation": "",
        "department": "",
        "description": "",
        "required_skills": ["Python", "SQL"],
        "preferred_skills": [],
        "keywords": [],
        "seniority": "senior",
        "experience_min_years": 3,
        "experience_max_years": None,
        "location": "",
        "region": "Bretagne",
        "status": "open",
        "owner": world.users["recruiter"].pk,
        "external_id": "",
        "chosen_occupation_uri": "",
        "chosen_occupation_label": "",
        "chosen_occupation_isco_code": "",
        "occupations": None,  # read by the worker after commit
        "application_count": 0,
        "created_at": _iso(vacancy.created_at),
        "updated_at": _iso(vacancy.updated_at),
    }


def test_inverted_experience_range_is_a_400_and_creates_nothing(world, as_role):
    before = Vacancy.objects.count()

    response = as_role("recruiter").post(
        "/api/vacancies/",
        {"title": "Lead", "experience_min_years": 8, "experience_max_years": 2},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["message"] == "Invalid input."
    assert Vacancy.objects.count() == before


def test_filters_search_and_ordering(world, as_role):
    VacancyFactory(title="Nurse", region="Bretagne", seniority="junior", status="draft")
    VacancyFactory(title="Accountant", region="Bretagne", seniority="senior")
    client = as_role("recruiter")

    def titles(query: str) -> list[str]:
        return [row["title"] for row in client.get(f"/api/vacancies/?{query}").json()["results"]]

    assert titles("region=bretagne&ordering=title") == ["Accountant", "Nurse"]
    assert titles("status=draft") == ["Nurse"]
    assert titles("seniority=senior") == ["Accountant"]
    assert titles("search=engineer") == ["Data engineer"]


def test_candidates_see_open_vacancies_only(world, as_role):
    VacancyFactory(title="Hidden draft", status="draft")

    response = as_role("candidate").get("/api/vacancies/?ordering=title")

    assert [row["title"] for row in response.json()["results"]] == [
        "Backend developer",
        "Data engineer",
    ]


def test_unknown_filter_value_is_a_400(world, as_role):
    response = as_role("recruiter").get("/api/vacancies/?status=archived")

    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["status"] == [
        "Select a valid choice. archived is not one of the available choices."
    ]


def test_vacancy_list_query_count_is_fixed(world, as_role, django_assert_num_queries):
    for vacancy in VacancyFactory.create_batch(4):
        ApplicationFactory(vacancy=vacancy)
    client = as_role("recruiter")

    # token + count + page (owner joined, applications counted in the same query)
    with django_assert_num_queries(3):
        response = client.get("/api/vacancies/")

    assert response.json()["count"] == 6


def test_update_changes_only_the_fields_sent(world, as_role):
    response = as_role("recruiter").patch(
        f"/api/vacancies/{world.vacancy.pk}/", {"status": "closed"}, format="json"
    )

    world.vacancy.refresh_from_db()
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["application_count"]) == ("closed", 1)
    assert (world.vacancy.status, world.vacancy.title) == ("closed", "Backend developer")


def test_vacancy_with_applications_cannot_be_deleted(world, as_role):
    response = as_role("hr_admin").delete(f"/api/vacancies/{world.vacancy.pk}/")

    assert response.status_code == 409
    assert response.json() == {
        "message": VACANCY_HAS_APPLICATIONS,
        "extra": {"vacancy": world.vacancy.pk},
    }
    assert Vacancy.objects.filter(pk=world.vacancy.pk).exists()


def test_skills_autocomplete_suggests_canonical_skills(world, as_role):
    for uri, label in [("esco:1", "Python"), ("esco:2", "Python (computer programming)")]:
        EscoSkill.objects.create(
            uri=uri,
            preferred_label=label,
            skill_type="knowledge",
            source="official",
            search_text=label.lower(),
        )

    response = as_role("recruiter").get("/api/vacancies/skills-autocomplete/?q=pyth&limit=5")

    assert response.json() == [
        {"uri": "esco:1", "label": "Python", "skill_type": "knowledge"},
        {"uri": "esco:2", "label": "Python (computer programming)", "skill_type": "knowledge"},
    ]


def test_skills_autocomplete_needs_a_query(world, as_role):
    response = as_role("recruiter").get("/api/vacancies/skills-autocomplete/")

    assert response.status_code == 400
    assert response.json()["extra"] == {"fields": {"q": ["This field is required."]}}
