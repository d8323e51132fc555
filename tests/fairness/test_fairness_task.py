"""The fairness audit task stores a report and is scheduled monthly."""

import pytest
from celery.schedules import crontab
from django.conf import settings

from fairness.models import AuditReport
from fairness.tasks import audit_run_database_task
from tests.factories import ApplicationFactory, SensitiveAttributesFactory

pytestmark = pytest.mark.django_db


def test_audit_task_stores_a_database_report():
    for _ in range(3):
        application = ApplicationFactory(status="rejected")
        SensitiveAttributesFactory(candidate=application.candidate)

    report_id = audit_run_database_task(attributes=["gender"])

    report = AuditReport.objects.get(pk=report_id)
    assert report.source == "database"
    assert AuditReport.objects.count() == 1


def test_database_audit_is_scheduled_on_the_first_of_each_month():
    entry = settings.CELERY_BEAT_SCHEDULE["monthly-fairness-audit"]
    assert entry["task"] == "fairness.tasks.audit_run_database_task"
    assert entry["schedule"] == crontab(minute=0, hour=3, day_of_month=1)


def test_reports_with_nan_or_infinity_are_stored_as_valid_json():
    from fairness.services import audit_report_create

    report = audit_report_create(
        scope="all",
        source="decision_log",
        parameters={"threshold": float("inf")},
        report={"ratio": float("nan"), "groups": [{"rate": 0.5}, {"rate": float("-inf")}]},
    )

    report.refresh_from_db()
    assert report.report == {"ratio": None, "groups": [{"rate": 0.5}, {"rate": None}]}
    assert report.parameters == {"threshold": None}
