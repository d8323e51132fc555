"""Celery application: configured from Django settings under the CELERY_ namespace."""

import os
from typing import TYPE_CHECKING

from celery import Celery
from celery.signals import worker_process_init, worker_ready, worker_shutdown

if TYPE_CHECKING:
    from ats_site.operations.heartbeat import HeartbeatThread

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


_heartbeats: "list[HeartbeatThread]" = []


@worker_ready.connect
def start_heartbeat(sender: object, **_: object) -> None:
    """Write this worker's heartbeat from a thread while it lives (the staff banner reads it)."""
    from ats_site.operations.heartbeat import HeartbeatThread

    consumer = sender
    hostname = str(getattr(consumer, "hostname", "") or "worker")
    queues = ",".join(sorted(app.amqp.queues.consume_from or {}))
    thread = HeartbeatThread(hostname=hostname, queues=queues)
    thread.start()
    _heartbeats.append(thread)


@worker_shutdown.connect
def stop_heartbeat(**_: object) -> None:
    """A clean shutdown removes the heartbeat at once."""
    while _heartbeats:
        thread = _heartbeats.pop()
        thread.stop()
