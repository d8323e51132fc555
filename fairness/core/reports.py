"""Frozen report dataclasses produced by the fairness core, and their JSON-ready forms."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = [
    "ConfidenceInterval",
    "DisparityReport",
    "GroupRate",
    "ScoringGroupRate",
    "ScoringReport",
    "attribute_report_dict",
    "render_attribute_table",
]


@dataclass(frozen=True, slots=True)
class ConfidenceInterval:
    """A two-sided bootstrap confidence interval for one rate."""

    low: float
    high: float
    level: float


@dataclass(frozen=True, slots=True)
class GroupRate:
    """Binary-outcome figures for one reported (non-suppressed, non-unknown) group."""

    group: str
    count: int
    selected: int
    selection_rate: float
    impact_ratio: float | None
    four_fifths_flag: bool
    selection_rate_ci: ConfidenceInterval | None = None
    true_positive_rate: float | None = None
    false_positive_rate: float | None = None


@dataclass(frozen=True, slots=True)
class DisparityReport:
    """Selection rates, impact ratios and disparity figures for one attribute or intersection.

    Only reported groups appear in ``groups``; ``suppressed_groups`` names the groups smaller
    than ``min_group_size`` (no figure of theirs is shown) and ``unknown_count`` counts rows whose
    value is unknown or not disclosed. Disparity figures are computed over reported groups only.
    """

    attribute: str
    n: int
    unknown_count: int
    min_group_size: int
    suppressed_groups: tuple[str, ...]
    groups: tuple[GroupRate, ...]
    reference_group: str | None
    demographic_parity_difference: float | None
    demographic_parity_ratio: float | None
    equal_opportunity_difference: float | None = None
    equalized_odds_difference: float | None = None

    def group(self, value: str) -> GroupRate:
        """Return the reported group named ``value`` (``KeyError`` if absent or suppressed)."""
        for group_rate in self.groups:
            if group_rate.group == value:
                return group_rate
        raise KeyError(value)


@dataclass(frozen=True, slots=True)
class ScoringGroupRate:
    """Score figures for one reported group: the share above the sample's median score."""

    group: str
    count: int
    scoring_rate: float
    impact_ratio: float | None
    four_fifths_flag: bool


@dataclass(frozen=True, slots=True)
class ScoringReport:
    """Scoring rates (LL144: share of a group scoring above the whole sample's median)."""

    attribute: str
    n: int
    median_score: float | None
    unknown_count: int
    min_group_size: int
    suppressed_groups: tuple[str, ...]
    groups: tuple[ScoringGroupRate, ...]
    reference_group: str | None

    def group(self, value: str) -> ScoringGroupRate:
        """Return the reported group named ``value`` (``KeyError`` if absent or suppressed)."""
        for group_rate in self.groups:
            if group_rate.group == value:
                return group_rate
        raise KeyError(value)


def _group_dict(group_rate: GroupRate) -> dict[str, Any]:
    data: dict[str, Any] = {
        "count": group_rate.count,
        "selection_rate": group_rate.selection_rate,
        "impact_ratio": group_rate.impact_ratio,
        "four_fifths_flag": group_rate.four_fifths_flag,
    }
    if group_rate.selection_rate_ci is not None:
        interval = group_rate.selection_rate_ci
        data["selection_rate_ci"] = [interval.low, interval.high]
    if group_rate.true_positive_rate is not None:
        data["true_positive_rate"] = group_rate.true_positive_rate
    if group_rate.false_positive_rate is not None:
        data["false_positive_rate"] = group_rate.false_positive_rate
    return data


def attribute_report_dict(
    selection: DisparityReport, scoring: ScoringReport | None = None
) -> dict[str, Any]:
    """Merge a selection report and an optional scoring report into the contract's JSON shape.

    Args:
        selection: The binary-outcome report for one attribute or intersection.
        scoring: The scoring report for the same attribute and rows, if scores exist.

    Returns:
        ``{"unknown_count", "suppressed_groups", "groups": {value: {...}}, ...}`` with
        ``count``, ``selection_rate``, ``impact_ratio`` and ``four_fifths_flag`` per group, plus
        ``scoring_rate``, ``scoring_impact_ratio`` and ``scoring_four_fifths_flag`` with scores.
    """
    groups = {group_rate.group: _group_dict(group_rate) for group_rate in selection.groups}
    data: dict[str, Any] = {
        "unknown_count": selection.unknown_count,
        "suppressed_groups": list(selection.suppressed_groups),
        "reference_group": selection.reference_group,
        "demographic_parity_difference": selection.demographic_parity_difference,
        "demographic_parity_ratio": selection.demographic_parity_ratio,
    }
    if selection.equal_opportunity_difference is not None:
        data["equal_opportunity_difference"] = selection.equal_opportunity_difference
    if selection.equalized_odds_difference is not None:
        data["equalized_odds_difference"] = selection.equalized_odds_difference
    if scoring is not None:
        data["median_score"] = scoring.median_score
        data["scoring_reference_group"] = scoring.reference_group
        for scoring_rate in scoring.groups:
            group_data = groups.setdefault(scoring_rate.group, {"count": scoring_rate.count})
            group_data["scoring_rate"] = scoring_rate.scoring_rate
            group_data["scoring_impact_ratio"] = scoring_rate.impact_ratio
            group_data["scoring_four_fifths_flag"] = scoring_rate.four_fifths_flag
    data["groups"] = groups
    return data


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "BELOW 0.8" if value else ""
    if isinstance(value, float):
        return f"{value:.3f}"
    if isinstance(value, list):
        return "[" + ", ".join(_cell(item) for item in value) + "]"
    return str(value)


TABLE_COLUMNS = (
    ("group", "group"),
    ("count", "count"),
    ("selection_rate", "selection rate"),
    ("selection_rate_ci", "95% interval"),
    ("impact_ratio", "impact ratio"),
    ("four_fifths_flag", "4/5 rule"),
    ("scoring_rate", "scoring rate"),
    ("scoring_impact_ratio", "scoring IR"),
)


def render_attribute_table(name: str, audit: dict[str, Any]) -> str:
    """Render one attribute's ``attribute_report_dict`` as a plain-text table."""
    suppressed = ", ".join(audit["suppressed_groups"]) or "none"
    lines = [f"{name}: unknown {audit['unknown_count']}, suppressed groups: {suppressed}"]
    groups = audit["groups"]
    columns = [
        (key, title)
        for key, title in TABLE_COLUMNS
        if key == "group" or any(key in group for group in groups.values())
    ]
    rows = [[title for _, title in columns]]
    for group, figures in groups.items():
        rows.append([group if key == "group" else _cell(figures.get(key)) for key, _ in columns])
    widths = [max(len(row[index]) for row in rows) for index in range(len(columns))]
    for row in rows:
        lines.append(
            "  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        )
    parity = audit.get("demographic_parity_difference")
    ratio = audit.get("demographic_parity_ratio")
    lines.append(
        f"  demographic parity difference {_cell(parity)}, ratio {_cell(ratio)}"
        f" (reference group: {audit.get('reference_group') or '-'})"
    )
    return "\n".join(line.rstrip() for line in lines)
