"""Extraction errors: one exception family, one message constant per reason."""

from __future__ import annotations

FILE_EMPTY = "the file is empty"
FILE_TOO_LARGE = "the file is {size} MB; the limit is {limit} MB"
UNSUPPORTED_TYPE = (
    "unsupported file type (detected from its content: {detected}); upload a PDF, DOCX, ODT, "
    "RTF or TXT file"
)
LEGACY_DOC = "legacy Word .doc files are not supported; save the file as DOCX or PDF"
PDF_CORRUPT = "this PDF is corrupt or unreadable"
PDF_ENCRYPTED = "this PDF is encrypted or password-protected; upload an unprotected copy"
PDF_NO_TEXT_LAYER = "this PDF has no text layer (scanned?); upload a text PDF or DOCX"
PDF_TOO_MANY_PAGES = "this PDF has {pages} pages; the limit is {limit} pages"
EXTRACTION_TIMEOUT = "text extraction took longer than the {limit:g} s limit"
DOCUMENT_CORRUPT = "this {kind} file is corrupt or unreadable"
ARCHIVE_TOO_MANY_ENTRIES = "this {kind} file has {entries} archive entries; the limit is {limit}"
ARCHIVE_TOO_LARGE = (
    "this {kind} file expands to {size} MB when uncompressed; the limit is {limit} MB"
)
SCRIPT_FILE = (
    "this file is a {detected}, not a CV (detected from its content); upload a PDF, DOCX, ODT, "
    "RTF or TXT file"
)
NO_TEXT = "no text could be extracted from this file"


class ExtractionError(Exception):
    """A file was rejected or could not be turned into text; `message` says why, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedFileType(ExtractionError):
    """The content is not a PDF, DOCX, ODT, RTF or text file (whatever its name says)."""


class FileTooLarge(ExtractionError):
    """The file, its page count or its uncompressed archive exceeds a limit."""


class CorruptFile(ExtractionError):
    """The file claims a supported type but cannot be parsed."""


class EncryptedFile(ExtractionError):
    """The PDF is encrypted."""


class NoTextLayer(ExtractionError):
    """Parsing worked but produced no text (a scanned PDF, an empty document)."""


class ExtractionTimeout(ExtractionError):
    """Extraction ran past the time limit."""
