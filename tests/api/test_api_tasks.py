"""`tasks/{id}/`: state, progress, result and error from the Celery result backend."""

import json

import pytest
from django_celery_results.models import TaskResult

pytestmark = pytest.mark.django_db

TASK_ID = "0b6c1c5e-5f43-4c2a-9a57-3a3f6c0f9d11"


def _store(status: str, result: str, *, document_id: int) -> None:
    """A CV extraction task's record, as django-celery-results stores it (argsrepr as JSON)."""
    TaskResult.objects.create(
        task_id=TASK_ID,
        task_name="candidates.tasks.cv_extract_task",
        task_args=json.dumps(f"({document_id},)"),
        status=status,
        result=result,
    )


def test_a_task_with_no_record_is_a_404(world, as_role):
    response = as_role("recruiter").get(f"/api/tasks/{TASK_ID}/")

    assert response.status_code == 404
    assert response.json() == {"message": "Unknown task id.", "extra": {"code": "not_found"}}


def test_progress_comes_from_the_task_meta(world, as_role):
    _store("PROGRESS", '{"current": 30, "total": 120}', document_id=world.document.pk)

    response = as_role("recruiter").get(f"/api/tasks/{TASK_ID}/")

    assert response.json()["state"] == "PROGRESS"
    assert response.json()["progress"] == {"current": 30, "total": 120, "percent": 25.0}


def test_success_carries_the_result(world, as_role):
    _store("SUCCESS", '"parsed"', document_id=world.document.pk)

    response = as_role("api_client").get(f"/api/tasks/{TASK_ID}/")

    assert response.json() == {
        "id": TASK_ID,
        "state": "SUCCESS",
        "is_ready": True,
        "progress": None,
        "result": "parsed",
        "error": "",
    }


def test_failure_carries_the_error(world, as_role):
    _store(
        "FAILURE",
        '{"exc_type": "ValueError", "exc_message": ["no text layer"], "exc_module": "builtins"}',
        document_id=world.document.pk,
    )

    response = as_role("hr_admin").get(f"/api/tasks/{TASK_ID}/")

    assert (response.json()["state"], response.json()["error"]) == ("FAILURE", "no text layer")


def test_an_id_that_is_not_a_uuid_is_a_404(world, as_role):
    response = as_role("recruiter").get("/api/tasks/not-a-task/")

    assert response.status_code == 404
    assert response.json() == {"message": "Unknown task id.", "extra": {"code": "not_found"}}
