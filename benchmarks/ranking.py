"""Stage-1 retrieval benchmark: the product's index vs exact brute force, 10k to 1M candidates.

Baseline: ``exact``, the brute-force scan (one float32 BLAS matrix-vector product and an
``argpartition``, what stage 1 runs below 200,000 vectors); it is fair because it is the
strongest simple method, exact by construction, timed on the same matrix, queries and process.

Data (``--data real``, the default): the real CVs (85 eval resumes and the 240 livecareer-dev
PDFs' text) encoded with the product's encoder, then perturbed copies of them up to each size
(clusters of near-duplicates around real CVs, noise set from the real nearest-neighbour
cosine); queries are real posting vectors (``--queries-from postings``) or new perturbed CVs
(``cvs``); see ``benchmarks/ranking_data.py``. ``--data random`` keeps the earlier random unit
vectors (each query a perturbed candidate, so one true neighbour); it is also the fallback,
with a printed notice, when ../shared is absent. True neighbours are computed exactly by
brute force in float64 (``ranking_data.exact_top_k``) and recall@k is measured against them.

Indexes (``matching.core.retrieval.vector_index``): ``exact``, ``faiss-fp16`` and ``faiss-sq8``
(FAISS flat scans over scalar-quantised codes, inner product) and ``faiss-pq-refine`` (4-bit PQ
fast-scan candidates re-scored with fp16 codes). Each index
runs half the queries in a block, then the other half in a second round in reverse order, so
drifting load on a shared machine hits them alike. Latency is one full top-k call (wall clock;
``cpu_ms_p50`` is process CPU time, which also counts idle library threads spinning).
``recall`` counts ties with the k-th exact score (to 1e-6) as hits, ``recall_ids`` is the strict
share of exact ids, ``shortlist_recall`` the share of the exact top-k inside the product's
stage-1 shortlist (max(4k, 100) rows, as ``matching.services.ranking`` fetches). ``ms_p50`` and
``index`` report what the product would use at each size under the default settings
(``IndexConfig()``: exact below 200,000 vectors, faiss-pq-refine from there); ``indexes`` holds
every index's figures.

The page timing is the whole two-stage path in pure core for one vacancy over 10k candidates
with precomputed embeddings and synthetic parsed CV facts: stage 1 through the product's index (a
shortlist of 200, as ``matching.services.ranking`` fetches for k=50), then stage 2 feature
scoring (``compute_features`` + ``score_pair`` with the shipped score mapper) of the shortlist,
sorted, cut to 50.

    python benchmarks/ranking.py [--json] [--sizes 10000,100000,1000000] [--queries 20] [--k 50]
        [--data real|random] [--queries-from postings|cvs] [--base-cvs N] [--base-postings N]
        [--no-pdfs]
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
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from benchmarks.corpus import real_texts  # noqa: E402
from benchmarks.ranking_data import (  # noqa: E402
    TIE_TOLERANCE,
    RealBase,
    Truth,
    clustered_matrix,
    encode_real,
    exact_top_k,
    perturbed,
    random_workload,
    tie_aware_recall,
)
from benchmarks.ranking_page import measure_page, percentiles  # noqa: E402
from matching.core.retrieval.index_cache import build_index, fingerprint  # noqa: E402
from matching.core.retrieval.retrieval import recall_at_k  # noqa: E402
from matching.core.retrieval.vector_index import (  # noqa: E402
    AUTO_APPROXIMATE,
    IndexConfig,
    IndexKind,
    VectorIndex,
    choose_kind,
)

DIMENSION = 384
INDEXES: tuple[IndexKind, ...] = ("exact", "faiss-fp16", "faiss-sq8", "faiss-pq-refine")
PAGE_CANDIDATES = 10_000
SETTLE_SECONDS = 0.3
# matching.services.ranking fetches max(k * STAGE_ONE_FACTOR, STAGE_ONE_MINIMUM) rows in stage 1.
STAGE_ONE_FACTOR, STAGE_ONE_MINIMUM = 4, 100
BASELINE = (
    "baseline: exact brute force (float32 matrix-vector product + argpartition, the 'exact' "
    "index), fair because it is exact and the strongest simple method, timed on the same "
    "matrix, queries and process; truth: exact float64 top-k by blockwise matrix products"
)
SHARED_ABSENT = (
    "NOTICE: ../shared/data/eval is absent, so the real CVs cannot be encoded: "
    "this run falls back to random unit vectors (--data random)."
)
Workload = Callable[[np.random.Generator, int, int], tuple[np.ndarray, np.ndarray]]
METRICS = (
    "ms_p50",
    "ms_p95",
    "cpu_ms_p50",
    "recall",
    "recall_ids",
    "shortlist_recall",
    "build_seconds",
    "bytes",
    "shards",
)


def real_workload(base: RealBase, queries_from: str) -> Workload:
    """Perturbed copies clustered around the real CVs; queries: real postings or new copies."""

    def make(rng: np.random.Generator, size: int, count: int) -> tuple[np.ndarray, np.ndarray]:
        matrix = clustered_matrix(rng, base.cvs, size, base.noise_sigma)
        if queries_from == "postings":
            picks = rng.choice(len(base.postings), count, replace=count > len(base.postings))
            return matrix, base.postings[picks]
        picks = rng.integers(0, len(base.cvs), count)
        return matrix, perturbed(rng, base.cvs, picks, base.noise_sigma)

    return make


def measure_size(
    matrix: np.ndarray,
    queries: np.ndarray,
    k: int,
    kinds: tuple[IndexKind, ...],
    truth: Truth | None = None,
) -> dict[str, dict[str, float]]:
    """Build every index over ``matrix``, then time and score each on the same queries."""
    truth = truth if truth is not None else exact_top_k(matrix, queries, k)
    shortlist = max(k * STAGE_ONE_FACTOR, STAGE_ONE_MINIMUM)
    built: dict[str, VectorIndex] = {}
    figures: dict[str, dict[str, float]] = {}
    for kind in kinds:
        started = time.perf_counter()
        built[kind] = build_index(matrix, kind)
        figures[kind] = {"build_seconds": time.perf_counter() - started}
        built[kind].search(queries[0], k)  # warm-up: page in, load FAISS
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    recalls: dict[str, list[tuple[float, float, float]]] = {kind: [] for kind in kinds}
    # Blocks of queries per index, in alternating order over two rounds, with a pause before
    # each block: idle BLAS/OpenMP threads spin for a while after a call and would slow the
    # next index's threads if the indexes were interleaved query by query.
    for round_number, half in enumerate(np.array_split(np.arange(len(queries)), 2)):
        for kind in kinds if round_number % 2 == 0 else kinds[::-1]:
            time.sleep(SETTLE_SECONDS)
            for number in half:
                started, started_cpu = time.perf_counter(), time.process_time()
                found = built[kind].search(queries[number], k)
                timings[kind].append((time.perf_counter() - started) * 1000.0)
                cpu[kind].append((time.process_time() - started_cpu) * 1000.0)
                exact, kth = truth.indices[number], float(truth.scores[number, -1])
                listed = built[kind].search(queries[number], shortlist).indices
                recalls[kind].append(
                    (
                        tie_aware_recall(found.indices, matrix, queries[number], kth, k),
                        recall_at_k(found.indices, exact),
                        recall_at_k(listed, exact),
                    )
                )
    for kind in kinds:
        p50, p95 = percentiles(timings[kind])
        scores = np.array(recalls[kind])
        figures[kind].update(
            ms_p50=p50,
            ms_p95=p95,
            cpu_ms_p50=statistics.median(cpu[kind]),
            recall=float(scores[:, 0].mean()),
            recall_min=float(scores[:, 0].min()),
            recall_ids=float(scores[:, 1].mean()),
            shortlist_recall=float(scores[:, 2].mean()),
            bytes=built[kind].nbytes,
            shards=getattr(built[kind], "shards", 1),
        )
    return figures


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--size", dest="sizes", help="one size (same as --sizes N)")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--indexes", default=",".join(INDEXES))
    parser.add_argument("--data", choices=("real", "random"), default="real")
    parser.add_argument("--queries-from", choices=("postings", "cvs"), default="postings")
    parser.add_argument("--base-cvs", type=int, default=None, help="real CVs to encode (all)")
    parser.add_argument("--base-postings", type=int, default=None, help="postings (all)")
    parser.add_argument("--no-pdfs", action="store_true", help="eval resumes only, no PDFs")
    return parser.parse_args(argv)


def load_workload(args: argparse.Namespace) -> tuple[Workload, dict[str, object]]:
    """The data the run measures: real clusters when ../shared is there, else random vectors."""
    if args.data == "real":
        texts = real_texts(
            max_cvs=args.base_cvs, max_postings=args.base_postings, pdfs=not args.no_pdfs
        )
        if texts is not None:
            base = encode_real(texts)
            return real_workload(base, args.queries_from), {
                "data": "real",
                "source": base.source,
                "model": base.model_id,
                "base_cvs": len(base.cvs),
                "postings": len(base.postings),
                "queries_from": args.queries_from,
                "neighbour_cosine": round(base.neighbour_cosine, 4),
                "noise_sigma": round(base.noise_sigma, 5),
            }
        print(SHARED_ABSENT)
    return random_workload, {"data": "random", "queries_from": "perturbed candidates"}


def main(argv: list[str]) -> int:
    args = parse_arguments(argv)
    print(BASELINE)
    rng = np.random.default_rng(42)
    workload, data = load_workload(args)
    if not args.json:
        print(f"data: {data}")
    sizes = [int(size) for size in args.sizes.split(",")]
    kinds = tuple(kind for kind in INDEXES if kind in args.indexes.split(","))
    config = IndexConfig()
    product = {str(size): choose_kind(size, config) for size in sizes}
    kinds = tuple(dict.fromkeys(("exact", *kinds, *product.values())))
    detail: dict[str, dict[str, dict[str, float]]] = {
        kind: {key: {} for key in METRICS} for kind in kinds
    }
    hash_seconds: dict[str, float] = {}
    truth_seconds: dict[str, float] = {}
    clusters: dict[str, float] = {}
    for size in sizes:
        matrix, queries = workload(rng, size, args.queries)
        started = time.perf_counter()
        fingerprint(matrix)
        hash_seconds[str(size)] = round(time.perf_counter() - started, 3)
        started = time.perf_counter()
        truth = exact_top_k(matrix, queries, args.k)
        truth_seconds[str(size)] = round(time.perf_counter() - started, 2)
        clusters[str(size)] = _clusters(truth, data)
        figures = measure_size(matrix, queries, args.k, kinds, truth)
        for kind, values in figures.items():
            for key in detail[kind]:
                detail[kind][key][str(size)] = round(values[key], 4 if "recall" in key else 2)
            if not args.json:
                _print_line(size, kind, values, args.k)
        del matrix
    page_matrix, page_queries = workload(rng, PAGE_CANDIDATES, args.queries + 1)
    page = measure_page(rng, page_matrix, page_queries, args.k, config)
    if not args.json:
        print(f"ranking page, 10k candidates: {page}")
    data = {**data, "truth_seconds": truth_seconds, "base_cvs_in_exact_top_k": clusters}
    if not args.json:
        print(f"exact truth: {truth_seconds} s; real CVs per exact top-{args.k}: {clusters}")
    print(json.dumps(_report(args, sizes, product, detail, config, page, hash_seconds, data)))
    return 0


def _clusters(truth: Truth, data: dict[str, object]) -> float:
    """Mean number of distinct real CVs whose copies make up a query's exact top-k (real data)."""
    base = data.get("base_cvs")
    if not isinstance(base, int):
        return 0.0
    return round(float(np.mean([len(set((row % base).tolist())) for row in truth.indices])), 2)


