"""evaluate_sensitivity through call_command: the contract's JSON, the variants' scores file."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

JOB = (
    "Java Developer\nRequirements: at least 5 years of experience with Java, Spring Boot, "
    "Hibernate and PostgreSQL. Java and Spring are a must."
)
RESUME = (
    "Jane Doe\nJava developer with 8 years of experience.\nAcme Bank, Jan 2016 - Present: "
    "Java, Spring Boot and Hibernate services on PostgreSQL. She led the payments team."
)


@pytest.fixture
def pairs_file(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.jsonl"
    rows = [
        {"id": "p1", "resume": RESUME, "job": JOB, "job_id": "java", "label": 2},
        {"id": "p0", "resume": "Pastry chef.", "job": JOB, "job_id": "java", "label": 0},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_prints_the_contract_json_and_removing_skills_drops_the_score(
    pairs_file: Path, tmp_path: Path
) -> None:
    scores_out = tmp_path / "variants.jsonl"
    out = StringIO()
    call_command(
        "evaluate_sensitivity",
        "--pairs",
        str(pairs_file),
        "--json",
        "--scores-out",
        str(scores_out),
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["n_pairs"] == 1  # only the relevant pair gets variants
    variants = result["variants"]
    assert set(variants) == {
        "skills_removed",
        "experience_cut",
        "section_added",
        "identity_swapped",
    }
    for name in ("skills_removed", "experience_cut", "section_added"):
        assert set(variants[name]) == {"n", "mean_drop", "median_drop", "share_dropping_5pts"}
    assert set(variants["identity_swapped"]) == {"n", "mean_abs_delta", "p95_abs_delta"}
    assert variants["skills_removed"]["n"] == 1
    # ats-additive-2 scored this strong CV 100 with headroom above the clip, so the years cut
    # cost nothing; ats-additive-3 stayed inside 0-100 (94.4, cut 87.7) and ats-additive-4's
    # years credit, (years / minimum)^2 in its weak target, costs more (94.86, cut 84.89).
    assert variants["skills_removed"]["mean_drop"] >= 10.0
    assert variants["experience_cut"]["mean_drop"] >= 5.0
    assert variants["identity_swapped"]["mean_abs_delta"] < 0.5
    lines = [json.loads(line) for line in scores_out.read_text(encoding="utf-8").splitlines()]
    ids = {line["id"] for line in lines}
    assert {"p1:original", "p1:skills_removed", "p1:experience_cut"} <= ids
    assert all(set(line) == {"id", "score", "bucket"} for line in lines)
    original = next(line["score"] for line in lines if line["id"] == "p1:original")
    assert original < 100.0


def test_a_file_without_relevant_pairs_is_a_one_line_error(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    path.write_text(json.dumps({"id": "a", "resume": "x", "job": "y", "label": 0}) + "\n")
    with pytest.raises(CommandError, match="no relevant pairs"):
        call_command("evaluate_sensitivity", "--pairs", str(path), "--json", stdout=StringIO())
