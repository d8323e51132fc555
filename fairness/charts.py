"""Server-side SVG charts of fairness reports: group bars, score box plots, impact-ratio trends."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from fairness.exports import report_outcomes
from fairness.models import AuditReport

FOUR_FIFTHS = 0.8
CHART_LABEL_WIDTH = 120
CHART_BAR_WIDTH = 300
CHART_ROW_HEIGHT = 30
CHART_TOP = 10
OUTCOME_LABELS = {
    "screening_passed": _("Passed screening"),
    "interviewed": _("Interviewed"),
    "offered": _("Offered"),
    "hired": _("Hired"),
    "shortlist": _("Shortlisted by the model"),
    "ranking_exposure": _("Top of the model's ranking (exposure)"),
    "selected": _("Selected"),
}
ATTRIBUTE_LABELS = {
    "gender": _("Gender"),
    "nationality": _("Nationality"),
    "ethnicity": _("Ethnicity"),
    "age_band": _("Age band"),
    "race": _("Race"),
}


@dataclass(frozen=True, slots=True)
class GroupBar:
    """One group's row in both charts, with its bar lengths already in SVG units."""

    group: str
    count: int
    selection_rate: float
    impact_ratio: float | None
    is_flagged: bool
    y: int
    rate_width: float
    ratio_width: float
    scoring_rate: float | None = None
    scoring_impact_ratio: float | None = None
    is_scoring_flagged: bool = False
    scoring_width: float = 0.0
    exposure: float | None = None
    exposure_ratio: float | None = None


@dataclass(frozen=True, slots=True)
class AttributeChart:
    """Selection rates and impact ratios of one attribute (or intersection) for one outcome."""

    attribute: str
    label: str
    unknown_count: int
    suppressed_groups: tuple[str, ...]
    reference_group: str | None
    bars: tuple[GroupBar, ...]
    height: int
    threshold_x: float
    median_score: float | None = None

    @property
    def has_scores(self) -> bool:
        """Whether the groups carry scoring rates (the outcome had model scores)."""
        return any(bar.scoring_rate is not None for bar in self.bars)

    @property
    def has_exposure(self) -> bool:
        """Whether the groups carry ranking exposure (the ``ranking_exposure`` outcome)."""
        return any(bar.exposure is not None for bar in self.bars)


def _bar_width(value: float | None) -> float:
    return round(max(0.0, min(value or 0.0, 1.0)) * CHART_BAR_WIDTH, 1)


def attribute_chart(attribute: str, figures: dict[str, Any]) -> AttributeChart:
    """Lay out one attribute's groups as SVG bars (rates and ratios both on a 0-1 scale)."""
    bars = []
    for index, (group, values) in enumerate(sorted(figures.get("groups", {}).items())):
        bars.append(
            GroupBar(
                group=group,
                count=int(values.get("count", 0)),
                selection_rate=float(values.get("selection_rate") or 0.0),
                impact_ratio=values.get("impact_ratio"),
                is_flagged=bool(values.get("four_fifths_flag")),
                y=CHART_TOP + index * CHART_ROW_HEIGHT,
                rate_width=_bar_width(values.get("selection_rate")),
                ratio_width=_bar_width(values.get("impact_ratio")),
                scoring_rate=values.get("scoring_rate"),
                scoring_impact_ratio=values.get("scoring_impact_ratio"),
                is_scoring_flagged=bool(values.get("scoring_four_fifths_flag")),
                scoring_width=_bar_width(values.get("scoring_rate")),
                exposure=values.get("exposure"),
                exposure_ratio=values.get("exposure_ratio"),
            )
        )
    return AttributeChart(
        attribute=attribute,
        label=attribute_label(attribute),
        unknown_count=int(figures.get("unknown_count", 0)),
        suppressed_groups=tuple(figures.get("suppressed_groups", ())),
        reference_group=figures.get("reference_group"),
        bars=tuple(bars),
        height=CHART_TOP * 2 + max(len(bars), 1) * CHART_ROW_HEIGHT,
        threshold_x=CHART_LABEL_WIDTH + FOUR_FIFTHS * CHART_BAR_WIDTH,
        median_score=figures.get("median_score"),
    )


def attribute_label(attribute: str) -> str:
    """An attribute or intersection ("gender+age_band") in the active language."""
    return " × ".join(str(ATTRIBUTE_LABELS.get(part, part)) for part in attribute.split("+"))


BOX_ROW_HEIGHT = 30
BOX_SCALE_MAX = 100.0


@dataclass(frozen=True, slots=True)
class BoxRow:
    """One group's five-number summary and its box-plot coordinates in SVG units."""

    group: str
    count: int
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    y: int
    x_min: float
    x_q1: float
    x_median: float
    x_q3: float
    x_max: float

    @property
    def box_width(self) -> float:
        """Width of the box, first to third quartile, in SVG units."""
        return round(self.x_q3 - self.x_q1, 1)


