"""rescale_ats_score: a trained score over 100 brought into 0-100 under a new version."""

import json
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from matching.core.scoring.additive import (
    AdditiveScorer,
    ShapeFunction,
    load_additive_scorer,
    max_score,
    save_additive_scorer,
    score_bucket,
)
from matching.core.scoring.inputs import INPUT_NAMES


@pytest.fixture
def wide_weights(tmp_path: Path) -> Path:
    """A scorer whose raw sums run from -1 to 120 (11 shapes of 11 points)."""
    shapes = tuple(ShapeFunction(name, (0.0, 0.5, 1.0), (0.0, 4.0, 11.0)) for name in INPUT_NAMES)
    scorer = AdditiveScorer("wide-1", -1.0, shapes, {"bucket_edges": [90.0, 60.0, 45.0]})
    path = tmp_path / "ats_score.json"
    save_additive_scorer(scorer, path)
    return path


def test_writes_the_rescaled_score_under_the_new_version(wide_weights: Path, tmp_path: Path):
    out_path = tmp_path / "rescaled.json"
    out = StringIO()
    call_command(
        "rescale_ats_score",
        "--weights",
        str(wide_weights),
        "--out",
        str(out_path),
        "--score-version",
        "wide-2",
        "--json",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    before, after = load_additive_scorer(wide_weights), load_additive_scorer(out_path)

    assert report["from_version"] == "wide-1"
    assert report["version"] == after.version == "wide-2"
    assert report["max_score_before"] == 120.0
    assert 99.9 <= report["max_score_after"] == round(max_score(after), 4) <= 100.0
    assert report["baseline"] == after.baseline == 0.0
    assert report["scale"] == pytest.approx(100.0 / 121.0)
    assert report["bucket_edges"] == after.metadata["bucket_edges"]
    rows = np.random.default_rng(3).uniform(0.0, 1.0, size=(200, len(INPUT_NAMES)))
    raw = before.baseline + before.raw_parts(rows).sum(axis=1)
    assert np.allclose(after.scores(rows), (raw + 1.0) * 100.0 / 121.0, atol=0.12)
    far = np.min(np.abs(raw[:, None] - np.array([90.0, 60.0, 45.0])), axis=1) > 0.5
    assert [score_bucket(s, after) for s in after.scores(rows)[far]] == [
        score_bucket(s, before) for s in before.scores(rows)[far]
    ]


def test_the_same_version_or_a_missing_file_is_a_one_line_error(wide_weights: Path, tmp_path):
    with pytest.raises(CommandError, match="must differ from 'wide-1'"):
        call_command(
            "rescale_ats_score",
            "--weights",
            str(wide_weights),
            "--out",
            str(tmp_path / "out.json"),
            "--score-version",
            "wide-1",
        )
    assert not (tmp_path / "out.json").exists()
    with pytest.raises(CommandError, match="no such file"):
        call_command(
            "rescale_ats_score",
            "--weights",
            str(tmp_path / "absent.json"),
            "--out",
            str(tmp_path / "out.json"),
            "--score-version",
            "x",
        )
