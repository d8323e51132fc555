"""Fairness of rankings (exposure per group) and score distributions per group.

Exposure follows Singh & Joachims, "Fairness of Exposure in Rankings" (KDD 2018): the item at
1-based position ``j`` of a ranking gets the attention weight ``1 / log2(1 + j)`` and a group's
exposure is the mean weight of its members. Several rankings (one per vacancy) are pooled by
giving each row its position in its own ranking: a group's exposure is then the mean weight over
all its (candidate, vacancy) rows, and its top-k counts are summed over the rankings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np

from fairness.core.groups import INTERSECTION_SEPARATOR, FeatureColumn, partition_rows

__all__ = [
    "FOUR_FIFTHS",
    "GroupExposure",
    "ExposureReport",
    "exposure_audit",
    "exposure_report_dict",
    "position_weight",
    "ranking_exposure",
    "score_distributions",
]

FOUR_FIFTHS: Final = 0.8
ERROR_POSITION: Final = "ranking positions start at 1, got {value}"
ERROR_K: Final = "k must be at least 1, got {value}"


@dataclass(frozen=True, slots=True)
class GroupExposure:
    """One reported group's place in the rankings."""

    group: str
    count: int
    top_k_count: int
    selection_rate: float
    impact_ratio: float | None
    four_fifths_flag: bool
    exposure: float
    exposure_ratio: float | None


@dataclass(frozen=True, slots=True)
class ExposureReport:
    """Top-k selection rates and exposure per reported group of one attribute."""

    attribute: str
    n: int
    k: int
    unknown_count: int
    min_group_size: int
    suppressed_groups: tuple[str, ...]
    groups: tuple[GroupExposure, ...]
    reference_group: str | None


def position_weight(position: int) -> float:
    """Return the attention weight ``1 / log2(1 + position)`` of a 1-based ranking position.

    Raises:
        ValueError: If ``position`` < 1.
    """
    if position < 1:
        raise ValueError(ERROR_POSITION.format(value=position))
    return 1.0 / math.log2(1 + position)


def _ratio(value: float, best: float) -> float | None:
    return value / best if best > 0 else None


def ranking_exposure(
    positions: Sequence[int],
    *,
    sensitive_features: Mapping[str, FeatureColumn] | FeatureColumn,
    k: int,
    min_group_size: int,
    attribute: str | None = None,
) -> ExposureReport:
    """Count each group in the top ``k`` and measure its exposure.

    Args:
        positions: Each row's 1-based position in its own ranking (one vacancy's, or several).
        sensitive_features: One group column, or several joined as an intersection.
        k: Size of the top of each ranking (the shortlist).
        min_group_size: Groups with fewer rows are suppressed from every figure.
        attribute: Name of a single column.

    Returns:
        Per reported group: rows, rows in the top k, the share in the top k, its ratio to the
        most selected group (flagged under 0.8), mean exposure and its ratio to the most exposed.
        Unknown values are counted; suppressed groups are named without figures.

    Raises:
        ValueError: If ``k`` < 1, a position < 1, or the columns do not match ``positions``.
    """
    if k < 1:
        raise ValueError(ERROR_K.format(value=k))
    weights = np.array([position_weight(int(position)) for position in positions], dtype=float)
    in_top = np.array([int(position) <= k for position in positions], dtype=bool)
    partition = partition_rows(
        sensitive_features, n=len(weights), min_group_size=min_group_size, attribute=attribute
    )
    labels = partition.labels
    names = sorted({str(label) for label in labels[partition.reported_mask]})
    figures = []
    for name in names:
        mask = partition.reported_mask & (labels == name)
        count = int(mask.sum())
        figures.append((name, count, int(in_top[mask].sum()), float(weights[mask].mean())))
    best_rate = max((top / count for _, count, top, _ in figures), default=0.0)
    best_exposure = max((exposure for *_, exposure in figures), default=0.0)
    groups = []
    for name, count, top, exposure in figures:
        impact = _ratio(top / count, best_rate)
        groups.append(
            GroupExposure(
                group=name,
                count=count,
                top_k_count=top,
                selection_rate=top / count,
                impact_ratio=impact,
                four_fifths_flag=impact is not None and impact < FOUR_FIFTHS,
                exposure=exposure,
                exposure_ratio=_ratio(exposure, best_exposure),
            )
        )
    reference = max(groups, key=lambda group: group.selection_rate, default=None)
    return ExposureReport(
        attribute=partition.attribute,
        n=len(weights),
        k=k,
        unknown_count=partition.unknown_count,
        min_group_size=min_group_size,
        suppressed_groups=partition.suppressed_groups,
        groups=tuple(groups),
        reference_group=reference.group if reference is not None and best_rate > 0 else None,
    )


