"""Encoder precision benchmark: fp32 vs bf16 weights on the same whole-CV documents.

Both encoders embed the same real CVs from ../shared/data/eval/resumes.jsonl (synthetic
CV-length texts when absent) with FairMatch's chunked document encoding, no cache. Rounds
alternate fp32 and bf16 and the best round of each counts, so a burst of load from other jobs
on a shared machine hurts both sides alike. Quality is the cosine of each bf16 document vector
to its fp32 one (NDCG@10 needs `evaluate_matching`, see docs/evaluation/matching.md).

    python benchmarks/encoding.py [--json] [--docs 24] [--rounds 2] [--device cpu]
    python benchmarks/run.py encoding [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from matching.core.chunking import encode_documents  # noqa: E402
from matching.core.encoder import Encoder, SentenceTransformerEncoder  # noqa: E402
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
    args = parser.parse_args(argv)

    texts, source = load_documents(args.docs)
    encoders = {
        precision: SentenceTransformerEncoder(device=args.device, precision=precision)
        for precision in ("fp32", "bf16")
    }
    for encoder in encoders.values():
        encoder.encode(["warm up"])
    best = {precision: float("inf") for precision in encoders}
    vectors: dict[str, FloatArray] = {}
    chunks = 0
    for _ in range(args.rounds):
        for precision, encoder in encoders.items():
            seconds, vectors[precision], chunks = timed(encoder, texts)
            best[precision] = min(best[precision], seconds)
    cosines = np.einsum("ij,ij->i", vectors["fp32"], vectors["bf16"])
    norms = np.linalg.norm(vectors["bf16"], axis=1)
    fp32, bf16 = encoders["fp32"], encoders["bf16"]
    report = {
        "fp32_docs_per_s": round(len(texts) / best["fp32"], 2),
        "bf16_docs_per_s": round(len(texts) / best["bf16"], 2),
        "bf16_speedup": round(best["fp32"] / best["bf16"], 2),
        "bf16_cosine_mean": round(float(cosines.mean()), 6),
        "bf16_cosine_min": round(float(cosines.min()), 6),
        "bf16_max_norm_error": float(np.abs(norms - 1.0).max()),
        "bf16_dtype": str(vectors["bf16"].dtype),
        "docs": len(texts),
        "chunks_per_round": chunks,
        "rounds": args.rounds,
        "fp32_model": fp32.model_id,
        "bf16_model": bf16.model_id,
        "device": bf16.device,
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


def _torch_threads() -> int:
    import torch

    return int(torch.get_num_threads())


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
