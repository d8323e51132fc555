"""Celery tasks of the vacancies app: thin and idempotent."""

from celery import shared_task
from django.db import OperationalError

from vacancies.emails import application_email_send
from vacancies.services import talent_pool_expire


@shared_task(acks_late=True)
def talent_pool_expire_task() -> int:
    """Daily: talent-pool members whose consent expired leave the pool."""
    return talent_pool_expire()


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def application_email_send_task(self, email_id: int) -> str:  # type: ignore[no-untyped-def]
    """Send one queued e-mail; a redelivered task finds it claimed and sends nothing."""
    return application_email_send(email_id=email_id).status
