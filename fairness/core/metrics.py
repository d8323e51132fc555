"""Group fairness metrics on fairlearn's ``MetricFrame``: rates, impact ratios, suppression.

Every function takes fairlearn's signature shape, ``(y_true, y_pred, *, sensitive_features,
min_group_size, ...)``. Unknown values (``None``, NaN, ``""``, "not disclosed", "unknown") form no
group: they are counted in ``unknown_count`` and left out of every rate. Groups smaller than
``min_group_size`` are suppressed: named in ``suppressed_groups`` and left out of every figure,
including the choice of the impact-ratio reference group and the disparity differences.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Final

import numpy as np
import numpy.typing as npt
from fairlearn.metrics import (
    MetricFrame,
    count,
    false_positive_rate,
    selection_rate,
    true_positive_rate,
)

from fairness.core.groups import (
    ERROR_LENGTH_MISMATCH,
    INTERSECTION_SEPARATOR,
    UNKNOWN_VALUES,
    SensitiveFeatures,
    group_labels,
    is_unknown,
    partition_rows,
)
from fairness.core.rates import (
    FOUR_FIFTHS_THRESHOLD,
    binary,
    bootstrap_interval,
    exact_rates,
    finite_or_none,
    impact_ratios,
    ratio_figures,
)
from fairness.core.reports import (
    DisparityReport,
    GroupRate,
    ScoringGroupRate,
    ScoringReport,
)

__all__ = [
    "DEFAULT_MIN_GROUP_SIZE",
    "FOUR_FIFTHS_THRESHOLD",
    "INTERSECTION_SEPARATOR",
    "UNKNOWN_VALUES",
    "group_labels",
    "impact_ratios",
    "is_unknown",
    "scoring_report",
    "selection_report",
    "shortlist",
]

DEFAULT_MIN_GROUP_SIZE: Final = 5

ERROR_CONFIDENCE_LEVEL: Final = "confidence_level must be strictly between 0 and 1, got {value}"
ERROR_NOT_FINITE: Final = "scores must be finite numbers; found {value!r}"
ERROR_SHORTLIST_RULE: Final = "give exactly one of top_k or threshold"


def selection_report(
    y_true: npt.ArrayLike | None,
    y_pred: npt.ArrayLike,
    *,
    sensitive_features: SensitiveFeatures,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    n_bootstrap: int = 1000,
    confidence_level: float = 0.95,
    random_state: int | None = 0,
    attribute: str | None = None,
) -> DisparityReport:
    """Per-group selection rates, impact ratios and disparities for a binary outcome.

    Args:
        y_true: Ground truth (0/1) when it exists, for true/false positive rates, equal
            opportunity and equalized odds differences; ``None`` otherwise.
        y_pred: The outcome audited (0/1): selected, advanced, shortlisted, hired.
        sensitive_features: One column, or a mapping of columns for an intersection.
        min_group_size: Groups with fewer rows are suppressed from every figure.
        n_bootstrap: Bootstrap resamples for the selection-rate intervals (0: no intervals).
        confidence_level: Two-sided level of the intervals.
        random_state: Seed of the numpy generator used by the bootstrap.
        attribute: Name of a single column (ignored for a mapping).

    Returns:
        A ``DisparityReport`` whose figures equal fairlearn's on the reported groups' rows.

    Raises:
        ValueError: On non-binary outcomes, mismatched lengths or invalid settings.
    """
    if not 0.0 < confidence_level < 1.0:
        raise ValueError(ERROR_CONFIDENCE_LEVEL.format(value=confidence_level))
    predictions = binary(y_pred, name="y_pred")
    truth = None if y_true is None else binary(y_true, name="y_true")
    if truth is not None and len(truth) != len(predictions):
        raise ValueError(
            ERROR_LENGTH_MISMATCH.format(name="y_true", got=len(truth), n=len(predictions))
        )
    partition = partition_rows(
        sensitive_features, n=len(predictions), min_group_size=min_group_size, attribute=attribute
    )
    report = DisparityReport(
        attribute=partition.attribute,
        n=len(predictions),
        unknown_count=partition.unknown_count,
        min_group_size=min_group_size,
        suppressed_groups=partition.suppressed_groups,
        groups=(),
        reference_group=None,
        demographic_parity_difference=None,
        demographic_parity_ratio=None,
    )
    mask = partition.reported_mask
    if not mask.any():
        return report
    metrics: dict[str, Any] = {"count": count, "selection_rate": selection_rate}
    if truth is not None:
        metrics |= {"true_positive_rate": true_positive_rate}
        metrics |= {"false_positive_rate": false_positive_rate}
    frame = MetricFrame(
        metrics=metrics,
        y_true=(truth if truth is not None else predictions)[mask],
        y_pred=predictions[mask],
        sensitive_features={"group": partition.labels[mask].astype(str)},
    )
    rng = np.random.default_rng(random_state)
    groups = _group_rates(frame.by_group, rng=rng, n_bootstrap=n_bootstrap, level=confidence_level)
    reference, _ = impact_ratios(exact_rates(frame.by_group, "selection_rate"))
    differences = frame.difference()
    gaps = _ground_truth_gaps(differences) if truth is not None else (None, None)
    return replace(
        report,
        groups=groups,
        reference_group=reference,
        demographic_parity_difference=finite_or_none(differences["selection_rate"]),
        demographic_parity_ratio=finite_or_none(frame.ratio()["selection_rate"]),
        equal_opportunity_difference=gaps[0],
        equalized_odds_difference=gaps[1],
    )


def _group_rates(
    by_group: Any, *, rng: np.random.Generator, n_bootstrap: int, level: float
) -> tuple[GroupRate, ...]:
    rates = exact_rates(by_group, "selection_rate")
    _, ratios = impact_ratios(rates)
    groups = []
    for group in sorted(rates):
        size = int(by_group.loc[group, "count"])
        rate = float(by_group.loc[group, "selection_rate"])
        interval = None
        if n_bootstrap > 0:
            interval = bootstrap_interval(
                rng=rng, size=size, rate=rate, n_bootstrap=n_bootstrap, level=level
            )
        impact_ratio, flag = ratio_figures(ratios[group])
        groups.append(
            GroupRate(
                group=group,
                count=size,
                selected=round(rate * size),
                selection_rate=rate,
                impact_ratio=impact_ratio,
                four_fifths_flag=flag,
                selection_rate_ci=interval,
                true_positive_rate=_metric(by_group, group, "true_positive_rate"),
                false_positive_rate=_metric(by_group, group, "false_positive_rate"),
            )
        )
    return tuple(groups)


def _ground_truth_gaps(differences: Any) -> tuple[float | None, float | None]:
    # fairlearn's equal_opportunity_difference is the TPR gap; equalized odds the larger of the
    # TPR and FPR gaps.
    true_positive_gap = finite_or_none(differences["true_positive_rate"])
    false_positive_gap = finite_or_none(differences["false_positive_rate"])
    equalized_odds = None
    if true_positive_gap is not None and false_positive_gap is not None:
        equalized_odds = max(true_positive_gap, false_positive_gap)
    return true_positive_gap, equalized_odds


def _metric(by_group: Any, group: str, column: str) -> float | None:
    if column not in by_group.columns:
        return None
    return finite_or_none(by_group.loc[group, column])


def _scores(y_score: npt.ArrayLike) -> npt.NDArray[np.float64]:
    scores = np.asarray(y_score, dtype=float).ravel()
    bad = scores[~np.isfinite(scores)]
    if bad.size:
        raise ValueError(ERROR_NOT_FINITE.format(value=float(bad[0])))
    return scores


def scoring_report(
    y_score: npt.ArrayLike,
    *,
    sensitive_features: SensitiveFeatures,
    min_group_size: int = DEFAULT_MIN_GROUP_SIZE,
    attribute: str | None = None,
) -> ScoringReport:
    """Per-group scoring rates and their impact ratios (NYC Local Law 144's definition).

    The scoring rate of a group is the share of its rows scoring strictly above the median score
    of the whole sample (every row, whatever its group, unknown ones included).

    Args:
        y_score: One finite numeric score per row.
        sensitive_features: One column, or a mapping of columns for an intersection.
        min_group_size: Groups with fewer rows are suppressed from every figure.
        attribute: Name of a single column (ignored for a mapping).

    Returns:
        A ``ScoringReport``; the rates equal fairlearn's ``selection_rate`` of
        ``y_score > median`` per reported group.

    Raises:
        ValueError: On non-finite scores, mismatched lengths or invalid settings.
    """
    scores = _scores(y_score)
    partition = partition_rows(
        sensitive_features, n=len(scores), min_group_size=min_group_size, attribute=attribute
    )
    median = float(np.median(scores)) if scores.size else None
    above = (scores > median).astype(int) if median is not None else scores.astype(int)
    mask = partition.reported_mask
    groups: list[ScoringGroupRate] = []
    reference = None
    if mask.any():
        frame = MetricFrame(
            metrics={"count": count, "scoring_rate": selection_rate},
            y_true=above[mask],
            y_pred=above[mask],
            sensitive_features={"group": partition.labels[mask].astype(str)},
        )
        by_group = frame.by_group
        reference, ratios = impact_ratios(exact_rates(by_group, "scoring_rate"))
        for group in sorted(ratios):
            impact_ratio, flag = ratio_figures(ratios[group])
            groups.append(
                ScoringGroupRate(
                    group=group,
                    count=int(by_group.loc[group, "count"]),
                    scoring_rate=float(by_group.loc[group, "scoring_rate"]),
                    impact_ratio=impact_ratio,
                    four_fifths_flag=flag,
                )
            )
    return ScoringReport(
        attribute=partition.attribute,
        n=len(scores),
        median_score=median,
        unknown_count=partition.unknown_count,
        min_group_size=min_group_size,
        suppressed_groups=partition.suppressed_groups,
        groups=tuple(groups),
        reference_group=reference,
    )


def shortlist(
    y_score: npt.ArrayLike, *, top_k: int | None = None, threshold: float | None = None
) -> npt.NDArray[np.int_]:
    """Turn scores into a 0/1 shortlist: the ``top_k`` best (ties broken by row order) or
    every score at or above ``threshold``.

    Raises:
        ValueError: Unless exactly one of ``top_k`` and ``threshold`` is given.
    """
    scores = _scores(y_score)
    if (top_k is None) == (threshold is None):
        raise ValueError(ERROR_SHORTLIST_RULE)
    if threshold is not None:
        return (scores >= threshold).astype(int)
    chosen = np.zeros(len(scores), dtype=int)
    order = np.argsort(-scores, kind="stable")
    chosen[order[: max(top_k or 0, 0)]] = 1
    return chosen
