"""The heartbeat thread a Celery worker runs beside its pool.

A thread, not a beat task: a task would queue behind a long batch and call a busy worker dead,
and would stop with beat. The thread writes every FAIRMATCH_WORKER_HEARTBEAT_SECONDS while the
worker process lives; SIGKILL stops it with the worker.
"""

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection

from ats_site.operations.services import worker_heartbeat_record, worker_heartbeat_remove

logger = logging.getLogger(__name__)


class HeartbeatThread(threading.Thread):
    def __init__(self, *, hostname: str, queues: str) -> None:
        super().__init__(name="fairmatch-heartbeat", daemon=True)
        self.hostname = hostname
        self.queues = queues
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = settings.FAIRMATCH_WORKER_HEARTBEAT_SECONDS
        while not self.stopped.is_set():
            try:
                close_old_connections()
                worker_heartbeat_record(hostname=self.hostname, queues=self.queues)
            except Exception:  # a database hiccup must never take the worker down
                logger.exception("worker heartbeat not written")
            self.stopped.wait(interval)
        connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.join(timeout=5)
        try:
            worker_heartbeat_remove(hostname=self.hostname)
        except Exception:
            logger.exception("worker heartbeat not removed")
