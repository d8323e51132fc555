"""The load test's routes exist: every path it requests resolves to the named view and method.

No load is generated here. The locustfile itself is imported in a subprocess (locust
monkey-patches the standard library with gevent on import, which must not leak into the test
session), and only where the load-test tools (requirements-load.txt) are installed.
"""

import json
import subprocess
import sys
from importlib.util import find_spec
from typing import Any

import pytest
from django.urls import resolve

from benchmarks.load.routes import ROUTES, Route
from tests.conftest import REPO_ROOT

LIST_LOCUSTFILE = """
import json
from benchmarks.load import locustfile
from benchmarks.load.routes import Route
tasks = [getattr(t, "__name__", str(t)) for t in locustfile.Recruiter.tasks]
routes = [v for v in vars(locustfile).values() if isinstance(v, Route)]
print(json.dumps({"tasks": tasks, "routes": [[r.method, r.template, r.url_name] for r in routes]}))
"""


def _allowed_methods(match: Any) -> set[str]:
    """HTTP methods the resolved view answers: a router ViewSet's actions, or an APIView's."""
    actions = getattr(match.func, "actions", None)
    if actions is not None:
        return {method.upper() for method in actions}
    view_class = match.func.view_class
    return {
        method.upper() for method in view_class.http_method_names if hasattr(view_class, method)
    }


def _assert_route_exists(route: Route) -> None:
    match = resolve(route.path(1))
    assert match.url_name == route.url_name, route
    assert route.method in _allowed_methods(match), route


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.label)
def test_every_load_test_route_resolves_to_its_view_and_method(route: Route) -> None:
    _assert_route_exists(route)


def test_route_labels_group_requests_by_template() -> None:
    ranking = next(route for route in ROUTES if route.url_name == "vacancy-ranking")
    assert ranking.path(7) == "/api/vacancies/7/ranking/"
    assert ranking.label == "GET /api/vacancies/{id}/ranking/"
    assert len({route.label for route in ROUTES}) == len(ROUTES)


# Opt-in, also in CI: locust brings gevent, so CI and `make install-dev` leave it out
# (requirements-load.txt). A plain skip, not tests.requirements.require: CI=true does not fail it.
@pytest.mark.skipif(
    find_spec("locust") is None,
    reason="locust is not installed (opt-in: pip install -r requirements-load.txt)",
)
def test_locustfile_imports_and_targets_existing_routes() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LIST_LOCUSTFILE],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"vacancy_ranking", "application_create", "application_move"} <= set(listed["tasks"])
    used = {tuple(route) for route in listed["routes"]}
    assert ("GET", "/api/vacancies/{id}/ranking/", "vacancy-ranking") in used
    assert ("POST", "/api/applications/{id}/move/", "application-move") in used
    for method, template, url_name in used:
        _assert_route_exists(Route(method, template, url_name))
