"""The upload service itself refuses encrypted, too-long and zip-bomb files with nothing stored
and nothing enqueued: the web form and the API both rely on it, so it is tested here, below
them (issue #26: these files were accepted once the service-level check was removed)."""

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader, PdfWriter

from ats_site.exceptions import UploadRejected
from candidates.extraction import errors
from candidates.extraction.types import MEGABYTE, ExtractionLimits, megabytes
from candidates.models import CandidateDocument
from candidates.services.uploads import cv_upload
from tests.candidates.extraction.cv_files import add_zip_entries, build_docx, build_pdf
from tests.factories import CandidateFactory

pytestmark = pytest.mark.django_db

DEFAULT_LIMITS = ExtractionLimits()


def _encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(build_pdf([["Jane Doe", "Skills"]]))))
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _too_long_pdf() -> bytes:
    return build_pdf([[f"Page {n}"] for n in range(DEFAULT_LIMITS.max_pages + 1)])


BOMB_BYTES = DEFAULT_LIMITS.max_archive_bytes + MEGABYTE


def _zip_bomb_docx() -> bytes:
    return add_zip_entries(build_docx(["Jane Doe"]), {"word/media/bomb.bin": b"\0" * BOMB_BYTES})


def _uncompressed_bytes(archive: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        return sum(entry.file_size for entry in opened.infolist())


def _expected_message(case: str, data: bytes) -> str:
    if case == "encrypted_pdf_case":
        return errors.PDF_ENCRYPTED
    if case == "too_long_pdf_case":
        return errors.PDF_TOO_MANY_PAGES.format(
            pages=DEFAULT_LIMITS.max_pages + 1, limit=DEFAULT_LIMITS.max_pages
        )
    return errors.ARCHIVE_TOO_LARGE.format(
        kind="DOCX",
        size=megabytes(_uncompressed_bytes(data)),
        limit=megabytes(DEFAULT_LIMITS.max_archive_bytes),
    )


REJECTED: dict[str, Callable[[], bytes]] = {
    "encrypted_pdf_case": _encrypted_pdf,
    "too_long_pdf_case": _too_long_pdf,
    "zip_bomb_docx_case": _zip_bomb_docx,
}


def _stored_files() -> list[Path]:
    return sorted(path for path in Path(settings.MEDIA_ROOT).rglob("*") if path.is_file())


@pytest.mark.parametrize("case", sorted(REJECTED))
def test_upload_service_refuses_the_file_and_stores_nothing(
    case: str, django_capture_on_commit_callbacks
) -> None:
    data = REJECTED[case]()
    assert len(data) < settings.CV_MAX_UPLOAD_BYTES  # refused for what it is, not its size
    candidate = CandidateFactory()
    files_before = _stored_files()

    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(UploadRejected) as raised:
        cv_upload(candidate=candidate, data=data, original_name="cv.pdf")

    assert raised.value.message == _expected_message(case, data)
    assert CandidateDocument.objects.filter(candidate=candidate).count() == 0
    assert _stored_files() == files_before
    assert callbacks == []


def test_upload_service_stores_a_valid_pdf_and_enqueues_its_extraction(
    django_capture_on_commit_callbacks,
) -> None:
    candidate = CandidateFactory()
    pdf = build_pdf([[f"Page {n}"] for n in range(DEFAULT_LIMITS.max_pages)])

    with django_capture_on_commit_callbacks() as callbacks:
        result = cv_upload(candidate=candidate, data=pdf, original_name="cv.pdf")

    assert result.is_duplicate is False
    assert CandidateDocument.objects.filter(candidate=candidate).count() == 1
    assert Path(result.document.file.path).read_bytes() == pdf
    assert result.document.content_type == "application/pdf"
    assert len(callbacks) == 1  # the extraction, enqueued once the upload is committed
