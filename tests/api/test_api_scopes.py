"""API clients' scopes per route: one table (ats_site/api_scopes.py) covering the whole URL
conf, enforced on every route; rankings need `candidates:read`, invitations
`applications:write`; a task is readable only by whoever may read its subject."""

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_celery_results.models import TaskResult
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ats_site.accounts.models import Role, User
from ats_site.accounts.services import user_create
from ats_site.api_scopes import ROUTE_SCOPES, Scopes, scope_table_markdown
from matching.models import ScoringRun
from tests.factories import ApplicationFactory, VacancyFactory

pytestmark = pytest.mark.django_db

ALL_SCOPES = sorted(
    {scope for row in ROUTE_SCOPES.values() for s in row.values() for scope in s.needs}
)
TASK_ID = "3f2b8a34-0d7e-4b1c-9a55-6b1f0e2c7d40"
_CLIENT_NUMBERS = itertools.count()
NOT_FOUND = {"message": "Unknown task id.", "extra": {"code": "not_found"}}


def _api_routes() -> Iterator[tuple[str, set[str], Any]]:
    """(URL name, HTTP methods, pattern) of every route under /api/ in the URL conf."""

    def walk(patterns: list[Any], prefix: str) -> Iterator[tuple[str, URLPattern]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern), pattern

    for path, pattern in walk(get_resolver().url_patterns, ""):
        if not path.lstrip("^").startswith("api/") or pattern.name is None:
            continue
        callback = pattern.callback
        actions = getattr(callback, "actions", None)
        view_class = getattr(callback, "cls", None)
        if actions is not None:
            # DRF adds "head" to a viewset's actions once it has served a GET: read as GET.
            methods = {method.upper() for method in actions} - {"HEAD"}
        else:
            handlers = ("get", "post", "put", "patch", "delete")
            methods = {name.upper() for name in handlers if hasattr(view_class, name)}
        yield pattern.name, methods, pattern


def test_every_api_route_declares_its_scopes():
    declared = {(name, method) for name, row in ROUTE_SCOPES.items() for method in row}
    routed = {(name, method) for name, methods, _ in _api_routes() for method in methods}

    assert routed - declared == set(), "routes missing from ats_site/api_scopes.py"
    assert declared - routed == set(), "table rows for routes that do not exist"


def test_docs_security_prints_the_same_table():
    docs = (Path(__file__).resolve().parents[2] / "docs" / "security.md").read_text()

    assert scope_table_markdown() in docs


def _url(name: str) -> str:
    """A URL of the route with every id set to 1 (permissions are checked before lookups)."""
    for route_name, _, pattern in _api_routes():
        if route_name == name:
            groups = set(pattern.pattern.regex.groupindex) - {"format"}
            return reverse(name, kwargs=dict.fromkeys(groups, "1"))
    raise AssertionError(name)


