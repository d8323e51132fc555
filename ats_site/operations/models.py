"""A worker's heartbeat: written by each live Celery worker, read by the staff banner."""

from django.db import models

from ats_site.common.models import BaseModel


class WorkerHeartbeat(BaseModel):
    """The last time a worker process said it was alive (in the database, so every web
    process sees it whatever the cache; a killed worker's row simply grows old)."""

    hostname = models.CharField(max_length=255, unique=True)
    queues = models.CharField(max_length=255, blank=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.hostname} (seen {self.seen_at:%Y-%m-%d %H:%M:%S})"
