"""Batch extraction in a process pool: same results as serial, in order, failures per file."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

import pytest
from django.core.management import call_command

from candidates.extraction import ExtractionLimits
from candidates.extraction.batch import (
    FILE_NOT_FOUND,
    WORKER_CRASHED,
    WORKER_TIMEOUT,
    CvPathJob,
    batch_map,
    cv_failed,
    cv_path_extract,
)
from candidates.extraction.errors import PDF_CORRUPT, PDF_NO_TEXT_LAYER
from candidates.models import CandidateDocument
from tests.candidates.extraction.batch_tasks import echo_or_misbehave, failed
from tests.candidates.extraction.cv_files import build_pdf
from tests.requirements import require, require_shared

REAL_RESUMES = 8
CORRUPT_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nthis is not a PDF body\n"


def _real_resumes(count: int = REAL_RESUMES) -> list[Path]:
    """The first `count` PDFs of ../shared/data/livecareer-dev (read in place)."""
    folder = require_shared("livecareer-dev")
    rows = [json.loads(line) for line in (folder / "dev.jsonl").read_text().splitlines() if line]
    return [folder / row["file"] for row in rows[:count]]


@pytest.fixture
def batch_files(tmp_path: Path) -> list[Path]:
    """Real resumes with a corrupt PDF and a missing file among them."""
    require("pdftotext", "the default PDF backend (poppler-utils)")
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(CORRUPT_PDF)
    resumes = _real_resumes()
    return [*resumes[:3], corrupt, *resumes[3:6], tmp_path / "missing.pdf", *resumes[6:]]


def test_pool_gives_the_serial_outcomes_in_input_order(batch_files: list[Path]) -> None:
    jobs = [CvPathJob(path=str(path), limits=ExtractionLimits()) for path in batch_files]
    done: list[int] = []
    options = {"timeout_s": 120.0, "failed": cv_failed, "on_done": lambda: done.append(1)}
    serial = list(batch_map(cv_path_extract, jobs, workers=1, **options))
    parallel = list(batch_map(cv_path_extract, jobs, workers=2, **options))
    assert parallel == serial
    assert len(done) == 2 * len(jobs)
    assert [outcome.error for outcome in parallel].count(None) == REAL_RESUMES
    assert parallel[3].error == PDF_CORRUPT
    assert parallel[7].error == FILE_NOT_FOUND.format(path=batch_files[7])
    assert all(outcome.profile and outcome.page_count for outcome in parallel if not outcome.error)


def test_parse_cv_prints_the_same_lines_with_workers_as_serially(batch_files: list[Path]) -> None:
    def run(workers: str) -> list[dict[str, object]]:
        out = io.StringIO()
        paths = map(str, batch_files)
        call_command(
            "parse_cv", *paths, "--json", "--section-skills", "--workers", workers, stdout=out
        )
        return [json.loads(line) for line in out.getvalue().splitlines()]

    serial, parallel = run("1"), run("2")
    assert parallel == serial
    assert [line["file"] for line in parallel] == [str(path) for path in batch_files]
    assert parallel[3] == {"file": str(batch_files[3]), "error": PDF_CORRUPT}
    assert sum("profile" in line for line in parallel) == REAL_RESUMES


def test_a_file_that_kills_its_worker_fails_alone() -> None:
    items = ["a", "slow-b", "crash", "c", "slow-d", "e"]
    results = list(batch_map(echo_or_misbehave, items, workers=2, timeout_s=60, failed=failed))
    assert results == ["A", "SLOW-B", failed(WORKER_CRASHED), "C", "SLOW-D", "E"]


def test_a_file_that_hangs_fails_at_the_timeout_and_the_batch_goes_on() -> None:
    items = ["a", "hang", "slow-b", "c"]
    started = time.monotonic()
    results = list(batch_map(echo_or_misbehave, items, workers=2, timeout_s=5, failed=failed))
    assert results == ["A", failed(WORKER_TIMEOUT.format(limit=5)), "SLOW-B", "C"]
    assert time.monotonic() - started < 60


@pytest.mark.django_db
def test_import_candidates_reads_cvs_in_the_pool_as_it_does_serially(
    batch_files: list[Path], tmp_path: Path
) -> None:
    scan = tmp_path / "scan.pdf"  # accepted on upload, fails in extraction (no text layer)
    scan.write_bytes(build_pdf([[]], image_only=True))
    files = [*batch_files[:3], scan, *batch_files[4:]]

    def run(prefix: str, workers: str) -> tuple[dict[str, object], list[CandidateDocument]]:
        source = tmp_path / f"{prefix}.jsonl"
        rows = [
            {"email": f"{prefix}{number:02}@example.com", "name": "A B", "cv_path": str(path)}
            for number, path in enumerate(files)
        ]
        source.write_text("\n".join(json.dumps(row) for row in rows))
        out = io.StringIO()
        call_command("import_candidates", str(source), "--json", "--workers", workers, stdout=out)
        documents = CandidateDocument.objects.filter(candidate__email__startswith=prefix)
        return json.loads(out.getvalue()), sorted(documents, key=lambda d: d.candidate.email)

    serial_report, serial = run("s", "1")
    parallel_report, parallel = run("p", "2")
    for report in (serial_report, parallel_report):
        assert (report["created"], report["documents"], report["documents_failed"]) == (9, 9, 1)
        assert report["errors"] == [{"row": 8, "error": f"cv_path {files[7]} does not exist"}]
    fields = ("parse_status", "error_message", "extracted_text", "page_count", "profile")
    assert [[getattr(d, name) for name in fields] for d in parallel] == [
        [getattr(d, name) for name in fields] for d in serial
    ]
    assert parallel[3].parse_status == CandidateDocument.ParseStatus.FAILED
    assert parallel[3].error_message == PDF_NO_TEXT_LAYER
    assert all(d.parse_status == CandidateDocument.ParseStatus.PARSED for d in parallel[4:])
