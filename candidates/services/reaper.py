"""The reaper for CV extractions (Celery beat): a CV whose worker was lost is read again.

A document still "pending" or "processing" longer than the task time limit after its latest
attempt started (or, never started, after its upload) has no live worker: the filesystem broker
never redelivers, and a lost enqueue leaves nothing to redeliver. It is enqueued again, or
failed with the reason once it used FAIRMATCH_TASK_MAX_ATTEMPTS.
Enqueues through ``candidates.services.enqueue``.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from candidates.models import CandidateDocument
from candidates.services.documents import document_extraction_fail
from candidates.services.enqueue import cv_extract_enqueue

_IN_PROGRESS = [CandidateDocument.ParseStatus.PENDING, CandidateDocument.ParseStatus.PROCESSING]


@dataclass(frozen=True, slots=True)
class ExtractionReapResult:
    requeued: int
    failed: int


def stalled_documents(*, cutoff: datetime) -> list[CandidateDocument]:
    """Documents in progress whose latest attempt (or upload) is older than `cutoff`."""
    return list(
        CandidateDocument.objects.filter(parse_status__in=_IN_PROGRESS)
        .filter(Q(attempted_at__lt=cutoff) | Q(attempted_at__isnull=True, created_at__lt=cutoff))
        .order_by("pk")
    )


def cv_extractions_stalled_reap(*, now: datetime | None = None) -> ExtractionReapResult:
    """Enqueue every stalled extraction again, or fail it past its attempts."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.FAIRMATCH_TASK_ATTEMPT_TIMEOUT_SECONDS)
    requeued = failed = 0
    for document in stalled_documents(cutoff=cutoff):
        if document.parse_attempts >= settings.FAIRMATCH_TASK_MAX_ATTEMPTS:
            document_extraction_fail(document=document)
            failed += 1
            continue
        claimed = CandidateDocument.objects.filter(
            pk=document.pk, parse_status__in=_IN_PROGRESS, attempted_at=document.attempted_at
        ).update(attempted_at=now)
        if claimed:
            cv_extract_enqueue(document_id=document.pk)
            requeued += 1
    return ExtractionReapResult(requeued=requeued, failed=failed)
