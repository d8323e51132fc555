"""CV upload: checks what can be judged cheaply from the bytes, stores, enqueues extraction.

Size, real type (magic bytes), encryption, page count and zip bombs are refused here with
nothing stored; the worker extracts the text and records any later failure on the document.
"""

import hashlib
import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.base import ContentFile
from django.db import transaction

from ats_site.accounts.models import User
from ats_site.exceptions import UploadRejected
from candidates.extraction import ContentType, ExtractionError, ExtractionLimits
from candidates.extraction.office import check_archive
from candidates.extraction.pdf import probe_pdf
from candidates.extraction.sniff import detect_content_type
from candidates.extraction.types import megabytes
from candidates.models import Candidate, CandidateDocument
from candidates.services.cv_choice import document_select
from candidates.services.documents import extraction_limits
from candidates.services.enqueue import cv_extract_enqueue

UPLOAD_TOO_LARGE = "The file is {size} MB; the limit is {limit} MB."
UPLOAD_EMPTY = "The file is empty."

_EXTENSIONS = {
    ContentType.PDF: ".pdf",
    ContentType.DOCX: ".docx",
    ContentType.ODT: ".odt",
    ContentType.RTF: ".rtf",
    ContentType.TXT: ".txt",
}


@dataclass(frozen=True, slots=True)
class UploadResult:
    document: CandidateDocument
    is_duplicate: bool


def _validate_upload(data: bytes, limits: ExtractionLimits) -> ContentType:
    if not data:
        raise UploadRejected(UPLOAD_EMPTY)
    if len(data) > limits.max_bytes:
        raise UploadRejected(
            UPLOAD_TOO_LARGE.format(size=megabytes(len(data)), limit=megabytes(limits.max_bytes)),
            {"size": len(data), "limit": limits.max_bytes},
        )
    try:
        content_type = detect_content_type(data)
        if content_type is ContentType.PDF:
            probe_pdf(data, limits)
        elif content_type in (ContentType.DOCX, ContentType.ODT):
            check_archive(data, kind=content_type.name, limits=limits)
    except ExtractionError as error:
        raise UploadRejected(str(error)) from error
    return content_type


@transaction.atomic
def cv_upload(
    *,
    candidate: Candidate,
    data: bytes,
    original_name: str,
    enqueue_extraction: bool = True,
    uploaded_by: User | None = None,
) -> UploadResult:
    """Store a checked CV under a random name; the same content twice is recognised.

    Text extraction is enqueued after commit, so the request never waits for it; bulk imports
    pass `enqueue_extraction=False` and extract in their own process.
    """
    content_type = _validate_upload(data, extraction_limits())
    sha256 = hashlib.sha256(data).hexdigest()
    existing = CandidateDocument.objects.filter(candidate=candidate, sha256=sha256).first()
    if existing is not None:
        # Sending a CV already on file again means "use this one".
        if existing.parse_status == CandidateDocument.ParseStatus.PARSED:
            document_select(document=existing, selected_by=uploaded_by)
        return UploadResult(document=existing, is_duplicate=True)
    safe_name = PurePath(original_name).name[:255] or "cv"
    document = CandidateDocument(
        candidate=candidate,
        original_name=safe_name,
        content_type=content_type.value,
        size=len(data),
        sha256=sha256,
        uploaded_by=uploaded_by,
    )
    # A random stored name: nothing the uploader chose reaches the filesystem path.
    document.file.save(
        f"{uuid.uuid4().hex}{_EXTENSIONS[content_type]}", ContentFile(data), save=False
    )
    document.full_clean()
    document.save()
    if enqueue_extraction:
        cv_extract_enqueue(document_id=document.pk)
    return UploadResult(document=document, is_duplicate=False)
