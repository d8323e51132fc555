"""Hypothesis fuzzing of every write route of the API (each POST and PATCH in the schema).

Unlike the schemathesis run (which follows the schema), this sends junk an attacker or a buggy
client would: wrong types, huge and NUL-laden strings, deep nesting, negative and huge ids,
non-JSON bodies and random files, as a signed-in user allowed on the route. Every answer must be
a 2xx or a 4xx with the API's `{"message", "extra"}` body, never a 500, and a 4xx must leave
the database exactly as it was.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from matching.models import MatchScore
from matching.services import runs
from tests.api.conftest import World

pytestmark = pytest.mark.django_db

EXAMPLES_PER_ROUTE = 12
WRITE_METHODS = ("post", "patch", "put")
# Every table the API can write; tokens too (a login creates one).
SNAPSHOT_APPS = ("accounts", "candidates", "vacancies", "matching", "taxonomy", "fairness")
SNAPSHOT_EXTRA = ("authtoken.token",)

HUGE = "x" * 100_000
_NASTY_STRINGS = [
    "", " ", "\x00", "a\x00b", "\x00" * 64, HUGE, "9" * 40, "-1", "0", "1e309", "NaN", "null",
    "<script>alert(1)</script>", "'; DROP TABLE candidates_candidate; --", "../../etc/passwd",
    "İ", "ß", "\u202e", "\ufeff", "😀" * 50, "\ud7ff", "new", "screening", "rejected", "hired",
    "gender", "age_band", "selected", "true", "2026-01-15", "python", "python@example.com",
]  # fmt: skip
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([-1, 0, 1, 2, -(2**63), 2**63, 2**31]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(_NASTY_STRINGS),
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=12), children, max_size=4),
    ),
    max_leaves=16,
)
_RAW_BODIES = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([b"{", b"[1,", b"\xff\xfe{}", b'{"a": NaN}', b"\x00", b"[" * 5000]),
)


def _schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _write_operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """(method, path template, operation) for every write operation in the OpenAPI schema."""
    return [
        (method, path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in WRITE_METHODS
    ]


def _body_schema(schema: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    """The field schemas the route documents for its body (JSON or multipart), by name."""
    content = operation.get("requestBody", {}).get("content", {})
    media = content.get("application/json") or content.get("multipart/form-data") or {}
    properties = _resolve(schema, media.get("schema", {})).get("properties", {})
    return {name: _resolve(schema, field) for name, field in properties.items()}


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`, `allOf` and `oneOf` to the first concrete schema."""
    for key in ("allOf", "oneOf", "anyOf"):
        if key in node:
            node = {**node, **_resolve(schema, node[key][0])}
            del node[key]
    if "$ref" in node:
        return _resolve(schema, schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]])
    return node


def _plausible(field: dict[str, Any], ids: list[int]) -> st.SearchStrategy[Any]:
    """A value of the field's documented type, so requests also get past validation."""
    if "enum" in field:
        return st.sampled_from([value for value in field["enum"] if value is not None])
    kind = field.get("type")
    if kind == "integer":
        low, high = field.get("minimum", -5), field.get("maximum", 2**40)
        return st.one_of(st.sampled_from(ids), st.integers(min_value=low, max_value=high))
    if kind == "number":
        return st.floats(min_value=field.get("minimum", -1e6), max_value=field.get("maximum", 1e6))
    if kind == "boolean":
        return st.booleans()
    if kind == "array":
        return st.lists(
            st.sampled_from(["python", "gender", "age_band", "Django", "x"]), max_size=3
        )
    if field.get("format") == "email":
        return st.emails()
    return st.text(min_size=1, max_size=30)


def _json_payloads(fields: dict[str, Any], ids: list[int]) -> st.SearchStrategy[Any]:
    """Every documented field of its own type (some junk); or some fields; or any JSON."""
    typed = st.fixed_dictionaries(
        {
            name: st.one_of(_plausible(field, ids), _plausible(field, ids), JSON_VALUES)
            for name, field in fields.items()
        }
    )
    valid = st.fixed_dictionaries({name: _plausible(field, ids) for name, field in fields.items()})
    some = st.fixed_dictionaries({}, optional=dict.fromkeys(fields, JSON_VALUES))
    return st.one_of(valid, typed, some, JSON_VALUES)


_FILES = st.builds(
    # The test client itself refuses a file whose base name is empty ("dir/"): not under test.
    lambda name, data: SimpleUploadedFile(os.path.basename(name) or "f", data),
    st.one_of(
        st.text(max_size=30), st.sampled_from(["cv.pdf", "a\x00.csv", "../x.txt", "d.jsonl"])
    ),
    st.one_of(
        st.binary(max_size=400),
        st.sampled_from(
            [
                b"%PDF-1.4\n",
                b"PK\x03\x04",
                b"gender,selected\nf,1\nm,0\n",
                b"gender,selected,score\n" + b"f,1,0.5\nm,0,x\n" * 20,
                b'{"gender": "f", "selected": true}\n{"gender": null}\n',
                b"\xef\xbb\xbfgender;selected\r\n\x00;1\r\n",
            ]
        ),
    ),
)


