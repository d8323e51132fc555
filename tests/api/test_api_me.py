"""Candidate self-service: own profile, applications, consent, export and erasure."""

import pytest

from candidates.models import Candidate
from tests.factories import UserFactory
from vacancies.models import Application

pytestmark = pytest.mark.django_db


def test_me_is_the_own_profile_and_patch_updates_it(world, as_role):
    client = as_role("candidate")

    before = client.get("/api/me/").json()
    after = client.patch("/api/me/", {"headline": "Data analyst"}, format="json")

    world.own.refresh_from_db()
    assert (before["id"], before["first_name"]) == (world.own.pk, "Cara")
    assert after.status_code == 200
    assert world.own.headline == "Data analyst"


def test_candidate_cannot_change_their_external_id(world, as_role):
    response = as_role("candidate").patch("/api/me/", {"external_id": "X-1"}, format="json")

    world.own.refresh_from_db()
    assert response.status_code == 200
    assert world.own.external_id == ""


def test_login_without_a_candidate_profile_is_a_404(client_for):
    user = UserFactory(role="candidate")

    response = client_for(user).get("/api/me/")

    assert response.status_code == 404
    assert response.json() == {
        "message": "No candidate profile is linked to this login.",
        "extra": {"code": "not_found"},
    }


def test_candidate_applies_to_an_open_vacancy_once(world, as_role):
    client = as_role("candidate")

    first = client.post("/api/me/applications/", {"vacancy": world.vacancy.pk}, format="json")
    second = client.post("/api/me/applications/", {"vacancy": world.vacancy.pk}, format="json")
    listed = client.get("/api/me/applications/").json()

    assert (first.status_code, second.status_code) == (201, 409)
    assert first.json()["source"] == "applied"
    assert [row["vacancy"] for row in listed["results"]] == [world.vacancy.pk]
    assert Application.objects.filter(candidate=world.own).count() == 1


def test_applying_to_a_closed_vacancy_is_a_400_and_creates_nothing(world, as_role):
    world.spare_vacancy.status = "closed"
    world.spare_vacancy.save(update_fields=["status"])

    response = as_role("candidate").post(
        "/api/me/applications/", {"vacancy": world.spare_vacancy.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid input.",
        "extra": {"fields": {"vacancy": ["This vacancy does not exist or is not open."]}},
    }
    assert Application.objects.filter(candidate=world.own).count() == 0


def test_consent_is_recorded_with_its_version(world, as_role):
    response = as_role("candidate").post("/api/me/consent/", {"version": "2026-01"}, format="json")

    world.own.refresh_from_db()
    assert response.status_code == 200
    assert response.json()["consent_version"] == "2026-01"
    assert world.own.consent_given_at is not None


def test_export_holds_profile_consent_documents_and_applications(world, as_role):
    as_role("candidate").post("/api/me/applications/", {"vacancy": world.vacancy.pk}, format="json")

    response = as_role("candidate").get("/api/me/export/")

    body = response.json()
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="fairmatch-export.json"'
    assert set(body) == {
        "format_version",
        "profile",
        "account",
        "consent",
        "sensitive_attributes",
        "documents",
        "applications",
        "scores",
        "scoring_logic",
        "access_log",
    }
    assert body["profile"]["email"] == world.own.email
    assert body["consent"] == {"version": "", "given_at": None, "retention_notice_sent_at": None}
    assert body["documents"] == []
    assert [(row["vacancy"], row["status"]) for row in body["applications"]] == [
        ("Backend developer", "new")
    ]


def test_erase_without_confirmation_is_a_400_and_changes_nothing(world, as_role):
    response = as_role("candidate").post("/api/me/erase/", {"confirm": False}, format="json")

    world.own.refresh_from_db()
    assert response.status_code == 400
    assert response.json()["extra"] == {
        "fields": {"confirm": ["Send {'confirm': true} to erase your data; this cannot be undone."]}
    }
    assert (world.own.first_name, world.own.is_anonymised) == ("Cara", False)


def test_erase_anonymises_the_candidate_and_closes_the_login(world, as_role):
    client = as_role("candidate")

    response = client.post("/api/me/erase/", {"confirm": True}, format="json")

    candidate = Candidate.objects.get(pk=world.own.pk)
    assert response.status_code == 204
    assert (candidate.first_name, candidate.is_anonymised) == ("Erased", True)
    assert candidate.email == f"erased-{candidate.pk}@erased.invalid"
    assert client.get("/api/me/").status_code == 401
