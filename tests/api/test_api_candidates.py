"""Candidate API: create, list, update, erase, structured profile; no sensitive attribute shown."""

import pytest
from rest_framework import serializers

from candidates.models import Candidate, CandidateSensitiveAttributes
from candidates.services import CANDIDATE_EMAIL_TAKEN
from tests.factories import CandidateFactory, SensitiveAttributesFactory

pytestmark = pytest.mark.django_db

SENSITIVE_KEYS = {"gender", "nationality", "ethnicity", "birth_year", "sensitive_attributes"}


_iso = serializers.DateTimeField().to_representation


def test_recruiter_creates_a_candidate(world, as_role):
    response = as_role("recruiter").post(
        "/api/candidates/",
        {
            "first_name": "Grace",
            "last_name": "Hopper",
            "email": " Grace@Example.com",
            "region": "Bretagne",
            "mobility_regions": ["Normandie"],
            "consent_version": "2026-01",
        },
        format="json",
    )

    assert response.status_code == 201
    candidate = Candidate.objects.get(email="grace@example.com")
    assert response.json() == {
        "id": candidate.pk,
        "first_name": "Grace",
        "last_name": "Hopper",
        "full_name": "Grace Hopper",
        "email": "grace@example.com",
        "phone": "",
        "city": "",
        "region": "Bretagne",
        "mobility_regions": ["Normandie"],
        "headline": "",
        "external_id": "",
        "consent_version": "2026-01",
        "consent_given_at": _iso(candidate.consent_given_at),
        "is_anonymised": False,
        "occupations": None,  # no CV read yet
        "created_at": _iso(candidate.created_at),
        "updated_at": _iso(candidate.updated_at),
    }


def test_duplicate_email_is_a_409_and_creates_nothing(world, as_role):
    before = Candidate.objects.count()

    response = as_role("recruiter").post(
        "/api/candidates/",
        {"first_name": "Ada", "last_name": "L.", "email": world.other.email.upper()},
        format="json",
    )

    assert response.status_code == 409
    assert response.json() == {
        "message": CANDIDATE_EMAIL_TAKEN,
        "extra": {"email": world.other.email},
    }
    assert Candidate.objects.count() == before


def test_invalid_email_is_a_400_with_the_field(world, as_role):
    before = Candidate.objects.count()

    response = as_role("hr_admin").post(
        "/api/candidates/",
        {"first_name": "Ada", "last_name": "L.", "email": "not-an-email"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid input.",
        "extra": {"fields": {"email": ["Enter a valid email address."]}},
    }
    assert Candidate.objects.count() == before


def test_candidate_lists_only_themself(world, as_role):
    response = as_role("candidate").get("/api/candidates/")

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [world.own.pk]


def test_list_filters_and_searches(world, as_role):
    CandidateFactory(first_name="Linus", last_name="Torvalds", region="Bretagne")

    by_region = as_role("recruiter").get("/api/candidates/?region=bretagne")
    by_search = as_role("recruiter").get("/api/candidates/?search=lovelace")

    assert [row["last_name"] for row in by_region.json()["results"]] == ["Torvalds"]
    assert [row["id"] for row in by_search.json()["results"]] == [world.other.pk]


def test_candidate_list_query_count_is_fixed(world, as_role, django_assert_num_queries):
    CandidateFactory.create_batch(5)
    client = as_role("recruiter")

    # token + count + page, whatever the number of candidates
    with django_assert_num_queries(3):
        response = client.get("/api/candidates/")

    assert response.json()["count"] == 7


def test_recruiters_never_see_sensitive_attributes(world, as_role):
    SensitiveAttributesFactory(candidate=world.other)
    client = as_role("recruiter")

    listed = client.get("/api/candidates/").json()["results"]
    detail = client.get(f"/api/candidates/{world.other.pk}/").json()

    assert all(SENSITIVE_KEYS.isdisjoint(row) for row in listed)
    assert SENSITIVE_KEYS.isdisjoint(detail)
    assert "female" not in str(detail)


def test_update_changes_only_the_fields_sent(world, as_role):
    response = as_role("recruiter").patch(
        f"/api/candidates/{world.other.pk}/", {"city": "Nantes"}, format="json"
    )

    world.other.refresh_from_db()
    assert response.status_code == 200
    assert (response.json()["city"], world.other.city) == ("Nantes", "Nantes")
    assert world.other.first_name == "Ada"


def test_hr_admin_erase_anonymises_and_drops_sensitive_attributes(world, as_role):
    SensitiveAttributesFactory(candidate=world.other)

    response = as_role("hr_admin").delete(f"/api/candidates/{world.other.pk}/")

    world.other.refresh_from_db()
    assert response.status_code == 204
    assert (world.other.first_name, world.other.is_anonymised) == ("Erased", True)
    assert world.other.documents.count() == 0
    assert not CandidateSensitiveAttributes.objects.filter(candidate=world.other).exists()


def test_profile_is_the_latest_parsed_cv(world, as_role):
    response = as_role("recruiter").get(f"/api/candidates/{world.other.pk}/profile/")

    assert response.status_code == 200
    assert response.json() == {
        "document": world.document.pk,
        "original_name": "cv.txt",
        "parsed_at": _iso(world.document.updated_at),
        "profile": {"skills": ["Python", "Django"], "years_total": 5},
    }


def test_profile_without_a_parsed_cv_is_a_404(world, as_role):
    response = as_role("recruiter").get(f"/api/candidates/{world.own.pk}/profile/")

    assert response.status_code == 404
    assert response.json() == {
        "message": "This candidate has no parsed CV yet.",
        "extra": {"code": "not_found"},
    }
