"""The permission matrix: every API route of candidates, vacancies, applications, tasks, fairness
and `me/`, called by every role, with the status each one must get."""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django_celery_results.models import TaskResult
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

TASK_ID = "8f14e45f-ceea-467f-a0e6-1bfa0b9ec2a1"
CSV_LOG = b"gender,selected\n" + b"f,1\nm,0\n" * 6


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    payload: Callable[[Any], dict[str, Any]] | None = None
    multipart: bool = False


def _cv(_: Any) -> dict[str, Any]:
    return {"file": io.BytesIO(b"Grace Hopper\nCOBOL, compilers\n")}


def _decision_log(_: Any) -> dict[str, Any]:
    log = io.BytesIO(CSV_LOG)
    log.name = "decisions.csv"
    return {"decisions": log, "attributes": "gender", "n_bootstrap": 0}


ROUTES: dict[str, Route] = {
    "candidates_list": Route("get", "/api/candidates/"),
    "candidates_create": Route(
        "post",
        "/api/candidates/",
        lambda w: {"first_name": "Grace", "last_name": "Hopper", "email": "grace@example.com"},
    ),
    "candidate_retrieve": Route("get", "/api/candidates/{other}/"),
    "candidate_update": Route("patch", "/api/candidates/{other}/", lambda w: {"city": "Nantes"}),
    "candidate_erase": Route("delete", "/api/candidates/{other}/"),
    "candidate_profile": Route("get", "/api/candidates/{other}/profile/"),
    "documents_list": Route("get", "/api/candidates/{other}/documents/"),
    "documents_upload": Route("post", "/api/candidates/{other}/documents/", _cv, multipart=True),
    "vacancies_list": Route("get", "/api/vacancies/"),
    "skills_autocomplete": Route("get", "/api/vacancies/skills-autocomplete/?q=pyth"),
    "vacancies_create": Route("post", "/api/vacancies/", lambda w: {"title": "Data analyst"}),
    "vacancy_retrieve": Route("get", "/api/vacancies/{vacancy}/"),
    "vacancy_update": Route("patch", "/api/vacancies/{spare}/", lambda w: {"region": "Bretagne"}),
    "vacancy_delete": Route("delete", "/api/vacancies/{spare}/"),
    "applications_list": Route("get", "/api/applications/"),
    "applications_create": Route(
        "post",
        "/api/applications/",
        lambda w: {"candidate": w.other.pk, "vacancy": w.spare_vacancy.pk},
    ),
    "application_retrieve": Route("get", "/api/applications/{application}/"),
    "application_move": Route(
        "post", "/api/applications/{application}/move/", lambda w: {"to_status": "screening"}
    ),
    "application_history": Route("get", "/api/applications/{application}/history/"),
    "task_status": Route("get", f"/api/tasks/{TASK_ID}/"),
    "audits_list": Route("get", "/api/fairness/audits/"),
    "audits_create": Route("post", "/api/fairness/audits/", lambda w: {"n_bootstrap": 0}),
    "audits_decision_log": Route(
        "post", "/api/fairness/audits/decision-log/", _decision_log, multipart=True
    ),
    "audit_retrieve": Route("get", "/api/fairness/audits/{audit}/"),
    "audit_export_csv": Route("get", "/api/fairness/audits/{audit}/export.csv/"),
    "audit_export_pdf": Route("get", "/api/fairness/audits/{audit}/export.pdf/"),
    "me": Route("get", "/api/me/"),
    "me_update": Route("patch", "/api/me/", lambda w: {"headline": "Analyst"}),
    "me_applications": Route("get", "/api/me/applications/"),
    "me_apply": Route("post", "/api/me/applications/", lambda w: {"vacancy": w.spare_vacancy.pk}),
    "me_consent": Route("post", "/api/me/consent/", lambda w: {"version": "2026-01"}),
    "me_email_confirm": Route("post", "/api/me/email/confirm/", lambda w: {"token": "forged"}),
    "me_export": Route("get", "/api/me/export/"),
    "me_erase": Route("post", "/api/me/erase/", lambda w: {"confirm": True}),
}

