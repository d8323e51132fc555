"""Encoder precision benchmark: fp32 vs bf16 vs int8 (ONNX) on the same whole-CV documents.

Every encoder embeds the same real CVs from ../shared/data/eval/resumes.jsonl (synthetic
CV-length texts when absent) with FairMatch's chunked document encoding, no cache. Rounds
alternate the precisions and the best round of each counts, so a burst of load from other jobs
on a shared machine hurts every side alike. Quality is the cosine of each reduced-precision
document vector to its fp32 one (NDCG@10 needs `evaluate_matching`, see
docs/evaluation/matching.md). int8 exports the model to ONNX on first use (a few seconds,
outside the timed rounds; cached in --onnx-dir).

Baseline: fp32, the model as trained, on the same documents and rounds; fair because a reduced
precision has to be faster than it at a measured cosine to its vectors.

    python benchmarks/encoding.py [--json] [--docs 24] [--rounds 2] [--device cpu]
        [--precisions fp32,bf16,int8] [--onnx-dir DIR]
    python benchmarks/run.py encoding [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

BASELINE = (
    "baseline: fp32, the packaged model as trained, on the same documents, chunking and rounds; "
    "fair because the reduced precisions must match its speed gain against its vectors "
    "(cosine to fp32), not against a slower straw man"
)
REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from matching.core.encoding.chunking import encode_documents  # noqa: E402
from matching.core.encoding.encoder import PRECISIONS, Encoder  # noqa: E402
from matching.core.encoding.registry import load_encoder  # noqa: E402
from matching.core.types import FloatArray  # noqa: E402

EVAL_RESUMES = REPO_ROOT / ".." / "shared" / "data" / "eval" / "resumes.jsonl"
SYNTHETIC_CV = (
    "Experienced professional. Managed projects, budgets and teams across departments. "
    "Skills include planning, reporting, stakeholder communication and process improvement. "
)
BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16")


def load_documents(n_docs: int) -> tuple[list[str], str]:
    """``n_docs`` distinct CV texts: the eval resumes when present, else synthetic ones."""
    if EVAL_RESUMES.is_file():
        lines = EVAL_RESUMES.open(encoding="utf-8")
        texts = [json.loads(line)["text"] for line in lines]
        source = "../shared/data/eval/resumes.jsonl"
    else:
        texts = [f"Candidate {n}. " + SYNTHETIC_CV * 20 for n in range(n_docs)]
        source = "synthetic (../shared/data/eval is absent)"
    return [texts[n % len(texts)] + f"\nRef {n}" for n in range(n_docs)], source


def timed(encoder: Encoder, texts: list[str]) -> tuple[float, FloatArray, int]:
    """Seconds to embed ``texts`` from scratch, the vectors and the total chunk count."""
    started = time.perf_counter()
    documents = encode_documents(texts, encoder)
    return time.perf_counter() - started, documents.vectors, sum(documents.chunk_counts)


def cpu_bf16_flags() -> list[str]:
    """Native bf16 instructions this CPU advertises (empty: bf16 is emulated, and slow)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8").split()
    except OSError:
        return []
    return sorted(set(flags) & set(BF16_CPU_FLAGS))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--docs", type=int, default=24, help="CVs embedded per round")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds per precision")
    parser.add_argument("--device", default=None, help="cpu, cuda, mps (default: best available)")
    parser.add_argument(
        "--precisions", default=",".join(PRECISIONS), help="comma-separated, fp32 always included"
    )
    parser.add_argument(
        "--onnx-dir",
        default=str(Path(tempfile.gettempdir()) / "fairmatch-onnx"),
        help="where the int8 export is kept",
    )
    args = parser.parse_args(argv)
    print(BASELINE)
    wanted = ["fp32"] + [p for p in args.precisions.split(",") if p and p != "fp32"]
    unknown = sorted(set(wanted) - set(PRECISIONS))
    if unknown:
        parser.error(f"unknown precision(s) {unknown}; expected {', '.join(PRECISIONS)}")

    texts, source = load_documents(args.docs)
    encoders = {precision: _encoder(precision, args) for precision in wanted}
    for encoder in encoders.values():
        encoder.encode(["warm up"])
    best = {precision: float("inf") for precision in encoders}
    vectors: dict[str, FloatArray] = {}
    chunks = 0
    for _ in range(args.rounds):
        for precision, encoder in encoders.items():
            seconds, vectors[precision], chunks = timed(encoder, texts)
            best[precision] = min(best[precision], seconds)
    report: dict[str, object] = {"fp32_docs_per_s": round(len(texts) / best["fp32"], 2)}
    for precision in wanted[1:]:
        cosines = np.einsum("ij,ij->i", vectors["fp32"], vectors[precision])
        norms = np.linalg.norm(vectors[precision], axis=1)
        report |= {
            f"{precision}_docs_per_s": round(len(texts) / best[precision], 2),
            f"{precision}_speedup": round(best["fp32"] / best[precision], 2),
            f"{precision}_cosine_mean": round(float(cosines.mean()), 6),
            f"{precision}_cosine_min": round(float(cosines.min()), 6),
            f"{precision}_max_norm_error": float(np.abs(norms - 1.0).max()),
            f"{precision}_dtype": str(vectors[precision].dtype),
        }
    report |= {
        "docs": len(texts),
        "chunks_per_round": chunks,
        "rounds": args.rounds,
        "models": {precision: encoder.model_id for precision, encoder in encoders.items()},
        "devices": {
            precision: str(getattr(encoder, "device", "cpu"))
            for precision, encoder in encoders.items()
        },
        "cpu_bf16_flags": cpu_bf16_flags(),
        "torch_threads": _torch_threads(),
        "cpus": os.cpu_count(),
        "machine": platform.processor() or platform.machine(),
        "data": source,
    }
    if not args.json:
        for key, value in report.items():
            print(f"{key:>22}: {value}")
    print(json.dumps(report))
    return 0


def _encoder(precision: str, args: argparse.Namespace) -> Encoder:
    """A fresh encoder (int8 runs on the CPU whatever ``--device`` says)."""
    device = None if precision == "int8" else args.device
    return load_encoder.__wrapped__(  # uncached: each benchmark run loads its own
        device=device, precision=precision, onnx_cache_dir=args.onnx_dir
    )


def _torch_threads() -> int:
    import torch

    return int(torch.get_num_threads())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
