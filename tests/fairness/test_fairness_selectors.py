import logging

import pytest

from fairness.models import AuditReport
from fairness.selectors import SENSITIVE_READ_LOG, application_audit_rows, open_vacancy_texts
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    SensitiveAttributesFactory,
    VacancyFactory,
)
from vacancies.models import Vacancy
from vacancies.services import application_move

pytestmark = pytest.mark.django_db


def test_audit_rows_carry_attributes_and_the_whole_status_history(
    caplog: pytest.LogCaptureFixture,
) -> None:
    attributes = SensitiveAttributesFactory.create(
        gender="female", nationality="SN", birth_year=1991
    )
    application = ApplicationFactory.create(candidate=attributes.candidate)
    for status in ("screening", "interview", "rejected"):
        application_move(application=application, to_status=status, moved_by=None)
    bare = ApplicationFactory.create(candidate=CandidateFactory.create())

    with caplog.at_level(logging.INFO, logger="fairness.selectors"):
        rows = application_audit_rows()

    assert [row.application_id for row in rows] == [application.pk, bare.pk]
    first, second = rows
    assert (first.gender, first.nationality, first.ethnicity, first.birth_year) == (
        "female",
        "SN",
        "not_disclosed",
        1991,
    )
    assert first.statuses == (
        "rejected",
        "new",
        "screening",
        "screening",
        "interview",
        "interview",
        "rejected",
    )
    assert (second.gender, second.birth_year, second.statuses) == (None, None, ("new",))
    assert caplog.messages == [SENSITIVE_READ_LOG % (2, None)]


def test_audit_rows_of_one_vacancy() -> None:
    application = ApplicationFactory.create()
    ApplicationFactory.create()

    rows = application_audit_rows(vacancy_id=application.vacancy_id)

    assert [row.application_id for row in rows] == [application.pk]


def test_open_vacancy_texts_join_title_description_and_skills() -> None:
    vacancy = VacancyFactory.create(
        title="Data engineer", description="Pipelines.", required_skills=["Python", "SQL"]
    )
    VacancyFactory.create(status=Vacancy.Status.CLOSED)

    assert open_vacancy_texts() == [
        (vacancy.pk, "Data engineer\nPipelines.\nRequired skills: Python, SQL")
    ]


def test_audit_report_str_names_source_and_scope() -> None:
    report = AuditReport(scope="vacancy 3", source=AuditReport.Source.DATABASE)

    assert str(report) == "FairMatch database audit of vacancy 3"
