"""LambdaRank over the explainable features: training, held-out report, JSON save and load."""

import json
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from matching.core.evaluation.splits import held_out_groups, split_indices
from matching.core.occupations.domain_training import is_held_out
from matching.core.training.ranker import (
    RANKER_FEATURES,
    RankerInputs,
    load_ranker,
    save_ranker,
    train_ranker,
)

SKILLS = ["Python Django PostgreSQL", "nursing patient care", "accounting audit tax", "welding"]


def _synthetic_inputs(n_jobs: int = 12, per_job: int = 8) -> RankerInputs:
    """Feature 7 (required skills) decides the label; FairMatch's score is noise."""
    rng = np.random.default_rng(0)
    n = n_jobs * per_job
    labels = np.tile(np.arange(per_job) % 3, n_jobs).astype(np.float64)
    features = rng.random((n, len(RANKER_FEATURES)))
    features[:, 7] = labels / 2 + rng.normal(0, 0.05, n)
    return RankerInputs(
        features=features,
        labels=tuple(labels.tolist()),
        groups=tuple(f"job-{index // per_job}" for index in range(n)),
        fairmatch_scores=tuple(rng.random(n).tolist()),
    )


def test_ranker_learns_the_informative_feature(tmp_path: Path) -> None:
    result = train_ranker(_synthetic_inputs(), rounds=30)

    assert result.n_train_jobs + result.n_test_jobs == 12
    assert result.n_test_jobs_ranked == result.n_test_jobs
    assert result.metrics["ranker"]["ndcg@10"] == 1.0
    assert result.metrics["fairmatch"]["ndcg@10"] < 1.0
    path = tmp_path / "ranker.json"
    save_ranker(result, path, source="synthetic")
    payload = json.loads(path.read_text())
    assert payload["format"] == "fairmatch.ranker.v1"
    assert payload["features"] == list(RANKER_FEATURES)
    assert load_ranker(path).predict(_synthetic_inputs().features[:3]).shape == (3,)


def test_held_out_jobs_are_stable_and_never_train() -> None:
    groups = [f"job-{index % 10}" for index in range(40)]

    train, test = split_indices(groups, 0.3)

    assert held_out_groups(groups, 0.3) == held_out_groups(list(reversed(groups)), 0.3)
    assert held_out_groups(groups, 0.3) == {g for g in set(groups) if is_held_out(g, 0.3)}
    assert {groups[i] for i in train}.isdisjoint({groups[i] for i in test})


def test_held_out_falls_back_to_lowest_hashes_when_one_side_is_empty() -> None:
    groups = ["a", "b", "c"]

    held_out = held_out_groups(groups, 0.01)

    assert len(held_out) == 1
    assert held_out <= set(groups)


def test_load_ranker_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"format": "something"}')

    with pytest.raises(ValueError, match="not a FairMatch ranker"):
        load_ranker(path)


@pytest.mark.slow
def test_train_ranker_command_on_a_tiny_pairs_file(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    pairs = tmp_path / "pairs.jsonl"
    rows = [
        {
            "id": f"j{job}-r{resume}",
            "resume": f"Experienced in {SKILLS[resume]}.",
            "job": f"Job {job}\nWe need {SKILLS[job % 4]}.",
            "job_id": f"j{job}",
            "label": 2 if job % 4 == resume else 0,
        }
        for job in range(8)
        for resume in range(4)
    ]
    pairs.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "ranker.json"

    call_command(
        "train_ranker",
        "--pairs",
        str(pairs),
        "--rounds",
        "10",
        "--save",
        "--out",
        str(out),
        "--json",
    )

    report = json.loads(capsys.readouterr().out)
    assert set(report["ranker"]) == {"ndcg@10", "mrr@10", "map@10"}
    assert report["n_train_pairs"] + report["n_test_pairs"] == 32
    assert report["n_test_jobs"] == len(held_out_groups([f"j{job}" for job in range(8)]))
    assert load_ranker(out).predict(np.zeros((1, len(RANKER_FEATURES)))).shape == (1,)
