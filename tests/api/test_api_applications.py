"""Application API: create, list, move (with history), and illegal moves that change nothing."""

import pytest

from tests.factories import ApplicationFactory, CandidateFactory
from vacancies.emails import EMAIL_TEMPLATE_MISSING
from vacancies.models import Application, ApplicationEmail, ApplicationStatusChange
from vacancies.services import APPLICATION_ALREADY_EXISTS, APPLICATION_MOVE_INVALID
from vacancies.status_labels import StatusLabel

pytestmark = pytest.mark.django_db


def test_recruiter_puts_a_candidate_in_a_pipeline(world, as_role):
    response = as_role("recruiter").post(
        "/api/applications/",
        {"candidate": world.own.pk, "vacancy": world.vacancy.pk},
        format="json",
    )

    application = Application.objects.get(candidate=world.own, vacancy=world.vacancy)
    assert response.status_code == 201
    assert {key: response.json()[key] for key in ("id", "status", "source", "vacancy_title")} == {
        "id": application.pk,
        "status": "new",
        "source": "sourced",
        "vacancy_title": "Backend developer",
    }
    assert list(application.status_changes.values_list("from_status", "to_status")) == [("", "new")]


def test_second_application_to_the_same_vacancy_is_a_409(world, as_role):
    response = as_role("recruiter").post(
        "/api/applications/",
        {"candidate": world.other.pk, "vacancy": world.vacancy.pk},
        format="json",
    )

    assert response.status_code == 409
    assert response.json() == {
        "message": APPLICATION_ALREADY_EXISTS,
        "extra": {"vacancy": world.vacancy.pk},
    }
    assert Application.objects.filter(vacancy=world.vacancy).count() == 1


def test_unknown_candidate_is_a_400(world, as_role):
    response = as_role("recruiter").post(
        "/api/applications/", {"candidate": 999_999, "vacancy": world.vacancy.pk}, format="json"
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid input.",
        "extra": {"fields": {"candidate": ['Invalid pk "999999" - object does not exist.']}},
    }


def test_move_changes_the_status_and_records_it(world, as_role):
    response = as_role("recruiter").post(
        f"/api/applications/{world.application.pk}/move/",
        {"to_status": "screening", "reason": "Strong CV", "candidate_notified": True},
        format="json",
    )

    world.application.refresh_from_db()
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["status_label"]) == (
        "screening",
        "Screening",
    )
    assert world.application.status == "screening"
    history = as_role("recruiter").get(f"/api/applications/{world.application.pk}/history/")
    assert [
        (row["from_status"], row["to_status"], row["changed_by"], row["reason"])
        for row in history.json()
    ] == [
        ("", "new", None, "created (applied)"),
        ("new", "screening", "recruiter-user", "Strong CV"),
    ]
    assert history.json()[1]["candidate_notified"] is True


def test_illegal_move_is_a_409_and_changes_nothing(world, as_role):
    response = as_role("recruiter").post(
        f"/api/applications/{world.application.pk}/move/", {"to_status": "hired"}, format="json"
    )

    world.application.refresh_from_db()
    assert response.status_code == 409
    assert response.json() == {
        "message": APPLICATION_MOVE_INVALID.format(
            source=StatusLabel("new"), target=StatusLabel("hired")
        ),
        "extra": {"from": "new", "to": "hired"},
    }
    assert world.application.status == "new"
    assert ApplicationStatusChange.objects.filter(application=world.application).count() == 1


def test_unknown_status_is_a_400_and_changes_nothing(world, as_role):
    response = as_role("recruiter").post(
        f"/api/applications/{world.application.pk}/move/",
        {"to_status": "promoted"},
        format="json",
    )

    world.application.refresh_from_db()
    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid input.",
        "extra": {"fields": {"to_status": ['"promoted" is not a valid choice.']}},
    }
    assert world.application.status == "new"


def test_list_filters_by_vacancy_and_status(world, as_role):
    moved = ApplicationFactory(vacancy=world.spare_vacancy, status="interview")
    client = as_role("hr_admin")

    by_vacancy = client.get(f"/api/applications/?vacancy={world.spare_vacancy.pk}").json()
    by_status = client.get("/api/applications/?status=new").json()

    assert [row["id"] for row in by_vacancy["results"]] == [moved.pk]
    assert [row["id"] for row in by_status["results"]] == [world.application.pk]


def test_api_client_with_application_scopes_moves_applications(world, client_for):
    client_user = world.users["api_client"]
    client_user.api_scopes = ["applications:read", "applications:write"]
    client_user.save(update_fields=["api_scopes"])

    response = client_for(client_user).post(
        f"/api/applications/{world.application.pk}/move/", {"to_status": "screening"}, format="json"
    )

    assert response.status_code == 200


def test_application_list_query_count_is_fixed(world, as_role, django_assert_num_queries):
    for candidate in CandidateFactory.create_batch(4):
        ApplicationFactory(candidate=candidate, vacancy=world.vacancy)
    client = as_role("recruiter")

    # token + count + page (candidate and vacancy joined)
    with django_assert_num_queries(3):
        response = client.get("/api/applications/")

    assert response.json()["count"] == 5


def test_move_with_send_email_queues_the_status_email(world, as_role):
    response = as_role("recruiter").post(
        f"/api/applications/{world.application.pk}/move/",
        {"to_status": "screening", "send_email": True},
        format="json",
    )

    assert response.status_code == 200
    email = ApplicationEmail.objects.get(application=world.application)
    assert (email.status, email.template.status) == ("queued", "screening")
    assert world.application.status_changes.get(to_status="screening").candidate_notified is True


def test_move_asking_for_an_email_without_template_is_a_400_and_moves_nothing(world, as_role):
    response = as_role("recruiter").post(
        f"/api/applications/{world.application.pk}/move/",
        {"to_status": "phone_screen_pending", "send_email": True},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["message"] == EMAIL_TEMPLATE_MISSING.format(
        status=StatusLabel("phone_screen_pending")
    )
    world.application.refresh_from_db()
    assert world.application.status == "new"
    assert not ApplicationEmail.objects.exists()
