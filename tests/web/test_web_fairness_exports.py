"""HR admin exports (CSV, one-page PDF), decision-log upload, score box plots, trend over time."""

import io

import pytest
from django.test import Client
from pypdf import PdfReader

from fairness.charts import CHART_LABEL_WIDTH, box_plot, trend_charts
from fairness.exports import FOUR_FIFTHS_NOTE
from fairness.models import AuditReport
from fairness.services import audit_report_create

pytestmark = pytest.mark.django_db

CSV_LOG = (
    b"gender,selected,score\n"
    + b"f,1,80\n" * 6
    + b"f,0,40\n" * 4
    + b"m,1,75\n" * 3
    + b"m,0,35\n" * 7
    + b"not disclosed,1,50\n" * 2
)


def test_csv_export_has_one_row_per_attribute_outcome_and_group(
    hr_client: Client, audit: AuditReport
) -> None:
    response = hr_client.get(f"/fairness/reports/{audit.pk}/export.csv")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "attribute,outcome,group,count,selection_rate,impact_ratio,four_fifths_flag,scoring_rate",
        "gender,screening_passed,female,10,0.6,1.0,false,",
        "gender,screening_passed,male,8,0.3,0.5,true,",
    ]


def test_pdf_summary_is_one_page_with_the_ll144_figures(
    hr_client: Client, audit: AuditReport
) -> None:
    response = hr_client.get(f"/fairness/reports/{audit.pk}/export.pdf")
    pdf = PdfReader(io.BytesIO(response.content))
    text = " ".join(pdf.pages[0].extract_text().split())

    assert response["Content-Type"] == "application/pdf"
    assert len(pdf.pages) == 1
    assert "Data source: FairMatch database - all vacancies" in text
    assert "Rows audited: 21; outcome summarised: screening_passed" in text
    assert "Unknown / not disclosed: 3; suppressed groups: non_binary" in text
    assert "male 8 30.0% 0.50 - - below 0.8" in text
    assert " ".join(FOUR_FIFTHS_NOTE.split()[:6]) in text


def test_pdf_of_a_huge_report_stays_on_one_page(hr_client: Client, hr_admin: object) -> None:
    groups = {f"g{index}": {"count": 9, "selection_rate": 0.5} for index in range(120)}
    report = {"n": 1080, "outcome": "selected", "attributes": {"x": {"groups": groups}}}
    audit = AuditReport.objects.create(scope="big.csv", source="decision_log", report=report)

    pdf = PdfReader(io.BytesIO(hr_client.get(f"/fairness/reports/{audit.pk}/export.pdf").content))

    assert len(pdf.pages) == 1
    assert "see the CSV export" in pdf.pages[0].extract_text()


@pytest.mark.parametrize("suffix", ["export.csv", "export.pdf"])
@pytest.mark.parametrize("role_client", ["recruiter_client", "candidate_client"])
def test_exports_are_for_hr_admins_only(
    request: pytest.FixtureRequest, audit: AuditReport, suffix: str, role_client: str
) -> None:
    client: Client = request.getfixturevalue(role_client)

    assert client.get(f"/fairness/reports/{audit.pk}/{suffix}").status_code == 403


@pytest.mark.parametrize("path", ["/fairness/decision-log/", "/fairness/trend/"])
@pytest.mark.parametrize("role_client", ["recruiter_client", "candidate_client"])
def test_upload_and_trend_are_for_hr_admins_only(
    request: pytest.FixtureRequest, path: str, role_client: str
) -> None:
    client: Client = request.getfixturevalue(role_client)

    assert client.get(path).status_code == 403
    assert client.post(path).status_code in {403, 405}


def _upload(client: Client, data: bytes, name: str = "screening.csv", **fields: str):  # type: ignore[no-untyped-def]
    log = io.BytesIO(data)
    log.name = name
    return client.post("/fairness/decision-log/", {"decisions": log, **fields})