def _multipart_payloads(fields: dict[str, Any], ids: list[int]) -> st.SearchStrategy[Any]:
    """Form fields of their own type (as text) or junk, with random files; or random forms."""

    def form_value(field: dict[str, Any]) -> st.SearchStrategy[Any]:
        if field.get("format") == "binary":
            return _FILES
        return _plausible(field, ids).map(
            lambda value: ",".join(map(str, value)) if isinstance(value, list) else str(value)
        )

    junk = st.one_of(st.text(max_size=40), st.sampled_from(_NASTY_STRINGS), _FILES)
    typed = st.fixed_dictionaries(
        {
            name: st.one_of(form_value(field), form_value(field), junk)
            for name, field in fields.items()
        }
    )
    keys = st.one_of(st.sampled_from(sorted(fields) or ["file"]), st.text(min_size=1, max_size=10))
    return st.one_of(typed, st.dictionaries(keys, junk, max_size=5))


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table the API writes, for a before/after comparison."""
    models = [m for label in SNAPSHOT_APPS for m in apps.get_app_config(label).get_models()]
    models += [apps.get_model(name) for name in SNAPSHOT_EXTRA]
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in models
    }


def _path_for(template: str, world: World, match_score: MatchScore) -> str:
    """The route with ids of real rows, so junk bodies reach past the 404."""
    ids = {
        "applications": world.application.pk,
        "candidates": world.other.pk,
        "vacancies": world.vacancy.pk,
        "scores": match_score.pk,
    }
    path = template.replace("{candidate_pk}", str(world.other.pk))
    if "{id}" in path:
        path = path.replace("{id}", str(ids[path.split("/")[2]]))
    assert "{" not in path, f"no row for {template}: add it to _path_for"
    return path


def _assert_error_shape(response: Any, label: str) -> None:
    assert response["Content-Type"].startswith("application/json"), label
    body = response.json()
    assert isinstance(body, dict), (label, body)
    assert set(body) == {"message", "extra"}, (label, body)
    assert isinstance(body["message"], str), (label, body)
    assert body["message"], (label, body)
    assert isinstance(body["extra"], dict), (label, body)


def _send(client: APIClient, method: str, path: str, kind: str, payload: Any) -> Any:
    send = getattr(client, method)
    if kind == "multipart":
        return send(path, payload, format="multipart")
    if kind == "raw":
        return send(path, payload, content_type="application/json")
    return send(path, json.dumps(payload), content_type="application/json")


@pytest.fixture
def match_score(world: World) -> MatchScore:
    return MatchScore.objects.create(
        vacancy=world.vacancy,
        candidate=world.other,
        application=world.application,
        model_version="test-model/1",
        score=42.0,
        bucket="weak",
    )


def _fuzz_route(
    client: APIClient, method: str, path: str, label: str, bodies: st.SearchStrategy[Any]
) -> None:
    @given(body=bodies)
    @settings(
        max_examples=EXAMPLES_PER_ROUTE,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(body: tuple[str, Any]) -> None:
        kind, payload = body
        before = _snapshot()
        response = _send(client, method, path, kind, payload)
        assert response.status_code < 500, (label, kind, payload, response.content[:500])
        if response.status_code >= 400:
            _assert_error_shape(response, label)
            assert _snapshot() == before, (label, "a refused request changed the DB", payload)

    run()


def test_every_write_route_answers_2xx_or_a_clean_4xx_on_junk(
    world: World,
    match_score: MatchScore,
    client_for: Callable[[Any], APIClient],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A re-score names the encoder's version, which loads the model (seconds): not under test.
    monkeypatch.setattr(runs, "current_model_version", lambda: "fuzz-model/1")
    schema = _schema()
    operations = _write_operations(schema)
    assert len(operations) >= 15
    failures: dict[str, str] = {}
    ids = [world.own.pk, world.other.pk, world.vacancy.pk, world.spare_vacancy.pk, -1, 0, 2**62]

    for method, template, operation in operations:
        fields = _body_schema(schema, operation)
        # The candidate's self-service routes need the candidate; every other route an HR admin.
        role = "candidate" if template.startswith("/api/me/") else "hr_admin"
        json_bodies = st.tuples(st.just("json"), _json_payloads(fields, ids))
        bodies = st.one_of(
            json_bodies,
            json_bodies,
            st.tuples(st.just("raw"), _RAW_BODIES),
            st.tuples(st.just("multipart"), _multipart_payloads(fields, ids)),
        )
        label = f"{method.upper()} {template}"
        path = _path_for(template, world, match_score)
        try:
            _fuzz_route(client_for(world.users[role]), method, path, label, bodies)
        except (Exception, BaseExceptionGroup) as error:  # collect every route's failure
            failures[label] = str(error)[:3000]

    assert not failures, "\n\n".join(f"{label}:\n{text}" for label, text in failures.items())


def test_a_body_over_the_upload_limit_is_a_clean_413(world: World, client_for) -> None:
    # Found by the fuzzer: Django's HTML 400 came back instead of the API's error body.
    client = client_for(world.users["hr_admin"])
    before = _snapshot()
    body = json.dumps({"title": "x" * 3_000_000})  # over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB)

    response = client.post("/api/vacancies/", body, content_type="application/json")

    assert response.status_code == 413
    _assert_error_shape(response, "POST /api/vacancies/ (3 MB)")
    assert _snapshot() == before


@pytest.mark.parametrize(
    "body",
    ["[" * 5000, "[" * 3000 + "]" * 3000, '{"a":' * 3000 + "1" + "}" * 3000],
    ids=["unclosed", "deep-array", "deep-object"],
)
def test_json_nested_past_the_recursion_limit_is_a_400(world: World, client_for, body) -> None:
    # Found by the fuzzer: the decoder's RecursionError was a 500 on every JSON route.
    client = client_for(world.users["hr_admin"])
    before = _snapshot()

    response = client.post("/api/vacancies/", body, content_type="application/json")

    assert response.status_code == 400
    _assert_error_shape(response, "POST /api/vacancies/ (deep JSON)")
    assert _snapshot() == before
