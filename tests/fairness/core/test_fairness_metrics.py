from fractions import Fraction

import numpy as np
import pytest
from fairlearn.metrics import (
    MetricFrame,
    demographic_parity_difference,
    demographic_parity_ratio,
    equal_opportunity_difference,
    equalized_odds_difference,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)

from fairness.core.groups import (
    group_labels,
    is_unknown,
)
from fairness.core.metrics import (
    impact_ratios,
    scoring_report,
    selection_report,
)
from fairness.core.reports import attribute_report_dict

# a: 4 of 6 selected, b: 2 of 5, c: 2 of 2 (suppressed at 5), two unknown rows.
TINY_RACE = ["a"] * 6 + ["b"] * 5 + ["c"] * 2 + [None, "Not Disclosed"]
TINY_SELECTED = [1, 1, 1, 1, 0, 0] + [1, 1, 0, 0, 0] + [1, 1] + [1, 0]


def _synthetic(seed: int, n: int = 600) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    race = rng.choice(np.array(["asian", "black", "white"]), size=n, p=[0.2, 0.3, 0.5])
    gender = rng.choice(np.array(["f", "m"]), size=n)
    y_true = rng.integers(0, 2, size=n)
    base = np.where(race == "white", 0.5, 0.3) + np.where(gender == "m", 0.1, 0.0)
    y_pred = (rng.random(n) < base).astype(int)
    return race, gender, y_true, y_pred


def test_tiny_table_exact_values() -> None:
    report = selection_report(
        None, TINY_SELECTED, sensitive_features=TINY_RACE, attribute="race", n_bootstrap=0
    )

    assert report.attribute == "race"
    assert report.n == 15
    assert report.unknown_count == 2
    assert report.suppressed_groups == ("c",)
    assert [group.group for group in report.groups] == ["a", "b"]
    assert report.reference_group == "a"
    group_a, group_b = report.group("a"), report.group("b")
    assert (group_a.count, group_a.selected) == (6, 4)
    assert group_a.selection_rate == pytest.approx(4 / 6)
    assert group_a.impact_ratio == pytest.approx(1.0)
    assert group_a.four_fifths_flag is False
    assert (group_b.count, group_b.selected) == (5, 2)
    assert group_b.selection_rate == pytest.approx(0.4)
    assert group_b.impact_ratio == pytest.approx(0.6)
    assert group_b.four_fifths_flag is True
    assert group_b.selection_rate_ci is None
    assert report.demographic_parity_difference == pytest.approx(4 / 6 - 0.4)
    assert report.demographic_parity_ratio == pytest.approx(0.6)
    assert report.equal_opportunity_difference is None
    assert report.equalized_odds_difference is None


def test_suppressed_group_shows_no_figure_and_is_never_the_reference() -> None:
    report = selection_report(None, TINY_SELECTED, sensitive_features=TINY_RACE, n_bootstrap=0)

    with pytest.raises(KeyError):
        report.group("c")
    data = attribute_report_dict(report)
    assert data["suppressed_groups"] == ["c"]
    assert sorted(data["groups"]) == ["a", "b"]
    assert data["reference_group"] == "a"


def test_smaller_min_group_size_reports_the_small_group() -> None:
    report = selection_report(
        None, TINY_SELECTED, sensitive_features=TINY_RACE, min_group_size=2, n_bootstrap=0
    )

    assert report.suppressed_groups == ()
    assert report.reference_group == "c"
    assert report.group("a").impact_ratio == pytest.approx(4 / 6)
    assert report.group("a").four_fifths_flag is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, True),
        (float("nan"), True),
        ("", True),
        ("  ", True),
        ("not disclosed", True),
        ("Not Disclosed", True),
        ("NOT_DISCLOSED", True),
        ("Unknown", True),
        ("female", False),
        (0, False),
        ("none", False),
    ],
)
def test_is_unknown(value: object, expected: bool) -> None:
    assert is_unknown(value) is expected


