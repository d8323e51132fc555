"""Exports of a stored audit over the API: CSV rows and a one-page PDF, HR admins only."""

import io

import pytest
from pypdf import PdfReader

from fairness.models import AuditReport

pytestmark = pytest.mark.django_db

REPORT = {
    "n": 12,
    "outcome": "selected",
    "min_group_size": 5,
    "attributes": {
        "race": {
            "unknown_count": 2,
            "suppressed_groups": ["asian"],
            "groups": {
                "black": {
                    "count": 6,
                    "selection_rate": 0.5,
                    "impact_ratio": 0.625,
                    "four_fifths_flag": True,
                    "scoring_rate": 0.25,
                },
                "white": {
                    "count": 6,
                    "selection_rate": 0.8,
                    "impact_ratio": 1.0,
                    "four_fifths_flag": False,
                    "scoring_rate": 0.75,
                },
            },
        }
    },
}


def test_csv_export_lists_every_group(world, as_role):
    audit = AuditReport.objects.create(scope="log.csv", source="decision_log", report=REPORT)

    response = as_role("hr_admin").get(f"/api/fairness/audits/{audit.pk}/export.csv/")

    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == f'attachment; filename="fairness-audit-{audit.pk}.csv"'
    )
    assert response.content.decode().splitlines()[1:] == [
        "race,selected,black,6,0.5,0.625,true,0.25",
        "race,selected,white,6,0.8,1.0,false,0.75",
    ]


def test_pdf_export_is_one_page_naming_source_unknowns_and_suppressed_groups(world, as_role):
    audit = AuditReport.objects.create(scope="log.csv", source="decision_log", report=REPORT)

    response = as_role("hr_admin").get(f"/api/fairness/audits/{audit.pk}/export.pdf/")
    pdf = PdfReader(io.BytesIO(response.content))
    text = " ".join(pdf.pages[0].extract_text().split())

    assert (response.status_code, response["Content-Type"], len(pdf.pages)) == (
        200,
        "application/pdf",
        1,
    )
    assert "Data source: Decision log - log.csv" in text
    assert "Unknown / not disclosed: 2; suppressed groups: asian" in text
    assert "black 6 50.0% 0.62 25.0% - below 0.8" in text
    assert "Groups under 5 people are suppressed." in text


def test_unknown_report_is_a_404(world, as_role):
    response = as_role("hr_admin").get("/api/fairness/audits/999999/export.csv/")

    assert response.status_code == 404
