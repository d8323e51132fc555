"""Differentiable batch fairness gaps between groups of one sensitive attribute.

``scores`` are the predicted probabilities of the positive (hired) class. A group id of -1 means
unknown (not disclosed): those rows count for the task loss but never for a gap. Groups absent
from the rows a gap looks at are ignored; fewer than two groups give a gap of zero. The gaps
mirror fairlearn's differences: the largest minus the smallest group rate.
"""

from __future__ import annotations

from typing import Literal

import torch
from torch import Tensor

Constraint = Literal["dp", "eo", "eodds"]
CONSTRAINTS: tuple[Constraint, ...] = ("dp", "eo", "eodds")
UNKNOWN_GROUP = -1
CONSTRAINT_UNKNOWN = "unknown fairness constraint {name!r}: expected dp, eo or eodds"


def group_rate_gap(scores: Tensor, groups: Tensor, mask: Tensor) -> Tensor:
    """Largest minus smallest mean score among the known groups of the masked rows."""
    rates = []
    for group in torch.unique(groups[mask & (groups != UNKNOWN_GROUP)]):
        members = mask & (groups == group)
        rates.append(scores[members].mean())
    if len(rates) < 2:
        return scores.sum() * 0.0
    stacked = torch.stack(rates)
    return stacked.max() - stacked.min()


def demographic_parity_gap(scores: Tensor, groups: Tensor) -> Tensor:
    """Gap in mean predicted positive rate between groups (demographic parity)."""
    return group_rate_gap(scores, groups, torch.ones_like(groups, dtype=torch.bool))


def equal_opportunity_gap(scores: Tensor, labels: Tensor, groups: Tensor) -> Tensor:
    """Gap in mean predicted positive rate among true positives (true positive rates)."""
    return group_rate_gap(scores, groups, labels == 1)


def equalized_odds_gap(scores: Tensor, labels: Tensor, groups: Tensor) -> Tensor:
    """The larger of the true-positive-rate gap and the false-positive-rate gap."""
    return torch.maximum(
        group_rate_gap(scores, groups, labels == 1), group_rate_gap(scores, groups, labels == 0)
    )


def fairness_gap(constraint: Constraint, scores: Tensor, labels: Tensor, groups: Tensor) -> Tensor:
    """The gap named by ``constraint`` (``dp``, ``eo`` or ``eodds``).

    Raises:
        ValueError: For another name.
    """
    if constraint == "dp":
        return demographic_parity_gap(scores, groups)
    if constraint == "eo":
        return equal_opportunity_gap(scores, labels, groups)
    if constraint == "eodds":
        return equalized_odds_gap(scores, labels, groups)
    raise ValueError(CONSTRAINT_UNKNOWN.format(name=constraint))
