"""evaluate_matching: the contract's JSON, the scores file and one-line errors."""

import json
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from matching.core.evaluation.splits import is_held_out
from matching.core.occupations.domains import DomainClassifier, save_domain_classifier
from tests.matching.onet_files import write_onet_folder

JOBS = {
    "java": "Java Developer\nSpring Boot microservices, REST APIs, PostgreSQL.",
    "nurse": "Registered Nurse\nPatient care on a hospital ward.",
}
RESUMES = {
    "dev": "Java developer, 5 years of Spring Boot and Hibernate.",
    "rn": "Registered nurse, intensive care unit, medication administration.",
    "chef": "Pastry chef, bakery and restaurant kitchens.",
}
LABELS = {("java", "dev"): 2, ("nurse", "rn"): 2}
METRIC_KEYS = [
    "ndcg@{k}", "mrr@{k}", "map@{k}", "err@{k}",
    "precision@k", "recall@k", "accuracy@k", "spearman", "auc",
]  # fmt: skip


@pytest.fixture
def pairs_file(tmp_path: Path) -> Path:
    path = tmp_path / "pairs.jsonl"
    rows = [
        {
            "id": f"{job}-{resume}",
            "resume": resume_text,
            "job": job_text,
            "job_id": job,
            "label": LABELS.get((job, resume), 0),
        }
        for job, job_text in JOBS.items()
        for resume, resume_text in RESUMES.items()
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _run(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command("evaluate_matching", *args, "--json", stdout=out, stderr=StringIO())
    result: dict[str, object] = json.loads(out.getvalue())
    return result


def test_prints_the_contract_json(pairs_file: Path, tmp_path: Path) -> None:
    scores_out = tmp_path / "scores.jsonl"

    result = _run("--pairs", str(pairs_file), "--scores-out", str(scores_out))

    methods = ["fairmatch", "keyword_overlap", "tfidf_cosine", "embedding_cosine"]
    assert list(result) == [*methods, "n_pairs", "n_jobs", "onet_titles"]
    assert (result["n_pairs"], result["n_jobs"]) == (6, 2)
    for method in methods:
        metrics = result[method]
        assert isinstance(metrics, dict)
        assert list(metrics) == [key.format(k=10) for key in METRIC_KEYS]
    fairmatch = result["fairmatch"]
    assert isinstance(fairmatch, dict)
    assert fairmatch["ndcg@10"] == 1.0
    rows = [json.loads(line) for line in scores_out.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == [
        "java-dev", "java-rn", "java-chef", "nurse-dev", "nurse-rn", "nurse-chef",
    ]  # fmt: skip
    assert all(list(row) == ["id", "score", "bucket"] for row in rows)
    assert all(0 <= row["score"] <= 100 for row in rows)
    assert {row["bucket"] for row in rows} <= {"strong", "moderate", "weak", "not_ats_friendly"}


def test_k_names_the_metric_keys(pairs_file: Path) -> None:
    result = _run("--pairs", str(pairs_file), "--k", "2")

    assert list(result["tfidf_cosine"]) == [key.format(k=2) for key in METRIC_KEYS]  # type: ignore[call-overload]


def test_a_malformed_line_is_a_one_line_error(pairs_file: Path) -> None:
    with pairs_file.open("a", encoding="utf-8") as handle:
        handle.write('{"id": "x", "resume": "r", "job": "j"}\n')

    with pytest.raises(CommandError, match=r"pairs.jsonl:7: field 'label' must be a number"):
        _run("--pairs", str(pairs_file))


def test_a_missing_file_and_a_bad_k_are_errors(pairs_file: Path, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no such file"):
        _run("--pairs", str(tmp_path / "absent.jsonl"))
    with pytest.raises(CommandError, match="--k must be a positive integer"):
        _run("--pairs", str(pairs_file), "--k", "0")


def test_domain_weights_of_another_encoder_are_refused(pairs_file: Path, tmp_path: Path) -> None:
    weights = tmp_path / "domain_classifier.json"
    classifier = DomainClassifier(
        labels=("technology", "healthcare"),
        coef=np.zeros((2, 384)),
        intercept=np.zeros(2),
        model_id="another-encoder",
        metadata={},
    )
    save_domain_classifier(classifier, weights)

    with pytest.raises(CommandError, match="was trained on encoder another-encoder, not on"):
        _run("--pairs", str(pairs_file), "--domain-weights", str(weights))


def test_a_split_without_pairs_is_an_error(pairs_file: Path) -> None:
    assert not any(is_held_out(job) for job in JOBS)

    with pytest.raises(CommandError, match="no pairs in the held_out_jobs split"):
        _run("--pairs", str(pairs_file), "--split", "held_out_jobs")


def _scores(path: Path) -> dict[str, float]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return {row["id"]: row["score"] for row in rows}


def test_onet_titles_are_used_by_default_and_switched_off_by_the_flag(
    pairs_file: Path, tmp_path: Path, settings
) -> None:
    # A deliberately wrong entry: the Java job's title reads as legal, so its match drops.
    folder = write_onet_folder(tmp_path / "onet", {"Java Developer": "23-1011.00"})
    settings.MATCHING_ONET_DIR = str(folder)
    with_titles, without = tmp_path / "with.jsonl", tmp_path / "without.jsonl"

    used = _run("--pairs", str(pairs_file), "--scores-out", str(with_titles))
    off = _run("--pairs", str(pairs_file), "--scores-out", str(without), "--no-onet-titles")

    assert used["onet_titles"] == {"folder": str(folder), "weight": 0.9}
    assert off["onet_titles"] == {"folder": None, "weight": None}
    scored, plain = _scores(with_titles), _scores(without)
    assert scored["java-dev"] < plain["java-dev"] - 10
    assert scored["nurse-rn"] == plain["nurse-rn"]  # no O*NET title in the fixture


def test_a_missing_onet_folder_is_a_one_line_error(
    pairs_file: Path, tmp_path: Path, settings
) -> None:
    settings.MATCHING_ONET_DIR = str(tmp_path / "absent")

    with pytest.raises(CommandError, match="MATCHING_ONET_DIR=.*absent cannot be used"):
        _run("--pairs", str(pairs_file))
    assert _run("--pairs", str(pairs_file), "--no-onet-titles")["onet_titles"] == {
        "folder": None,
        "weight": None,
    }
