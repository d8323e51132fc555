"""Celery tasks of the vacancies app: thin and idempotent."""

from celery import shared_task

from vacancies.services import talent_pool_expire


@shared_task(acks_late=True)
def talent_pool_expire_task() -> int:
    """Daily: talent-pool members whose consent expired leave the pool."""
    return talent_pool_expire()
