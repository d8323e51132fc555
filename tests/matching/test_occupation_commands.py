"""evaluate_occupations and evaluate_domains read the occupation-derived domain (call_command).

The taxonomy is a small ESCO folder in the official CSV layout (MATCHING_ESCO_DIR), so the
real encoder indexes it in a second; the process-wide reader is rebuilt for each test.
"""

import json
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from matching.core.occupations.reader import document_domain
from matching.services.occupation_reader import occupation_caches_clear, occupation_reader_get
from tests.matching.core.occupations.synthetic_esco import ROWS, write_esco_folder

pytestmark = pytest.mark.slow

LAWYER = (
    "lawyer",
    "lawyer",
    ("advocate", "attorney"),
    "2611",
    "Lawyers advise clients on the law, draft contracts and represent them in court.",
    ("litigation",),
    ("contracts",),
)
ITEMS = [
    {
        "id": "pilot",
        "text": "Airline Captain\nFlew the A320, prepared flight plans, checked the aircraft.",
        "isco": "3153",
        "domain": "manufacturing_operations",
    },
    {
        "id": "chef",
        "text": "Head Chef\nRan the kitchen, planned menus, controlled food costs, trained cooks.",
        "isco": "34",
        "domain": "retail_hospitality",
    },
    {
        "id": "lawyer",
        "text": "Attorney\nCivil litigation in court, drafted contracts, advised clients.",
        "isco": "2611",
        "domain": "legal",
    },
    {"id": "unlabelled", "text": "Registered nurse caring for patients on a surgical ward."},
]


@pytest.fixture(autouse=True)
def small_esco(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings) -> Iterator[Path]:  # type: ignore[no-untyped-def]
    folder = write_esco_folder(tmp_path / "esco", (*ROWS, LAWYER))
    (folder / "skills_en.csv").write_text("conceptUri,preferredLabel,altLabels\n")
    monkeypatch.setenv("MATCHING_ESCO_DIR", str(folder))
    settings.VAR_DIR = tmp_path / "var"
    occupation_caches_clear()
    yield folder
    occupation_caches_clear()


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _run(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command(*args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_evaluate_occupations_reports_isco_agreement_and_domains(tmp_path: Path) -> None:
    predictions = tmp_path / "predictions.jsonl"

    payload = _run(
        "evaluate_occupations",
        "--resumes",
        str(_write(tmp_path / "items.jsonl", ITEMS)),
        "--predictions-out",
        str(predictions),
    )

    assert payload["n"] == 4
    assert payload["isco"] == {"n": 3, "top1": 1.0, "top3": 1.0}
    assert payload["occupation"] is None  # no item names an ESCO URI
    domain = payload["domain"]
    assert isinstance(domain, dict)
    assert domain["n"] == 3
    assert domain["accuracy"] == 1.0
    assert str(payload["esco_version"]).startswith("esco-9.9.9-")
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == ["pilot", "chef", "lawyer", "unlabelled"]
    assert rows[0]["occupations"][0]["label"] == "airline pilot"
    assert rows[3]["occupations"][0]["isco_code"] == "2221"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "a", "text": "x", "isco": "24x"}, r"items.jsonl:1: not an ISCO-08 code: '24x'"),
        ({"id": "a", "text": "x", "domain": "cooking"}, r"items.jsonl:1: unknown domain"),
        ({"text": "x"}, r"items.jsonl:1: missing 'id'"),
    ],
)
def test_evaluate_occupations_refuses_bad_lines(
    tmp_path: Path, row: dict[str, str], message: str
) -> None:
    with pytest.raises(CommandError, match=message):
        call_command(
            "evaluate_occupations", "--resumes", str(_write(tmp_path / "items.jsonl", [row]))
        )


def test_evaluate_occupations_refuses_a_missing_or_empty_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="missing.jsonl: no such file"):
        call_command("evaluate_occupations", "--resumes", str(tmp_path / "missing.jsonl"))
    with pytest.raises(CommandError, match="empty.jsonl: no items"):
        call_command("evaluate_occupations", "--resumes", str(_write(tmp_path / "empty.jsonl", [])))


def test_evaluate_domains_writes_the_product_domain(tmp_path: Path) -> None:
    labelled = [row for row in ITEMS if "domain" in row]
    predictions = tmp_path / "domains.jsonl"

    payload = _run(
        "evaluate_domains",
        "--resumes",
        str(_write(tmp_path / "resumes.jsonl", labelled)),
        "--predictions-out",
        str(predictions),
    )

    assert payload["method"] == "occupations"
    assert payload["accuracy"] == 1.0
    assert 0.0 <= float(payload["ece"]) <= 1.0  # type: ignore[arg-type]
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert sorted(rows[0]) == ["confidence", "domain", "id"]
    reader = occupation_reader_get()
    for row, item in zip(rows, labelled, strict=True):
        shown = document_domain(item["text"], reader=reader)
        assert row["domain"] == shown.domain  # the same function the product shows
        assert row["confidence"] == pytest.approx(shown.confidence, abs=1e-4)
