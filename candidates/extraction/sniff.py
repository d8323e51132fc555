"""Detect a document's type from its magic bytes, never from its name or declared type."""

from __future__ import annotations

import io
import zipfile

from candidates.extraction.errors import (
    LEGACY_DOC,
    SCRIPT_FILE,
    UNSUPPORTED_TYPE,
    UnsupportedFileType,
)
from candidates.extraction.types import ContentType

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "Windows executable"),
    (b"\x7fELF", "ELF executable"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_TEXT_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_ALLOWED_CONTROLS = frozenset(b"\t\n\r\x0c")
_MAX_CONTROL_RATIO = 0.01
_PDF_HEADER_WINDOW = 1024
# Text that is code, whatever its name says: refused rather than scored as a CV.
_SCRIPT_STARTS: tuple[tuple[bytes, str], ...] = (
    (b"#!", "script (#! line)"),
    (b"<?php", "PHP script"),
    (b"<script", "HTML script"),
    (b"<!doctype html", "HTML page"),
    (b"<html", "HTML page"),
    (b"@echo off", "batch script"),
)


def detect_content_type(data: bytes) -> ContentType:
    """Return the type of `data` from its leading bytes.

    Args:
        data: the whole file.

    Returns:
        The detected content type.

    Raises:
        UnsupportedFileType: for anything that is not PDF, DOCX, ODT, RTF or text.
    """
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return ContentType.PDF
    if data.startswith(b"PK\x03\x04"):
        return _zip_document_type(data)
    if data.startswith(b"{\\rtf"):
        return ContentType.RTF
    if data.startswith(_OLE2):
        raise UnsupportedFileType(LEGACY_DOC)
    for signature, name in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise UnsupportedFileType(UNSUPPORTED_TYPE.format(detected=name))
    if looks_like_text(data):
        _refuse_scripts(data)
        return ContentType.TXT
    raise UnsupportedFileType(UNSUPPORTED_TYPE.format(detected="binary data"))


def _refuse_scripts(data: bytes) -> None:
    start = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    for prefix, name in _SCRIPT_STARTS:
        if start.startswith(prefix):
            raise UnsupportedFileType(SCRIPT_FILE.format(detected=name))


def looks_like_text(data: bytes) -> bool:
    """Whether `data` is plausibly text: a text BOM, or no NUL and almost no control bytes."""
    if data.startswith(_TEXT_BOMS):
        return True
    sample = data[:65536]
    if b"\x00" in sample:
        return False
    controls = sum(1 for byte in sample if byte < 32 and byte not in _ALLOWED_CONTROLS)
    return controls <= len(sample) * _MAX_CONTROL_RATIO


def _zip_document_type(data: bytes) -> ContentType:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return ContentType.DOCX
            if _is_odt(archive, names):
                return ContentType.ODT
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        EOFError,
        ValueError,
        KeyError,
    ) as error:
        raise UnsupportedFileType(
            UNSUPPORTED_TYPE.format(detected="damaged zip archive")
        ) from error
    except (RuntimeError, NotImplementedError) as error:
        raise UnsupportedFileType(UNSUPPORTED_TYPE.format(detected="zip archive")) from error
    raise UnsupportedFileType(UNSUPPORTED_TYPE.format(detected="zip archive"))


def _is_odt(archive: zipfile.ZipFile, names: set[str]) -> bool:
    """An ODT's first entry, `mimetype`, names its type (size checked before reading it)."""
    if "mimetype" not in names or archive.getinfo("mimetype").file_size > len(ODT_MIMETYPE) + 2:
        return False
    return archive.read("mimetype").strip() == ODT_MIMETYPE