def test_uploaded_decision_log_is_audited_stored_and_shown(
    hr_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fairness.views.UPLOAD_N_BOOTSTRAP", 0)

    response = _upload(hr_client, CSV_LOG, attributes="gender", outcome="selected", score="score")
    audit = AuditReport.objects.get()
    page = hr_client.get(response["Location"]).content.decode()

    assert response.status_code == 302
    assert (audit.source, audit.scope, audit.report["n"]) == ("decision_log", "screening.csv", 22)
    assert audit.report["attributes"]["gender"]["groups"]["m"]["impact_ratio"] == 0.5
    assert audit.parameters["score"] == "score"
    assert "Unknown or not disclosed: 2." in page


def test_upload_form_is_shown(hr_client: Client) -> None:
    page = hr_client.get("/fairness/decision-log/").content.decode()

    assert 'enctype="multipart/form-data"' in page
    assert 'name="attributes"' in page


@pytest.mark.parametrize(
    ("data", "fields", "error"),
    [
        (
            CSV_LOG,
            {"attributes": "race"},
            "decision log screening.csv has no column &#x27;race&#x27;",
        ),
        (b"\xff\xfe\x00bad", {"attributes": "gender"}, "decision log screening.csv is not UTF-8"),
        (b"gender,selected\nf,maybe\n", {"attributes": "gender"}, "expected 0/1, true/false"),
        (CSV_LOG, {"attributes": " , "}, "Name at least one attribute column."),
    ],
)
def test_bad_decision_logs_get_a_clear_error_and_store_nothing(
    hr_client: Client, data: bytes, fields: dict[str, str], error: str
) -> None:
    response = _upload(hr_client, data, outcome="selected", **fields)

    assert response.status_code == 400
    assert error in response.content.decode()
    assert AuditReport.objects.count() == 0


SCORE_DISTRIBUTIONS = {
    "gender": {
        "unknown_count": 1,
        "suppressed_groups": ["x"],
        "groups": {
            "female": {"count": 5, "min": 10.0, "q1": 20.0, "median": 30.0, "q3": 40.0, "max": 50.0}
        },
    }
}


def test_box_plot_lays_out_quartiles_on_a_0_to_100_axis() -> None:
    plot = box_plot("gender", SCORE_DISTRIBUTIONS["gender"])
    (row,) = plot.rows

    assert (row.group, row.count, row.median) == ("female", 5, 30.0)
    assert (row.x_min, row.x_q1, row.x_median, row.x_max) == (
        CHART_LABEL_WIDTH + 30.0,
        CHART_LABEL_WIDTH + 60.0,
        CHART_LABEL_WIDTH + 90.0,
        CHART_LABEL_WIDTH + 150.0,
    )
    assert row.box_width == 60.0
    assert plot.ticks[2] == (50, CHART_LABEL_WIDTH + 150.0)
    assert plot.suppressed_groups == ("x",)


def test_dashboard_shows_score_box_plots_with_a_table(hr_client: Client, hr_admin: object) -> None:
    report = {"n": 6, "outcomes": {}, "score_distributions": SCORE_DISTRIBUTIONS}
    AuditReport.objects.create(scope="all vacancies", source="database", report=report)

    page = hr_client.get("/fairness/").content.decode()

    assert page.count('class="chart chart-single box-plot"') == 1
    assert "Score distribution by group: Gender" in page
    assert '<th scope="row">female</th><td class="numeric">5</td>' in page
    assert ">x<" not in page


def _report(hr_admin: object, ratio: float) -> AuditReport:
    groups = {
        "female": {"count": 10, "selection_rate": 0.6, "impact_ratio": 1.0},
        "male": {"count": 8, "selection_rate": 0.6 * ratio, "impact_ratio": ratio},
    }
    return audit_report_create(
        scope="all vacancies",
        source=AuditReport.Source.DATABASE,
        parameters={},
        report={"n": 18, "outcomes": {"hired": {"attributes": {"gender": {"groups": groups}}}}},
    )


def test_trend_chart_places_each_report_on_the_ratio_axis(hr_admin: object) -> None:
    reports = [_report(hr_admin, 0.5), _report(hr_admin, 0.9)]

    (chart,) = trend_charts(reports, "hired")

    assert [series.group for series in chart.series] == ["female", "male"]
    assert chart.series[1].ratios == (0.5, 0.9)
    assert chart.series[1].points == "120.0,90.0 420.0,26.0"
    assert chart.series[1].markers == ((120.0, 90.0), (420.0, 26.0))
    assert chart.threshold_y == 42.0
    assert [ratios for _, ratios in chart.rows] == [[1.0, 0.5], [1.0, 0.9]]


def test_trend_page_draws_lines_and_a_table(hr_client: Client, hr_admin: object) -> None:
    _report(hr_admin, 0.5)
    _report(hr_admin, 0.9)

    page = hr_client.get("/fairness/trend/").content.decode()

    assert page.count('class="trend-line"') == 2
    assert "The last 2 reports on all vacancies." in page
    assert '<td class="numeric">0.50</td>' in page


def test_trend_without_reports_says_so(hr_client: Client) -> None:
    page = hr_client.get("/fairness/trend/").content.decode()

    assert "No audit report is stored yet." in page


def test_ranking_exposure_outcome_shows_exposure_columns(
    hr_client: Client, hr_admin: object
) -> None:
    groups = {
        "female": {
            "count": 6,
            "top_k_count": 3,
            "selection_rate": 0.5,
            "impact_ratio": 1.0,
            "four_fifths_flag": False,
            "exposure": 0.7103,
            "exposure_ratio": 0.871,
        }
    }
    outcome = {"k": 1, "attributes": {"gender": {"unknown_count": 0, "groups": groups}}}
    report = {"n": 6, "outcomes": {"ranking_exposure": outcome}}
    AuditReport.objects.create(scope="all vacancies", source="database", report=report)

    page = hr_client.get("/fairness/").content.decode()

    assert "Top of the model&#x27;s ranking (exposure)" in page
    assert '<th scope="col" class="numeric">Exposure ratio</th>' in page
    assert '<td class="numeric">0.710</td>' in page
    assert '<td class="numeric">0.87</td>' in page


def test_jsonl_decision_log_upload_is_audited(
    hr_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fairness.views.UPLOAD_N_BOOTSTRAP", 0)
    rows = [b'{"race": "a", "hired": 1}'] * 5 + [b'{"race": "b", "hired": 0}'] * 5

    response = _upload(
        hr_client, b"\n".join(rows), name="log.jsonl", attributes="race", outcome="hired"
    )

    audit = AuditReport.objects.get()
    assert response.status_code == 302
    assert audit.report["outcome"] == "hired"
    assert audit.report["attributes"]["race"]["groups"]["b"]["four_fifths_flag"] is True


def test_trend_page_in_french(hr_client: Client, hr_admin: object) -> None:
    _report(hr_admin, 0.5)
    hr_client.post("/i18n/setlang/", {"language": "fr", "next": "/fairness/trend/"})

    page = hr_client.get("/fairness/trend/").content.decode()

    assert "Ratios d'impact dans le temps" in page
    assert "Le dernier rapport sur" in page