def test_unknown_rows_are_counted_and_left_out_of_rates() -> None:
    race = ["a"] * 5 + ["b"] * 5 + ["", "unknown", None]
    selected = [1] * 5 + [0, 0, 0, 0, 1] + [1, 1, 1]

    report = selection_report(None, selected, sensitive_features=race, n_bootstrap=0)

    assert report.unknown_count == 3
    assert report.group("a").selection_rate == pytest.approx(1.0)
    assert report.group("b").selection_rate == pytest.approx(0.2)
    assert report.suppressed_groups == ()


def test_intersection_labels_join_values_and_any_unknown_part_is_unknown() -> None:
    name, labels = group_labels(
        {"race": ["black", "white", "black", None], "gender": ["f", "m", "", "f"]}
    )

    assert name == "race+gender"
    assert labels == ["black+f", "white+m", None, None]


def test_intersection_report_matches_fairlearn_on_joined_labels() -> None:
    race, gender, _, y_pred = _synthetic(seed=3)

    report = selection_report(
        None,
        y_pred,
        sensitive_features={"race": race, "gender": gender},
        n_bootstrap=0,
    )

    frame = MetricFrame(
        metrics=selection_rate,
        y_true=y_pred,
        y_pred=y_pred,
        sensitive_features={"race": race, "gender": gender},
    )
    assert report.attribute == "race+gender"
    assert len(report.groups) == 6
    for (race_value, gender_value), rate in frame.by_group.items():
        group = report.group(f"{race_value}+{gender_value}")
        assert group.selection_rate == pytest.approx(rate)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_every_figure_equals_fairlearn(seed: int) -> None:
    race, _, y_true, y_pred = _synthetic(seed=seed)

    report = selection_report(y_true, y_pred, sensitive_features=race, n_bootstrap=0)

    for group in report.groups:
        rows = race == group.group
        assert group.count == int(rows.sum())
        assert group.selection_rate == pytest.approx(selection_rate(y_true[rows], y_pred[rows]))
        assert group.true_positive_rate == pytest.approx(
            true_positive_rate(y_true[rows], y_pred[rows])
        )
        assert group.false_positive_rate == pytest.approx(
            false_positive_rate(y_true[rows], y_pred[rows])
        )
    kwargs = {"sensitive_features": race}
    assert report.demographic_parity_difference == pytest.approx(
        demographic_parity_difference(y_true, y_pred, **kwargs)
    )
    assert report.demographic_parity_ratio == pytest.approx(
        demographic_parity_ratio(y_true, y_pred, **kwargs)
    )
    assert report.equal_opportunity_difference == pytest.approx(
        equal_opportunity_difference(y_true, y_pred, **kwargs)
    )
    assert report.equalized_odds_difference == pytest.approx(
        equalized_odds_difference(y_true, y_pred, **kwargs)
    )


def test_disparities_equal_fairlearn_on_reported_rows_only() -> None:
    race = np.array(TINY_RACE, dtype=object)
    selected = np.array(TINY_SELECTED)
    reported = np.isin(race, ["a", "b"])

    report = selection_report(None, selected, sensitive_features=TINY_RACE, n_bootstrap=0)

    kwargs = {"sensitive_features": race[reported].astype(str)}
    y_reported = selected[reported]
    assert report.demographic_parity_difference == pytest.approx(
        demographic_parity_difference(y_reported, y_reported, **kwargs)
    )
    assert report.demographic_parity_ratio == pytest.approx(
        demographic_parity_ratio(y_reported, y_reported, **kwargs)
    )


def test_impact_ratios_with_no_selection_are_undefined_and_not_flagged() -> None:
    report = selection_report(None, [0] * 10, sensitive_features=["a"] * 5 + ["b"] * 5)

    assert [group.impact_ratio for group in report.groups] == [None, None]
    assert [group.four_fifths_flag for group in report.groups] == [False, False]
    assert report.demographic_parity_difference == 0.0
    assert report.demographic_parity_ratio is None


