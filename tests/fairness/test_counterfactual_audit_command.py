import json
import re
import sys
import types
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from fairness.core.counterfactual_audit import (
    ERROR_BAD_LINE,
    ERROR_SCORE_COUNT,
    TextRecord,
    deltas_from_scores,
    plan_counterfactual_pairs,
    read_text_records,
    score_in_batches,
)
from fairness.management.commands.counterfactual_audit import ERROR_NO_JOBS
from tests.factories import VacancyFactory

RESUMES = [
    {"id": "r1", "text": "John Smith\nHe led his team of Python developers.", "domain": "x"},
    {"id": "r2", "text": "Skills: Python, SQL. She mentored her colleagues.", "domain": "x"},
]
JOBS = [{"id": "j1", "text": "Python developer"}, {"id": "j2", "text": "Data engineer"}]


def _fake_score(resume_texts: list[str], job_texts: list[str]) -> list[float]:
    """50 points, plus 10 when the CV speaks of a woman, plus 1 for the data job."""
    return [
        50.0 + 10.0 * ("She " in resume) + 1.0 * ("Data" in job)
        for resume, job in zip(resume_texts, job_texts, strict=True)
    ]


@pytest.fixture
def scorer(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("matching.services.scoring")
    module.score_texts = _fake_score  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "matching.services.scoring", module)


def _jsonl(tmp_path: Path, name: str, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def test_plan_scores_each_changed_variant_once_per_job() -> None:
    resumes = [TextRecord("r1", "Thomas Schmidt\nHe builds APIs.")]
    jobs = [TextRecord("j1", "API developer")]

    plan = plan_counterfactual_pairs(resumes, jobs, swaps=["european_male", "asian_female"])

    assert plan.resume_texts == (
        "Thomas Schmidt\nHe builds APIs.",
        "Mei Wang\nShe builds APIs.",
    )
    assert plan.job_texts == ("API developer", "API developer")
    assert [(item.swap, item.variant_pair) for item in plan.deltas] == [
        ("european_male", None),
        ("asian_female", 1),
    ]
    deltas = deltas_from_scores(plan, [40.0, 47.5])
    assert [(delta.swap, delta.delta, delta.changed) for delta in deltas] == [
        ("european_male", 0.0, False),
        ("asian_female", 7.5, True),
    ]


def test_score_in_batches_reports_progress_and_checks_the_count() -> None:
    plan = plan_counterfactual_pairs(
        [TextRecord("r", "He codes.")], [TextRecord("j", "Dev")], swaps=["arabic_female"]
    )
    progress: list[tuple[int, int]] = []

    scores = score_in_batches(
        _fake_score,
        plan,
        batch_size=1,
        on_progress=lambda done, total: progress.append((done, total)),
    )

    assert scores == [50.0, 60.0]
    assert progress == [(1, 2), (2, 2)]
    with pytest.raises(ValueError, match=ERROR_SCORE_COUNT.format(got=0, expected=2)):
        score_in_batches(lambda resumes, jobs: [], plan)


def test_read_text_records_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "resumes.jsonl"
    path.write_text('{"id": "a", "text": "ok"}\n{"id": "b"}\n', encoding="utf-8")

    message = ERROR_BAD_LINE.format(kind="resumes", path=path, line=2)
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        read_text_records(path, kind="resumes")


@pytest.mark.usefixtures("scorer")
def test_command_json_summary(tmp_path: Path) -> None:
    resumes = _jsonl(tmp_path, "resumes.jsonl", RESUMES)
    jobs = _jsonl(tmp_path, "jobs.jsonl", JOBS)
    out = StringIO()

    call_command(
        "counterfactual_audit", "--resumes", str(resumes), "--jobs", str(jobs), "--json", stdout=out
    )

    summary = json.loads(out.getvalue())
    assert list(summary)[:6] == [
        "n",
        "n_changed",
        "mean_abs_delta",
        "p95_abs_delta",
        "max_abs_delta",
        "by_swap",
    ]
    assert (summary["n"], summary["n_changed"]) == (32, 32)
    # r1 (male) gains 10 under the four female names; r2 (female) loses 10 under the male ones.
    assert summary["mean_abs_delta"] == 5.0
    assert summary["by_swap"]["african_female"]["mean_delta"] == 5.0
    assert summary["by_swap"]["african_male"]["mean_delta"] == -5.0
    assert summary["flagged"] is True


@pytest.mark.usefixtures("scorer")
def test_command_table_output(tmp_path: Path) -> None:
    resumes = _jsonl(tmp_path, "resumes.jsonl", RESUMES[:1])
    jobs = _jsonl(tmp_path, "jobs.jsonl", JOBS[:1])
    out = StringIO()

    call_command(
        "counterfactual_audit",
        "--resumes",
        str(resumes),
        "--jobs",
        str(jobs),
        "--swaps",
        "asian_female,asian_male",
        "--max-mean-abs-delta",
        "20",
        stdout=out,
    )

    lines = out.getvalue().splitlines()
    assert lines[0] == "pairs scored: 2 (text changed: 2)"
    assert lines[3].split() == ["asian_female", "1", "10.000", "10.000", "10.000"]
    assert lines[-1] == "within: limit on mean |delta| is 20.0"


def test_missing_scorer_is_a_one_line_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matching.services.scoring", None)
    resumes = _jsonl(tmp_path, "resumes.jsonl", RESUMES)
    jobs = _jsonl(tmp_path, "jobs.jsonl", JOBS)

    with pytest.raises(CommandError) as raised:
        call_command("counterfactual_audit", "--resumes", str(resumes), "--jobs", str(jobs))

    assert str(raised.value).startswith(
        "the matching scorer matching.services.scoring.score_texts is not available ("
    )
    assert "\n" not in str(raised.value)


@pytest.mark.usefixtures("scorer")
@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--swaps", "martian_male"], "unknown --swaps group 'martian_male'; choose from "),
        (["--limit", "0"], "--limit must be at least 1, got 0"),
    ],
)
def test_bad_options_are_one_line_errors(tmp_path: Path, extra: list[str], message: str) -> None:
    resumes = _jsonl(tmp_path, "resumes.jsonl", RESUMES)

    with pytest.raises(CommandError, match="^" + message.replace("|", r"\|")):
        call_command(
            "counterfactual_audit", "--resumes", str(resumes), "--jobs", str(resumes), *extra
        )


@pytest.mark.django_db
@pytest.mark.usefixtures("scorer")
def test_without_jobs_scores_against_open_vacancies(tmp_path: Path) -> None:
    resumes = _jsonl(tmp_path, "resumes.jsonl", RESUMES[:1])
    with pytest.raises(CommandError, match="^" + ERROR_NO_JOBS + "$"):
        call_command("counterfactual_audit", "--resumes", str(resumes))
    VacancyFactory.create(title="Data engineer")
    out = StringIO()

    call_command("counterfactual_audit", "--resumes", str(resumes), "--json", stdout=out)

    assert json.loads(out.getvalue())["n"] == 8
