"""Exports of a stored audit report: a CSV of every figure, a one-page LL144-style PDF summary."""

import csv
import io
from collections.abc import Iterator
from typing import Any, Final

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ats_site.common.spreadsheet import spreadsheet_safe_cell
from fairness.models import AuditReport

CSV_COLUMNS: Final = (
    "attribute",
    "outcome",
    "group",
    "count",
    "selection_rate",
    "impact_ratio",
    "four_fifths_flag",
    "scoring_rate",
)
FOUR_FIFTHS_NOTE: Final = (
    "The four-fifths flag (impact ratio under 0.8) is a rule of thumb that calls for a closer "
    "look, not a finding of discrimination."
)
TRUNCATED_NOTE: Final = "More figures than fit on one page: see the CSV export."
PDF_MARGIN: Final = 40.0
PDF_LINE: Final = 11.0
PDF_TITLE_LINE: Final = 17.0
PDF_COLUMNS: Final = (0.0, 150.0, 200.0, 265.0, 330.0, 400.0, 465.0)


# PostgreSQL's jsonb does not keep key order: pages and exports put outcomes and attributes
# back in pipeline order (then by name) themselves.
OUTCOME_ORDER = (
    "screening_passed",
    "interviewed",
    "offered",
    "hired",
    "shortlist",
    "ranking_exposure",
)
ATTRIBUTE_ORDER = ("gender", "sex", "race", "ethnicity", "nationality", "age_band")


def _rank(name: str, order: tuple[str, ...]) -> tuple[int, int, str]:
    parts = name.split("+")
    first = order.index(parts[0]) if parts[0] in order else len(order)
    return (len(parts), first, name)


