"""The additive ATS score: monotone parts that add up to the score shown, fit and weights."""

import numpy as np
import pytest

from matching.core.scoring import rule_based_score
from matching.core.scoring.additive import (
    BOUNDS_PART,
    AdditiveScorer,
    ShapeFunction,
    load_default_scorer,
    max_score,
    score_bucket,
    within_score_range,
)
from matching.core.scoring.additive_report import train_additive
from matching.core.scoring.additive_training import (
    WEAK_POINTS,
    fit_additive_scorer,
    training_target,
    weak_points,
)
from matching.core.scoring.bulk import ExplainedPair, explain_features
from matching.core.scoring.explain import missing_items
from matching.core.scoring.inputs import INPUT_NAMES, PairSignals, years_fit
from matching.core.scoring.rule_breakdown import rule_breakdown
from tests.matching.feature_factories import requirement_features

RNG = np.random.default_rng(7)


def _scorer(baseline: float = 10.0, height: float = 20.0) -> AdditiveScorer:
    shapes = tuple(
        ShapeFunction(name, (0.0, 0.5, 1.0), (0.0, height * 0.7, height)) for name in INPUT_NAMES
    )
    return AdditiveScorer("test-1", baseline, shapes, {"bucket_edges": [70.0, 50.0, 30.0]})


def test_a_shape_that_falls_is_refused() -> None:
    with pytest.raises(ValueError, match="never fall"):
        ShapeFunction("x", (0.0, 1.0), (0.0, -1.0))
    with pytest.raises(ValueError, match="starting at 0"):
        ShapeFunction("x", (0.0, 1.0), (2.0, 3.0))


@pytest.mark.parametrize(("baseline", "height"), [(10.0, 20.0), (60.0, 20.0), (-50.0, 5.0)])
def test_parts_add_up_to_the_score_within_a_hundredth(baseline: float, height: float) -> None:
    scorer = _scorer(baseline, height)
    rows = RNG.uniform(-0.2, 1.2, size=(200, len(INPUT_NAMES)))
    for breakdown in scorer.breakdowns(rows):
        total = breakdown.baseline + sum(part.points for part in breakdown.contributions)
        assert abs(total - breakdown.score) <= 0.01
        assert 0.0 <= breakdown.score <= 100.0
    assert np.allclose(scorer.scores(rows), [b.score for b in scorer.breakdowns(rows)])


def test_a_score_held_at_100_says_so_in_a_bounds_part() -> None:
    breakdown = _scorer(60.0, 20.0).breakdowns(np.ones((1, len(INPUT_NAMES))))[0]
    assert breakdown.score == 100.0
    assert breakdown.points(BOUNDS_PART) == pytest.approx(-(60.0 + 20.0 * len(INPUT_NAMES) - 100))


def test_the_shipped_score_never_falls_when_an_input_rises() -> None:
    scorer = load_default_scorer()
    assert scorer is not None
    rows = RNG.uniform(0.0, 1.0, size=(100, len(INPUT_NAMES)))
    for column in range(len(INPUT_NAMES)):
        before = scorer.scores(rows)
        raised = rows.copy()
        raised[:, column] = np.minimum(raised[:, column] + RNG.uniform(0, 0.5, 100), 1.0)
        assert np.all(scorer.scores(raised) >= before - 1e-9), INPUT_NAMES[column]
    for shape in scorer.shapes:
        assert np.all(np.diff(shape.values) >= 0)


def test_the_shipped_score_rewards_required_skills_and_years() -> None:
    scorer = load_default_scorer()
    assert scorer is not None
    assert scorer.gain("required_skills", 0.0, 1.0) >= 10.0
    assert scorer.gain("years", 0.0, 1.0) >= 10.0
    # a CV cut from the minimum to a third of it (evaluate_sensitivity's experience_cut)
    assert scorer.gain("years", years_fit(2.0, 6.0), years_fit(6.0, 6.0)) >= 8.0
    assert scorer.metadata["bucket_edges"][0] > scorer.metadata["bucket_edges"][1]


def test_the_shipped_weights_survive_a_json_round_trip() -> None:
    scorer = load_default_scorer()
    assert scorer is not None
    again = AdditiveScorer.from_json(scorer.to_json())
    rows = RNG.uniform(0.0, 1.0, size=(20, len(INPUT_NAMES)))
    assert np.array_equal(again.scores(rows), scorer.scores(rows))


def test_fit_recovers_a_monotone_additive_target() -> None:
    rows = RNG.uniform(0.0, 1.0, size=(600, len(INPUT_NAMES)))
    target = 5.0 + 40.0 * rows[:, 0] + 20.0 * np.sqrt(rows[:, 1])
    scorer = fit_additive_scorer(rows, target, version="fit-test")
    assert np.sqrt(np.mean((scorer.scores(rows) - target) ** 2)) < 2.0
    assert scorer.gain("occupation_fit", 0.0, 1.0) == pytest.approx(40.0, abs=4.0)
    assert all(np.all(np.diff(shape.values) >= 0) for shape in scorer.shapes)


