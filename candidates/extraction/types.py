"""Inputs and outputs of text extraction."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ContentType(StrEnum):
    """Document types accepted, as MIME types; detected from magic bytes, never the file name."""

    PDF = "application/pdf"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ODT = "application/vnd.oasis.opendocument.text"
    RTF = "application/rtf"
    TXT = "text/plain"


MEGABYTE = 1024 * 1024


def megabytes(size: int) -> str:
    """A byte count in MB for people: "10", "12.3", and two significant digits under 0.1."""
    value = size / MEGABYTE
    if value < 0.1:
        return f"{value:.2g}"
    return f"{value:.1f}".removesuffix(".0")


@dataclass(frozen=True, slots=True)
class ExtractionLimits:
    """Limits applied before and during extraction.

    Attributes:
        max_bytes: largest accepted file (default 10 MB).
        max_pages: most PDF pages accepted.
        timeout_s: wall-clock budget for extracting one file's text.
        max_archive_bytes: largest total uncompressed size of a DOCX/ODT zip archive.
        max_archive_entries: most entries in a DOCX/ODT zip archive.
    """

    max_bytes: int = 10 * MEGABYTE
    max_pages: int = 50
    timeout_s: float = 30.0
    max_archive_bytes: int = 50 * MEGABYTE
    max_archive_entries: int = 1000


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """Text extracted from one file.

    Attributes:
        text: the document's text (newlines normalised, page breaks as blank lines).
        content_type: the type detected from the content.
        page_count: pages of a PDF; None for flowing formats.
        backend: what produced the text (`pdftotext`, `pdfminer`, `pymupdf`, `docx`, ...).
    """

    text: str
    content_type: ContentType
    page_count: int | None
    backend: str
