"""CV upload through the API: stored once, extraction enqueued after commit, bad files refused."""

import hashlib
import io

import pytest
from django.conf import settings
from django.test import override_settings
from rest_framework.throttling import ScopedRateThrottle

from candidates.models import CandidateDocument
from candidates.services.uploads import UPLOAD_EMPTY

pytestmark = pytest.mark.django_db

CV_TEXT = b"Grace Hopper\ngrace@example.com\n\nSkills\nCOBOL, compilers\n"


def _upload(client, candidate_id: int, data: bytes, name: str = "grace.txt"):
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(
        f"/api/candidates/{candidate_id}/documents/", {"file": upload}, format="multipart"
    )


def _stored_files() -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_upload_stores_the_cv_and_enqueues_extraction(
    world, as_role, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = _upload(as_role("recruiter"), world.own.pk, CV_TEXT)

    document = CandidateDocument.objects.get(candidate=world.own)
    assert response.status_code == 201
    body = response.json()
    assert body["is_duplicate"] is False
    assert {key: body["document"][key] for key in body["document"] if key != "created_at"} == {
        "id": document.pk,
        "candidate": world.own.pk,
        "original_name": "grace.txt",
        "content_type": "text/plain",
        "size": len(CV_TEXT),
        "sha256": hashlib.sha256(CV_TEXT).hexdigest(),
        "page_count": None,
        "parse_status": "pending",
        "error_message": "",
        "is_selected": False,
    }
    assert len(callbacks) == 1


def test_the_same_file_twice_is_a_200_duplicate_and_stored_once(world, as_role):
    client = as_role("recruiter")
    first = _upload(client, world.own.pk, CV_TEXT)

    second = _upload(client, world.own.pk, CV_TEXT, name="again.txt")

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["is_duplicate"] is True
    assert second.json()["document"]["id"] == first.json()["document"]["id"]
    assert CandidateDocument.objects.filter(candidate=world.own).count() == 1


def test_candidate_uploads_their_own_cv(world, as_role):
    response = _upload(as_role("candidate"), world.own.pk, CV_TEXT)

    assert response.status_code == 201
    assert CandidateDocument.objects.filter(candidate=world.own).count() == 1


def test_empty_file_is_a_400_and_stores_nothing(world, as_role):
    files_before = _stored_files()

    response = _upload(as_role("recruiter"), world.own.pk, b"")

    assert response.status_code == 400
    assert response.json() == {"message": UPLOAD_EMPTY, "extra": {}}
    assert CandidateDocument.objects.filter(candidate=world.own).count() == 0
    assert _stored_files() == files_before


def test_binary_file_is_a_400_and_stores_nothing(world, as_role):
    files_before = _stored_files()

    response = _upload(as_role("recruiter"), world.own.pk, b"\x89PNG\r\n\x1a\n\x00\x00\x00")

    assert response.status_code == 400
    assert set(response.json()) == {"message", "extra"}
    assert CandidateDocument.objects.filter(candidate=world.own).count() == 0
    assert _stored_files() == files_before


@override_settings(CV_MAX_UPLOAD_BYTES=2 * 1024 * 1024)
def test_oversized_file_is_a_400_naming_the_limit_in_megabytes(world, as_role):
    big = CV_TEXT + b" " * (3 * 1024 * 1024)
    response = _upload(as_role("recruiter"), world.own.pk, big)

    assert response.status_code == 400
    assert response.json() == {
        "message": "The file is 3 MB; the limit is 2 MB.",
        "extra": {"size": len(big), "limit": 2 * 1024 * 1024},
    }
    assert CandidateDocument.objects.filter(candidate=world.own).count() == 0


def test_missing_file_field_is_a_400(world, as_role):
    response = as_role("recruiter").post(
        f"/api/candidates/{world.own.pk}/documents/", {}, format="multipart"
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "Invalid input.",
        "extra": {"fields": {"file": ["No file was submitted."]}},
    }


def test_json_body_is_a_415(world, as_role):
    response = as_role("recruiter").post(
        f"/api/candidates/{world.own.pk}/documents/", {"file": "x"}, format="json"
    )

    assert response.status_code == 415
    assert set(response.json()) == {"message", "extra"}


def test_document_list_query_count_is_fixed(world, as_role, django_assert_num_queries):
    client = as_role("recruiter")

    # token + candidate + visibility + count + page
    with django_assert_num_queries(5):
        response = client.get(f"/api/candidates/{world.other.pk}/documents/")

    assert [row["id"] for row in response.json()["results"]] == [world.document.pk]


def test_uploads_are_throttled_per_user(world, as_role, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"upload": "1/min"})
    client = as_role("recruiter")

    first = _upload(client, world.own.pk, CV_TEXT)
    second = _upload(client, world.own.pk, CV_TEXT + b"Kotlin\n")

    assert (first.status_code, second.status_code) == (201, 429)
    assert set(second.json()) == {"message", "extra"}
    assert CandidateDocument.objects.filter(candidate=world.own).count() == 1
