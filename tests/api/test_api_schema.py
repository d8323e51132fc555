"""The OpenAPI schema is valid, and schemathesis finds no 500 and no schema violation in it.

Schemathesis generates requests from `/api/schema/` for every operation and sends them, as an
HR admin, to the in-process WSGI app: random ids and, for detail routes, ids of real rows.
Examples per operation are few and derandomised so the run stays short and reproducible.
"""

import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

EXAMPLES_PER_OPERATION = 12
CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
# Routes built in this package also document every status they answer (401/403/404/409...).
STRICT_PREFIXES = ("candidates", "vacancies", "applications", "tasks", "fairness", "me")
OTHER_SEGMENTS = ("ranking", "talent-pool-suggestions", "recommendations")


def _checks_for(path: str) -> list[Any]:
    return [*CHECKS, status_code_conformance] if _is_strict(path) else CHECKS


def test_schema_generates_without_warnings(tmp_path):
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml")
    )

    assert (tmp_path / "schema.yaml").read_text().startswith("openapi: 3.0.3")


def _is_strict(path: str) -> bool:
    return path.split("/")[2] in STRICT_PREFIXES and not any(
        segment in path for segment in OTHER_SEGMENTS
    )


def _known_path_parameters(world: Any, path: str) -> dict[str, Any] | None:
    """Ids of real rows for a detail route, so generated requests reach past the 404.

    Only for this package's routes: the matching routes score with the encoder (seconds per
    request) and have their own tests.
    """
    if not _is_strict(path):
        return None
    if "{candidate_pk}" in path:
        return {"candidate_pk": world.other.pk}
    ids = {
        "candidates": world.other.pk,
        "vacancies": world.vacancy.pk,
        "applications": world.application.pk,
        "fairness": world.audit.pk,
    }
    match = re.match(r"^/api/([^/]+)/\{id\}", path)
    if match is None or match.group(1) not in ids:
        return None
    return {"id": ids[match.group(1)]}


def _fuzz(
    operation: Any,
    headers: dict[str, str],
    path_parameters: dict[str, Any],
    mode: GenerationMode = GenerationMode.POSITIVE,
) -> None:
    checks = (
        _checks_for(operation.path) if mode is GenerationMode.POSITIVE else [not_a_server_error]
    )

    strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters or None)

    @given(case=strategy)
    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(headers=headers, checks=checks)

    run()


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """The project's WSGI app, keeping the test's database connection open between requests."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_server_error_and_no_schema_violation(world, wsgi_app):
    token, _ = Token.objects.get_or_create(user=world.users["hr_admin"])
    headers = {"Authorization": f"Token {token.key}"}
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", wsgi_app, headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    failures = {}

    for operation in operations:
        for path_parameters in ({}, _known_path_parameters(world, operation.path)):
            if path_parameters is None:
                continue
            modes = [GenerationMode.POSITIVE]
            if path_parameters and operation.method.upper() in ("POST", "PATCH"):
                # Malformed bodies on real rows: a 4xx, never a 500.
                modes.append(GenerationMode.NEGATIVE)
            for mode in modes:
                try:
                    _fuzz(operation, headers, path_parameters, mode)
                except (Exception, BaseExceptionGroup) as error:  # collect every failure
                    failures[f"{operation.label} {path_parameters} {mode.value}"] = str(error)

    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())
    assert len(operations) >= 30
