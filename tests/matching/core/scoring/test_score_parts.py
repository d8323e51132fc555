"""The parts of the shipped score as the API and the why panel show them, the weights file's
round trip, and the year and seniority fits (mutation testing found them unpinned, issue #26)."""

from pathlib import Path

import numpy as np
import pytest

from matching.core.scoring.additive import (
    BOUNDS_PART,
    FORMAT_ERROR,
    INPUTS_ERROR,
    WIDTH_ERROR,
    AdditiveScorer,
    load_additive_scorer,
    load_default_scorer,
    save_additive_scorer,
)
from matching.core.scoring.feature_types import (
    DomainFit,
    ExperienceAlignment,
    FeatureScores,
    FormattingScore,
    SemanticSimilarity,
    TermMatch,
)
from matching.core.scoring.inputs import INPUT_NAMES, UNKNOWN_YEARS_FIT, seniority_fit, years_fit

ROWS = np.random.default_rng(11).uniform(0.0, 1.0, size=(12, len(INPUT_NAMES)))


@pytest.fixture(scope="module")
def shipped() -> AdditiveScorer:
    scorer = load_default_scorer()
    assert scorer is not None
    return scorer


def test_each_breakdown_lists_every_input_in_order_and_adds_up_to_its_score(
    shipped: AdditiveScorer,
) -> None:
    scores = shipped.scores(ROWS)

    for row, score, breakdown in zip(ROWS, scores, shipped.breakdowns(ROWS), strict=True):
        names = [part.name for part in breakdown.contributions]
        assert names[: len(INPUT_NAMES)] == list(INPUT_NAMES)
        assert set(names[len(INPUT_NAMES) :]) <= {BOUNDS_PART}
        assert [part.value for part in breakdown.contributions[: len(INPUT_NAMES)]] == list(row)
        assert breakdown.score == pytest.approx(float(score), abs=1e-9)
        assert breakdown.total == pytest.approx(breakdown.score, abs=0.01)
        assert breakdown.version == shipped.version
        assert breakdown.baseline == shipped.baseline
        for part, shape in zip(breakdown.contributions, shipped.shapes, strict=False):
            assert part.max_points == shape.span
            assert 0.0 <= part.points <= shape.span + 0.005  # points are shown to 0.01


def test_a_breakdown_as_json_holds_what_the_why_panel_shows(shipped: AdditiveScorer) -> None:
    (breakdown,) = shipped.breakdowns(ROWS[:1])
    first = breakdown.contributions[0]

    payload = breakdown.to_json()

    assert set(payload) == {"score", "baseline", "version", "contributions"}
    assert (payload["score"], payload["version"]) == (breakdown.score, shipped.version)
    assert payload["contributions"][0] == {
        "name": first.name,
        "label": first.label,
        "value": round(first.value, 4),
        "points": first.points,
        "max_points": first.max_points,
    }
    assert breakdown.points(first.name) == first.points
    assert breakdown.points("no such part") == 0.0


def test_the_weights_file_reads_back_the_same_score(
    shipped: AdditiveScorer, tmp_path: Path
) -> None:
    path = tmp_path / "nested" / "ats_score.json"

    save_additive_scorer(shipped, path)
    again = load_additive_scorer(path)

    assert again.to_json() == shipped.to_json()
    assert np.array_equal(again.scores(ROWS), shipped.scores(ROWS))
    assert path.read_text(encoding="utf-8").endswith("}\n")


def test_a_file_of_another_format_or_other_inputs_is_refused(shipped: AdditiveScorer) -> None:
    payload = shipped.to_json()
    with pytest.raises(ValueError, match="^x.json: not a FairMatch additive score") as raised:
        AdditiveScorer.from_json({**payload, "format": "other"}, source="x.json")
    assert str(raised.value) == FORMAT_ERROR.format(source="x.json", found="other")

    names = list(INPUT_NAMES[:-1])
    with pytest.raises(ValueError, match="^x.json: the score reads inputs") as raised:
        AdditiveScorer.from_json({**payload, "input_names": names}, source="x.json")
    assert str(raised.value) == INPUTS_ERROR.format(
        source="x.json", found=names, expected=list(INPUT_NAMES)
    )


def test_rows_of_another_width_are_refused(shipped: AdditiveScorer) -> None:
    message = WIDTH_ERROR.format(found=3, expected=len(INPUT_NAMES))
    with pytest.raises(ValueError, match=f"^{message}$"):
        shipped.scores(np.zeros((2, 3)))


@pytest.mark.parametrize(
    ("years", "min_years", "fit"),
    [
        (3.0, None, 1.0),
        (3.0, 0.0, 1.0),
        (None, 4.0, UNKNOWN_YEARS_FIT),
        (2.0, 4.0, 0.5),
        (4.0, 4.0, 1.0),
        (9.0, 4.0, 1.0),
        (-1.0, 4.0, 0.0),
    ],
)
def test_years_fit(years: float | None, min_years: float | None, fit: float) -> None:
    assert years_fit(years, min_years) == fit


def _with_seniority(expected: str, found: str) -> FeatureScores:
    return FeatureScores(
        skill_match_required=TermMatch(100.0, (), ()),
        skill_match_preferred=TermMatch(100.0, (), ()),
        keyword_match=TermMatch(50.0, (), ()),
        formatting=FormattingScore(80.0, ("education",), (), True, 2000),
        experience=ExperienceAlignment(100.0, 5.0, 3.0, None, expected, found),
        semantic=SemanticSimilarity(50.0, 0.4, None),
        domain=DomainFit(100.0, "technology", "technology", "same"),
    )


@pytest.mark.parametrize(
    ("expected", "found", "fit"),
    [
        ("senior", "senior", 1.0),
        ("senior", "lead", 1.0),
        ("senior", "mid", 0.75),
        ("senior", "junior", 0.5),
        ("lead", "intern", 0.0),
        ("", "junior", 1.0),
        ("senior", "", 1.0),
    ],
)
def test_seniority_fit_loses_a_quarter_per_level_short(
    expected: str, found: str, fit: float
) -> None:
    assert seniority_fit(_with_seniority(expected, found)) == fit
