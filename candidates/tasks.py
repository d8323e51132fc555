"""Celery tasks of the candidates app: thin, idempotent, arguments are primary keys."""

from celery import shared_task
from django.db import OperationalError

from candidates.models import CandidateDocument
from candidates.services.documents import document_extract, upload_temp_files_cleanup
from candidates.services.intake_processing import cv_intake_item_process
from candidates.services.reaper import cv_extractions_stalled_reap
from candidates.services.retention import retention_sweep
from matching.services.enqueue import candidate_occupations_enqueue


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def cv_extract_task(self, document_id: int) -> str:  # type: ignore[no-untyped-def]
    """Extract and parse one uploaded CV; a CV read becomes the scored one, so its occupations
    are read next (in the worker)."""
    document = document_extract(document_id=document_id)
    if document.parse_status == CandidateDocument.ParseStatus.PARSED:
        candidate_occupations_enqueue(candidate_id=document.candidate_id)
    return document.parse_status


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def cv_intake_item_task(self, item_id: int) -> str:  # type: ignore[no-untyped-def]
    """Read one file of a bulk CV intake and name its candidate from the CV."""
    return cv_intake_item_process(item_id=item_id).status


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
