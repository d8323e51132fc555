"""Every bad-input class is rejected with its message constant, from files built in memory."""

from __future__ import annotations

import io
import zipfile

import pytest
from pypdf import PdfReader, PdfWriter

from candidates.extraction import ExtractionError, ExtractionLimits, errors, extract_text
from candidates.extraction.types import MEGABYTE
from tests.candidates.extraction.cv_files import add_zip_entries, build_docx, build_pdf
from tests.requirements import require


def _encrypted(pdf: bytes, *, user_password: str, algorithm: str = "RC4-128") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_empty_file_is_rejected() -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_text(b"")
    assert raised.value.message == errors.FILE_EMPTY


def test_file_over_the_size_limit_is_rejected() -> None:
    with pytest.raises(errors.FileTooLarge) as raised:
        extract_text(b"a" * 101, limits=ExtractionLimits(max_bytes=100))
    assert raised.value.message == errors.FILE_TOO_LARGE.format(size="9.6e-05", limit="9.5e-05")


def test_size_error_is_in_megabytes() -> None:
    with pytest.raises(errors.FileTooLarge) as raised:
        extract_text(b"a" * (12 * MEGABYTE + MEGABYTE // 3), limits=ExtractionLimits())
    assert raised.value.message == "the file is 12.3 MB; the limit is 10 MB"


@pytest.mark.parametrize(
    ("script", "detected"),
    [
        (b"#!/bin/sh\nrm -rf ~\necho Jane Doe, engineer\n", "script (#! line)"),
        (b"\xef\xbb\xbf  #!/usr/bin/env python3\nprint('cv')\n", "script (#! line)"),
        (b"<?php system($_GET['c']); ?>\nJane Doe\n", "PHP script"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "HTML page"),
    ],
    ids=["shell_case", "python_bom_case", "php_case", "html_case"],
)
def test_script_renamed_pdf_is_refused_by_its_content(script: bytes, detected: str) -> None:
    with pytest.raises(errors.UnsupportedFileType) as raised:
        extract_text(script, filename="cv.pdf")
    assert raised.value.message == errors.SCRIPT_FILE.format(detected=detected)


def test_text_cv_mentioning_a_shebang_later_is_still_text() -> None:
    cv = b"Jane Doe\nSkills: bash scripting (#!/bin/sh), Python\n"
    assert extract_text(cv, filename="cv.txt").text.startswith("Jane Doe")


def test_default_size_limit_is_ten_megabytes() -> None:
    assert ExtractionLimits().max_bytes == 10 * MEGABYTE


def test_renamed_executable_is_rejected_by_magic_bytes() -> None:
    executable = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(range(256)) * 4
    with pytest.raises(errors.UnsupportedFileType) as raised:
        extract_text(executable, filename="cv.pdf")
    assert raised.value.message == errors.UNSUPPORTED_TYPE.format(detected="Windows executable")


def test_image_is_rejected_even_when_named_docx() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(errors.UnsupportedFileType) as raised:
        extract_text(png, filename="cv.docx")
    assert raised.value.message == errors.UNSUPPORTED_TYPE.format(detected="PNG image")


def test_binary_junk_is_rejected() -> None:
    with pytest.raises(errors.UnsupportedFileType) as raised:
        extract_text(bytes(range(256)) * 8)
    assert raised.value.message == errors.UNSUPPORTED_TYPE.format(detected="binary data")


def test_legacy_word_document_is_rejected_with_advice() -> None:
    with pytest.raises(errors.UnsupportedFileType) as raised:
        extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, filename="cv.doc")
    assert raised.value.message == errors.LEGACY_DOC


def test_zip_that_is_not_a_document_is_rejected() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(errors.UnsupportedFileType) as raised:
        extract_text(out.getvalue(), filename="cv.docx")
    assert raised.value.message == errors.UNSUPPORTED_TYPE.format(detected="zip archive")


def test_corrupt_pdf_is_rejected() -> None:
    with pytest.raises(errors.CorruptFile) as raised:
        extract_text(b"%PDF-1.7\n" + b"\x01garbage\x02" * 50)
    assert raised.value.message == errors.PDF_CORRUPT


def test_truncated_pdf_is_rejected() -> None:
    with pytest.raises(errors.CorruptFile) as raised:
        extract_text(build_pdf()[:120])
    assert raised.value.message == errors.PDF_CORRUPT


def test_pdf_with_a_user_password_is_rejected() -> None:
    encrypted = _encrypted(build_pdf([["Jane Doe", "Skills"]]), user_password="secret")
    with pytest.raises(errors.EncryptedFile) as raised:
        extract_text(encrypted)
    assert raised.value.message == errors.PDF_ENCRYPTED


@pytest.mark.parametrize("backend", ["pdfminer", "pdftotext"])
@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_pdf_with_only_an_owner_password_is_read(backend: str, algorithm: str) -> None:
    if backend == "pdftotext":
        require("pdftotext", "poppler's optional PDF backend (apt-get install poppler-utils)")
    restricted = _encrypted(
        build_pdf([["Jane Doe", "Skills Python"]]), user_password="", algorithm=algorithm
    )
    assert PdfReader(io.BytesIO(restricted)).is_encrypted

    extracted = extract_text(restricted, pdf_backends=[backend])

    assert extracted.text == "Jane Doe\nSkills Python"
    assert extracted.page_count == 1


def test_pdf_without_text_layer_is_rejected_with_exact_message() -> None:
    with pytest.raises(errors.NoTextLayer) as raised:
        extract_text(build_pdf([[], []], image_only=True))
    assert (
        raised.value.message == "this PDF has no text layer (scanned?); upload a text PDF or DOCX"
    )
    assert raised.value.message == errors.PDF_NO_TEXT_LAYER


def test_pdf_over_the_page_limit_is_rejected() -> None:
    pdf = build_pdf([["one"], ["two"], ["three"]])
    with pytest.raises(errors.FileTooLarge) as raised:
        extract_text(pdf, limits=ExtractionLimits(max_pages=2))
    assert raised.value.message == errors.PDF_TOO_MANY_PAGES.format(pages=3, limit=2)


def test_pdf_extraction_past_the_time_limit_is_stopped() -> None:
    with pytest.raises(errors.ExtractionTimeout) as raised:
        extract_text(build_pdf(), limits=ExtractionLimits(timeout_s=0.0), pdf_backends=["pdfminer"])
    assert raised.value.message == errors.EXTRACTION_TIMEOUT.format(limit=0.0)


def test_docx_zip_bomb_is_rejected_by_uncompressed_size() -> None:
    bomb = add_zip_entries(build_docx(["Jane Doe"]), {"word/media/bomb.bin": b"\0" * 2 * MEGABYTE})
    limits = ExtractionLimits(max_archive_bytes=MEGABYTE)
    with pytest.raises(errors.FileTooLarge) as raised:
        extract_text(bomb, limits=limits)
    assert raised.value.message.startswith("this DOCX file expands to ")
    assert raised.value.message.endswith("the limit is 1 MB")
    assert len(bomb) * 20 < 2 * MEGABYTE


def test_docx_with_too_many_entries_is_rejected() -> None:
    docx = build_docx(["Jane Doe"])
    entry_count = len(zipfile.ZipFile(io.BytesIO(docx)).infolist())
    crowded = add_zip_entries(docx, {f"extra/item{index}.xml": b"<a/>" for index in range(30)})
    with pytest.raises(errors.FileTooLarge) as raised:
        extract_text(crowded, limits=ExtractionLimits(max_archive_entries=entry_count + 10))
    assert raised.value.message == errors.ARCHIVE_TOO_MANY_ENTRIES.format(
        kind="DOCX", entries=entry_count + 30, limit=entry_count + 10
    )


def test_docx_with_a_broken_document_part_is_corrupt() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    with pytest.raises(errors.CorruptFile) as raised:
        extract_text(out.getvalue())
    assert raised.value.message == errors.DOCUMENT_CORRUPT.format(kind="DOCX")


def test_whitespace_only_text_file_has_no_text() -> None:
    with pytest.raises(errors.NoTextLayer) as raised:
        extract_text(b"  \n\t \r\n")
    assert raised.value.message == errors.NO_TEXT
