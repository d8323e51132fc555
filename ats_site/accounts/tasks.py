"""Celery tasks of the accounts app: thin, idempotent."""

from celery import shared_task

from ats_site.accounts.audit import audit_events_purge


@shared_task(acks_late=True)
def audit_events_purge_task() -> int:
    """Daily: delete audit events past FAIRMATCH_AUDIT_RETENTION_DAYS."""
    return audit_events_purge()