# Expected status per role: anonymous, candidate, recruiter, hr_admin, api_client.
# The API client's token grants "candidates:read" and "vacancies:read" only.
MATRIX: dict[str, tuple[int, int, int, int, int]] = {
    "candidates_list": (401, 200, 200, 200, 200),
    "candidates_create": (401, 403, 201, 201, 403),
    "candidate_retrieve": (401, 404, 200, 200, 200),
    "candidate_update": (401, 403, 200, 200, 403),
    "candidate_erase": (401, 403, 403, 204, 403),
    "candidate_profile": (401, 404, 200, 200, 200),
    "documents_list": (401, 404, 200, 200, 200),
    "documents_upload": (401, 404, 201, 201, 403),
    "vacancies_list": (401, 200, 200, 200, 200),
    "skills_autocomplete": (401, 200, 200, 200, 200),
    "vacancies_create": (401, 403, 201, 201, 403),
    "vacancy_retrieve": (401, 200, 200, 200, 200),
    "vacancy_update": (401, 403, 200, 200, 403),
    "vacancy_delete": (401, 403, 204, 204, 403),
    "applications_list": (401, 403, 200, 200, 403),
    "applications_create": (401, 403, 201, 201, 403),
    "application_retrieve": (401, 403, 200, 200, 403),
    "application_move": (401, 403, 200, 200, 403),
    "application_history": (401, 403, 200, 200, 403),
    # The other candidate's CV extraction: a candidate gets the unknown-id 404 (no oracle).
    "task_status": (401, 404, 200, 200, 200),
    "audits_list": (401, 403, 403, 200, 403),
    "audits_create": (401, 403, 403, 201, 403),
    "audits_decision_log": (401, 403, 403, 201, 403),
    "audit_retrieve": (401, 403, 403, 200, 403),
    "audit_export_csv": (401, 403, 403, 200, 403),
    "audit_export_pdf": (401, 403, 403, 200, 403),
    "me": (401, 200, 403, 403, 403),
    "me_update": (401, 200, 403, 403, 403),
    "me_applications": (401, 200, 403, 403, 403),
    "me_apply": (401, 201, 403, 403, 403),
    "me_consent": (401, 200, 403, 403, 403),
    "me_email_confirm": (401, 400, 403, 403, 403),
    "me_export": (401, 200, 403, 403, 403),
    "me_erase": (401, 204, 403, 403, 403),
}
ROLES = ("anonymous", "candidate", "recruiter", "hr_admin", "api_client")
# Routes of the matching app (the lead's), covered by its own tests.
MATCHING_SEGMENTS = ("ranking", "talent-pool-suggestions", "recommendations")


def _cases() -> list[Any]:
    return [
        pytest.param(name, role, expected[index], id=f"{name}-{role}_case")
        for name, expected in MATRIX.items()
        for index, role in enumerate(ROLES)
    ]


def _url(path: str, world: Any) -> str:
    return path.format(
        other=world.other.pk,
        vacancy=world.vacancy.pk,
        spare=world.spare_vacancy.pk,
        application=world.application.pk,
        audit=world.audit.pk,
    )


@pytest.fixture
def _stored_cv_task(world: Any) -> None:
    """TASK_ID is the extraction of the other candidate's CV, as django-celery-results stores it."""
    TaskResult.objects.create(
        task_id=TASK_ID,
        task_name="candidates.tasks.cv_extract_task",
        task_args=json.dumps(f"({world.document.pk},)"),
        status="SUCCESS",
        result=json.dumps("parsed"),
    )


@pytest.mark.usefixtures("_stored_cv_task")
@pytest.mark.parametrize(("route_name", "role", "expected"), _cases())
def test_permission_matrix(world, as_role, route_name, role, expected):
    route = ROUTES[route_name]
    payload = route.payload(world) if route.payload else None
    call = getattr(as_role(role), route.method)
    fmt = "multipart" if route.multipart else "json"
    response = call(_url(route.path, world), payload, format=fmt)

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert set(response.json()) == {"message", "extra"}


def test_the_matrix_covers_every_route_of_these_apps():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    documented = {
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if not any(segment in path for segment in MATCHING_SEGMENTS)
        and path.split("/")[2]
        in {"candidates", "vacancies", "applications", "tasks", "fairness"} | {"me"}
    }
    covered = {
        (route.method, _schema_path(route.path.split("?")[0]))
        for name, route in ROUTES.items()
        if name in MATRIX
    }

    assert documented - covered == set()
    assert set(ROUTES) == set(MATRIX)


def _schema_path(path: str) -> str:
    """The schema's template of one of our concrete paths."""
    templates = {
        "{other}/documents": "{candidate_pk}/documents",
        "{other}": "{id}",
        "{vacancy}": "{id}",
        "{spare}": "{id}",
        "{application}": "{id}",
        "{audit}": "{id}",
        TASK_ID: "{task_id}",
    }
    for concrete, template in templates.items():
        path = path.replace(concrete, template)
    return path
