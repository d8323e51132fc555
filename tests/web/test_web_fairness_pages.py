"""HR admin pages: fairness dashboard charts, running an audit, stored reports and exports."""

import json

import pytest
from django.test import Client

from fairness.charts import CHART_BAR_WIDTH, CHART_LABEL_WIDTH, attribute_chart
from fairness.exports import report_outcomes
from fairness.models import AuditReport

pytestmark = pytest.mark.django_db


def test_dashboard_draws_rates_and_impact_ratios_against_the_line(
    hr_client: Client, audit: AuditReport
) -> None:
    page = hr_client.get("/fairness/").content.decode()

    assert page.count("<svg") == 2
    assert 'class="bar bar-flag"' in page
    assert 'class="bar bar-ok"' in page
    assert f'x1="{CHART_LABEL_WIDTH + 0.8 * CHART_BAR_WIDTH:.1f}"' in page
    assert "Below 0.8" in page
    assert "Unknown or not disclosed: 3." in page
    assert "Passed screening" in page


def test_dashboard_switches_outcome(hr_client: Client, audit: AuditReport) -> None:
    page = hr_client.get(
        "/fairness/", {"report": str(audit.pk), "outcome": "hired"}
    ).content.decode()

    assert "<svg" not in page
    assert "This report holds no figures for this outcome." in page


def test_dashboard_without_reports_says_so(hr_client: Client) -> None:
    page = hr_client.get("/fairness/").content.decode()

    assert "No audit report is stored yet." in page


def test_run_audit_stores_a_report(hr_client: Client, application: object) -> None:
    response = hr_client.post("/fairness/run/")

    audit = AuditReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/fairness/?report={audit.pk}"
    assert audit.report["n"] == 1


def test_report_list_and_export(hr_client: Client, audit: AuditReport) -> None:
    listing = hr_client.get("/fairness/reports/").content.decode()
    export = hr_client.get(f"/fairness/reports/{audit.pk}/export/")

    assert f"/fairness/?report={audit.pk}" in listing
    assert json.loads(export.content)["report"]["n"] == 21


def test_attribute_chart_lays_out_bars() -> None:
    chart = attribute_chart(
        "gender",
        {
            "unknown_count": 2,
            "suppressed_groups": ["x"],
            "groups": {
                "m": {
                    "count": 5,
                    "selection_rate": 0.25,
                    "impact_ratio": 0.5,
                    "four_fifths_flag": True,
                },
                "f": {
                    "count": 6,
                    "selection_rate": 0.5,
                    "impact_ratio": 1.0,
                    "four_fifths_flag": False,
                },
            },
        },
    )

    assert [bar.group for bar in chart.bars] == ["f", "m"]
    assert [bar.rate_width for bar in chart.bars] == [150.0, 75.0]
    assert [bar.ratio_width for bar in chart.bars] == [300.0, 150.0]
    assert [bar.is_flagged for bar in chart.bars] == [False, True]
    assert chart.height == 80
    assert chart.suppressed_groups == ("x",)


def test_decision_log_reports_have_one_outcome() -> None:
    report = {"n": 4, "outcome": "selected", "attributes": {"race": {"groups": {}}}}

    assert report_outcomes(report) == {"selected": {"race": {"groups": {}}}}


def test_scoring_rates_get_their_own_chart(hr_client: Client, hr_admin: object) -> None:
    figures = {
        "unknown_count": 0,
        "suppressed_groups": [],
        "median_score": 61.5,
        "groups": {
            "f": {
                "count": 6,
                "selection_rate": 0.5,
                "impact_ratio": 1.0,
                "four_fifths_flag": False,
                "scoring_rate": 0.5,
                "scoring_impact_ratio": 1.0,
                "scoring_four_fifths_flag": False,
            },
            "m": {
                "count": 6,
                "selection_rate": 0.5,
                "impact_ratio": 1.0,
                "four_fifths_flag": False,
                "scoring_rate": 0.2,
                "scoring_impact_ratio": 0.4,
                "scoring_four_fifths_flag": True,
            },
        },
    }
    report = {"n": 12, "outcomes": {"shortlist": {"attributes": {"gender": figures}}}}
    AuditReport.objects.create(scope="all vacancies", source="database", report=report)

    page = hr_client.get("/fairness/").content.decode()

    assert page.count("<svg") == 3
    assert "share scoring above the median score (61.5)" in page
    assert "Shortlisted by the model" in page
    assert "0.40 <strong" in page