@dataclass(frozen=True, slots=True)
class BoxPlot:
    """Score distributions of the reported groups of one attribute (suppressed groups hidden)."""

    attribute: str
    label: str
    unknown_count: int
    suppressed_groups: tuple[str, ...]
    rows: tuple[BoxRow, ...]
    height: int

    @property
    def ticks(self) -> list[tuple[int, float]]:
        """Score-axis ticks ``(score, x)``: 0, 25, 50, 75 and 100."""
        return [(score, _score_x(float(score))) for score in range(0, 101, 25)]

    @property
    def axis_y(self) -> int:
        """Baseline of the score-axis tick labels."""
        return self.height - 6


def _score_x(value: float) -> float:
    return round(CHART_LABEL_WIDTH + max(0.0, min(value / BOX_SCALE_MAX, 1.0)) * CHART_BAR_WIDTH, 1)


def box_plot(attribute: str, figures: dict[str, Any]) -> BoxPlot:
    """Lay out one attribute's score distributions (``score_distributions`` of a report)."""
    rows = []
    for index, (group, values) in enumerate(sorted(figures.get("groups", {}).items())):
        low, q1, median, q3, high = (
            float(values[key]) for key in ("min", "q1", "median", "q3", "max")
        )
        rows.append(
            BoxRow(
                group=group,
                count=int(values["count"]),
                minimum=low,
                q1=q1,
                median=median,
                q3=q3,
                maximum=high,
                y=CHART_TOP + index * BOX_ROW_HEIGHT,
                x_min=_score_x(low),
                x_q1=_score_x(q1),
                x_median=_score_x(median),
                x_q3=_score_x(q3),
                x_max=_score_x(high),
            )
        )
    return BoxPlot(
        attribute=attribute,
        label=attribute_label(attribute),
        unknown_count=int(figures.get("unknown_count", 0)),
        suppressed_groups=tuple(figures.get("suppressed_groups", ())),
        rows=tuple(rows),
        height=CHART_TOP * 2 + max(len(rows), 1) * BOX_ROW_HEIGHT + 20,
    )


# Trend of impact ratios across stored reports.
TREND_HEIGHT = 160
TREND_MAX_REPORTS = 12
TREND_COLOURS = ("#1f5fa8", "#b3450e", "#2e7d32", "#6a1b9a", "#00695c", "#5d4037")


@dataclass(frozen=True, slots=True)
class TrendSeries:
    """One group's impact ratio in each report (``None`` where absent or suppressed)."""

    group: str
    colour: str
    ratios: tuple[float | None, ...]
    points: str
    markers: tuple[tuple[float, float], ...]
    label_x: float
    label_y: float


@dataclass(frozen=True, slots=True)
class TrendChart:
    """Impact ratios of one attribute's groups over the stored reports, oldest first."""

    attribute: str
    label: str
    dates: tuple[str, ...]
    series: tuple[TrendSeries, ...]
    threshold_y: float

    @property
    def rows(self) -> list[tuple[str, list[float | None]]]:
        """The data table: one row per report date, one cell per group."""
        return [
            (date, [series.ratios[index] for series in self.series])
            for index, date in enumerate(self.dates)
        ]


def _trend_y(ratio: float) -> float:
    return round(CHART_TOP + (1.0 - max(0.0, min(ratio, 1.0))) * TREND_HEIGHT, 1)


def _trend_x(index: int, count: int) -> float:
    step = CHART_BAR_WIDTH / max(count - 1, 1)
    return round(CHART_LABEL_WIDTH + index * step, 1)


def trend_charts(reports: list[AuditReport], outcome: str) -> list[TrendChart]:
    """One chart per attribute of ``outcome``: each group's impact ratio in each report."""
    dates = tuple(report.created_at.strftime("%Y-%m-%d %H:%M") for report in reports)
    figures = [report_outcomes(report.report).get(outcome, {}) for report in reports]
    attributes = list(dict.fromkeys(name for item in figures for name in item))
    charts = []
    for attribute in attributes:
        groups = sorted(
            {group for item in figures for group in item.get(attribute, {}).get("groups", {})}
        )
        series = []
        for number, group in enumerate(groups):
            ratios = tuple(
                item.get(attribute, {}).get("groups", {}).get(group, {}).get("impact_ratio")
                for item in figures
            )
            points = [
                (_trend_x(index, len(reports)), _trend_y(ratio))
                for index, ratio in enumerate(ratios)
                if ratio is not None
            ]
            last_x, last_y = points[-1] if points else (CHART_LABEL_WIDTH, _trend_y(0.0))
            series.append(
                TrendSeries(
                    group=group,
                    colour=TREND_COLOURS[number % len(TREND_COLOURS)],
                    ratios=ratios,
                    points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                    markers=tuple(points),
                    label_x=last_x + 6,
                    label_y=last_y + 4,
                )
            )
        charts.append(
            TrendChart(
                attribute=attribute,
                label=attribute_label(attribute),
                dates=dates,
                series=tuple(series),
                threshold_y=_trend_y(FOUR_FIFTHS),
            )
        )
    return charts