def _client(scopes: list[str]) -> APIClient:
    user = user_create(
        username=f"client-{next(_CLIENT_NUMBERS)}",
        password="correct horse battery staple",
        role=Role.API_CLIENT,
        email="",
        api_scopes=scopes,
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _scoped_cases() -> list[Any]:
    return [
        pytest.param(name, method, entry, id=f"{name}-{method}")
        for name, row in ROUTE_SCOPES.items()
        for method, entry in row.items()
        if entry.needs or not entry.is_for_clients
    ]


@pytest.mark.parametrize(("name", "method", "entry"), _scoped_cases())
def test_each_route_refuses_a_client_missing_one_of_its_scopes(name, method, entry: Scopes):
    url = _url(name)
    call = method.lower()
    for missing in entry.needs or ALL_SCOPES[:1]:
        granted = [scope for scope in ALL_SCOPES if scope != missing]
        if not entry.is_for_clients:
            granted = ALL_SCOPES  # no scope opens another role's route
        response = getattr(_client(granted), call)(url, {}, format="json")

        assert response.status_code == 403, (missing, response.content)
    if entry.is_for_clients:
        allowed = getattr(_client(ALL_SCOPES), call)(url, {}, format="json")
        assert allowed.status_code != 403, allowed.content


def test_a_scores_only_client_reads_scores_but_no_names_and_invites_nobody(world):
    scores_only = _client(["scores:read", "scores:write"])
    pool_member = ApplicationFactory(candidate=world.own, vacancy=VacancyFactory())
    pool_member.status = "talent_pool"
    pool_member.save(update_fields=["status"])
    vacancy = world.vacancy.pk

    assert scores_only.get("/api/scores/").status_code == 200
    assert scores_only.get(f"/api/vacancies/{vacancy}/ranking/").status_code == 403
    assert scores_only.get(f"/api/vacancies/{vacancy}/talent-pool-suggestions/").status_code == 403
    assert scores_only.get("/api/applications/").status_code == 403
    invite = scores_only.post(
        f"/api/vacancies/{world.spare_vacancy.pk}/talent-pool-suggestions/",
        {"candidate": world.own.pk},
        format="json",
    )
    assert invite.status_code == 403
    assert world.own.applications.filter(vacancy=world.spare_vacancy).count() == 0


def test_rankings_need_candidates_read_and_invitations_applications_write(world):
    ApplicationFactory(candidate=world.own, vacancy=VacancyFactory(), status="talent_pool")
    client = _client(["scores:read", "candidates:read", "applications:write"])

    ranking = client.get(f"/api/vacancies/{world.vacancy.pk}/ranking/?k=5")
    invite = client.post(
        f"/api/vacancies/{world.spare_vacancy.pk}/talent-pool-suggestions/",
        {"candidate": world.own.pk},
        format="json",
    )

    assert ranking.status_code == 200
    assert invite.status_code == 201
    assert world.own.applications.filter(vacancy=world.spare_vacancy).count() == 1


def _store_task(task_name: str, args: str) -> None:
    TaskResult.objects.create(
        task_id=TASK_ID, task_name=task_name, task_args=json.dumps(args), status="SUCCESS"
    )


def _candidate_login(world: Any) -> User:
    """A second candidate login, with a profile of its own."""
    user = user_create(
        username="second-candidate",
        password="correct horse battery staple",
        role=Role.CANDIDATE,
        email="second@example.com",
    )
    world.other.user = user
    world.other.save(update_fields=["user"])
    return user


def test_a_cv_task_is_read_by_its_candidate_and_is_a_404_to_another(world, client_for):
    _store_task("candidates.tasks.cv_extract_task", f"({world.document.pk},)")
    owner = _candidate_login(world)  # world.document is world.other's CV

    own = client_for(owner).get(f"/api/tasks/{TASK_ID}/")
    stranger = client_for(world.users["candidate"]).get(f"/api/tasks/{TASK_ID}/")
    unknown = client_for(world.users["candidate"]).get(
        "/api/tasks/00000000-0000-4000-8000-000000000000/"
    )

    assert own.status_code == 200
    assert (stranger.status_code, stranger.json()) == (404, NOT_FOUND)
    assert (unknown.status_code, unknown.json()) == (404, NOT_FOUND)


def test_a_scoring_run_is_read_with_scores_read_only(world):
    run = ScoringRun.objects.create(vacancy=world.vacancy, total=3)
    path = f"/api/tasks/scoring-run-{run.pk}/"

    with_scores = _client(["scores:read"]).get(path)
    without = _client(["candidates:read"]).get(path)

    assert (with_scores.status_code, with_scores.json()["progress"]["total"]) == (200, 3)
    assert (without.status_code, without.json()) == (404, NOT_FOUND)


def test_a_task_about_nobody_in_particular_is_for_hr_admins(world, client_for):
    _store_task("fairness.tasks.audit_run_database_task", "()")

    recruiter = client_for(world.users["recruiter"]).get(f"/api/tasks/{TASK_ID}/")
    hr_admin = client_for(world.users["hr_admin"]).get(f"/api/tasks/{TASK_ID}/")

    assert (recruiter.status_code, recruiter.json()) == (404, NOT_FOUND)
    assert hr_admin.status_code == 200
