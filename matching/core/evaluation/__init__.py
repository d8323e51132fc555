"""Evaluation: ranking metrics, the baselines and the project-wide held-out splits and folds.

Public names: ``__all__``; those in ``_LAZY`` load on first use (``matching.core.lazy_exports``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matching.core.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from matching.core.evaluation.evaluation import evaluate_ranking, read_pairs
    from matching.core.evaluation.splits import (
        DEFAULT_HELD_OUT_FRACTION,
        HELD_OUT_FRACTION,
        fold_of_groups,
        held_out_groups,
        held_out_score,
        is_held_out,
        split_indices,
        split_masks,
    )

# Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "DEFAULT_HELD_OUT_FRACTION": "matching.core.evaluation.splits",
    "HELD_OUT_FRACTION": "matching.core.evaluation.splits",
    "evaluate_ranking": "matching.core.evaluation.evaluation",
    "fold_of_groups": "matching.core.evaluation.splits",
    "held_out_groups": "matching.core.evaluation.splits",
    "held_out_score": "matching.core.evaluation.splits",
    "is_held_out": "matching.core.evaluation.splits",
    "read_pairs": "matching.core.evaluation.evaluation",
    "split_indices": "matching.core.evaluation.splits",
    "split_masks": "matching.core.evaluation.splits",
}


__all__ = [
    "DEFAULT_HELD_OUT_FRACTION",
    "HELD_OUT_FRACTION",
    "evaluate_ranking",
    "fold_of_groups",
    "held_out_groups",
    "held_out_score",
    "is_held_out",
    "read_pairs",
    "split_indices",
    "split_masks",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
