"""Is background work moving? Read by every staff page, so the answer is cached."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from ats_site.operations.models import WorkerHeartbeat
from candidates.models import CandidateDocument
from matching.models import ScoringBatch, ScoringRun

_CACHE_KEY = "fairmatch:queue-health"
_IN_PROGRESS_CV = [CandidateDocument.ParseStatus.PENDING, CandidateDocument.ParseStatus.PROCESSING]
_ACTIVE_RUN = [ScoringRun.Status.PENDING, ScoringRun.Status.RUNNING]


@dataclass(frozen=True, slots=True)
class QueueHealth:
    worker_alive: bool
    # Since when the oldest unfinished scoring batch or CV reading has waited (None: nothing).
    oldest_waiting_since: datetime | None
    checked_at: datetime

    @property
    def waited_minutes(self) -> float:
        if self.oldest_waiting_since is None:
            return 0.0
        return (self.checked_at - self.oldest_waiting_since).total_seconds() / 60

    @property
    def waited_whole_minutes(self) -> int:
        return int(self.waited_minutes)

    @property
    def not_draining(self) -> bool:
        return self.waited_minutes >= settings.FAIRMATCH_QUEUE_ALERT_MINUTES

    @property
    def alert(self) -> bool:
        return not self.worker_alive or self.not_draining


def worker_alive(*, now: datetime) -> bool:
    """A worker wrote its heartbeat within FAIRMATCH_WORKER_DEAD_AFTER_SECONDS."""
    since = now - timedelta(seconds=settings.FAIRMATCH_WORKER_DEAD_AFTER_SECONDS)
    return WorkerHeartbeat.objects.filter(seen_at__gte=since).exists()


def oldest_waiting_since() -> datetime | None:
    """When the oldest unfinished work was queued: a batch of an active run, or a CV."""
    batch = ScoringBatch.objects.filter(
        status=ScoringBatch.Status.PENDING, run__status__in=_ACTIVE_RUN
    ).aggregate(oldest=Min("run__created_at"))["oldest"]
    document = CandidateDocument.objects.filter(parse_status__in=_IN_PROGRESS_CV).aggregate(
        oldest=Min("created_at")
    )["oldest"]
    waiting = [moment for moment in (batch, document) if moment is not None]
    return min(waiting) if waiting else None


def queue_health_get(*, use_cache: bool = True) -> QueueHealth:
    """Worker alive and queue draining, cached FAIRMATCH_QUEUE_HEALTH_CACHE_SECONDS so a page
    pays for the check at most once per period across all users."""
    if use_cache:
        cached = cache.get(_CACHE_KEY)
        if isinstance(cached, QueueHealth):
            return cached
    now = timezone.now()
    health = QueueHealth(
        worker_alive=worker_alive(now=now),
        oldest_waiting_since=oldest_waiting_since(),
        checked_at=now,
    )
    cache.set(_CACHE_KEY, health, settings.FAIRMATCH_QUEUE_HEALTH_CACHE_SECONDS)
    return health


def document_waiting_for_worker(*, document: CandidateDocument) -> bool:
    """A CV still unread with no live worker, or unread past the notice delay (setting)."""
    if document.parse_status not in _IN_PROGRESS_CV:
        return False
    if not queue_health_get().worker_alive:
        return True
    since = document.attempted_at or document.created_at
    waited = (timezone.now() - since).total_seconds()
    return waited > settings.FAIRMATCH_WORKER_WAIT_NOTICE_SECONDS
