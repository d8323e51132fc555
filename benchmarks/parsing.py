"""PDF extraction benchmark: pages/s of pdfminer.six, of the default backend, and of the batch.

Runs on the real resume PDFs in ../shared/data/livecareer-dev (read in place), in one run:
- pdfminer.six and the default backend file by file, alternating, through `extract_text` (same
  probe and normalisation for both);
- the product's batch (`parse_cv` with many files, `import_candidates`): `batch_map` over
  `cv_bytes_extract` (text and profile per file, as the commands run it) serially (1 worker) and
  in a process pool (`--workers`, default one per CPU), pool start included; and the pool with
  the text alone (`text_only`, the work pdfminer.six is timed on). The three run in turn, in
  BATCH_ROUNDS rounds, half before the pdfminer.six phase and half after it; each reports the
  median of its rounds, so a drift in machine load hits them alike.
Fidelity is the token-level F1 against pdfminer.six's text (multisets of whitespace-separated
tokens), per file, for the default backend and for the pool's text.

Baseline: pdfminer.six through the same ``extract_text``; fair because it is the pure-Python
extractor a simple implementation would use, doing the same work (text only).

    python benchmarks/parsing.py [--json] [--limit N] [--data DIR] [--backend NAME] [--workers N]
    python benchmarks/run.py parsing [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from candidates.extraction import (  # noqa: E402
    ExtractionLimits,
    available_pdf_backends,
    extract_text,
)
from candidates.extraction.batch import (  # noqa: E402
    CvBytesJob,
    CvOutcome,
    batch_map,
    batch_workers,
    cv_bytes_extract,
    cv_failed,
)
from candidates.extraction.errors import ExtractionError  # noqa: E402
from candidates.extraction.pdf import PDFMINER  # noqa: E402

# Batch timings: this many rounds of (pool, serial, text-only pool), half before the pdfminer.six
# phase and half after it; the median of each is reported.
BATCH_ROUNDS = 4
BASELINE = (
    "baseline: pdfminer.six through the same extract_text (same probe and normalisation), file by "
    "file, alternating with the default backend; fair because it is the pure-Python extractor a "
    "simple implementation would use and does the same work (text only)"
)
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data" / "livecareer-dev"
DATA_ABSENT = (
    "{path} is absent: the parsing benchmark reads the livecareer-dev resume PDFs in place "
    "(../shared/data/livecareer-dev beside the repository); pass --data DIR"
)


def token_f1(reference: str, candidate: str) -> float:
    """F1 of the candidate's whitespace tokens against the reference's, counted as multisets."""
    expected, found = Counter(reference.split()), Counter(candidate.split())
    if not expected and not found:
        return 1.0
    overlap = sum((expected & found).values())
    if overlap == 0:
        return 0.0
    precision = overlap / sum(found.values())
    recall = overlap / sum(expected.values())
    return 2 * precision * recall / (precision + recall)


def load_pdfs(data_dir: Path, limit: int | None) -> tuple[list[str], list[bytes]]:
    """Names and bytes of the PDFs listed in dev.jsonl, in its order (the first `limit`)."""
    rows = [json.loads(line) for line in (data_dir / "dev.jsonl").read_text().splitlines() if line]
    rows = rows[:limit] if limit else rows
    return [row["file"] for row in rows], [(data_dir / row["file"]).read_bytes() for row in rows]


def extract_timed(data: bytes, backend: str) -> tuple[str, int, float]:
    """Text, pages and seconds for one PDF with one backend."""
    started = time.perf_counter()
    document = extract_text(data, pdf_backends=[backend])
    return document.text, document.page_count or 0, time.perf_counter() - started


def text_only(job: CvBytesJob) -> CvOutcome:
    """A pool task with the text alone (no profile): extraction as pdfminer.six is measured."""
    try:
        document = extract_text(job.data, filename=job.filename, limits=job.limits)
    except ExtractionError as error:
        return cv_failed(error.message)
    return CvOutcome(text=document.text, page_count=document.page_count)


def batch_timed(
    files: list[str],
    pdfs: list[bytes],
    workers: int,
    task: Callable[[CvBytesJob], CvOutcome] = cv_bytes_extract,
) -> tuple[list[CvOutcome], float]:
    """A batch over all the PDFs with `workers` processes (the product's task by default)."""
    jobs = [
        CvBytesJob(data=data, filename=name, limits=ExtractionLimits())
        for name, data in zip(files, pdfs, strict=True)
    ]
    started = time.perf_counter()
    outcomes = list(batch_map(task, jobs, workers=workers, timeout_s=120, failed=cv_failed))
    return outcomes, time.perf_counter() - started


def load_average() -> float | None:
    """The 1-minute load average (None where the platform has none)."""
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None


def run(
    data_dir: Path, limit: int | None, backend: str | None = None, workers: int | None = None
) -> dict[str, object]:
    """Measure pdfminer.six, the default backend and the batch on the same PDFs.

    The backends alternate file by file, so a change of machine load hits both alike; the pool
    runs before and after them (mean of the two).
    """
    files, pdfs = load_pdfs(data_dir, limit)
    workers = batch_workers(workers)
    loads = [load_average()]
    timings: dict[str, list[float]] = {"pool": [], "serial": [], "text": []}
    outcomes: dict[str, list[CvOutcome]] = {}

    def batch_rounds(rounds: int) -> None:
        # Pool, serial and text-only pool in turn, so a change of load hits all three alike.
        for _ in range(rounds):
            for name, count, task in (
                ("pool", workers, cv_bytes_extract),
                ("serial", 1, cv_bytes_extract),
                ("text", workers, text_only),
            ):
                outcomes[name], seconds = batch_timed(files, pdfs, count, task)
                timings[name].append(seconds)

    batch_rounds(BATCH_ROUNDS // 2)
    loads.append(load_average())
    backend = backend or available_pdf_backends()[0]
    for name in (backend, PDFMINER):  # warm-up: imports and first process start are not timed
        extract_text(pdfs[0], pdf_backends=[name])
    pages, fast_seconds, reference_seconds, scores = 0, 0.0, 0.0, []
    references: list[str] = []
    for data in pdfs:
        fast_text, page_count, seconds = extract_timed(data, backend)
        reference_text, _, reference = extract_timed(data, PDFMINER)
        pages += page_count
        fast_seconds += seconds
        reference_seconds += reference
        scores.append(token_f1(reference_text, fast_text))
        references.append(reference_text)
    loads.append(load_average())
    batch_rounds(BATCH_ROUNDS - BATCH_ROUNDS // 2)
    loads.append(load_average())
    pool_seconds = statistics.median(timings["pool"])
    serial_seconds = statistics.median(timings["serial"])
    text_seconds = statistics.median(timings["text"])
    pool_outcomes, text_outcomes = outcomes["pool"], outcomes["text"]
    pages_per_s = pages / fast_seconds
    pdfminer_pages_per_s = pages / reference_seconds
    pool_scores = [
        token_f1(reference, outcome.text)
        for reference, outcome in zip(references, pool_outcomes, strict=True)
    ]
    text_scores = [
        token_f1(reference, outcome.text)
        for reference, outcome in zip(references, text_outcomes, strict=True)
    ]
    return {
        "batch_pages_per_s": round(pages / pool_seconds, 1),
        "batch_ratio": round(pages / pool_seconds / pdfminer_pages_per_s, 1),
        "batch_workers": workers,
        "batch_seconds": [round(seconds, 2) for seconds in timings["pool"]],
        "batch_median_token_f1": round(statistics.median(pool_scores), 4),
        "batch_min_token_f1": round(min(pool_scores), 4),
        "batch_same_as_serial": pool_outcomes == outcomes["serial"],
        "batch_failed": sum(outcome.error is not None for outcome in pool_outcomes),
        "batch_text_pages_per_s": round(pages / text_seconds, 1),
        "batch_text_ratio": round(pages / text_seconds / pdfminer_pages_per_s, 1),
        "batch_text_seconds": [round(seconds, 2) for seconds in timings["text"]],
        "serial_batch_seconds": [round(seconds, 2) for seconds in timings["serial"]],
        "batch_text_median_token_f1": round(statistics.median(text_scores), 4),
        "batch_text_min_token_f1": round(min(text_scores), 4),
        "serial_batch_pages_per_s": round(pages / serial_seconds, 1),
        "serial_batch_ratio": round(pages / serial_seconds / pdfminer_pages_per_s, 1),
        "load_average_1min": loads,
        "pages_per_s": round(pages_per_s, 1),
        "pdfminer_pages_per_s": round(pdfminer_pages_per_s, 1),
        "ratio": round(pages_per_s / pdfminer_pages_per_s, 1),
        "median_token_f1": round(statistics.median(scores), 4),
        "min_token_f1": round(min(scores), 4),
        "min_token_f1_file": files[scores.index(min(scores))],
        "backend": backend,
        "files": len(pdfs),
        "pages": pages,
        "machine": f"{platform.machine()} {platform.system()}, {os.cpu_count()} CPUs",
    }


def main(argv: list[str]) -> int:
    """Entry point for `benchmarks/run.py parsing` and for running this file alone."""
    parser = argparse.ArgumentParser(prog="parsing", description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--limit", type=int, default=None, help="only the first N PDFs")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="livecareer-dev folder")
    parser.add_argument("--backend", default=None, help="backend to compare (default: the default)")
    parser.add_argument("--workers", type=int, default=None, help="pool size (default: CPUs)")
    args = parser.parse_args(argv)
    print(BASELINE)
    if not (args.data / "dev.jsonl").is_file():
        print(DATA_ABSENT.format(path=args.data), file=sys.stderr)
        return 2
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    figures = run(args.data, args.limit, args.backend, args.workers)
    if not args.json:
        print(
            f"{figures['files']} PDFs, {figures['pages']} pages\n"
            f"  pdfminer.six      {figures['pdfminer_pages_per_s']:>7} pages/s  (reference)\n"
            f"  {figures['backend']:<17} {figures['pages_per_s']:>7} pages/s  "
            f"x{figures['ratio']}, token F1 median {figures['median_token_f1']} "
            f"min {figures['min_token_f1']}\n"
            f"  batch, 1 worker   {figures['serial_batch_pages_per_s']:>7} pages/s  "
            f"x{figures['serial_batch_ratio']} (text and profile per file)\n"
            f"  batch, {figures['batch_workers']} workers  "
            f"{figures['batch_pages_per_s']:>7} pages/s  "
            f"x{figures['batch_ratio']}, token F1 median {figures['batch_median_token_f1']} "
            f"min {figures['batch_min_token_f1']}, same as serial: "
            f"{figures['batch_same_as_serial']}\n"
            f"  text only, {figures['batch_workers']} workers "
            f"{figures['batch_text_pages_per_s']:>7} pages/s  "
            f"x{figures['batch_text_ratio']}, token F1 median "
            f"{figures['batch_text_median_token_f1']} min {figures['batch_text_min_token_f1']}\n"
            f"  load average (1 min) before, between and after: {figures['load_average_1min']}"
        )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