def _print_line(size: int, kind: str, values: dict[str, float], k: int) -> None:
    print(
        f"{size:>9} {kind:>15}: p50 {values['ms_p50']:8.2f} ms, "
        f"p95 {values['ms_p95']:8.2f} ms, cpu {values['cpu_ms_p50']:7.2f} ms, "
        f"recall@{k} {values['recall']:.4f} (ids {values['recall_ids']:.4f}, "
        f"in shortlist {values['shortlist_recall']:.4f}), "
        f"build {values['build_seconds']:.2f} s, {values['bytes'] / 2**20:.0f} MiB"
    )


def _report(
    args: argparse.Namespace,
    sizes: list[int],
    product: dict[str, IndexKind],
    detail: dict[str, dict[str, dict[str, float]]],
    config: IndexConfig,
    page: dict[str, float | int | str],
    hash_seconds: dict[str, float],
    data: dict[str, object],
) -> dict[str, object]:
    """The JSON report: the product's figures per size, then every index's."""
    product_recall = min(detail[kind]["recall"][size] for size, kind in product.items())
    return {
        "ms_p50": {size: detail[kind]["ms_p50"][size] for size, kind in product.items()},
        "ms_p95": {size: detail[kind]["ms_p95"][size] for size, kind in product.items()},
        f"recall_at_{args.k}": product_recall,
        "baseline_ms_p50": detail["exact"]["ms_p50"],
        "baseline_ms_p95": detail["exact"]["ms_p95"],
        "baseline_recall": min(detail["exact"]["recall"].values()),
        "baseline": BASELINE,
        "index": _index_name(product, config),
        "index_by_size": product,
        "ann_threshold": config.ann_threshold,
        "indexes": {
            kind: {
                **values,
                "bytes_vs_fp32": round(
                    next(iter(values["bytes"].values())) / (sizes[0] * DIMENSION * 4), 3
                ),
            }
            for kind, values in detail.items()
        },
        "page_10k": page,
        "fingerprint_seconds": hash_seconds,
        **data,
        "tie_tolerance": TIE_TOLERANCE,
        "dimension": DIMENSION,
        "k": args.k,
        "queries": args.queries,
        "cpus": os.cpu_count(),
        "machine": platform.processor() or platform.machine(),
    }


def _index_name(product: dict[str, IndexKind], config: IndexConfig) -> str:
    """One index name, or the auto rule when the sizes straddle the threshold."""
    used = set(product.values())
    if len(used) == 1:
        return used.pop()
    return f"auto: exact below {config.ann_threshold} vectors, {AUTO_APPROXIMATE} at or above"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
