"""The permission matrix of the matching routes: scores, re-scoring, rankings, talent pool,
recommendations; every role, the status each must get, and the error body on refusals."""

from typing import Any

import pytest

from matching.models import MatchScore, ScoringRun
from tests.factories import ApplicationFactory, VacancyFactory

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "candidate", "recruiter", "hr_admin", "api_client")

# name: (method, path, payload, expected statuses per role in ROLES order).
# The API client's token grants "candidates:read" and "vacancies:read" only: no "scores" scope.
MATRIX: dict[str, tuple[str, str, dict[str, Any] | None, tuple[int, ...]]] = {
    "scores_list": ("get", "/api/scores/", None, (401, 403, 200, 200, 403)),
    "score_retrieve": ("get", "/api/scores/{score}/", None, (401, 403, 200, 200, 403)),
    "score_override": (
        "post",
        "/api/scores/{score}/override/",
        {"score": 70, "reason": "Portfolio reviewed"},
        (401, 403, 200, 200, 403),
    ),
    "scores_rescore": (
        "post",
        "/api/scores/rescore/",
        {"vacancy": "{vacancy}"},
        (401, 403, 202, 202, 403),
    ),
    "scoring_run": ("get", "/api/scoring-runs/{run}/", None, (401, 403, 200, 200, 403)),
    "ranking": ("get", "/api/vacancies/{vacancy}/ranking/?k=5", None, (401, 403, 200, 200, 403)),
    "talent_pool": (
        "get",
        "/api/vacancies/{vacancy}/talent-pool-suggestions/",
        None,
        (401, 403, 200, 200, 403),
    ),
    "talent_pool_invite": (
        "post",
        "/api/vacancies/{spare}/talent-pool-suggestions/",
        {"candidate": "{own}"},
        (401, 403, 201, 201, 403),
    ),
    "recommendations_own": (
        "get",
        "/api/candidates/{own}/recommendations/",
        None,
        (401, 200, 200, 200, 403),
    ),
    "recommendations_other": (
        "get",
        "/api/candidates/{other}/recommendations/",
        None,
        (401, 404, 200, 200, 403),  # another candidate's id reads as unknown
    ),
}


@pytest.fixture
def ids(world) -> dict[str, int]:
    score = MatchScore.objects.create(
        vacancy=world.vacancy,
        candidate=world.other,
        application=world.application,
        model_version="test/1",
        score=55.0,
        bucket="weak",
    )
    run = ScoringRun.objects.create(vacancy=world.vacancy, total=1)
    # Invitations are for talent-pool members only.
    ApplicationFactory(candidate=world.own, vacancy=VacancyFactory(), status="talent_pool")
    return {
        "score": score.pk,
        "run": run.pk,
        "vacancy": world.vacancy.pk,
        "spare": world.spare_vacancy.pk,
        "own": world.own.pk,
        "other": world.other.pk,
    }


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if filled.isdigit() and value.startswith("{") else filled
    if isinstance(value, dict):
        return {key: _fill(item, ids) for key, item in value.items()}
    return value


CASES = [
    pytest.param(name, role, expected[index], id=f"{name}-{role}_case")
    for name, (_, _, _, expected) in MATRIX.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("route_name", "role", "expected"), CASES)
def test_matching_permission_matrix(as_role, ids, route_name, role, expected):
    method, path, payload, _ = MATRIX[route_name]

    response = getattr(as_role(role), method)(_fill(path, ids), _fill(payload, ids), format="json")

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert set(response.json()) == {"message", "extra"}
    if route_name == "score_override" and expected >= 400:
        assert MatchScore.objects.get(pk=ids["score"]).override_score is None