def exposure_report_dict(report: ExposureReport) -> dict[str, Any]:
    """The JSON-ready form, shaped like the selection reports (``groups`` keyed by value)."""
    return {
        "unknown_count": report.unknown_count,
        "suppressed_groups": list(report.suppressed_groups),
        "reference_group": report.reference_group,
        "groups": {
            group.group: {
                "count": group.count,
                "top_k_count": group.top_k_count,
                "selection_rate": group.selection_rate,
                "impact_ratio": group.impact_ratio,
                "four_fifths_flag": group.four_fifths_flag,
                "exposure": group.exposure,
                "exposure_ratio": group.exposure_ratio,
            }
            for group in report.groups
        },
    }


def _scopes(
    sensitive_features: Mapping[str, FeatureColumn],
) -> dict[str, Mapping[str, FeatureColumn]]:
    scopes: dict[str, Mapping[str, FeatureColumn]] = {
        name: {name: column} for name, column in sensitive_features.items()
    }
    if len(sensitive_features) > 1:
        scopes[INTERSECTION_SEPARATOR.join(sensitive_features)] = sensitive_features
    return scopes


def exposure_audit(
    positions: Sequence[int],
    *,
    sensitive_features: Mapping[str, FeatureColumn],
    k: int,
    min_group_size: int,
) -> dict[str, dict[str, Any]]:
    """``{attribute or "a+b": exposure_report_dict(...)}`` for each attribute and the intersection.

    Args:
        positions: Each row's 1-based position in its own ranking.
        sensitive_features: Attribute name to column; the intersection joins them in this order.
        k: Size of the top of each ranking.
        min_group_size: Groups with fewer rows are suppressed from every figure.
    """
    return {
        scope: exposure_report_dict(
            ranking_exposure(
                positions, sensitive_features=columns, k=k, min_group_size=min_group_size
            )
        )
        for scope, columns in _scopes(sensitive_features).items()
    }


def _summary(values: Sequence[float]) -> dict[str, float | int]:
    low, q1, median, q3, high = np.percentile(np.asarray(values, dtype=float), [0, 25, 50, 75, 100])
    return {
        "count": len(values),
        "min": float(low),
        "q1": float(q1),
        "median": float(median),
        "q3": float(q3),
        "max": float(high),
    }


def score_distributions(
    scores: Sequence[float],
    *,
    sensitive_features: Mapping[str, FeatureColumn],
    min_group_size: int,
) -> dict[str, dict[str, Any]]:
    """Box-plot figures (count, min, q1, median, q3, max) of the scores of each reported group.

    Args:
        scores: One score per row.
        sensitive_features: Attribute name to column; the intersection joins them in this order.
        min_group_size: Groups with fewer rows are suppressed (named, without figures).

    Returns:
        ``{attribute: {"unknown_count", "suppressed_groups", "groups": {value: {...}}}}``.

    Raises:
        ValueError: If a column does not have one value per score.
    """
    distributions: dict[str, dict[str, Any]] = {}
    for scope, columns in _scopes(sensitive_features).items():
        partition = partition_rows(
            columns, n=len(scores), min_group_size=min_group_size, attribute=None
        )
        values: dict[str, list[float]] = {}
        for label, score, reported in zip(
            partition.labels, scores, partition.reported_mask, strict=True
        ):
            if reported:
                values.setdefault(str(label), []).append(float(score))
        distributions[scope] = {
            "unknown_count": partition.unknown_count,
            "suppressed_groups": list(partition.suppressed_groups),
            "groups": {name: _summary(values[name]) for name in sorted(values)},
        }
    return distributions
