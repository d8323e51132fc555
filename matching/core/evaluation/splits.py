"""Stable held-out splits and cross-validation folds, shared by every trained model.

Items are held out by a stable hash of their id (the same on every machine and every run), so
the domain classifier, score mapper, bucket classifier, affinity model and ranker never see a
held-out job or resume in fitting or tuning.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

HELD_OUT_FRACTION = 0.3
DEFAULT_HELD_OUT_FRACTION = HELD_OUT_FRACTION
SPLIT_SALT = "fairmatch-split-v1"
FOLDS = 5
TOO_FEW_GROUPS = "need at least 2 distinct jobs to hold some out, got {count}"
FRACTION_INVALID = "held-out fraction must be in (0, 1), got {fraction}"


def held_out_score(key: str) -> float:
    """A stable pseudo-random number in [0, 1) for ``key`` (same on every machine and run)."""
    digest = hashlib.sha256(f"{SPLIT_SALT}:{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def is_held_out(key: str, fraction: float = HELD_OUT_FRACTION) -> bool:
    """Whether ``key`` (an item id) falls in the held-out part of the split."""
    return held_out_score(key) < fraction


def held_out_groups(
    groups: Sequence[str], fraction: float = DEFAULT_HELD_OUT_FRACTION
) -> frozenset[str]:
    """The jobs held out for evaluation: those whose stable hash falls below ``fraction``.

    This is the project-wide split (``is_held_out``), so a job held out here is
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


def split_masks(
    job_keys: Sequence[str], resume_keys: Sequence[str], fraction: float = HELD_OUT_FRACTION
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """(train, held_out) masks: held out when job and resume both hash held out."""
    jobs = np.array([is_held_out(key, fraction) for key in job_keys])
    resumes = np.array([is_held_out(key, fraction) for key in resume_keys])
    return ~jobs & ~resumes, jobs & resumes


def fold_of_groups(
    groups: Sequence[str], folds: int = FOLDS, seed: int = 0
) -> npt.NDArray[np.int_]:
    """A fold index per row: distinct groups, sorted, shuffled with ``seed``, dealt in turn."""
    distinct = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(distinct))
    fold = {distinct[index]: rank % folds for rank, index in enumerate(order)}
    return np.array([fold[group] for group in groups], dtype=int)
