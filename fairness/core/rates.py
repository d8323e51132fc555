"""Rate arithmetic shared by the metrics: exact impact ratios, the four-fifths flag, bootstrap."""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from fairness.core.reports import ConfidenceInterval

__all__ = ["FOUR_FIFTHS_THRESHOLD", "impact_ratios"]

FOUR_FIFTHS_THRESHOLD: Final = Fraction(4, 5)
ERROR_NOT_BINARY: Final = "{name} must hold only 0 and 1 (or booleans); found {value!r}"


def binary(values: npt.ArrayLike, *, name: str) -> npt.NDArray[np.int_]:
    array = np.asarray(values).ravel()
    if array.dtype == bool:
        return array.astype(int)
    for value in np.unique(array):
        if value not in (0, 1):
            raise ValueError(ERROR_NOT_BINARY.format(name=name, value=value.item()))
    return array.astype(int)


def finite_or_none(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def impact_ratios(
    rates: Mapping[str, Fraction],
) -> tuple[str | None, dict[str, Fraction | None]]:
    """Divide each group's rate by the highest rate among the given (reported) groups.

    Rates are exact fractions (selected / count), so a ratio of exactly 4/5 is not flagged
    because of floating-point rounding.

    Args:
        rates: Exact rate per reported group; pass no suppressed or unknown group.

    Returns:
        The reference group (the highest rate; the first in sorted order on a tie; ``None`` when
        there is no group) and the ratio per group (``None`` when the highest rate is 0).
    """
    if not rates:
        return None, {}
    reference = max(sorted(rates), key=lambda group: rates[group])
    top = rates[reference]
    if top == 0:
        return reference, dict.fromkeys(rates)
    return reference, {group: rate / top for group, rate in rates.items()}


def exact_rates(by_group: Any, column: str) -> dict[str, Fraction]:
    rates = {}
    for group in by_group.index:
        size = int(by_group.loc[group, "count"])
        rates[str(group)] = Fraction(round(float(by_group.loc[group, column]) * size), size)
    return rates


def ratio_figures(ratio: Fraction | None) -> tuple[float | None, bool]:
    """The impact ratio as a float, and the four-fifths flag computed on the exact ratio."""
    if ratio is None:
        return None, False
    return float(ratio), ratio < FOUR_FIFTHS_THRESHOLD


def bootstrap_interval(
    *, rng: np.random.Generator, size: int, rate: float, n_bootstrap: int, level: float
) -> ConfidenceInterval:
    # Resampling a group's 0/1 outcomes with replacement and taking the mean is exactly a
    # Binomial(size, rate) / size draw, so the bootstrap needs no per-row resampling.
    draws = rng.binomial(size, rate, size=n_bootstrap) / size
    tail = (1.0 - level) / 2.0
    low, high = np.quantile(draws, [tail, 1.0 - tail])
    return ConfidenceInterval(low=float(low), high=float(high), level=level)