def test_training_target_adds_weak_points_to_the_grade() -> None:
    full, none = np.ones((1, len(INPUT_NAMES))), np.ones((1, len(INPUT_NAMES)))
    none[0, INPUT_NAMES.index("required_skills")] = 0.0
    assert training_target(full, [2])[0] > training_target(none, [2])[0]
    assert training_target(full, [2])[0] > training_target(full, [1])[0]


def test_the_weak_years_credit_falls_steeply_below_the_minimum() -> None:
    rows = np.zeros((4, len(INPUT_NAMES)))
    rows[:, INPUT_NAMES.index("years")] = [years_fit(y, 6.0) for y in (9.0, 6.0, 4.8, 2.0)]
    over, met, short, third = weak_points(rows)
    points, _ = WEAK_POINTS["years"]
    assert over == met == pytest.approx(points)  # nothing more above the minimum
    assert short == pytest.approx(points * 0.8**2)  # a fifth short costs over a third
    assert third == pytest.approx(points / 9.0)  # a third of the minimum keeps a ninth


def test_a_cv_lacking_every_required_skill_scores_below_the_same_cv_with_them() -> None:
    signals = PairSignals(occupation_fit=0.9, cosine=0.4, window_fit=0.5)
    skills = ("python", "django", "postgresql")
    with_them = requirement_features(skills, ())
    without = requirement_features((), skills)
    for scorer in (load_default_scorer(), None):
        first, second = explain_features([with_them, without], [signals, signals], scorer)
        assert second.score < first.score


def test_missing_items_are_priced_most_expensive_first() -> None:
    scorer = _scorer()
    features = requirement_features(("python",), ("django", "postgresql"), years=1.0)
    signals = PairSignals(0.9, 0.4, 0.5, years=1.0, min_years=3.0)
    (pair,) = explain_features([features], [signals], scorer)
    items = missing_items(pair, scorer)
    assert [item.points for item in items] == sorted((i.points for i in items), reverse=True)
    assert {item.label for item in items} >= {"django", "postgresql", "3+ years of experience"}
    years = next(item for item in items if item.kind == "years")
    assert years.points == scorer.gain("years", years_fit(1.0, 3.0), 1.0)
    assert years.advice.startswith("the role asks 3+ years of experience; the CV shows 1 (+")


def test_the_rule_based_fallback_is_additive_too() -> None:
    features = requirement_features(("python",), ("django",))
    breakdown = rule_breakdown(features)
    assert breakdown.score == rule_based_score(features)
    (pair,) = explain_features([features], [PairSignals(0.5, 0.3, 0.3)], None)
    assert isinstance(pair, ExplainedPair)


def test_buckets_use_the_calibrated_edges() -> None:
    scorer = _scorer()
    assert [score_bucket(s, scorer) for s in (70.0, 69.99, 50.0, 30.0, 29.9)] == [
        "strong", "moderate", "moderate", "weak", "not_ats_friendly",
    ]  # fmt: skip
    assert score_bucket(80.0, None) == "strong"


def _top_row(scorer: AdditiveScorer) -> np.ndarray:
    """The inputs at which every shape of ``scorer`` gives its most points."""
    return np.array([[shape.knots[-1] for shape in scorer.shapes]])


def test_no_raw_sum_of_the_shipped_score_can_pass_100_or_fall_below_0() -> None:
    scorer = load_default_scorer()
    assert scorer is not None
    assert scorer.version == "ats-additive-4"
    # trained with the heavier weak years and skills target: its raw fit passed 100 and was
    # brought inside by within_score_range in training
    assert scorer.metadata["rescaled"]["raw_max_before"] > 100.0
    assert scorer.metadata["rescaled"]["scale"] < 1.0
    assert scorer.baseline >= 0.0
    assert scorer.baseline + sum(max(shape.values) for shape in scorer.shapes) <= 100.0
    assert max_score(scorer) >= 99.0  # the whole 0-100 range is used
    (top,) = scorer.breakdowns(_top_row(scorer))
    assert top.points(BOUNDS_PART) == 0.0
    assert top.score == pytest.approx(max_score(scorer), abs=0.01)
    rows = RNG.uniform(-0.5, 2.0, size=(500, len(INPUT_NAMES)))
    assert np.all(scorer.baseline + scorer.raw_parts(rows).sum(axis=1) <= 100.0)
    assert np.all(scorer.parts(rows)[:, -1] == 0.0)  # the bounds part never has to act


def test_every_part_of_a_strong_cv_moves_the_shipped_score() -> None:
    scorer = load_default_scorer()
    assert scorer is not None
    top = _top_row(scorer)
    (best,) = scorer.scores(top)
    for column, shape in enumerate(scorer.shapes):
        lowered = top.copy()
        lowered[0, column] = shape.knots[0]
        (score,) = scorer.scores(lowered)
        assert best - score == pytest.approx(shape.span, abs=0.01), shape.name


