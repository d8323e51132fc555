"""train_ats_score --inputs-cache: a refit of the target reuses the explained input rows."""

import json
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from matching.core.occupations.domains import DEFAULT_CLASSIFIER_PATH
from matching.core.scoring.additive import load_additive_scorer, max_score
from matching.core.scoring.inputs import INPUT_NAMES

RNG = np.random.default_rng(24)
N_JOBS, PER_JOB = 30, 12


def _write_pairs(path: Path) -> list[str]:
    ids = []
    with path.open("w", encoding="utf-8") as handle:
        for job in range(N_JOBS):
            for cv in range(PER_JOB):
                pair_id = f"j{job}-r{cv}"
                ids.append(pair_id)
                label = 2 if cv < 2 else (1 if cv < 4 else 0)
                line = {"id": pair_id, "resume": f"cv {cv}", "job": f"job {job}", "label": label}
                handle.write(json.dumps(line | {"job_id": f"j{job}"}) + "\n")
    return ids


def _inputs(n_rows: int) -> np.ndarray:
    rows = RNG.uniform(0.0, 1.0, size=(n_rows, len(INPUT_NAMES)))
    labels = np.tile([2, 2, 1, 1] + [0] * (PER_JOB - 4), N_JOBS)
    rows[:, INPUT_NAMES.index("occupation_fit")] = labels / 2 + RNG.uniform(0, 0.2, n_rows)
    return rows


def _train(tmp_path: Path, pairs: Path, cache: Path) -> dict[str, object]:
    out = StringIO()
    call_command(
        "train_ats_score",
        "--pairs", str(pairs),
        "--domain-weights", str(DEFAULT_CLASSIFIER_PATH),
        "--annotations", str(tmp_path / "no-annotations"),
        "--inputs-cache", str(cache),
        "--out", str(tmp_path / "ats_score.json"),
        "--score-version", "cache-test",
        "--json",
        stdout=out,
    )  # fmt: skip
    return dict(json.loads(out.getvalue()))


def test_a_kept_input_matrix_is_refitted_without_explaining_the_pairs(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    ids = _write_pairs(pairs)
    cache = tmp_path / "inputs.npz"
    np.savez(cache, ids=np.asarray(ids), inputs=_inputs(len(ids)))

    report = _train(tmp_path, pairs, cache)

    scorer = load_additive_scorer(tmp_path / "ats_score.json")
    assert scorer.version == "cache-test"
    assert report["n_train"] + report["n_held_out"] == len(ids)
    assert max_score(scorer) <= 100.0
    # the texts are placeholders: only the kept rows can give the occupation fit its points
    occupation = next(s for s in scorer.shapes if s.name == "occupation_fit")
    assert occupation.span > 10.0


def test_inputs_kept_for_other_pairs_are_a_one_line_error(tmp_path: Path) -> None:
    pairs = tmp_path / "pairs.jsonl"
    ids = _write_pairs(pairs)
    cache = tmp_path / "inputs.npz"
    np.savez(cache, ids=np.asarray(ids[::-1]), inputs=_inputs(len(ids)))

    with pytest.raises(CommandError, match="inputs of other pairs"):
        _train(tmp_path, pairs, cache)
    assert not (tmp_path / "ats_score.json").exists()
