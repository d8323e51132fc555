"""The contract of the fairness core's entry points that mutation testing found unpinned
(issue #26): shortlists from scores, and the messages that name a bad argument."""

import re

import numpy as np
import pytest

from fairness.core.groups import ERROR_LENGTH_MISMATCH
from fairness.core.metrics import (
    ERROR_CONFIDENCE_LEVEL,
    ERROR_SHORTLIST_RULE,
    selection_report,
    shortlist,
)
from fairness.core.rates import ERROR_NOT_BINARY

GROUPS = ["a", "b"] * 10


def test_a_top_k_shortlist_breaks_ties_by_row_order() -> None:
    scores = [50.0] * 40 + [90.0, 90.0]

    chosen = shortlist(scores, top_k=12)

    assert chosen.tolist() == [1] * 10 + [0] * 30 + [1, 1]
    assert chosen.dtype.kind == "i"


def test_a_top_k_of_zero_or_less_shortlists_nobody() -> None:
    assert shortlist([3.0, 2.0, 1.0], top_k=0).tolist() == [0, 0, 0]
    assert shortlist([3.0, 2.0, 1.0], top_k=-2).tolist() == [0, 0, 0]


def test_a_threshold_shortlist_includes_the_threshold_and_is_integer() -> None:
    chosen = shortlist([59.99, 60.0, 75.5], threshold=60.0)

    assert chosen.tolist() == [0, 1, 1]
    assert chosen.dtype.kind == "i"


@pytest.mark.parametrize(
    ("top_k", "threshold"), [(None, None), (3, 60.0)], ids=["neither_case", "both_case"]
)
def test_a_shortlist_needs_exactly_one_rule(top_k: int | None, threshold: float | None) -> None:
    with pytest.raises(ValueError, match=f"^{re.escape(ERROR_SHORTLIST_RULE)}$"):
        shortlist([1.0, 2.0], top_k=top_k, threshold=threshold)


@pytest.mark.parametrize("level", [0.0, 1.0, -0.5, 1.5])
def test_a_confidence_level_outside_zero_one_is_refused(level: float) -> None:
    message = ERROR_CONFIDENCE_LEVEL.format(value=level)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        selection_report(None, [0, 1] * 10, sensitive_features=GROUPS, confidence_level=level)


def test_a_non_binary_ground_truth_is_named_in_the_message() -> None:
    message = ERROR_NOT_BINARY.format(name="y_true", value=2)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        selection_report([2] + [0] * 19, [0, 1] * 10, sensitive_features=GROUPS)


def test_a_ground_truth_of_another_length_is_named_in_the_message() -> None:
    message = ERROR_LENGTH_MISMATCH.format(name="y_true", got=10, n=20)
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        selection_report([0, 1] * 5, [0, 1] * 10, sensitive_features=GROUPS, n_bootstrap=0)


def test_the_bootstrap_intervals_are_reproducible_by_default() -> None:
    predictions = np.array([0, 1, 1, 0, 1] * 8)
    groups = ["a", "b"] * 20

    first = selection_report(None, predictions, sensitive_features=groups, min_group_size=5)
    again = selection_report(None, predictions, sensitive_features=groups, min_group_size=5)

    assert first == again
