"""Accented letters survive PDF extraction on every backend, and reach the stored CV text
(issue #26: dropping them passed the suite). The PDF is built here with known text."""

import pytest

from candidates.extraction import extract_text
from candidates.extraction.pdf import PDFMINER, PDFTOTEXT
from candidates.models import CandidateDocument
from candidates.services.documents import document_extract
from candidates.services.uploads import cv_upload
from tests.candidates.extraction.cv_files import build_pdf
from tests.factories import CandidateFactory
from tests.requirements import require

ACCENTED_LINES = [
    "Hélène Müller-Çelik",
    "Développeuse à Zürich, 5 années d'expérience",
    "Compétences : Python, sécurité, données, São Paulo, Ærø, Œuvre",
]


def _backend(name: str) -> str:
    if name == PDFTOTEXT:
        require(PDFTOTEXT, "poppler-utils reads the accented PDF with pdftotext")
    return name


@pytest.mark.parametrize("backend", [PDFMINER, PDFTOTEXT])
def test_pdf_text_keeps_accented_letters(backend: str) -> None:
    pdf = build_pdf([ACCENTED_LINES])

    extracted = extract_text(pdf, pdf_backends=[_backend(backend)])

    assert extracted.backend == backend
    assert [line.strip() for line in extracted.text.splitlines() if line.strip()] == ACCENTED_LINES


@pytest.mark.django_db
def test_the_stored_cv_text_keeps_accented_letters() -> None:
    candidate = CandidateFactory()
    document = cv_upload(
        candidate=candidate,
        data=build_pdf([ACCENTED_LINES]),
        original_name="cv.pdf",
        enqueue_extraction=False,
    ).document

    document_extract(document_id=document.pk)

    stored = CandidateDocument.objects.get(pk=document.pk)
    assert stored.parse_status == CandidateDocument.ParseStatus.PARSED
    for line in ACCENTED_LINES:
        assert line in stored.extracted_text
