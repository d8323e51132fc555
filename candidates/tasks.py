"""Celery tasks of the candidates app: thin, idempotent, arguments are primary keys."""

from celery import shared_task
from django.db import OperationalError

from candidates.services.documents import document_extract, upload_temp_files_cleanup
from candidates.services.reaper import cv_extractions_stalled_reap
from candidates.services.retention import retention_sweep


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def cv_extract_task(self, document_id: int) -> str:  # type: ignore[no-untyped-def]
    """Extract and parse one uploaded CV."""
    return document_extract(document_id=document_id).parse_status


@shared_task(acks_late=True)
def retention_sweep_task() -> dict[str, int]:
    """Daily: retention notices and erasure of candidates inactive past the notice period."""
    result = retention_sweep()
    return {"notified": result.notified, "erased": result.erased}


@shared_task(acks_late=True)
def cv_extractions_stalled_reap_task() -> dict[str, int]:
    """Beat: CV extractions whose worker was lost are enqueued again, or failed."""
    result = cv_extractions_stalled_reap()
    return {"requeued": result.requeued, "failed": result.failed}


@shared_task(acks_late=True)
def upload_temp_files_cleanup_task() -> int:
    """Beat: remove upload files left behind by a web process killed mid-upload."""
    return upload_temp_files_cleanup()
