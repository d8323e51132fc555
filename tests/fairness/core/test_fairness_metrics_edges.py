"""Fairness metrics at the edges: invalid input, any labels (hypothesis), age bands, shortlists."""

import math
import re
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fairness.core.groups import (
    ERROR_LENGTH_MISMATCH,
    ERROR_MIN_GROUP_SIZE,
    ERROR_NO_FEATURES,
    age_band,
)
from fairness.core.metrics import (
    ERROR_NOT_FINITE,
    ERROR_SHORTLIST_RULE,
    scoring_report,
    selection_report,
    shortlist,
)
from fairness.core.rates import ERROR_NOT_BINARY


# a: 4 of 6 selected, b: 2 of 5, c: 2 of 2 (suppressed at 5), two unknown rows.
@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: selection_report(None, [0, 2], sensitive_features=["a", "b"]),
            ERROR_NOT_BINARY.format(name="y_pred", value=2),
        ),
        (
            lambda: selection_report(None, [0, 1], sensitive_features=["a"]),
            ERROR_LENGTH_MISMATCH.format(name="sensitive_feature", got=1, n=2),
        ),
        (
            lambda: selection_report(None, [0], sensitive_features=["a"], min_group_size=0),
            ERROR_MIN_GROUP_SIZE.format(value=0),
        ),
        (lambda: selection_report(None, [0], sensitive_features={}), ERROR_NO_FEATURES),
        (
            lambda: scoring_report([1.0, math.inf], sensitive_features=["a", "b"]),
            ERROR_NOT_FINITE.format(value=math.inf),
        ),
        (lambda: shortlist([1.0], top_k=1, threshold=0.5), ERROR_SHORTLIST_RULE),
    ],
)
def test_invalid_input_raises_a_clear_error(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        call()


def test_shortlist_by_top_k_and_by_threshold() -> None:
    scores = [0.2, 0.9, 0.5, 0.9, 0.1]

    assert shortlist(scores, top_k=2).tolist() == [0, 1, 0, 1, 0]
    assert shortlist(scores, top_k=3).tolist() == [0, 1, 1, 1, 0]
    assert shortlist(scores, threshold=0.5).tolist() == [0, 1, 1, 1, 0]


labels_strategy = st.one_of(
    st.none(), st.sampled_from(["a", "b", "Unknown", "", "not disclosed"]), st.text(max_size=3)
)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.lists(
        st.tuples(labels_strategy, st.booleans(), st.floats(-1e6, 1e6)),
        min_size=1,
        max_size=60,
    ),
    min_group_size=st.integers(1, 6),
)
def test_rates_and_ratios_stay_in_range_for_any_labels(
    rows: list[tuple[str | None, bool, float]], min_group_size: int
) -> None:
    labels = [row[0] for row in rows]
    selected = [row[1] for row in rows]
    scores = [row[2] for row in rows]

    report = selection_report(
        None, selected, sensitive_features=labels, min_group_size=min_group_size, n_bootstrap=20
    )
    scoring = scoring_report(scores, sensitive_features=labels, min_group_size=min_group_size)

    counted = report.unknown_count + sum(group.count for group in report.groups)
    assert counted <= len(rows)
    for group in report.groups:
        assert group.count >= min_group_size
        assert 0.0 <= group.selection_rate <= 1.0
        assert group.impact_ratio is None or 0.0 <= group.impact_ratio <= 1.0
    for scoring_group in scoring.groups:
        assert 0.0 <= scoring_group.scoring_rate <= 1.0
        assert scoring_group.impact_ratio is None or 0.0 <= scoring_group.impact_ratio <= 1.0
    assert set(report.suppressed_groups).isdisjoint(group.group for group in report.groups)


@pytest.mark.parametrize(
    ("birth_year", "expected"),
    [
        (None, None),
        (1998, "<30"),
        (1997, "30-39"),
        (1988, "30-39"),
        (1987, "40-49"),
        (1978, "40-49"),
        (1977, "50+"),
    ],
)
def test_age_band_in_a_reference_year(birth_year: int | None, expected: str | None) -> None:
    assert age_band(birth_year, reference_year=2027) == expected


def test_scoring_report_of_no_rows_has_no_median() -> None:
    report = scoring_report([], sensitive_features=[])

    assert (report.n, report.median_score, report.groups) == (0, None, ())
