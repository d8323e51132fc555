"""Ranking exposure (Singh & Joachims) and score distributions per group, hand-computed."""

import math

import pytest

from fairness.core.exposure import (
    ERROR_K,
    ERROR_POSITION,
    exposure_audit,
    position_weight,
    ranking_exposure,
    score_distributions,
)

# One ranking: a, a, b, a, b, b (positions 1 to 6).
RANKING = ["a", "a", "b", "a", "b", "b"]
EXPOSURE_A = (1.0 + 1 / math.log2(3) + 1 / math.log2(5)) / 3
EXPOSURE_B = (1 / math.log2(4) + 1 / math.log2(6) + 1 / math.log2(7)) / 3


def test_position_weight_is_one_over_log2_of_one_plus_position() -> None:
    assert position_weight(1) == 1.0
    assert position_weight(3) == 0.5
    assert position_weight(7) == 1 / 3


def test_top_k_counts_rates_and_exposure_of_one_ranking() -> None:
    report = ranking_exposure(
        list(range(1, 7)), sensitive_features=RANKING, k=2, min_group_size=1, attribute="g"
    )
    a, b = report.groups

    assert (report.attribute, report.n, report.k, report.reference_group) == ("g", 6, 2, "a")
    assert (a.group, a.count, a.top_k_count, a.selection_rate) == ("a", 3, 2, 2 / 3)
    assert (b.group, b.count, b.top_k_count, b.selection_rate) == ("b", 3, 0, 0.0)
    assert (a.impact_ratio, a.four_fifths_flag) == (1.0, False)
    assert (b.impact_ratio, b.four_fifths_flag) == (0.0, True)
    assert a.exposure == pytest.approx(EXPOSURE_A, rel=1e-12)
    assert round(a.exposure, 6) == 0.687202
    assert round(b.exposure, 6) == 0.414353
    assert a.exposure_ratio == 1.0
    assert b.exposure_ratio == pytest.approx(EXPOSURE_B / EXPOSURE_A, rel=1e-12)


def test_unknowns_are_counted_and_small_groups_suppressed() -> None:
    labels = [*RANKING, None, "not disclosed", "c"]

    report = ranking_exposure(
        list(range(1, 10)), sensitive_features={"g": labels}, k=2, min_group_size=2
    )

    assert report.unknown_count == 2
    assert report.suppressed_groups == ("c",)
    assert [group.group for group in report.groups] == ["a", "b"]
    assert report.groups[0].exposure == pytest.approx(EXPOSURE_A, rel=1e-12)


def test_rankings_of_several_vacancies_are_pooled_by_position() -> None:
    # Vacancy 1 ranks a then b; vacancy 2 ranks b then a: equal exposure, equal top-1 share.
    report = ranking_exposure(
        [1, 2, 1, 2], sensitive_features=["a", "b", "b", "a"], k=1, min_group_size=1
    )

    assert [(g.count, g.top_k_count, g.selection_rate) for g in report.groups] == [
        (2, 1, 0.5),
        (2, 1, 0.5),
    ]
    assert [g.exposure_ratio for g in report.groups] == [1.0, 1.0]
    assert report.groups[0].exposure == (1.0 + 1 / math.log2(3)) / 2


def test_nobody_in_the_top_gives_no_impact_ratio_nor_reference() -> None:
    report = ranking_exposure([3, 4], sensitive_features=["a", "b"], k=2, min_group_size=1)

    assert report.reference_group is None
    assert [g.impact_ratio for g in report.groups] == [None, None]
    assert [g.four_fifths_flag for g in report.groups] == [False, False]


def test_exposure_audit_covers_each_attribute_and_the_intersection() -> None:
    audit = exposure_audit(
        [1, 2, 3, 4],
        sensitive_features={"gender": ["f", "m", "f", "m"], "age": ["<30", "<30", "50+", "50+"]},
        k=1,
        min_group_size=1,
    )

    assert list(audit) == ["gender", "age", "gender+age"]
    assert audit["gender"]["groups"]["f"] == {
        "count": 2,
        "top_k_count": 1,
        "selection_rate": 0.5,
        "impact_ratio": 1.0,
        "four_fifths_flag": False,
        "exposure": 0.75,
        "exposure_ratio": 1.0,
    }
    assert audit["gender+age"]["groups"]["m+50+"]["top_k_count"] == 0
    assert audit["age"]["reference_group"] == "<30"


@pytest.mark.parametrize(
    ("positions", "k", "message"),
    [([0, 1], 1, ERROR_POSITION.format(value=0)), ([1, 2], 0, ERROR_K.format(value=0))],
)
def test_bad_positions_or_k_are_refused(positions: list[int], k: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ranking_exposure(positions, sensitive_features=["a", "b"], k=k, min_group_size=1)


def test_score_distributions_give_five_numbers_per_reported_group() -> None:
    scores = [10.0, 20.0, 30.0, 40.0, 50.0, 99.0, 5.0]
    gender = ["f", "f", "f", "f", "f", "x", None]

    distributions = score_distributions(
        scores, sensitive_features={"gender": gender}, min_group_size=2
    )

    assert distributions == {
        "gender": {
            "unknown_count": 1,
            "suppressed_groups": ["x"],
            "groups": {
                "f": {"count": 5, "min": 10.0, "q1": 20.0, "median": 30.0, "q3": 40.0, "max": 50.0}
            },
        }
    }
