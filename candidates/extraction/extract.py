"""`extract_text`: validate a file by size and magic bytes, then turn it into text."""

from __future__ import annotations

from collections.abc import Sequence

from candidates.extraction.errors import (
    FILE_EMPTY,
    FILE_TOO_LARGE,
    NO_TEXT,
    ExtractionError,
    FileTooLarge,
    NoTextLayer,
)
from candidates.extraction.office import check_archive, docx_text, odt_text
from candidates.extraction.pdf import extract_pdf_text
from candidates.extraction.plain import decode_text, normalise_text, rtf_text
from candidates.extraction.sniff import detect_content_type
from candidates.extraction.types import (
    ContentType,
    ExtractedDocument,
    ExtractionLimits,
    megabytes,
)

DEFAULT_LIMITS = ExtractionLimits()


def extract_text(
    data: bytes,
    *,
    filename: str | None = None,
    limits: ExtractionLimits = DEFAULT_LIMITS,
    pdf_backends: Sequence[str] | None = None,
) -> ExtractedDocument:
    """Validate a CV file and extract its text.

    The type comes from the content's magic bytes only; `filename` never decides it.

    Args:
        data: the whole file.
        filename: the uploaded name, kept for the caller's messages; not used to pick the type.
        limits: size, page, archive and time limits.
        pdf_backends: PDF backend names in order of preference; None for the installed default
            (`available_pdf_backends()`), pdfminer.six being the last resort.

    Returns:
        The normalised text with its detected type, page count and backend.

    Raises:
        ExtractionError: with a user-facing message, for every rejected or unreadable file.
    """
    del filename  # the type is decided from the content alone
    if not data:
        raise ExtractionError(FILE_EMPTY)
    if len(data) > limits.max_bytes:
        raise FileTooLarge(
            FILE_TOO_LARGE.format(size=megabytes(len(data)), limit=megabytes(limits.max_bytes))
        )
    content_type = detect_content_type(data)
    page_count: int | None = None
    if content_type is ContentType.PDF:
        raw, page_count, backend = extract_pdf_text(data, limits=limits, backends=pdf_backends)
    else:
        raw, backend = _flowing_text(data, content_type, limits)
    text = normalise_text(raw)
    if not text:
        raise NoTextLayer(NO_TEXT)
    return ExtractedDocument(
        text=text, content_type=content_type, page_count=page_count, backend=backend
    )


def _flowing_text(
    data: bytes, content_type: ContentType, limits: ExtractionLimits
) -> tuple[str, str]:
    if content_type is ContentType.DOCX:
        check_archive(data, kind="DOCX", limits=limits)
        return docx_text(data), "docx"
    if content_type is ContentType.ODT:
        check_archive(data, kind="ODT", limits=limits)
        return odt_text(data), "odt"
    if content_type is ContentType.RTF:
        return rtf_text(data), "rtf"
    return decode_text(data), "text"