def report_outcomes(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Outcome name -> attribute figures, for database audits (per stage) and decision logs.

    Outcomes come in pipeline order and attributes single ones first, intersections after.
    """
    if "outcomes" in report:
        raw = {name: data.get("attributes", {}) for name, data in report["outcomes"].items()}
    else:
        raw = {str(report.get("outcome", "selected")): report.get("attributes", {})}
    return {
        outcome: {
            attribute: raw[outcome][attribute]
            for attribute in sorted(raw[outcome], key=lambda name: _rank(name, ATTRIBUTE_ORDER))
        }
        for outcome in sorted(raw, key=lambda name: _rank(name, OUTCOME_ORDER))
    }


def _number(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def report_csv_rows(audit: AuditReport) -> Iterator[dict[str, str]]:
    """One row per attribute x outcome x reported group, with the CSV columns as strings.

    Every cell is spreadsheet-safe: names come from uploaded logs and may look like formulas.
    """
    for outcome, attributes in report_outcomes(audit.report).items():
        for attribute, figures in attributes.items():
            for group, values in sorted(figures.get("groups", {}).items()):
                row = {
                    "attribute": attribute,
                    "outcome": outcome,
                    "group": group,
                    **{column: _number(values.get(column)) for column in CSV_COLUMNS[3:]},
                }
                yield {column: spreadsheet_safe_cell(str(cell)) for column, cell in row.items()}


def report_csv(audit: AuditReport) -> str:
    """The report's figures as CSV text (header first)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(report_csv_rows(audit))
    return buffer.getvalue()


def _rate(value: object) -> str:
    return f"{value:.1%}" if isinstance(value, int | float) else "-"


def _ratio(value: object) -> str:
    return f"{value:.2f}" if isinstance(value, int | float) else "-"


def summary_lines(audit: AuditReport, outcome: str | None = None) -> list[tuple[str, list[str]]]:
    """The summary's lines, each ``(style, cells)``: style ``title``, ``head``, ``row`` or ``text``.

    ``outcome`` picks the outcome summarised (default: the report's first).
    """
    report = audit.report
    outcomes = report_outcomes(report)
    chosen = outcome if outcome in outcomes else next(iter(outcomes), "")
    lines: list[tuple[str, list[str]]] = [
        ("title", ["Bias audit summary (NYC Local Law 144 style)"]),
        ("text", [f"Data source: {audit.get_source_display()} - {audit.scope}"]),
        ("text", [f"Date of the audit: {audit.created_at:%Y-%m-%d %H:%M} UTC"]),
        ("text", [f"Rows audited: {report.get('n', '-')}; outcome summarised: {chosen or '-'}"]),
        ("text", [f"Groups under {report.get('min_group_size', '-')} people are suppressed."]),
        ("text", [FOUR_FIFTHS_NOTE]),
    ]
    head = ["Group", "Count", "Selection", "Impact ratio", "Scoring rate", "Scoring IR", "4/5"]
    for attribute, figures in outcomes.get(chosen, {}).items():
        suppressed = ", ".join(figures.get("suppressed_groups", [])) or "none"
        lines.append(("head", [f"{attribute}"]))
        lines.append(
            (
                "text",
                [
                    f"Unknown / not disclosed: {figures.get('unknown_count', 0)}; "
                    f"suppressed groups: {suppressed}"
                ],
            )
        )
        lines.append(("head", head))
        for group, values in sorted(figures.get("groups", {}).items()):
            flagged = values.get("four_fifths_flag") or values.get("scoring_four_fifths_flag")
            lines.append(
                (
                    "row",
                    [
                        str(group),
                        str(values.get("count", "-")),
                        _rate(values.get("selection_rate")),
                        _ratio(values.get("impact_ratio")),
                        _rate(values.get("scoring_rate")),
                        _ratio(values.get("scoring_impact_ratio")),
                        "below 0.8" if flagged else "",
                    ],
                )
            )
    return lines


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` as lines no wider than `width` points: broken at spaces, and inside a word only
    when the word alone is wider than the line."""
    lines: list[str] = []
    for line in simpleSplit(text, font, size, width) or [""]:
        while stringWidth(line, font, size) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and stringWidth(line[:cut], font, size) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
        lines.append(line)
    return lines


_PDF_FONTS: Final = {"title": ("Helvetica-Bold", 14.0), "head": ("Helvetica-Bold", 8.0)}
_PDF_BODY_FONT: Final = ("Helvetica", 8.0)
_PDF_CELL_GAP: Final = 4.0


def _pdf_rows(style: str, cells: list[str], text_width: float) -> list[list[tuple[float, str]]]:
    """One summary line as printed rows of (x, text): text wrapped to the page width, table
    cells each wrapped to its column."""
    font, size = _PDF_FONTS.get(style, _PDF_BODY_FONT)
    if style in {"title", "text"} or len(cells) == 1:
        return [[(0.0, line)] for line in wrap_text(cells[0], font, size, text_width)]
    rights = [*PDF_COLUMNS[1:], text_width]
    columns = [
        [(x, line) for line in wrap_text(cell, font, size, right - x - _PDF_CELL_GAP)]
        for x, right, cell in zip(PDF_COLUMNS, rights, cells, strict=False)
    ]
    height = max(len(column) for column in columns)
    return [[column[i] for column in columns if i < len(column)] for i in range(height)]


def report_pdf(audit: AuditReport, outcome: str | None = None) -> bytes:
    """A one-page PDF summary of one outcome of a stored report: long text wraps inside the
    margins; what does not fit on the page is left out, and the page says so."""
    buffer = io.BytesIO()
    width, height = A4
    text_width = width - 2 * PDF_MARGIN
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle(f"FairMatch bias audit {audit.pk}")
    y = height - PDF_MARGIN
    for style, cells in summary_lines(audit, outcome):
        rows = _pdf_rows(style, cells, text_width)
        if y - PDF_LINE * (len(rows) - 1) < PDF_MARGIN + 2 * PDF_LINE:
            canvas.setFont("Helvetica-Oblique", 8)
            canvas.drawString(PDF_MARGIN, y, TRUNCATED_NOTE)
            break
        canvas.setFont(*_PDF_FONTS.get(style, _PDF_BODY_FONT))
        leading = PDF_TITLE_LINE if style == "title" else PDF_LINE
        for row in rows:
            for x, text in row:
                canvas.drawString(PDF_MARGIN + x, y, text)
            y -= leading
        y -= 2 * PDF_LINE - leading if style == "title" else 0.0
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
