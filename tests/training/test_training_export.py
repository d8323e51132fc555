"""export_training_pairs: the contract's pairs format, three-class labels, and errors."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.factories import ApplicationFactory
from vacancies.workflow import ApplicationStatus

pytestmark = pytest.mark.django_db


def _read(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_pairs_format(tmp_path: Path) -> None:
    hired = ApplicationFactory(status=ApplicationStatus.HIRED.value)
    rejected = ApplicationFactory(status=ApplicationStatus.REJECTED.value, vacancy=hired.vacancy)
    ApplicationFactory(status=ApplicationStatus.TALENT_POOL.value, vacancy=hired.vacancy)
    out = tmp_path / "pairs.jsonl"

    call_command("export_training_pairs", "--out", str(out))

    rows = _read(out)
    assert [set(row) for row in rows] == [{"id", "resume", "job", "job_id", "label"}] * 2
    assert [(row["id"], row["label"]) for row in rows] == [
        (f"application-{hired.pk}", 1),
        (f"application-{rejected.pk}", 0),
    ]
    assert rows[0]["resume"] == hired.candidate.headline
    assert rows[0]["job_id"] == f"vacancy-{hired.vacancy.pk}"


def test_export_three_class_keeps_the_talent_pool(tmp_path: Path) -> None:
    pool = ApplicationFactory(status=ApplicationStatus.TALENT_POOL.value)
    ApplicationFactory(status=ApplicationStatus.NO_NEWS.value)
    out = tmp_path / "pairs.jsonl"

    call_command("export_training_pairs", "--three-class", "--out", str(out))

    assert [(row["id"], row["label"]) for row in _read(out)] == [(f"application-{pool.pk}", 1)]


def test_export_without_labelled_pairs_fails() -> None:
    ApplicationFactory(status=ApplicationStatus.NEW.value)

    with pytest.raises(CommandError, match="no labelled applications"):
        call_command("export_training_pairs")


@pytest.mark.slow
def test_export_oumi_records_carry_features_scores_and_labels(tmp_path: Path) -> None:
    application = ApplicationFactory(status=ApplicationStatus.HIRED.value)
    out = tmp_path / "oumi.jsonl"

    call_command("export_training_pairs", "--format", "oumi", "--three-class", "--out", str(out))

    (row,) = _read(out)
    assert set(row) == {
        "id",
        "job_id",
        "resume_features",
        "jd_features",
        "feature_scores",
        "labels",
        "texts",
        "synthetic",
    }
    assert row["jd_features"]["required_skills"] == ["Python", "Django"]
    labels = row["labels"]
    assert (labels["label"], labels["class"], labels["status"]) == (2, "hired", "hired")
    assert labels["bucket"] in {"strong", "moderate", "weak", "not_ats_friendly"}
    assert row["texts"]["resume"] == application.candidate.headline
    assert row["synthetic"] is False
