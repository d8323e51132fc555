"""The shipped score's outputs on a few real pairs, pinned to 0.01 (issue #26: +15 points on
every score passed the suite). A new score must come with a new golden file, made by
``python manage.py score_golden --scorer-version <the new version>``."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from matching.core.scoring.additive import load_default_scorer
from matching.services.ats_score import ats_bucket
from matching.services.score_golden import (
    GOLDEN_PATH,
    REGENERATE_COMMAND,
    score_golden_compute,
    score_golden_read,
    shipped_scorer_version,
)
from tests.requirements import require_shared

TOLERANCE = 0.01 + 1e-9  # scores are shown and stored to 0.01
STALE = (
    "{path} was made with the score {golden!r} but {shipped!r} ships "
    "(matching/weights/ats_score.json): regenerate with `{command}` and review the diff"
)


@pytest.fixture(scope="module")
def golden() -> dict:
    payload = score_golden_read()
    shipped = shipped_scorer_version()
    if payload["scorer_version"] != shipped:
        pytest.fail(
            STALE.format(
                path=GOLDEN_PATH.name,
                golden=payload["scorer_version"],
                shipped=shipped,
                command=REGENERATE_COMMAND.format(version=shipped),
            ),
            pytrace=False,
        )
    return payload


def test_the_golden_file_covers_five_resumes_by_four_jobs(golden: dict) -> None:
    pairs = {(item["resume_id"], item["job_id"]) for item in golden["pairs"]}
    assert len(pairs) == len(golden["pairs"]) == 20
    assert len({resume for resume, _ in pairs}) == 5
    assert len({job for _, job in pairs}) == 4
    # The sample spans the buckets: not a set of pairs that all score alike.
    assert {"strong", "weak", "not_ats_friendly"} <= {item["bucket"] for item in golden["pairs"]}


def test_the_shipped_score_of_the_golden_inputs_is_unchanged(golden: dict) -> None:
    """The additive score alone, on the inputs stored with each pair (no data, no encoder)."""
    scorer = load_default_scorer()
    assert scorer is not None

    scores = scorer.scores([item["inputs"] for item in golden["pairs"]])

    for item, score in zip(golden["pairs"], scores, strict=True):
        pair = (item["resume_id"], item["job_id"])
        assert (pair, float(score)) == (pair, pytest.approx(item["score"], abs=TOLERANCE))
        assert (pair, ats_bucket(float(score))) == (pair, item["bucket"])


@pytest.mark.slow
@pytest.mark.shared_data
def test_the_shipped_score_of_the_golden_pairs_is_unchanged(golden: dict) -> None:
    """The whole score, texts to figures, on the real pairs read in place."""
    eval_dir = require_shared("eval")

    computed = score_golden_compute(eval_dir=eval_dir)

    assert computed["scorer_version"] == golden["scorer_version"]
    for now, then in zip(computed["pairs"], golden["pairs"], strict=True):
        pair = (then["resume_id"], then["job_id"])
        assert (now["resume_id"], now["job_id"]) == pair
        assert (pair, now["score"]) == (pair, pytest.approx(then["score"], abs=TOLERANCE))
        assert (pair, now["bucket"]) == (pair, then["bucket"])
        assert now["inputs"] == pytest.approx(then["inputs"], abs=1e-3)


def test_the_golden_file_is_regenerated_only_under_the_shipped_version_stated() -> None:
    shipped = shipped_scorer_version()

    with pytest.raises(CommandError, match=f"is not the shipped score's version '{shipped}'"):
        call_command("score_golden", "--scorer-version", "ats-additive-0")
