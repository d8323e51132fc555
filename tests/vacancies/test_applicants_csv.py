"""CSV export of a vacancy's applicants: no sensitive attributes, formula-safe cells, logged."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import AuditEvent
from ats_site.common.spreadsheet import spreadsheet_safe
from matching.models import MatchScore
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    SensitiveAttributesFactory,
    VacancyFactory,
)
from vacancies.exports import APPLICANT_CSV_COLUMNS

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil")', '\'=HYPERLINK("http://evil")'),
        ("+33 6 12", "'+33 6 12"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Lyon", "Lyon"),
        (None, ""),
        (42, "42"),
    ],
)
def test_cells_that_would_start_a_formula_are_escaped(value, expected):
    assert spreadsheet_safe(value) == expected


def test_the_export_lists_applicants_best_first_without_sensitive_attributes(recruiter):
    vacancy = VacancyFactory(owner=recruiter)
    hostile = CandidateFactory(first_name="=cmd|' /C calc'!A0", last_name="Evil", phone="+1 555")
    SensitiveAttributesFactory(candidate=hostile, nationality="Secretlandzz", gender="female")
    top = ApplicationFactory(vacancy=vacancy, candidate=CandidateFactory(last_name="Top"))
    low = ApplicationFactory(vacancy=vacancy, candidate=hostile)
    unscored = ApplicationFactory(vacancy=vacancy)
    ApplicationFactory()  # another vacancy's
    for application, score in ((top, 98.9), (low, 60.0)):
        MatchScore.objects.create(
            vacancy=vacancy,
            candidate=application.candidate,
            application=application,
            model_version="t/1",
            score=score,
            bucket="strong",
        )
    MatchScore.objects.filter(application=top).update(override_score=40.0)
    client = Client()
    client.force_login(recruiter)

    response = client.get(reverse("web:vacancy-applicants-csv", args=[vacancy.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert "Secretlandzz" not in body
    assert "female" not in body
    rows = _rows(response)
    assert list(rows[0]) == list(APPLICANT_CSV_COLUMNS)
    assert [int(row["application_id"]) for row in rows] == [low.pk, top.pk, unscored.pk]
    assert (rows[0]["first_name"], rows[0]["phone"]) == ("'=cmd|' /C calc'!A0", "'+1 555")
    assert (rows[1]["score"], rows[1]["bucket"], rows[1]["overridden"]) == ("40.0", "weak", "yes")
    assert rows[2]["score"] == ""
    event = AuditEvent.objects.get(action=AuditEvent.Action.DATA_EXPORT)
    assert (event.actor, event.target_id) == (recruiter, str(vacancy.pk))
    assert event.detail["applications"] == [low.pk, top.pk, unscored.pk]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous_case"),
        pytest.param("candidate", 403, id="candidate_case"),
        pytest.param("api_client", 403, id="api_client_case"),
        pytest.param("recruiter", 200, id="recruiter_case"),
        pytest.param("hr_admin", 200, id="hr_admin_case"),
    ],
)
def test_only_staff_may_export_applicants(user_for_role, role, expected):
    vacancy = VacancyFactory()
    ApplicationFactory(vacancy=vacancy)
    user = user_for_role(role)
    client = Client()
    if user is not None:
        client.force_login(user)

    response = client.get(reverse("web:vacancy-applicants-csv", args=[vacancy.pk]))

    assert response.status_code == expected
    exported = AuditEvent.objects.filter(action=AuditEvent.Action.DATA_EXPORT).count()
    assert exported == (1 if expected == 200 else 0)
