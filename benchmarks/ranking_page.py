"""The ranking page timing of ``benchmarks/ranking.py``: stage 1 and stage 2 over 10k candidates.

Pure core, one vacancy, precomputed embeddings and synthetic parsed CV facts: stage 1 through the
product's index (a shortlist of 200, as ``matching.services.ranking`` fetches for k=50), then
stage 2 feature scoring (``compute_features`` + ``score_pair`` with the shipped score mapper) of
the shortlist, sorted, cut to 50.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from matching.core.retrieval.index_cache import build_index
from matching.core.retrieval.vector_index import IndexConfig, choose_kind
from matching.core.scoring import score_pair
from matching.core.scoring.feature_types import ResumeFacts, VacancyFacts
from matching.core.scoring.features import compute_features
from matching.core.scoring.score_mapper import load_default_mapper

PAGE_SHORTLIST = 200
CV_TEMPLATES = 1_000
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


def percentiles(timings: list[float]) -> tuple[float, float]:
    """Median and p95 (nearest rank) of ``timings``."""
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


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
    rng: np.random.Generator,
    matrix: np.ndarray,
    queries: np.ndarray,
    k: int,
    config: IndexConfig,
) -> dict[str, float | int | str]:
    """One ranking page: stage 1 over the stored vectors, stage 2 over the shortlist, top k.

    ``queries`` holds one more row than is timed: the first call fills lazily built caches.
    """
    candidates = matrix.shape[0]
    # Stored CV facts: distinct synthetic CVs, repeated over the candidates (cheap to set up).
    templates = [synthetic_cv(rng) for _ in range(CV_TEMPLATES)]
    facts = [templates[row % CV_TEMPLATES] for row in range(candidates)]
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
    index = build_index(matrix, choose_kind(candidates, config))
    timings, cpu, stage_one = [], [], []
    for query in queries:
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
        "candidates": candidates,
        "shortlist": PAGE_SHORTLIST,
        "page": k,
        "index": index.kind,
        "mapper": mapper.version if mapper is not None else "rule_based",
        "ms_p50": round(p50, 1),
        "ms_p95": round(p95, 1),
        "cpu_ms_p50": round(statistics.median(cpu[1:]), 1),
        "stage_one_ms_p50": round(percentiles(stage_one[1:])[0], 2),
    }
