"""PDF extraction benchmark: pages/s of pdfminer.six and of the default backend, and fidelity.

Runs on the real resume PDFs in ../shared/data/livecareer-dev (read in place), both backends in
the same run, through `extract_text` (same probe and normalisation for both). Fidelity is the
token-level F1 of the default backend's words against pdfminer.six's (multisets of
whitespace-separated tokens).

    python benchmarks/parsing.py [--json] [--limit N] [--data DIR] [--backend NAME]
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
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from candidates.extraction import available_pdf_backends, extract_text  # noqa: E402
from candidates.extraction.pdf import PDFMINER  # noqa: E402

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


def run(data_dir: Path, limit: int | None, backend: str | None = None) -> dict[str, object]:
    """Measure both backends on the same PDFs and return the figures.

    The backends alternate file by file, so a change of machine load hits both alike.
    """
    files, pdfs = load_pdfs(data_dir, limit)
    backend = backend or available_pdf_backends()[0]
    for name in (backend, PDFMINER):  # warm-up: imports and first process start are not timed
        extract_text(pdfs[0], pdf_backends=[name])
    pages, fast_seconds, reference_seconds, scores = 0, 0.0, 0.0, []
    for data in pdfs:
        fast_text, page_count, seconds = extract_timed(data, backend)
        reference_text, _, reference = extract_timed(data, PDFMINER)
        pages += page_count
        fast_seconds += seconds
        reference_seconds += reference
        scores.append(token_f1(reference_text, fast_text))
    pages_per_s = pages / fast_seconds
    pdfminer_pages_per_s = pages / reference_seconds
    return {
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
    args = parser.parse_args(argv)
    if not (args.data / "dev.jsonl").is_file():
        print(DATA_ABSENT.format(path=args.data), file=sys.stderr)
        return 2
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    figures = run(args.data, args.limit, args.backend)
    if not args.json:
        print(
            f"{figures['files']} PDFs, {figures['pages']} pages\n"
            f"  pdfminer.six      {figures['pdfminer_pages_per_s']:>7} pages/s  (reference)\n"
            f"  {figures['backend']:<17} {figures['pages_per_s']:>7} pages/s  "
            f"x{figures['ratio']}, token F1 median {figures['median_token_f1']} "
            f"min {figures['min_token_f1']}"
        )
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