def test_cutting_years_below_the_requirement_lowers_a_strong_cvs_score() -> None:
    scorer = load_default_scorer()
    assert scorer is not None
    top = _top_row(scorer)
    years = INPUT_NAMES.index("years")
    top[0, years] = years_fit(8.0, 5.0)
    cut = top.copy()
    cut[0, years] = years_fit(2.0, 5.0)
    (strong,), (shortened,) = scorer.scores(top), scorer.scores(cut)
    assert strong < 100.0
    assert strong - shortened == pytest.approx(
        scorer.gain("years", years_fit(2.0, 5.0), years_fit(8.0, 5.0)), abs=0.01
    )
    assert strong - shortened >= 2.0


def test_the_shipped_scores_parts_add_up_to_the_score_within_a_hundredth() -> None:
    scorer = load_default_scorer()
    assert scorer is not None
    rows = RNG.uniform(-0.2, 1.2, size=(300, len(INPUT_NAMES)))
    for breakdown in scorer.breakdowns(rows):
        total = breakdown.baseline + sum(part.points for part in breakdown.contributions)
        assert abs(total - breakdown.score) <= 0.01
        assert 0.0 <= breakdown.score <= 100.0


def test_within_score_range_keeps_the_order_and_the_buckets() -> None:
    wide = _scorer(baseline=-3.0, height=15.0)  # raw sums from -3 to 162
    rescaled = within_score_range(wide, version="test-2")
    rows = RNG.uniform(0.0, 1.0, size=(400, len(INPUT_NAMES)))
    raw = wide.baseline + wide.raw_parts(rows).sum(axis=1)
    scale = rescaled.metadata["rescaled"]["scale"]

    assert rescaled.version == "test-2"
    assert rescaled.baseline == 0.0
    assert 99.9 <= max_score(rescaled) <= 100.0
    assert rescaled.metadata["rescaled"]["from_version"] == "test-1"
    assert scale == pytest.approx(100.0 / 165.0)
    assert np.allclose(rescaled.scores(rows), scale * (raw + 3.0), atol=0.15)
    order = np.argsort(raw)
    assert np.all(np.diff(rescaled.scores(rows)[order]) >= -0.15)
    edges = rescaled.metadata["bucket_edges"]
    assert edges == [round(scale * (e + 3.0), 2) for e in (70.0, 50.0, 30.0)]
    clear = np.min(np.abs(raw[:, None] - np.array([70.0, 50.0, 30.0])), axis=1) > 0.5
    assert clear.sum() > 300
    assert [score_bucket(s, rescaled) for s in rescaled.scores(rows)[clear]] == [
        score_bucket(s, wide) for s in np.clip(raw[clear], 0.0, 100.0)
    ]


def test_within_score_range_leaves_a_scorer_inside_0_100_as_it_is() -> None:
    inside = _scorer(baseline=5.0, height=2.0)
    again = within_score_range(inside)
    assert again.baseline == inside.baseline
    assert again.shapes == inside.shapes
    assert "rescaled" not in again.metadata
    shipped = load_default_scorer()
    assert shipped is not None
    assert within_score_range(shipped).shapes == shipped.shapes


def test_fit_keeps_a_target_that_passes_100_inside_the_range() -> None:
    rows = RNG.uniform(0.0, 1.0, size=(600, len(INPUT_NAMES)))
    target = 10.0 + 90.0 * rows[:, 0] + 60.0 * rows[:, 1]  # up to 160 points
    scorer = fit_additive_scorer(rows, target, version="fit-wide")
    scores = scorer.scores(rows)
    assert max_score(scorer) <= 100.0
    assert scorer.baseline >= 0.0
    assert np.all(scorer.parts(rows)[:, -1] == 0.0)
    assert np.corrcoef(scores, target)[0, 1] > 0.99
    first, second = (scorer.gain(INPUT_NAMES[j], 0.0, 1.0) for j in (0, 1))
    assert first / second == pytest.approx(90.0 / 60.0, rel=0.1)
    assert scorer.metadata["rescaled"]["raw_max_before"] > 100.0


def test_train_additive_ships_an_in_range_score_with_edges_fitted_on_its_own_scale() -> None:
    jobs = [f"job-{n}" for n in range(40) for _ in range(30)]
    labels = RNG.choice([0, 1, 2], size=len(jobs), p=[0.7, 0.15, 0.15]).astype(float)
    rows = RNG.uniform(0.0, 0.2, size=(len(jobs), len(INPUT_NAMES)))
    rows[:, INPUT_NAMES.index("occupation_fit")] = labels / 2 + RNG.uniform(0, 0.2, len(jobs))
    rows[:, INPUT_NAMES.index("required_skills")] = RNG.uniform(0.0, 1.0, len(jobs))
    rows[:, INPUT_NAMES.index("years")] = RNG.uniform(0.0, 1.0, len(jobs))

    scorer, report = train_additive(rows, labels.tolist(), jobs, version="train-test")

    assert scorer.version == "train-test"
    assert max_score(scorer) <= 100.0
    assert scorer.metadata["rescaled"]["raw_max_before"] > 100.0
    assert scorer.metadata["held_out_jobs"]
    strong, moderate, weak = scorer.metadata["bucket_edges"]
    assert 0.0 <= weak < moderate < strong < max_score(scorer)
    assert report["bucket_edges"] == scorer.metadata["bucket_edges"]
    assert np.all(scorer.parts(rows)[:, -1] == 0.0)
