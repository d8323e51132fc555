"""Stage-1 retrieval benchmark: exact top-k over unit vectors at 10k, 100k and 1M candidates.

The index is ``matching.core.retrieval.top_k``: one float32 BLAS matrix-vector product and an
``argpartition``. Candidate vectors are random unit vectors of the encoder's dimension (384);
queries are perturbed candidates, so each has a realistic set of close neighbours. Latency is the
median over queries of one full top-k call; recall@k is measured against a full sort
(``np.argsort``), which the exact index must match (1.0).

    python benchmarks/ranking.py [--json] [--sizes 10000,100000,1000000] [--queries 20] [--k 50]
    python benchmarks/run.py ranking [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from matching.core.retrieval import recall_at_k, top_k  # noqa: E402

DIMENSION = 384


def unit_vectors(rng: np.random.Generator, rows: int, dimension: int) -> np.ndarray:
    """``rows`` random float32 unit vectors, built in blocks to bound peak memory."""
    matrix = np.empty((rows, dimension), dtype=np.float32)
    for start in range(0, rows, 100_000):
        block = rng.standard_normal((min(100_000, rows - start), dimension), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        matrix[start : start + block.shape[0]] = block
    return matrix


def measure(matrix: np.ndarray, queries: np.ndarray, k: int) -> tuple[float, float, float]:
    """Median and p95 latency (ms) of ``top_k`` and its mean recall@k against a full sort."""
    top_k(matrix, queries[0], k)
    timings, recalls = [], []
    for query in queries:
        started = time.perf_counter()
        found = top_k(matrix, query, k)
        timings.append((time.perf_counter() - started) * 1000.0)
        exact = np.argsort(-(matrix @ query), kind="stable")[:k]
        recalls.append(recall_at_k(found.indices, exact))
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    return statistics.median(timings), p95, float(np.mean(recalls))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--k", type=int, default=50)
    args = parser.parse_args(argv)

    rng = np.random.default_rng(42)
    sizes = [int(size) for size in args.sizes.split(",")]
    ms_p50: dict[str, float] = {}
    ms_p95: dict[str, float] = {}
    recalls: list[float] = []
    build_seconds: dict[str, float] = {}
    for size in sizes:
        started = time.perf_counter()
        matrix = unit_vectors(rng, size, DIMENSION)
        build_seconds[str(size)] = round(time.perf_counter() - started, 2)
        picks = rng.integers(0, size, args.queries)
        noise = rng.standard_normal((args.queries, DIMENSION), dtype=np.float32) * 0.05
        queries = matrix[picks] + noise
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        p50, p95, recall = measure(matrix, queries, args.k)
        ms_p50[str(size)], ms_p95[str(size)] = round(p50, 2), round(p95, 2)
        recalls.append(recall)
        if not args.json:
            print(f"{size:>9} candidates: p50 {p50:8.2f} ms, p95 {p95:8.2f} ms, recall {recall}")
        del matrix
    report = {
        "ms_p50": ms_p50,
        "ms_p95": ms_p95,
        f"recall_at_{args.k}": round(min(recalls), 4),
        "index": "exact",
        "dtype": "float32",
        "dimension": DIMENSION,
        "memory_mb": {str(size): round(size * DIMENSION * 4 / 2**20) for size in sizes},
        "vectors_build_seconds": build_seconds,
        "queries": args.queries,
        "cpus": os.cpu_count(),
        "machine": platform.processor() or platform.machine(),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
