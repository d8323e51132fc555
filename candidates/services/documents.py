"""CV text extraction and parsing, worker side (never imports tasks)."""

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from candidates.extraction import ExtractionLimits
from candidates.extraction.batch import (
    CvBytesJob,
    CvOutcome,
    batch_map,
    batch_workers,
    cv_bytes_extract,
    cv_failed,
)
from candidates.models import CandidateDocument
from candidates.services.cv_choice import document_select_after_extraction
from matching.taxonomy.selectors import skill_matcher_get

_IN_PROGRESS = [CandidateDocument.ParseStatus.PENDING, CandidateDocument.ParseStatus.PROCESSING]
# Documents whose bytes are held in memory at once by `documents_extract` (one pool per chunk).
BATCH_CHUNK = 200
EXTRACTION_GAVE_UP = (
    "Reading this CV was started {attempts} times without finishing (the worker was lost or it "
    "ran past the time limit); upload it again or ask the recruiter."
)


def extraction_limits() -> ExtractionLimits:
    """Extraction limits from settings."""
    return ExtractionLimits(max_bytes=settings.CV_MAX_UPLOAD_BYTES)


def extraction_batch_timeout() -> float:
    """Seconds one file may take in a batch (process pool) before it is reported failed."""
    return float(settings.FAIRMATCH_EXTRACTION_BATCH_TIMEOUT_S)


def _taxonomy_skills(text: str) -> list[str]:
    """Canonical ESCO (and curated alias) skills found in a CV's text."""
    return [match.label for match in skill_matcher_get().extract(text)]


def document_extract(*, document_id: int) -> CandidateDocument:
    """Extract and parse a document's text; idempotent (a parsed or failed one is left as is).

    A document left "processing" by a killed worker is claimed again and finished; one started
    FAIRMATCH_TASK_MAX_ATTEMPTS times without finishing (a file that kills the worker) fails
    with the reason instead of being redelivered for ever.
    """
    document, job = document_extraction_claim(document_id=document_id)
    if job is None:
        return document
    return document_extraction_save(document=document, outcome=cv_bytes_extract(job))


def documents_extract(
    *,
    document_ids: Sequence[int],
    workers: int | None = None,
    on_document: Callable[[], None] | None = None,
) -> Iterator[CandidateDocument]:
    """`document_extract` for many documents, read in a process pool, in the order given.

    The pool's processes only read files (no ORM); claims and writes happen here. A file that
    crashes its process or runs past FAIRMATCH_EXTRACTION_BATCH_TIMEOUT_S fails with the reason.

    Args:
        document_ids: the documents (already stored) to read.
        workers: processes; None for FAIRMATCH_EXTRACTION_WORKERS, else one per CPU; 1 reads
            them one after the other in this process.
        on_document: called once per document read (a progress bar).
    """
    for start in range(0, len(document_ids), BATCH_CHUNK):
        yield from _documents_extract_chunk(
            document_ids[start : start + BATCH_CHUNK], workers=workers, on_document=on_document
        )


def _documents_extract_chunk(
    document_ids: Sequence[int], *, workers: int | None, on_document: Callable[[], None] | None
) -> Iterator[CandidateDocument]:
    claims = [document_extraction_claim(document_id=document_id) for document_id in document_ids]
    outcomes = batch_map(
        cv_bytes_extract,
        [job for _, job in claims if job is not None],
        workers=batch_workers(workers or settings.FAIRMATCH_EXTRACTION_WORKERS),
        timeout_s=extraction_batch_timeout(),
        failed=cv_failed,
        on_done=on_document,
    )
    for document, job in claims:
        if job is None:
            if on_document is not None:
                on_document()
            yield document
        else:
            yield document_extraction_save(document=document, outcome=next(outcomes))


def document_extraction_claim(*, document_id: int) -> tuple[CandidateDocument, CvBytesJob | None]:
    """Claim a document for extraction: it and the job that reads it, or no job when it is done.

    The job is pure (no ORM): a batch runs it in a process pool, then saves the outcome here
    with `document_extraction_save`.
    """
    claimed = CandidateDocument.objects.filter(
        pk=document_id,
        parse_status__in=_IN_PROGRESS,
        parse_attempts__lt=settings.FAIRMATCH_TASK_MAX_ATTEMPTS,
    ).update(
        parse_status=CandidateDocument.ParseStatus.PROCESSING,
        parse_attempts=F("parse_attempts") + 1,
        attempted_at=timezone.now(),
    )
    document = CandidateDocument.objects.get(pk=document_id)
    if not claimed:
        if document.parse_status in _IN_PROGRESS:
            return document_extraction_fail(document=document), None
        return document, None
    with document.file.open("rb") as handle:
        data = handle.read()
    job = CvBytesJob(data=data, filename=document.original_name, limits=extraction_limits())
    return document, job


def document_extraction_save(
    *, document: CandidateDocument, outcome: CvOutcome
) -> CandidateDocument:
    """Store what reading a claimed document gave; its skills are the canonical ESCO ones."""
    profile = None if outcome.error else outcome.profile_with_skills(_taxonomy_skills)
    if outcome.error is not None or profile is None:
        document.parse_status = CandidateDocument.ParseStatus.FAILED
        document.error_message = outcome.error or ""
        document.save(update_fields=["parse_status", "error_message", "updated_at"])
        return document
    document.extracted_text = outcome.text
    document.page_count = outcome.page_count
    document.profile = profile.to_dict()
    document.parse_status = CandidateDocument.ParseStatus.PARSED
    document.error_message = ""
    document.save(
        update_fields=[
            "extracted_text",
            "page_count",
            "profile",
            "parse_status",
            "error_message",
            "updated_at",
        ]
    )
    return document_select_after_extraction(document=document)


def document_extraction_fail(*, document: CandidateDocument) -> CandidateDocument:
    """Give up on a CV whose extraction used all its attempts; the reason is shown."""
    reason = EXTRACTION_GAVE_UP.format(attempts=document.parse_attempts)
    CandidateDocument.objects.filter(pk=document.pk, parse_status__in=_IN_PROGRESS).update(
        parse_status=CandidateDocument.ParseStatus.FAILED, error_message=reason
    )
    document.refresh_from_db()
    return document


def upload_temp_files_cleanup(*, now: float | None = None) -> int:
    """Delete spooled upload files older than FAIRMATCH_UPLOAD_TEMP_MAX_AGE_SECONDS.

    Django deletes a request's temporary file when the request ends; a web process killed
    mid-upload cannot, so its partial CV is removed here (Celery beat). Returns how many.
    """
    folder = Path(settings.FILE_UPLOAD_TEMP_DIR)
    max_age = settings.FAIRMATCH_UPLOAD_TEMP_MAX_AGE_SECONDS
    cutoff = (now if now is not None else time.time()) - max_age
    removed = 0
    for path in folder.iterdir() if folder.is_dir() else []:
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # removed meanwhile by the request that owned it
            continue
    return removed
