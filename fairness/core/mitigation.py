"""Mitigation what-if: per-group shortlist thresholds from fairlearn's ThresholdOptimizer.

A proposal only: nothing here changes a threshold. The proposal is compared with the current
single threshold on the same rows, with its cost in accuracy against the ground truth.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
from fairlearn.postprocessing import ThresholdOptimizer
from sklearn.base import BaseEstimator

from fairness.core.groups import SensitiveFeatures, partition_rows
from fairness.core.metrics import DEFAULT_MIN_GROUP_SIZE

__all__ = ["Constraint", "GroupThreshold", "MitigationWhatIf", "threshold_what_if"]

Constraint = Literal["demographic_parity", "true_positive_rate_parity"]
CONSTRAINTS: Final[tuple[Constraint, ...]] = ("demographic_parity", "true_positive_rate_parity")

ERROR_CONSTRAINT: Final = "constraint must be one of {choices}, got {value!r}"
ERROR_TOO_FEW_GROUPS: Final = "a what-if needs at least two reported groups, found {count}"


class _ScoreAsPrediction(BaseEstimator):  # type: ignore[misc]
    """A prefit 'estimator' whose prediction is the score column itself."""

    def __sklearn_is_fitted__(self) -> bool:
        return True

    def fit(self, features: Any, labels: Any) -> _ScoreAsPrediction:
        return self

    def predict(self, features: Any) -> npt.NDArray[np.float64]:
        return np.asarray(features, dtype=float)[:, 0]


@dataclass(frozen=True, slots=True)
class GroupThreshold:
    """One group's proposed threshold next to its current selection figures.

    ``mixing`` is fairlearn's randomised rule as ``(probability, threshold)`` pairs (select when
    the score is above the threshold); ``threshold`` is the pair used most often.
    """

    group: str
    count: int
    threshold: float
    mixing: tuple[tuple[float, float], ...]
    current_selection_rate: float
    proposed_selection_rate: float
    current_true_positive_rate: float | None
    proposed_true_positive_rate: float | None


@dataclass(frozen=True, slots=True)
class MitigationWhatIf:
    """Current single threshold versus per-group thresholds, with the utility cost.

    Accuracies and rates of the proposal are expectations over fairlearn's randomised rule.
    ``utility_cost`` is current accuracy minus proposed accuracy (positive: the proposal is
    less accurate). Rows of unknown or suppressed groups are left out of the what-if, and so are
    ``excluded_groups``: groups whose ground truth is all 0 or all 1, for which no threshold can
    be fitted.
    """

    constraint: Constraint
    current_threshold: float
    n: int
    unknown_count: int
    suppressed_groups: tuple[str, ...]
    excluded_groups: tuple[str, ...]
    groups: tuple[GroupThreshold, ...]
    current_accuracy: float
    proposed_accuracy: float
    utility_cost: float
    current_selection_rate_difference: float
    proposed_selection_rate_difference: float
    current_true_positive_rate_difference: float
    proposed_true_positive_rate_difference: float


def _one_class_groups(
    all_labels: npt.NDArray[np.object_], truth: npt.NDArray[np.int_], mask: npt.NDArray[np.bool_]
) -> tuple[str, ...]:
    excluded = []
    for name in sorted(set(all_labels[mask].astype(str).tolist())):
        group_truth = truth[mask & (all_labels == name)]
        if group_truth.min() == group_truth.max():
            excluded.append(name)
    return tuple(excluded)


def _rate(values: npt.NDArray[np.float64], mask: npt.NDArray[np.bool_]) -> float | None:
    return float(values[mask].mean()) if mask.any() else None


def _spread(values: list[float | None]) -> float:
    known = [value for value in values if value is not None]
    return max(known) - min(known) if known else 0.0


def _mixing(rule: dict[str, Any]) -> tuple[tuple[float, float], ...]:
    pairs = [
        (float(rule[f"p{index}"]), float(rule[f"operation{index}"].threshold)) for index in (0, 1)
    ]
    return tuple(pair for pair in pairs if pair[0] > 0)


def _fit(
    scores: npt.NDArray[np.float64],
    labels: npt.NDArray[np.int_],
    groups: npt.NDArray[np.str_],
    constraint: Constraint,
    grid_size: int,
) -> tuple[ThresholdOptimizer, npt.NDArray[np.float64]]:
    optimizer = ThresholdOptimizer(
        estimator=_ScoreAsPrediction(),
        constraints=constraint,
        objective="accuracy_score",
        grid_size=grid_size,
        prefit=True,
        predict_method="predict",
    )
    features = scores.reshape(-1, 1)
    optimizer.fit(features, labels, sensitive_features=groups)
    # The expected 0/1 decision under the randomised rule, so figures do not depend on a draw.
    expected = optimizer._pmf_predict(features, sensitive_features=groups)[:, 1]
    return optimizer, np.asarray(expected, dtype=float)


def threshold_what_if(
    y_true: npt.ArrayLike,
    y_score: npt.ArrayLike,
    *,
    sensitive_features: SensitiveFeatures,
    current_threshold: float,
    constraint: Constraint = "demographic_parity",
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    grid_size: int = 1000,
) -> MitigationWhatIf:
    """Propose per-group thresholds under a fairness constraint and price them in accuracy.

    Args:
        y_true: Ground truth (0/1), e.g. whether the candidate was a good hire.
        y_score: The model's score per row; the current rule selects ``score >= threshold``.
        sensitive_features: One column, or a mapping of columns for an intersection.
        current_threshold: The single shortlist threshold in use today.
        constraint: ``"demographic_parity"`` (equal selection rates) or
            ``"true_positive_rate_parity"`` (equal opportunity).
        min_group_size: Smaller groups are suppressed and left out, like unknown rows.
        grid_size: Threshold grid of fairlearn's search.

    Returns:
        A ``MitigationWhatIf`` comparing the current and the proposed rules on the same rows.

    Raises:
        ValueError: On an unknown constraint or fewer than two groups left to fit.
    """
    if constraint not in CONSTRAINTS:
        raise ValueError(ERROR_CONSTRAINT.format(choices=", ".join(CONSTRAINTS), value=constraint))
    labels = np.asarray(y_true).astype(int).ravel()
    scores = np.asarray(y_score, dtype=float).ravel()
    partition = partition_rows(
        sensitive_features, n=len(scores), min_group_size=min_group_size, attribute=None
    )
    excluded = _one_class_groups(partition.labels, labels, partition.reported_mask)
    mask = partition.reported_mask & ~np.isin(partition.labels, np.array(excluded, dtype=object))
    groups = partition.labels[mask].astype(str)
    names = sorted(set(groups.tolist()))
    if len(names) < 2:
        raise ValueError(ERROR_TOO_FEW_GROUPS.format(count=len(names)))
    labels, scores = labels[mask], scores[mask]
    optimizer, proposed = _fit(scores, labels, groups, constraint, grid_size)
    current = (scores >= current_threshold).astype(float)
    rules = optimizer.interpolated_thresholder_.interpolation_dict
    rows = [
        _group_threshold(name, groups, labels, current, proposed, rules[name]) for name in names
    ]

    def accuracy(predicted: npt.NDArray[np.float64]) -> float:
        return float(np.mean(predicted * labels + (1 - predicted) * (1 - labels)))

    return MitigationWhatIf(
        constraint=constraint,
        current_threshold=current_threshold,
        n=len(partition.labels),
        unknown_count=partition.unknown_count,
        suppressed_groups=partition.suppressed_groups,
        excluded_groups=excluded,
        groups=tuple(rows),
        current_accuracy=accuracy(current),
        proposed_accuracy=accuracy(proposed),
        utility_cost=accuracy(current) - accuracy(proposed),
        current_selection_rate_difference=_spread([row.current_selection_rate for row in rows]),
        proposed_selection_rate_difference=_spread([row.proposed_selection_rate for row in rows]),
        current_true_positive_rate_difference=_spread(
            [row.current_true_positive_rate for row in rows]
        ),
        proposed_true_positive_rate_difference=_spread(
            [row.proposed_true_positive_rate for row in rows]
        ),
    )


def _group_threshold(
    name: str,
    groups: npt.NDArray[np.str_],
    labels: npt.NDArray[np.int_],
    current: npt.NDArray[np.float64],
    proposed: npt.NDArray[np.float64],
    rule: dict[str, Any],
) -> GroupThreshold:
    in_group = groups == name
    positives = in_group & (labels == 1)
    mixing = _mixing(rule)
    return GroupThreshold(
        group=name,
        count=int(in_group.sum()),
        threshold=max(mixing)[1],
        mixing=mixing,
        current_selection_rate=float(current[in_group].mean()),
        proposed_selection_rate=float(proposed[in_group].mean()),
        current_true_positive_rate=_rate(current, positives),
        proposed_true_positive_rate=_rate(proposed, positives),
    )
