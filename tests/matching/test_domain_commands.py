"""train_domain_classifier, evaluate_domains and train_score_mapper on tiny files: JSON shapes."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from matching.core.evaluation.splits import is_held_out
from matching.core.occupations.domains import DOMAIN_KEYS, load_domain_classifier
from matching.core.occupations.occupation_affinity import load_occupation_affinity
from matching.core.scoring.score_mapper import load_score_mapper
from matching.services.onet import auto_onet_dir, onet_dir
from tests.matching.onet_files import write_onet_folder
from tests.requirements import missing

pytestmark = pytest.mark.slow

TEXTS = {
    "healthcare": [
        "Registered nurse caring for patients on a surgical ward, medication and wound care.",
        "Physiotherapist treating patients after injuries; rehabilitation plans in a clinic.",
        "Medical assistant: patient intake, vital signs, hospital records and triage.",
        "Pharmacist dispensing prescriptions and advising patients on medicines.",
    ],
    "technology": [
        "Python developer building Django REST APIs on PostgreSQL with Docker.",
        "Java engineer: Spring Boot microservices, SQL databases, Jenkins pipelines.",
        "DevOps engineer running Kubernetes clusters, Terraform and AWS cloud.",
        "Data scientist training machine learning models with pandas and scikit-learn.",
    ],
    "legal": [
        "Advocate at the High Court: civil litigation, contracts and legal notices.",
        "Paralegal drafting briefs, filing court documents and legal research.",
        "Corporate lawyer negotiating contracts and advising on compliance and law.",
        "Legal assistant supporting attorneys with case files and court hearings.",
    ],
}


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def _resumes(tmp_path: Path) -> Path:
    rows = [
        {"id": f"{domain}-{index}", "text": text, "domain": domain}
        for domain, texts in TEXTS.items()
        for index, text in enumerate(texts)
    ]
    return _write_jsonl(tmp_path / "resumes.jsonl", rows)


def _run(*args: str) -> dict[str, object]:
    out = StringIO()
    call_command(*args, "--json", stdout=out, stderr=StringIO())
    return json.loads(out.getvalue())


def test_train_domain_classifier_prints_held_out_metrics(tmp_path: Path) -> None:
    payload = _run(
        "train_domain_classifier",
        "--resumes",
        str(_resumes(tmp_path)),
        "--no-onet",
        "--out",
        str(tmp_path / "weights"),
    )

    assert payload["n_train"] + payload["n_held_out"] == 12  # type: ignore[operator]
    assert payload["weights"] == str(tmp_path / "weights" / "domain_classifier.json")
    classifier = load_domain_classifier(tmp_path / "weights" / "domain_classifier.json")
    assert set(classifier.labels) == {"healthcare", "technology", "legal"}


def test_evaluate_domains_contract_shape_and_predictions(tmp_path: Path) -> None:
    if onet_dir() is None:
        missing(
            f"{auto_onet_dir()} is absent: the occupation reader's O*NET title lookup "
            "(../shared/data/onet, read in place) decides one of these CVs"
        )
    predictions = tmp_path / "predictions.jsonl"

    payload = _run(
        "evaluate_domains",
        "--resumes",
        str(_resumes(tmp_path)),
        "--predictions-out",
        str(predictions),
    )

    assert {"accuracy", "macro_f1", "per_domain", "confusion"} <= set(payload)
    assert len(payload["confusion"]) == len(DOMAIN_KEYS)  # type: ignore[arg-type]
    assert payload["accuracy"] == 1.0
    rows = [json.loads(line) for line in predictions.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows][:2] == ["healthcare-0", "healthcare-1"]
    assert sorted(rows[0]) == ["confidence", "domain", "id"]
    assert rows[0]["domain"] == "healthcare"


def test_evaluate_domains_rejects_bad_input(tmp_path: Path) -> None:
    bad = _write_jsonl(tmp_path / "bad.jsonl", [{"id": "a", "text": "x", "domain": "cooking"}])

    with pytest.raises(CommandError, match="bad.jsonl:1: not a JSON object"):
        call_command("evaluate_domains", "--resumes", str(bad), "--json")
    with pytest.raises(CommandError, match="missing.jsonl: no such file"):
        call_command("evaluate_domains", "--resumes", str(tmp_path / "missing.jsonl"))


def _keys(prefix: str, *, held_out: bool, count: int) -> list[str]:
    keys = (f"{prefix}{index}" for index in range(1000))
    return [key for key in keys if is_held_out(key, 0.5) == held_out][:count]


def _mapper_files(tmp_path: Path, *, categories: bool = True) -> tuple[Path, Path]:
    """Pairs and resumes for train_score_mapper: 2 training and 2 held-out jobs and resumes."""
    titles = {"technology": "Software Engineer", "healthcare": "Registered Nurse"}
    domains = ["technology", "healthcare"]
    jobs = {key: domains[i % 2] for i, key in enumerate(_keys("j", held_out=False, count=2))}
    jobs |= {key: domains[i % 2] for i, key in enumerate(_keys("j", held_out=True, count=2))}
    resume_ids = _keys("r", held_out=False, count=2) + _keys("r", held_out=True, count=2)
    resumes: list[dict[str, object]] = [
        {"id": key, "text": TEXTS[domains[i % 2]][i], "domain": domains[i % 2]}
        for i, key in enumerate(resume_ids)
    ]
    if categories:
        for i, resume in enumerate(resumes):
            resume["category"] = "Developer" if i % 2 == 0 else "Nurse"
    pairs: list[dict[str, object]] = [
        {
            "id": f"{job}-{resume['id']}",
            "resume": resume["text"],
            "job": f"{titles[domain]} ({job})\n" + TEXTS[domain][3],
            "job_id": job,
            "label": 2 if resume["domain"] == domain else 0,
        }
        for job, domain in jobs.items()
        for resume in resumes
    ]
    return (
        _write_jsonl(tmp_path / "pairs.jsonl", pairs),
        _write_jsonl(tmp_path / "resumes.jsonl", resumes),
    )


def test_train_score_mapper_prints_held_out_metrics(settings, tmp_path: Path) -> None:
    settings.MATCHING_ONET_DIR = str(
        write_onet_folder(
            tmp_path / "onet",
            {"Software Engineer": "15-1252.00", "Registered Nurse": "29-1141.00"},
        )
    )
    pairs, resumes = _mapper_files(tmp_path)

    payload = _run(
        "train_score_mapper",
        "--pairs",
        str(pairs),
        "--resumes",
        str(resumes),
        "--held-out-fraction",
        "0.5",
        "--out",
        str(tmp_path),
    )

    assert (payload["n_train"], payload["n_held_out"]) == (4, 4)
    held_out = payload["held_out"]
    assert isinstance(held_out, dict)
    assert sorted(held_out) == ["bucket_classifier", "mae", "ndcg@10", "pearson", "r2", "rmse"]
    buckets = sorted(held_out["bucket_classifier"])
    assert buckets == ["accuracy", "confusion", "ece", "labels", "macro_f1"]
    assert load_score_mapper(tmp_path / "score_mapper.json").metadata["n_train"] == 4
    assert sorted(payload["onet_titles"]) == ["folder", "weight"]  # which lookup built the jobs
    affinity = payload["occupation_affinity"]
    assert isinstance(affinity, dict)
    assert affinity["used"] is True
    assert affinity["category_classifier"] == "prototypes"  # the default
    assert (affinity["training_resumes"], affinity["categories"]) == (2, 2)
    assert affinity["pairs_with_codes"] == 16  # every posting title matched an O*NET title
    model = load_occupation_affinity(tmp_path / "occupation_affinity.json")
    assert sorted(model.table.counts) == ["Developer", "Nurse"]
    mapper = load_score_mapper(tmp_path / "score_mapper.json")
    assert mapper.reads_occupation_affinity


def test_train_score_mapper_says_why_the_affinity_is_left_out(tmp_path: Path) -> None:
    pairs, resumes = _mapper_files(tmp_path, categories=False)

    payload = _run(
        "train_score_mapper",
        "--pairs",
        str(pairs),
        "--resumes",
        str(resumes),
        "--held-out-fraction",
        "0.5",
        "--out",
        str(tmp_path),
    )

    assert payload["occupation_affinity"] == {
        "used": False,
        "reason": "no resume categories (--resumes with a 'category' per line)",
    }
    assert not (tmp_path / "occupation_affinity.json").exists()
    assert not load_score_mapper(tmp_path / "score_mapper.json").reads_occupation_affinity


def test_train_domain_classifier_with_one_domain_fails_cleanly(tmp_path: Path) -> None:
    rows = [
        {"id": f"n{index}", "text": text, "domain": "healthcare"}
        for index, text in enumerate(TEXTS["healthcare"])
    ]
    path = _write_jsonl(tmp_path / "one.jsonl", rows)

    with pytest.raises(CommandError, match="^training failed: "):
        call_command(
            "train_domain_classifier",
            "--resumes",
            str(path),
            "--no-onet",
            "--out",
            str(tmp_path),
            stderr=StringIO(),
        )
    assert not (tmp_path / "domain_classifier.json").exists()


def test_train_score_mapper_rejects_a_bad_fraction(tmp_path: Path) -> None:
    pairs = _write_jsonl(tmp_path / "pairs.jsonl", [])

    with pytest.raises(CommandError, match="between 0 and 1, got 1.5"):
        call_command("train_score_mapper", "--pairs", str(pairs), "--held-out-fraction", "1.5")
