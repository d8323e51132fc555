"""Stage-1 retrieval benchmark: exact scan and FAISS indexes at 10k, 100k and 1M candidates.

Indexes (``matching.core.retrieval.vector_index``): ``exact`` (one float32 BLAS matrix-vector
product and
an ``argpartition``), ``faiss-fp16`` and ``faiss-sq8`` (FAISS flat scans over scalar-quantised
codes, inner product) and ``faiss-pq-refine`` (4-bit PQ fast-scan candidates re-scored with fp16
codes). Candidate vectors are random unit vectors of the encoder's dimension
(384); queries are perturbed candidates, so each has a realistic set of close neighbours. Each index
runs half the queries in a block, then the other half in a second round in reverse order, so
drifting load on a shared machine hits them alike. Latency is one full top-k call (wall clock;
``cpu_ms_p50`` is process CPU time, which also counts idle library threads spinning); recall@k
is measured against a full sort (``np.argsort``). ``ms_p50`` and ``index`` report what the
product would use at each size under the default settings (``IndexConfig()``: exact below
200,000 vectors, faiss-pq-refine from there); ``indexes`` holds every index's figures.

The page timing is the whole two-stage path in pure core for one vacancy over 10k candidates
with precomputed embeddings and parsed CV facts: stage 1 through the product's index (a
shortlist of 200, as ``matching.services.ranking`` fetches for k=50), then stage 2 feature
scoring (``compute_features`` + ``score_pair`` with the shipped score mapper) of the shortlist,
sorted, cut to 50.

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

from matching.core.retrieval.index_cache import build_index, fingerprint  # noqa: E402
from matching.core.retrieval.retrieval import recall_at_k  # noqa: E402
from matching.core.retrieval.vector_index import (  # noqa: E402
    AUTO_APPROXIMATE,
    IndexConfig,
    IndexKind,
    VectorIndex,
    choose_kind,
)
from matching.core.scoring import score_pair  # noqa: E402
from matching.core.scoring.features import ResumeFacts, VacancyFacts, compute_features  # noqa: E402
from matching.core.scoring.score_mapper import load_default_mapper  # noqa: E402

DIMENSION = 384
INDEXES: tuple[IndexKind, ...] = ("exact", "faiss-fp16", "faiss-sq8", "faiss-pq-refine")
PAGE_CANDIDATES = 10_000
PAGE_SHORTLIST = 200
CV_TEMPLATES = 1_000
SETTLE_SECONDS = 0.3
SKILLS = [
    "Python",
    "Django",
    "PostgreSQL",
    "Docker",
    "Kubernetes",
    "AWS",
    "React",
    "TypeScript",
    "Java",
    "Spring",
    "SQL",
    "Excel",
    "accounting",
    "auditing",
    "payroll",
    "recruiting",
    "nursing",
    "triage",
    "welding",
    "logistics",
    "marketing",
    "sales",
    "Photoshop",
    "teaching",
    "curriculum",
    "budgeting",
    "forecasting",
    "Linux",
    "networking",
    "security",
]
FILLER = [
    "managed",
    "delivered",
    "team",
    "project",
    "customers",
    "results",
    "improved",
    "process",
    "built",
    "designed",
    "led",
    "reports",
    "quality",
    "daily",
    "support",
    "planning",
    "training",
    "stakeholders",
    "systems",
    "operations",
]


def unit_vectors(rng: np.random.Generator, rows: int, dimension: int) -> np.ndarray:
    """``rows`` random float32 unit vectors, built in blocks to bound peak memory."""
    matrix = np.empty((rows, dimension), dtype=np.float32)
    for start in range(0, rows, 100_000):
        block = rng.standard_normal((min(100_000, rows - start), dimension), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        matrix[start : start + block.shape[0]] = block
    return matrix


def near_queries(rng: np.random.Generator, matrix: np.ndarray, count: int) -> np.ndarray:
    """Perturbed candidates (noise 0.05 per dimension), renormalised."""
    picks = rng.integers(0, matrix.shape[0], count)
    noise = rng.standard_normal((count, matrix.shape[1]), dtype=np.float32) * 0.05
    queries = matrix[picks] + noise
    return queries / np.linalg.norm(queries, axis=1, keepdims=True)


def percentiles(timings: list[float]) -> tuple[float, float]:
    """Median and p95 (nearest rank) of ``timings``."""
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def measure_size(
    matrix: np.ndarray, queries: np.ndarray, k: int, kinds: tuple[IndexKind, ...]
) -> dict[str, dict[str, float]]:
    """Build every index over ``matrix``, then time and score each on the same queries."""
    built: dict[str, VectorIndex] = {}
    figures: dict[str, dict[str, float]] = {}
    for kind in kinds:
        started = time.perf_counter()
        built[kind] = build_index(matrix, kind)
        figures[kind] = {"build_seconds": time.perf_counter() - started}
        built[kind].search(queries[0], k)  # warm-up: page in, load FAISS
    timings: dict[str, list[float]] = {kind: [] for kind in kinds}
    cpu: dict[str, list[float]] = {kind: [] for kind in kinds}
    recalls: dict[str, list[float]] = {kind: [] for kind in kinds}
    exact = [np.argsort(-(matrix @ query), kind="stable")[:k] for query in queries]
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
                recalls[kind].append(recall_at_k(found.indices, exact[number]))
    for kind in kinds:
        p50, p95 = percentiles(timings[kind])
        figures[kind].update(
            ms_p50=p50,
            ms_p95=p95,
            cpu_ms_p50=statistics.median(cpu[kind]),
            recall=float(np.mean(recalls[kind])),
            recall_min=float(np.min(recalls[kind])),
            bytes=built[kind].nbytes,
            shards=getattr(built[kind], "shards", 1),
        )
    return figures


def synthetic_cv(rng: np.random.Generator) -> ResumeFacts:
    """A parsed CV of about 2,000 characters: skills among filler words, sections found."""
    skills = tuple(str(s) for s in rng.choice(SKILLS, size=8, replace=False))
    words = rng.choice(np.array(FILLER + list(skills)), size=300)
    text = "SUMMARY\n" + " ".join(words[:40]) + "\n\nEXPERIENCE\n" + " ".join(words[40:])
    text += "\n\nSKILLS\n" + ", ".join(skills)
    return ResumeFacts(
        text=text,
        skills=skills,
        years_total=float(rng.integers(0, 20)),
        has_summary=True,
        has_experience=True,
        has_education=bool(rng.integers(0, 2)),
        contact_info_complete=True,
    )


def measure_page(
    rng: np.random.Generator, queries: int, k: int, config: IndexConfig
) -> dict[str, float | int | str]:
    """One ranking page: stage 1 over 10k stored vectors, stage 2 over the shortlist, top k."""
    matrix = unit_vectors(rng, PAGE_CANDIDATES, DIMENSION)
    # Stored CV facts: distinct synthetic CVs, repeated over the candidates (cheap to set up).
    templates = [synthetic_cv(rng) for _ in range(CV_TEMPLATES)]
    facts = [templates[row % CV_TEMPLATES] for row in range(PAGE_CANDIDATES)]
    vacancy = VacancyFacts(
        title="Python backend developer",
        text="Build Django REST APIs on PostgreSQL with Docker and AWS.",
        required_skills=("Python", "Django", "PostgreSQL"),
        preferred_skills=("Docker", "AWS"),
        experience_min_years=3.0,
        experience_max_years=8.0,
        seniority="senior",
    )
    mapper = load_default_mapper()
    index = build_index(matrix, choose_kind(PAGE_CANDIDATES, config))
    timings, cpu, stage_one = [], [], []
    for query in near_queries(rng, matrix, queries + 1):
        started, started_cpu = time.perf_counter(), time.process_time()
        shortlist = index.search(query, PAGE_SHORTLIST)
        retrieved = time.perf_counter()
        scored = [
            (
                score_pair(compute_features(facts[row], vacancy, cosine=float(cos)), mapper=mapper),
                row,
            )
            for row, cos in zip(shortlist.indices, shortlist.scores, strict=True)
        ]
        scored.sort(key=lambda item: (-item[0].score, int(item[1])))
        page = scored[:k]
        finished = time.perf_counter()
        assert len(page) == k  # noqa: S101 - a short page would make the timing meaningless
        timings.append((finished - started) * 1000.0)
        cpu.append((time.process_time() - started_cpu) * 1000.0)
        stage_one.append((retrieved - started) * 1000.0)
    p50, p95 = percentiles(timings[1:])  # the first call loads lazily built term caches
    return {
        "candidates": PAGE_CANDIDATES,
        "shortlist": PAGE_SHORTLIST,
        "page": k,
        "index": index.kind,
        "mapper": mapper.version if mapper is not None else "rule_based",
        "ms_p50": round(p50, 1),
        "ms_p95": round(p95, 1),
        "cpu_ms_p50": round(statistics.median(cpu[1:]), 1),
        "stage_one_ms_p50": round(percentiles(stage_one[1:])[0], 2),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=20)
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--indexes", default=",".join(INDEXES))
    args = parser.parse_args(argv)

    rng = np.random.default_rng(42)
    sizes = [int(size) for size in args.sizes.split(",")]
    kinds = tuple(kind for kind in INDEXES if kind in args.indexes.split(","))
    config = IndexConfig()
    product = {str(size): choose_kind(size, config) for size in sizes}
    kinds = tuple(dict.fromkeys((*kinds, *product.values())))
    detail: dict[str, dict[str, dict[str, float]]] = {
        kind: {
            key: {}
            for key in (
                "ms_p50",
                "ms_p95",
                "cpu_ms_p50",
                "recall",
                "build_seconds",
                "bytes",
                "shards",
            )
        }
        for kind in kinds
    }
    hash_seconds: dict[str, float] = {}
    for size in sizes:
        matrix = unit_vectors(rng, size, DIMENSION)
        queries = near_queries(rng, matrix, args.queries)
        started = time.perf_counter()
        fingerprint(matrix)
        hash_seconds[str(size)] = round(time.perf_counter() - started, 3)
        figures = measure_size(matrix, queries, args.k, kinds)
        for kind, values in figures.items():
            for key in detail[kind]:
                detail[kind][key][str(size)] = round(values[key], 4 if key == "recall" else 2)
            if not args.json:
                print(
                    f"{size:>9} {kind:>10}: p50 {values['ms_p50']:8.2f} ms, "
                    f"p95 {values['ms_p95']:8.2f} ms, cpu {values['cpu_ms_p50']:7.2f} ms, "
                    f"recall@{args.k} {values['recall']:.4f}, "
                    f"build {values['build_seconds']:.2f} s, {values['bytes'] / 2**20:.0f} MiB"
                )
        del matrix
    page = measure_page(rng, args.queries, args.k, config)
    if not args.json:
        print(f"ranking page, 10k candidates: {page}")
    product_recall = min(detail[kind]["recall"][size] for size, kind in product.items())
    report = {
        "ms_p50": {size: detail[kind]["ms_p50"][size] for size, kind in product.items()},
        "ms_p95": {size: detail[kind]["ms_p95"][size] for size, kind in product.items()},
        f"recall_at_{args.k}": product_recall,
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
        "dimension": DIMENSION,
        "k": args.k,
        "queries": args.queries,
        "cpus": os.cpu_count(),
        "machine": platform.processor() or platform.machine(),
    }
    print(json.dumps(report))
    return 0


def _index_name(product: dict[str, IndexKind], config: IndexConfig) -> str:
    """One index name, or the auto rule when the sizes straddle the threshold."""
    used = set(product.values())
    if len(used) == 1:
        return used.pop()
    return f"auto: exact below {config.ann_threshold} vectors, {AUTO_APPROXIMATE} at or above"


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
