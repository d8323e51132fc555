"""The worked example of docs/evaluation/fairness.md prints the figures the document shows."""

import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

DOC = Path(__file__).resolve().parents[2] / "docs" / "evaluation" / "fairness.md"


def _block(name: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    match = re.search(rf"<!-- fairness-example: {name} -->\n```\w+\n(.*?)```", text, re.S)
    assert match is not None, f"no example block {name!r} in {DOC}"
    return match.group(1)


@pytest.fixture(scope="module")
def decisions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fairness-doc")
    subprocess.run([sys.executable, "-c", _block("make_log")], cwd=folder, check=True)
    return folder / "decisions.csv"


def _audit(*args: str) -> str:
    out = StringIO()
    call_command("fairness_audit", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_documented_audit_output_is_what_the_command_prints(decisions: Path) -> None:
    output = _audit("--decisions", str(decisions), "--attribute", "race,gender", "--score", "score")

    assert output == _block("audit")


@pytest.mark.django_db
def test_documented_what_if_output_is_what_the_command_prints(decisions: Path) -> None:
    output = _audit(
        "--decisions",
        str(decisions),
        "--attribute",
        "race",
        "--score",
        "score",
        "--truth",
        "qualified",
        "--what-if",
        "demographic_parity",
        "--threshold",
        "66",
        "--min-group-size",
        "10",
        "--bootstrap",
        "0",
    )

    assert output == _block("what-if")
