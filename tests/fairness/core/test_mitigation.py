import re
from typing import Any

import numpy as np
import pytest

from fairness.core.mitigation import (
    ERROR_CONSTRAINT,
    ERROR_TOO_FEW_GROUPS,
    threshold_what_if,
)


def _synthetic(n: int = 2000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Group b scores 8 points lower than group a at equal merit."""
    rng = np.random.default_rng(0)
    groups = rng.choice(np.array(["a", "b"]), size=n)
    labels = rng.integers(0, 2, size=n)
    scores = rng.normal(50, 10, size=n) + 15 * labels - 8 * (groups == "b")
    return groups, labels, scores


def test_demographic_parity_proposal_equalises_selection_rates() -> None:
    groups, labels, scores = _synthetic()

    what_if = threshold_what_if(labels, scores, sensitive_features=groups, current_threshold=57.0)

    assert what_if.constraint == "demographic_parity"
    assert (what_if.n, what_if.unknown_count, what_if.suppressed_groups) == (2000, 0, ())
    group_a, group_b = what_if.groups
    assert (group_a.group, group_b.group) == ("a", "b")
    assert group_a.count + group_b.count == 2000
    assert group_b.threshold < group_a.threshold
    assert what_if.current_selection_rate_difference > 0.15
    assert what_if.proposed_selection_rate_difference < 0.01
    for group in what_if.groups:
        assert sum(probability for probability, _ in group.mixing) == pytest.approx(1.0)


def test_current_figures_equal_a_direct_computation() -> None:
    groups, labels, scores = _synthetic()
    current = scores >= 57.0

    what_if = threshold_what_if(labels, scores, sensitive_features=groups, current_threshold=57.0)

    assert what_if.current_accuracy == pytest.approx(np.mean(current == labels.astype(bool)))
    assert what_if.utility_cost == what_if.current_accuracy - what_if.proposed_accuracy
    for group in what_if.groups:
        rows = groups == group.group
        assert group.current_selection_rate == pytest.approx(current[rows].mean())
        assert group.current_true_positive_rate == pytest.approx(
            current[rows & (labels == 1)].mean()
        )
    rates = [group.current_selection_rate for group in what_if.groups]
    assert what_if.current_selection_rate_difference == pytest.approx(max(rates) - min(rates))


def test_true_positive_rate_parity_proposal_equalises_opportunity() -> None:
    groups, labels, scores = _synthetic()

    what_if = threshold_what_if(
        labels,
        scores,
        sensitive_features=groups,
        current_threshold=57.0,
        constraint="true_positive_rate_parity",
    )

    assert what_if.current_true_positive_rate_difference > 0.2
    assert what_if.proposed_true_positive_rate_difference < 0.01


def test_unknown_and_suppressed_rows_are_left_out() -> None:
    groups, labels, scores = _synthetic()
    groups = groups.astype(object)
    groups[:10] = None
    groups[10:13] = "c"

    what_if = threshold_what_if(labels, scores, sensitive_features=groups, current_threshold=57.0)

    assert what_if.unknown_count == 10
    assert what_if.suppressed_groups == ("c",)
    assert what_if.excluded_groups == ()
    assert sum(group.count for group in what_if.groups) == 1987


def test_groups_with_one_outcome_class_are_excluded_and_named() -> None:
    groups, labels, scores = _synthetic()
    groups = groups.astype(object)
    groups[:6] = "d"
    labels[:6] = 0

    what_if = threshold_what_if(labels, scores, sensitive_features=groups, current_threshold=57.0)

    assert what_if.excluded_groups == ("d",)
    assert [group.group for group in what_if.groups] == ["a", "b"]
    assert sum(group.count for group in what_if.groups) == 1994


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"constraint": "equalized_odds"},
            ERROR_CONSTRAINT.format(
                choices="demographic_parity, true_positive_rate_parity", value="equalized_odds"
            ),
        ),
        ({"groups": ["a"] * 12}, ERROR_TOO_FEW_GROUPS.format(count=1)),
        ({"labels": [1] * 6 + [0, 1] * 3}, ERROR_TOO_FEW_GROUPS.format(count=1)),
    ],
)
def test_invalid_what_if_raises_a_clear_error(kwargs: dict[str, object], message: str) -> None:
    groups: Any = kwargs.pop("groups", ["a"] * 6 + ["b"] * 6)
    labels: Any = kwargs.pop("labels", [0, 1] * 6)

    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        threshold_what_if(
            labels,
            list(range(12)),
            sensitive_features=groups,
            current_threshold=5.0,
            **kwargs,  # type: ignore[arg-type]
        )
