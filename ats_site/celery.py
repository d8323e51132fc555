"""Celery application: configured from Django settings under the CELERY_ namespace."""

import os

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats_site.settings.base")

app = Celery("ats_site")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def warm_encoder(**_: object) -> None:
    """Load the encoder once per worker process so the first task does not pay for it."""
    from django.conf import settings

    if not settings.MATCHING_WARM_ENCODER_ON_WORKER_START:
        return
    try:
        from matching.services.encoders import default_encoder
    except ImportError:  # the engine is optional for light-only workers
        return
    default_encoder()
