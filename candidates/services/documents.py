"""CV text extraction and parsing, worker side (never imports tasks)."""

import time
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from candidates.extraction import ExtractionError, ExtractionLimits, extract_text
from candidates.models import CandidateDocument
from candidates.services.cv_choice import document_select_after_extraction
from matching.taxonomy.selectors import skill_matcher_get

_IN_PROGRESS = [CandidateDocument.ParseStatus.PENDING, CandidateDocument.ParseStatus.PROCESSING]
EXTRACTION_GAVE_UP = (
    "Reading this CV was started {attempts} times without finishing (the worker was lost or it "
    "ran past the time limit); upload it again or ask the recruiter."
)


def extraction_limits() -> ExtractionLimits:
    """Extraction limits from settings."""
    return ExtractionLimits(max_bytes=settings.CV_MAX_UPLOAD_BYTES)


def _taxonomy_skills(text: str) -> list[str]:
    """Canonical ESCO (and curated alias) skills found in a CV's text."""
    return [match.label for match in skill_matcher_get().extract(text)]


def document_extract(*, document_id: int) -> CandidateDocument:
    """Extract and parse a document's text; idempotent (a parsed or failed one is left as is).

    A document left "processing" by a killed worker is claimed again and finished; one started
    FAIRMATCH_TASK_MAX_ATTEMPTS times without finishing (a file that kills the worker) fails
    with the reason instead of being redelivered for ever.
    """
    from candidates.extraction.profile import parse_profile

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
            return document_extraction_fail(document=document)
        return document
    with document.file.open("rb") as handle:
        data = handle.read()
    try:
        extracted = extract_text(data, filename=document.original_name, limits=extraction_limits())
    except ExtractionError as error:
        document.parse_status = CandidateDocument.ParseStatus.FAILED
        document.error_message = str(error)
        document.save(update_fields=["parse_status", "error_message", "updated_at"])
        return document
    document.extracted_text = extracted.text
    document.page_count = extracted.page_count
    document.profile = parse_profile(extracted.text, skill_extractor=_taxonomy_skills).to_dict()
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
