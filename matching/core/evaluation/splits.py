"""Stable held-out splits of jobs: the same jobs are held out on every machine and every run."""

from __future__ import annotations

import math
from collections.abc import Sequence

from matching.core.occupations.domain_training import held_out_score

DEFAULT_HELD_OUT_FRACTION = 0.3
TOO_FEW_GROUPS = "need at least 2 distinct jobs to hold some out, got {count}"
FRACTION_INVALID = "held-out fraction must be in (0, 1), got {fraction}"


def held_out_groups(
    groups: Sequence[str], fraction: float = DEFAULT_HELD_OUT_FRACTION
) -> frozenset[str]:
    """The jobs held out for evaluation: those whose stable hash falls below ``fraction``.

    This is the project-wide split (``domain_training.is_held_out``), so a job held out here is
    also held out of the domain classifier's split model. When the threshold would leave one side
    empty (few jobs), the ``fraction`` of jobs with the lowest hash are held out instead.

    Args:
        groups: The job id of each pair (repeats allowed).
        fraction: Share of the distinct jobs to hold out.

    Returns:
        The held-out job ids.

    Raises:
        ValueError: With fewer than two distinct jobs or a fraction outside (0, 1).
    """
    if not 0.0 < fraction < 1.0:
        raise ValueError(FRACTION_INVALID.format(fraction=fraction))
    distinct = sorted(set(groups), key=lambda group: (held_out_score(group), group))
    if len(distinct) < 2:
        raise ValueError(TOO_FEW_GROUPS.format(count=len(distinct)))
    held_out = frozenset(group for group in distinct if held_out_score(group) < fraction)
    if 0 < len(held_out) < len(distinct):
        return held_out
    size = min(len(distinct) - 1, max(1, math.ceil(fraction * len(distinct))))
    return frozenset(distinct[:size])


def split_indices(
    groups: Sequence[str], fraction: float = DEFAULT_HELD_OUT_FRACTION
) -> tuple[list[int], list[int]]:
    """Indices of the training pairs and of the held-out pairs (split by job)."""
    held_out = held_out_groups(groups, fraction)
    train = [index for index, group in enumerate(groups) if group not in held_out]
    test = [index for index, group in enumerate(groups) if group in held_out]
    return train, test
