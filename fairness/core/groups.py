"""Sensitive-feature columns to one group label per row: unknowns, intersections, suppression."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "AGE_BANDS",
    "INTERSECTION_SEPARATOR",
    "UNKNOWN_VALUES",
    "FeatureColumn",
    "OLDEST_AGE_BAND",
    "Partition",
    "SensitiveFeatures",
    "age_band",
    "group_labels",
    "is_unknown",
    "partition_rows",
]

INTERSECTION_SEPARATOR: Final = "+"
UNKNOWN_VALUES: Final = frozenset({"", "not disclosed", "not_disclosed", "unknown"})
DEFAULT_ATTRIBUTE: Final = "sensitive_feature"

ERROR_LENGTH_MISMATCH: Final = "sensitive feature {name!r} has {got} rows but the outcomes have {n}"
ERROR_MIN_GROUP_SIZE: Final = "min_group_size must be at least 1, got {value}"
ERROR_NO_FEATURES: Final = "sensitive_features names no column"

FeatureColumn = Sequence[object] | npt.NDArray[Any]
SensitiveFeatures = FeatureColumn | Mapping[str, FeatureColumn]


@dataclass(frozen=True, slots=True)
class Partition:
    """Which rows belong to a reported group, and which groups are suppressed."""

    attribute: str
    labels: npt.NDArray[np.object_]
    reported_mask: npt.NDArray[np.bool_]
    unknown_count: int
    suppressed_groups: tuple[str, ...]


def is_unknown(value: object) -> bool:
    """Return whether a sensitive value means "unknown" (None, NaN, blank, not disclosed)."""
    if value is None:
        return True
    if isinstance(value, float | np.floating) and math.isnan(value):
        return True
    return clean_label(value).lower() in UNKNOWN_VALUES


def clean_label(value: object) -> str:
    """The printable text of a value: control characters (NUL included) dropped, trimmed.

    numpy drops trailing NULs when it turns labels into strings, so "\x00" and "" must be
    the same group before any counting.
    """
    return "".join(char for char in str(value) if char.isprintable() or char == " ").strip()


def group_labels(
    sensitive_features: SensitiveFeatures, *, attribute: str | None = None
) -> tuple[str, list[str | None]]:
    """Turn one sensitive column, or several (an intersection), into one label per row.

    Args:
        sensitive_features: One column of values, or a mapping of column name to column; several
            columns are joined with ``"+"`` in the mapping's order (``"black+f"``).
        attribute: Name for a single column (default ``"sensitive_feature"``).

    Returns:
        The attribute name (``"race+gender"`` for an intersection) and one label per row, ``None``
        where any joined value is unknown.

    Raises:
        ValueError: If the mapping is empty or its columns differ in length.
    """
    columns = _columns(sensitive_features, attribute=attribute)
    if not columns:
        raise ValueError(ERROR_NO_FEATURES)
    names = list(columns)
    length = len(columns[names[0]])
    for name in names:
        if len(columns[name]) != length:
            raise ValueError(
                ERROR_LENGTH_MISMATCH.format(name=name, got=len(columns[name]), n=length)
            )
    labels: list[str | None] = []
    for row in zip(*(columns[name] for name in names), strict=True):
        if any(is_unknown(value) for value in row):
            labels.append(None)
        else:
            labels.append(INTERSECTION_SEPARATOR.join(clean_label(value) for value in row))
    return INTERSECTION_SEPARATOR.join(names), labels


def _columns(
    sensitive_features: SensitiveFeatures, *, attribute: str | None
) -> dict[str, FeatureColumn]:
    if isinstance(sensitive_features, Mapping):
        return {str(name): column for name, column in sensitive_features.items()}
    if hasattr(sensitive_features, "columns"):  # a pandas DataFrame
        frame: Any = sensitive_features
        return {str(name): list(frame[name]) for name in frame.columns}
    return {attribute or DEFAULT_ATTRIBUTE: sensitive_features}


def partition_rows(
    sensitive_features: SensitiveFeatures, *, n: int, min_group_size: int, attribute: str | None
) -> Partition:
    """Label every row and split the labelled groups into reported and suppressed ones.

    Raises:
        ValueError: If ``min_group_size`` < 1 or the columns do not have ``n`` rows.
    """
    if min_group_size < 1:
        raise ValueError(ERROR_MIN_GROUP_SIZE.format(value=min_group_size))
    name, raw_labels = group_labels(sensitive_features, attribute=attribute)
    if len(raw_labels) != n:
        raise ValueError(ERROR_LENGTH_MISMATCH.format(name=name, got=len(raw_labels), n=n))
    labels = np.array(raw_labels, dtype=object)
    known_mask = np.array([label is not None for label in raw_labels], dtype=bool)
    sizes = Counter(label for label in raw_labels if label is not None)
    suppressed = tuple(sorted(label for label, size in sizes.items() if size < min_group_size))
    reported_mask = known_mask & ~np.isin(labels, np.array(suppressed, dtype=object))
    return Partition(
        attribute=name,
        labels=labels,
        reported_mask=reported_mask,
        unknown_count=int((~known_mask).sum()),
        suppressed_groups=suppressed,
    )


AGE_BANDS: Final = ((30, "<30"), (40, "30-39"), (50, "40-49"))
OLDEST_AGE_BAND: Final = "50+"


def age_band(birth_year: int | None, *, reference_year: int) -> str | None:
    """Return the age band (``<30``, ``30-39``, ``40-49``, ``50+``) in ``reference_year``.

    A missing birth year (not disclosed) gives ``None``, which the metrics count as unknown.
    """
    if birth_year is None:
        return None
    age = reference_year - birth_year
    for upper, label in AGE_BANDS:
        if age < upper:
            return label
    return OLDEST_AGE_BAND
