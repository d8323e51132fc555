"""PDF backend order, fallback to pdfminer.six, and fidelity on real resume PDFs."""

from __future__ import annotations

import json
import statistics
from collections import Counter
from pathlib import Path

import pytest

from candidates.extraction import available_pdf_backends, extract_text
from candidates.extraction.pdf import PDFMINER, PDFTOTEXT, UNKNOWN_BACKEND
from tests.candidates.extraction.cv_files import build_pdf
from tests.requirements import require, require_shared

FIDELITY_SAMPLE = 5
# A real resume of ../shared/data/livecareer-dev (read in place) and lines known to be in it, on
# its first and last pages, with its non-ASCII characters (mojibake in the source PDF itself:
# "Solar Â industry"); "Accountng" is the resume's own spelling.
KNOWN_RESUME = ("livecareer-dev", "pdf", "ACCOUNTANT", "29821051.pdf")
KNOWN_RESUME_PAGES = 3
KNOWN_RESUME_PHRASES = (
    "FINANCIAL ACCOUNTANT",
    "Professional Summary",
    "Top producing sales professional and expert in the Solar Â industry. Dynamic communicator "
    "who consistently exceeds goals and company",
    "Regulatory Reporting Supervisor with 8 years experience. Â Areas of expertise include "
    "Accountng & Finance reporting skills.",
    "Hyperion Financial Management specialist",
    "Bachelor of Science : Accounting , 1993",
    "Rhode Island College - City , State",
)
KNOWN_RESUME_NON_ASCII = {"Â", "â", "€", "\u201c"}  # "\u201c": a left double quotation mark


def _token_f1(reference: str, candidate: str) -> float:
    expected, found = Counter(reference.split()), Counter(candidate.split())
    overlap = sum((expected & found).values())
    precision, recall = overlap / sum(found.values()), overlap / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def test_pdfminer_is_always_the_last_resort() -> None:
    backends = available_pdf_backends()
    assert backends[-1] == PDFMINER
    assert backends.count(PDFMINER) == 1


def test_pdftotext_comes_first_when_on_path_without_pymupdf() -> None:
    require(PDFTOTEXT, "poppler's pdftotext is not on PATH (apt-get install poppler-utils)")
    backends = available_pdf_backends()
    assert backends[backends.index(PDFTOTEXT) + 1 :] == [PDFMINER]


def test_missing_fast_backend_falls_back_to_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: None)
    document = extract_text(build_pdf([["Jane Doe"]]), pdf_backends=[PDFTOTEXT, PDFMINER])
    assert document.backend == PDFMINER
    assert document.text == "Jane Doe"


def test_failing_fast_backend_falls_back_to_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda _name: "/bin/false")
    document = extract_text(build_pdf([["Jane Doe"]]), pdf_backends=[PDFTOTEXT, PDFMINER])
    assert document.backend == PDFMINER
    assert document.text == "Jane Doe"


def test_unknown_backend_name_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="unknown PDF backend 'nope'") as raised:
        extract_text(build_pdf(), pdf_backends=["nope"])
    assert str(raised.value) == UNKNOWN_BACKEND.format(
        name="nope", choices=["pdfminer", "pdftotext", "pymupdf"]
    )


@pytest.mark.parametrize("backend", [PDFMINER, PDFTOTEXT])
def test_backend_reads_the_known_text_of_a_real_resume(backend: str) -> None:
    """Fidelity against text known to be in the PDF, not against another backend."""
    if backend == PDFTOTEXT:
        require(PDFTOTEXT, "poppler's pdftotext is not on PATH (apt-get install poppler-utils)")
    data = require_shared(*KNOWN_RESUME).read_bytes()

    document = extract_text(data, pdf_backends=[backend])

    assert document.backend == backend
    assert document.page_count == KNOWN_RESUME_PAGES
    lines = [" ".join(line.split()) for line in document.text.splitlines()]
    assert [phrase for phrase in KNOWN_RESUME_PHRASES if phrase not in lines] == []
    assert {char for char in document.text if ord(char) > 127} == KNOWN_RESUME_NON_ASCII


def test_pdftotext_matches_pdfminer_on_real_resumes(livecareer_dir: Path) -> None:
    """pdftotext (the default where installed) against pdfminer.six, on a spread of real CVs."""
    require(PDFTOTEXT, "the comparison needs poppler's pdftotext (apt-get install poppler-utils)")
    rows = [json.loads(line) for line in (livecareer_dir / "dev.jsonl").read_text().splitlines()]
    sample = rows[:: len(rows) // FIDELITY_SAMPLE][:FIDELITY_SAMPLE]
    scores = []
    for row in sample:
        data = (livecareer_dir / row["file"]).read_bytes()
        fast = extract_text(data, pdf_backends=[PDFTOTEXT])
        reference = extract_text(data, pdf_backends=[PDFMINER])
        assert fast.page_count == row["pages"]
        scores.append(_token_f1(reference.text, fast.text))
    assert len(scores) == FIDELITY_SAMPLE
    assert statistics.median(scores) >= 0.99
    assert min(scores) >= 0.95