def test_impact_ratios_reference_ties_take_the_first_sorted_group() -> None:
    reference, ratios = impact_ratios(
        {"b": Fraction(1, 2), "a": Fraction(2, 4), "c": Fraction(1, 4)}
    )

    assert reference == "a"
    assert ratios == {"b": 1, "a": 1, "c": Fraction(1, 2)}


def test_an_impact_ratio_of_exactly_four_fifths_is_not_flagged() -> None:
    # 6/10 against 6/8: 0.6 / 0.75 is 0.7999999999999999 in floating point.
    groups = ["f"] * 10 + ["m"] * 8
    selected = [1] * 6 + [0] * 4 + [1] * 6 + [0] * 2

    report = selection_report(None, selected, sensitive_features=groups, n_bootstrap=0)

    assert report.group("f").impact_ratio == 0.8
    assert report.group("f").four_fifths_flag is False


def test_bootstrap_intervals_are_seeded_and_contain_the_rate() -> None:
    race, _, _, y_pred = _synthetic(seed=5)

    first = selection_report(None, y_pred, sensitive_features=race, n_bootstrap=500, random_state=7)
    second = selection_report(
        None, y_pred, sensitive_features=race, n_bootstrap=500, random_state=7
    )

    for group, again in zip(first.groups, second.groups, strict=True):
        interval = group.selection_rate_ci
        assert interval is not None
        assert interval == again.selection_rate_ci
        assert interval.level == 0.95
        assert interval.low <= group.selection_rate <= interval.high
        assert interval.high - interval.low < 0.25


def test_all_groups_suppressed_gives_an_empty_report() -> None:
    report = selection_report(None, [1, 0, 1], sensitive_features=["a", "b", "c"])

    assert report.groups == ()
    assert report.suppressed_groups == ("a", "b", "c")
    assert report.reference_group is None
    assert report.demographic_parity_difference is None


def test_scoring_rate_is_the_share_above_the_whole_sample_median() -> None:
    # Median of all 12 scores (unknown rows included) is 55.
    scores = [10, 20, 60, 70, 80] + [30, 40, 50, 90, 95] + [55, 55]
    groups = ["a"] * 5 + ["b"] * 5 + [None, None]

    report = scoring_report(scores, sensitive_features=groups, attribute="gender")

    assert report.median_score == 55.0
    assert report.unknown_count == 2
    assert report.reference_group == "a"
    assert report.group("a").scoring_rate == pytest.approx(0.6)
    assert report.group("b").scoring_rate == pytest.approx(0.4)
    assert report.group("b").impact_ratio == pytest.approx(0.4 / 0.6)
    assert report.group("b").four_fifths_flag is True


def test_scoring_rates_equal_fairlearn_selection_rate_above_median() -> None:
    race, _, _, _ = _synthetic(seed=9)
    scores = np.random.default_rng(9).normal(50, 15, size=len(race))
    above = (scores > np.median(scores)).astype(int)

    report = scoring_report(scores, sensitive_features=race)

    for group in report.groups:
        rows = race == group.group
        assert group.scoring_rate == pytest.approx(selection_rate(above[rows], above[rows]))


def test_attribute_report_dict_merges_scoring_figures() -> None:
    scores = list(range(15))
    selection = selection_report(None, TINY_SELECTED, sensitive_features=TINY_RACE, n_bootstrap=0)
    scoring = scoring_report(scores, sensitive_features=TINY_RACE)

    data = attribute_report_dict(selection, scoring)

    assert data["unknown_count"] == 2
    assert data["groups"]["b"] == {
        "count": 5,
        "selection_rate": pytest.approx(0.4),
        "impact_ratio": pytest.approx(0.6),
        "four_fifths_flag": True,
        "scoring_rate": pytest.approx(0.6),
        "scoring_impact_ratio": pytest.approx(1.0),
        "scoring_four_fifths_flag": False,
    }
    assert data["groups"]["a"]["scoring_rate"] == 0.0
    assert data["scoring_reference_group"] == "b"
    assert data["median_score"] == 7.0
