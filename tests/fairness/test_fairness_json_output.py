"""Every fairness command's --json output is valid JSON: undefined values are null (#25, 10a)."""

import json
import random
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from fairness.models import AuditReport
from fairness.services import json_safe


def _strict_loads(text: str) -> object:
    """json.loads refusing NaN and Infinity, which are not JSON."""

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON output")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def scored_log(tmp_path: Path) -> Path:
    rng = random.Random(1)
    rows = ["gender,selected,score,hired"]
    for _ in range(60):
        score = rng.random() * 100
        rows.append(f"{rng.choice('fm')},{int(score > 50)},{score:.1f},{int(score > 40)}")
    path = tmp_path / "log.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_what_if_json_is_valid_and_undefined_thresholds_are_null(scored_log: Path) -> None:
    out = StringIO()

    call_command(
        "fairness_audit",
        *("--decisions", str(scored_log), "--attribute", "gender", "--score", "score"),
        *("--truth", "hired", "--what-if", "demographic_parity", "--threshold", "50"),
        *("--bootstrap", "10", "--json"),
        stdout=out,
    )

    report = _strict_loads(out.getvalue())
    assert isinstance(report, dict)
    groups = report["what_if"]["groups"]
    assert [group["group"] for group in groups] == ["f", "m"]
    # A randomised threshold mixes a finite cut with "select nobody" (-inf before the fix).
    mixed_cuts = [cut for group in groups for _, cut in group["mixing"]]
    assert None in mixed_cuts
    stored = AuditReport.objects.get()
    assert stored.report["what_if"]["groups"] == groups


def test_json_safe_nulls_numpy_and_python_non_finite_floats() -> None:
    value = {"a": float("nan"), "b": [np.float32("inf"), np.float64(0.5)], "c": (1, -np.inf)}

    assert json_safe(value) == {"a": None, "b": [None, 0.5], "c": [1, None]}
    assert isinstance(json_safe(np.float32(2.5)), float)
