"""FairMatch Django project; the Celery app is imported so shared tasks bind to it."""

from .celery import app as celery_app

__all__ = ["celery_app"]
