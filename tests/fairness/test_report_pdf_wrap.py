"""The audit PDF wraps long text inside the margins instead of cutting it at the right edge."""

import io
import math

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from fairness.exports import PDF_MARGIN, report_pdf, wrap_text
from fairness.models import AuditReport

pytestmark = pytest.mark.django_db

LONG_SCOPE = (
    "decision log exported from the regional agency's applicant tracking system for every "
    "engineering vacancy of 2025 in Bretagne, Pays de la Loire and Normandie, final tail words"
)
LONG_GROUP = "a self-described group name far longer than its column"


def _drawn(pdf: bytes) -> list[tuple[float, str]]:
    """(x, text) of every string drawn on the first page."""
    drawn: list[tuple[float, str]] = []

    def visit(text, cm, tm, font_dict, font_size) -> None:  # noqa: ANN001
        if text.strip():
            drawn.append((tm[4], text))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    return drawn


def test_a_long_line_wraps_and_every_word_is_printed_inside_the_margins() -> None:
    groups = {LONG_GROUP: {"count": 9, "selection_rate": 0.5, "impact_ratio": 1.0}}
    report = {"n": 9, "outcome": "selected", "attributes": {"gender": {"groups": groups}}}
    audit = AuditReport.objects.create(scope=LONG_SCOPE, source="decision_log", report=report)

    pdf = report_pdf(audit)
    text = " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())

    assert f"Data source: Decision log - {LONG_SCOPE}" in text
    assert "final tail words" in text
    for word in LONG_GROUP.split():
        assert word in text
    right_edge = A4[0] - PDF_MARGIN
    for x, line in _drawn(pdf):
        width = stringWidth(line.rstrip("\n"), "Helvetica", 8)
        assert x + width <= right_edge + 0.5, line


def test_wrap_text_breaks_at_spaces_and_inside_a_word_only_when_it_must() -> None:
    width = stringWidth("gamma delta", "Helvetica", 8) + 0.1
    lines = wrap_text("alpha beta gamma delta", "Helvetica", 8, width)
    unbroken = wrap_text("x" * 200, "Helvetica", 8, 100)

    assert lines == ["alpha beta", "gamma delta"]
    assert "".join(unbroken) == "x" * 200
    assert all(stringWidth(line, "Helvetica", 8) <= 100 for line in unbroken)
    assert len(unbroken) == math.ceil(stringWidth("x" * 200, "Helvetica", 8) / 100)
    assert wrap_text("", "Helvetica", 8, 100) == [""]
