"""Celery tasks of the fairness app (queue "default")."""

from celery import shared_task
from django.db import OperationalError

from fairness.services import audit_run_database


@shared_task(acks_late=True, autoretry_for=(OperationalError,), retry_backoff=True, max_retries=3)
def audit_run_database_task(
    vacancy_id: int | None = None, attributes: list[str] | None = None
) -> int:
    """Run and store a database audit; returns the stored report's id."""
    if attributes:
        return audit_run_database(vacancy_id=vacancy_id, attributes=attributes).pk
    return audit_run_database(vacancy_id=vacancy_id).pk
