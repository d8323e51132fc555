"""Batch fairness gaps on a hand-made batch: exact values."""

import pytest
import torch

from fairness.training.losses import (
    demographic_parity_gap,
    equal_opportunity_gap,
    equalized_odds_gap,
    fairness_gap,
)

SCORES = torch.tensor([0.9, 0.7, 0.2, 0.4, 0.5])
LABELS = torch.tensor([1, 0, 1, 0, 1])
GROUPS = torch.tensor([0, 0, 1, 1, -1])


def test_demographic_parity_gap_ignores_unknown_group() -> None:
    # group 0 mean 0.8, group 1 mean 0.3; the unknown row (0.5) counts for neither
    assert demographic_parity_gap(SCORES, GROUPS).item() == pytest.approx(0.5, abs=1e-6)


def test_equal_opportunity_gap_uses_true_positives_only() -> None:
    assert equal_opportunity_gap(SCORES, LABELS, GROUPS).item() == pytest.approx(0.7, abs=1e-6)


def test_equalized_odds_gap_is_the_larger_of_tpr_and_fpr_gaps() -> None:
    # TPR gap 0.9 - 0.2 = 0.7, FPR gap 0.7 - 0.4 = 0.3
    assert equalized_odds_gap(SCORES, LABELS, GROUPS).item() == pytest.approx(0.7, abs=1e-6)


def test_gap_with_one_known_group_is_zero() -> None:
    groups = torch.tensor([0, 0, -1, -1, -1])

    assert fairness_gap("dp", SCORES, LABELS, groups).item() == 0.0


def test_gap_is_differentiable() -> None:
    scores = SCORES.clone().requires_grad_(True)

    fairness_gap("dp", scores, LABELS, GROUPS).backward()

    assert scores.grad is not None
    assert scores.grad.tolist() == pytest.approx([0.5, 0.5, -0.5, -0.5, 0.0])


def test_unknown_constraint_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown fairness constraint 'parity'"):
        fairness_gap("parity", SCORES, LABELS, GROUPS)  # type: ignore[arg-type]
