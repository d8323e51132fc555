"""`GET /api/tasks/{id}/`: the state and progress of a background (Celery) task.

Read from the configured result backend (django_celery_results' TaskResult by default). Only
whoever may read a task's subject sees it (ats_site/task_subjects.py); everyone else, and any
id with no stored record yet, gets the same 404. The ids the API hands out are scoring runs'
("scoring-run-<pk>"), which are always known.
"""

import re
import uuid
from typing import Any

from celery.result import AsyncResult
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ats_site.accounts.models import User
from ats_site.api_permissions import TaskPermission, authenticated_user
from ats_site.api_schema import DETAIL_ERRORS, with_errors
from ats_site.celery import app as celery_app
from ats_site.task_subjects import celery_task_visible, scoring_run_visible
from matching.models import ScoringRun

TASK_ID_INVALID = "Unknown task id."
TASK_STATES = [
    "PENDING",
    "RECEIVED",
    "STARTED",
    "PROGRESS",
    "RETRY",
    "SUCCESS",
    "FAILURE",
    "REVOKED",
]


class TaskProgressOutputSerializer(serializers.Serializer):
    current = serializers.IntegerField()
    total = serializers.IntegerField()
    percent = serializers.FloatField()


class TaskStatusOutputSerializer(serializers.Serializer):
    id = serializers.CharField()
    state = serializers.CharField(help_text=f"One of {', '.join(TASK_STATES)} (or a custom state).")
    is_ready = serializers.BooleanField()
    progress = TaskProgressOutputSerializer(allow_null=True)
    result = serializers.JSONField(allow_null=True)
    error = serializers.CharField(allow_blank=True)


def _progress(info: Any) -> dict[str, Any] | None:
    """`{"current", "total", "percent"}` from a task's meta (`update_state(meta=...)`)."""
    if not isinstance(info, dict):
        return None
    current, total = info.get("current"), info.get("total")
    if not isinstance(current, int) or not isinstance(total, int) or total <= 0:
        return None
    return {"current": current, "total": total, "percent": round(100 * current / total, 1)}


def task_status(task_id: str) -> dict[str, Any]:
    """The state, progress, result and error of one task, from the result backend."""
    result = AsyncResult(task_id, app=celery_app)
    state = str(result.state)
    info = result.info
    failed = state == "FAILURE"
    is_ready = state in ("SUCCESS", "FAILURE", "REVOKED")
    return {
        "id": task_id,
        "state": state,
        "is_ready": is_ready,
        "progress": _progress(info),
        "result": info if state == "SUCCESS" else None,
        "error": str(info) if failed and info is not None else "",
    }


# A bulk re-score is one run of many batch tasks; its task id is "scoring-run-<pk>".
SCORING_RUN_ID = re.compile(r"scoring-run-(?P<pk>\d{1,18})")
RUN_STATES = {
    ScoringRun.Status.PENDING: "PENDING",
    ScoringRun.Status.RUNNING: "PROGRESS",
    ScoringRun.Status.SUCCEEDED: "SUCCESS",
    ScoringRun.Status.FAILED: "FAILURE",
}


def scoring_run_status(*, viewer: User, pk: int) -> dict[str, Any]:
    """A scoring run read as one task: state, progress over its applications, result."""
    run = ScoringRun.objects.filter(pk=pk).first()
    if run is None or not scoring_run_visible(viewer=viewer, run=run):
        raise NotFound(TASK_ID_INVALID)
    state = RUN_STATES[ScoringRun.Status(run.status)]
    return {
        "id": f"scoring-run-{run.pk}",
        "state": state,
        "is_ready": state in ("SUCCESS", "FAILURE"),
        "progress": _progress({"current": run.done, "total": run.total}),
        "result": {"run": run.pk, "scored": run.done} if state == "SUCCESS" else None,
        "error": run.message if state == "FAILURE" else "",
    }


class TaskStatusView(APIView):
    """State and progress of a background task whose id an earlier request returned."""

    permission_classes = [TaskPermission]

    @extend_schema(
        summary="State and progress of a background task",
        parameters=[OpenApiParameter("task_id", str, OpenApiParameter.PATH)],
        responses=with_errors({200: TaskStatusOutputSerializer}, DETAIL_ERRORS),
    )
    def get(self, request: Request, task_id: str) -> Response:
        viewer = authenticated_user(request)
        run_match = SCORING_RUN_ID.fullmatch(task_id)
        if run_match is not None:
            run_status = scoring_run_status(viewer=viewer, pk=int(run_match["pk"]))
            return Response(TaskStatusOutputSerializer(run_status).data)
        try:
            uuid.UUID(task_id)
        except ValueError as error:
            raise NotFound(TASK_ID_INVALID) from error
        if not celery_task_visible(viewer=viewer, task_id=task_id):
            raise NotFound(TASK_ID_INVALID)
        return Response(TaskStatusOutputSerializer(task_status(task_id)).data)
