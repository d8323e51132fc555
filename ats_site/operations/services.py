"""Heartbeat writes (worker side)."""

from django.utils import timezone

from ats_site.operations.models import WorkerHeartbeat


def worker_heartbeat_record(*, hostname: str, queues: str) -> WorkerHeartbeat:
    """Say that the worker `hostname` is alive now."""
    heartbeat, _ = WorkerHeartbeat.objects.update_or_create(
        hostname=hostname, defaults={"queues": queues, "seen_at": timezone.now()}
    )
    return heartbeat


def worker_heartbeat_remove(*, hostname: str) -> None:
    """A worker shutting down cleanly says so at once (a killed one's heartbeat ages)."""
    WorkerHeartbeat.objects.filter(hostname=hostname).delete()
