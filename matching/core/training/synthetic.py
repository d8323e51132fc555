"""Synthetic training examples: templated CVs and job postings with a chosen bucket distribution.

For tests, demos and augmentation, never as evidence: every record says ``"synthetic": true``.
Each record's bucket is drawn to match the requested distribution exactly (largest remainder),
then a CV is written for it and scored with FairMatch's rule-based formula on what the CV parser
reads from the text; the CV's "quality" is nudged until that score falls in the bucket's band
(strong >= 80, moderate >= 60, weak >= 40, else not_ats_friendly), so the label is one the
features support. The listed edge cases are tagged in ``edge_case`` and only given to buckets
they plausibly belong to (an overqualified CV is not "not ATS-friendly"). Deterministic given
the seed: no clock, no global random state.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from matching.core.scoring import bucket_for, rule_based_score
from matching.core.scoring.feature_types import FeatureScores
from matching.core.training.synthetic_resume import CvPlan, write_cv
from matching.core.training.synthetic_scoring import REFERENCE_DATE, Job, score_cv
from matching.core.training.synthetic_templates import ROLES

BUCKETS = ("strong", "moderate", "weak", "not_ats_friendly")
BUCKET_GRADES = {"strong": 3, "moderate": 2, "weak": 1, "not_ats_friendly": 0}
BUCKET_BANDS = {
    "strong": (80.0, 100.0),
    "moderate": (60.0, 80.0),
    "weak": (40.0, 60.0),
    "not_ats_friendly": (0.0, 40.0),
}
STARTING_QUALITY = {"strong": 0.95, "moderate": 0.68, "weak": 0.45, "not_ats_friendly": 0.15}
EDGE_CASE_BUCKETS: dict[str, tuple[str, ...]] = {
    "wrong_tech_stack": ("weak", "not_ats_friendly"),
    "overqualified": ("strong", "moderate"),
    "underqualified": ("moderate", "weak"),
    "minimal_resume": ("weak", "not_ats_friendly"),
    "missing_contact_info": BUCKETS,
    "career_changer": ("weak", "not_ats_friendly"),
    "legacy_skills": ("moderate", "weak"),
}
EDGE_CASES = tuple(EDGE_CASE_BUCKETS)
DEFAULT_DISTRIBUTION = dict.fromkeys(BUCKETS, 0.25)
GENERATOR_NAME = "fairmatch-synthetic-v1"
MAX_ATTEMPTS = 24
QUALITY_GAIN = 0.012
PRIVATE_PROFILE_KEYS = ("emails", "phones", "links")

BAD_DISTRIBUTION = (
    "--distribution must be bucket=weight pairs over {buckets} with non-negative weights "
    "summing to more than 0, got {text!r}"
)
BAD_EDGE_CASES = "--edge-cases must be 'all', 'none' or a comma list of {names}, got {text!r}"
BAD_COUNT = "--n must be at least 1, got {n}"


@dataclass(frozen=True, slots=True)
class GeneratorConfig:
    """What to generate: how many, the bucket shares, which edge cases and how often."""

    n: int
    distribution: Mapping[str, float] = field(default_factory=lambda: dict(DEFAULT_DISTRIBUTION))
    seed: int = 0
    edge_cases: tuple[str, ...] = EDGE_CASES
    edge_case_rate: float = 0.3
    resumes_per_job: int = 8


def parse_distribution(text: str) -> dict[str, float]:
    """``"strong=0.25,moderate=0.25,..."`` as shares summing to 1 (missing buckets get 0).

    Raises:
        ValueError: On an unknown bucket, a bad or negative weight, or all weights zero.
    """
    error = ValueError(BAD_DISTRIBUTION.format(buckets=", ".join(BUCKETS), text=text))
    weights = dict.fromkeys(BUCKETS, 0.0)
    for part in (item.strip() for item in text.split(",")):
        name, _, value = part.partition("=")
        try:
            weight = float(value)
        except ValueError:
            raise error from None
        if name.strip() not in weights or weight < 0 or not math.isfinite(weight):
            raise error
        weights[name.strip()] = weight
    total = sum(weights.values())
    if total <= 0:
        raise error
    return {name: weight / total for name, weight in weights.items()}


def parse_edge_cases(text: str) -> tuple[str, ...]:
    """``all``, ``none`` or a comma list of edge-case names, in the canonical order.

    Raises:
        ValueError: On an unknown name.
    """
    value = text.strip().lower()
    if value == "all":
        return EDGE_CASES
    if value in {"none", ""}:
        return ()
    names = {item.strip() for item in value.split(",") if item.strip()}
    if not names or names - set(EDGE_CASES):
        raise ValueError(BAD_EDGE_CASES.format(names=", ".join(EDGE_CASES), text=text))
    return tuple(name for name in EDGE_CASES if name in names)


def bucket_counts(n: int, distribution: Mapping[str, float]) -> dict[str, int]:
    """How many records of each bucket: the shares of ``n``, rounded by largest remainder."""
    exact = {name: n * distribution.get(name, 0.0) for name in BUCKETS}
    counts = {name: math.floor(value) for name, value in exact.items()}
    by_remainder = sorted(BUCKETS, key=lambda name: (-(exact[name] - counts[name]), name))
    for name in by_remainder[: n - sum(counts.values())]:
        counts[name] += 1
    return counts


def generate_examples(config: GeneratorConfig) -> list[dict[str, Any]]:
    """The OUMI-style records (see the module docstring), in a seeded random order.

    Raises:
        ValueError: When ``config.n`` is below 1.
    """
    if config.n < 1:
        raise ValueError(BAD_COUNT.format(n=config.n))
    rng = random.Random(config.seed)  # noqa: S311 - synthetic data, not security
    counts = bucket_counts(config.n, config.distribution)
    buckets = [name for name in BUCKETS for _ in range(counts[name])]
    rng.shuffle(buckets)
    edges = _assign_edge_cases(buckets, config, rng)
    jobs = [
        _job(index, rng) for index in range(max(1, math.ceil(config.n / config.resumes_per_job)))
    ]
    return [
        _record(index, jobs[index % len(jobs)], bucket, edge, rng, config.seed)
        for index, (bucket, edge) in enumerate(zip(buckets, edges, strict=True))
    ]


def pairs_line(record: Mapping[str, Any]) -> dict[str, Any]:
    """The contract's labelled-pairs line of a record (label = bucket grade, 0-3)."""
    return {
        "id": record["id"],
        "resume": record["texts"]["resume"],
        "job": record["texts"]["job"],
        "job_id": record["job_id"],
        "label": record["labels"]["label"],
    }


def summary(records: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Counts by bucket and edge case, and how many rule-based buckets agree with the label."""
    agree = sum(r["labels"]["bucket"] == r["labels"]["rule_based_bucket"] for r in records)
    return {
        "n": len(records),
        "buckets": dict(Counter(r["labels"]["bucket"] for r in records)),
        "edge_cases": dict(Counter(r["edge_case"] for r in records if r["edge_case"])),
        "rule_based_agreement": round(agree / len(records), 4) if records else 0.0,
    }


def _assign_edge_cases(
    buckets: Sequence[str], config: GeneratorConfig, rng: random.Random
) -> list[str | None]:
    """Every chosen edge case at least once where a bucket fits it, then about ``rate`` more."""
    edges: list[str | None] = [None] * len(buckets)
    for name in config.edge_cases:
        for index, bucket in enumerate(buckets):
            if edges[index] is None and bucket in EDGE_CASE_BUCKETS[name]:
                edges[index] = name
                break
    for index, bucket in enumerate(buckets):
        fitting = [name for name in config.edge_cases if bucket in EDGE_CASE_BUCKETS[name]]
        draw = rng.random()
        if edges[index] is None and fitting and draw < config.edge_case_rate:
            edges[index] = rng.choice(fitting)
    return edges


def _job(index: int, rng: random.Random) -> Job:
    role = rng.choice(ROLES)
    low = float(rng.choice((2, 3, 4, 5)))
    high = low + float(rng.choice((3, 4, 5)))
    seniority = "senior" if low >= 5 else "mid"
    employer = rng.choice(("Northwind Ltd", "Kestrel Systems", "Meridian Partners", "Vela Labs"))
    lines = [
        f"{role.title} | {employer}",
        "",
        f"{employer} is hiring a {seniority} {role.title} to join a growing team.",
        "",
        "Requirements",
        *(f"- {skill}" for skill in role.required),
        f"- {int(low)} to {int(high)} years of relevant experience",
        "",
        "Nice to have",
        *(f"- {skill}" for skill in role.preferred),
        "",
        "What you will do",
        f"Work on {', '.join(role.keywords)} with a friendly team.",
    ]
    text = "\n".join(lines)
    return Job(f"synthetic-job-{index + 1:04d}", role, text, low, high, seniority, employer)


def _record(
    index: int, job: Job, bucket: str, edge: str | None, rng: random.Random, seed: int
) -> dict[str, Any]:
    plan, features, profile, text = _fit(job, bucket, edge, rng)
    score = rule_based_score(features)
    scores = asdict(features) | {"rule_based_score": score}
    return {
        "id": f"synthetic-{index + 1:06d}",
        "job_id": job.id,
        "resume_features": {k: v for k, v in profile.items() if k not in PRIVATE_PROFILE_KEYS},
        "jd_features": {
            "title": job.role.title,
            "required_skills": list(job.role.required),
            "preferred_skills": list(job.role.preferred),
            "keywords": list(job.role.keywords),
            "seniority": job.seniority,
            "experience_min_years": job.experience_min_years,
            "experience_max_years": job.experience_max_years,
            "domain": job.role.domain,
        },
        "feature_scores": scores,
        "labels": {
            "label": BUCKET_GRADES[bucket],
            "class": bucket,
            "status": None,
            "score": score,
            "score_method": "rule_based",
            "bucket": bucket,
            "rule_based_bucket": str(bucket_for(score)),
        },
        "texts": {"resume": text, "job": job.text},
        "edge_case": edge,
        "synthetic": True,
        "generator": {"name": GENERATOR_NAME, "seed": seed, "quality": round(plan.quality, 3)},
    }


def _fit(
    job: Job, bucket: str, edge: str | None, rng: random.Random
) -> tuple[CvPlan, FeatureScores, dict[str, Any], str]:
    """Write CVs, nudging their quality, until the rule-based score is in the bucket's band."""
    low, high = BUCKET_BANDS[bucket]
    target = (low + high) / 2
    quality = STARTING_QUALITY[bucket]
    best: tuple[float, CvPlan, FeatureScores, dict[str, Any], str] | None = None
    for _ in range(MAX_ATTEMPTS):
        plan = CvPlan(
            job.role, bucket, edge, quality, job.experience_min_years, job.experience_max_years
        )
        text, cv_role = write_cv(plan, rng, REFERENCE_DATE)
        features, profile = score_cv(text, cv_role, job)
        score = rule_based_score(features)
        miss = (
            0.0
            if low <= score < high or (bucket == "strong" and score >= low)
            else abs(score - target)
        )
        if best is None or miss < best[0]:
            best = (miss, plan, features, profile, text)
        if miss == 0.0:
            break
        step = QUALITY_GAIN * (target - score) + rng.uniform(-0.03, 0.03)
        quality = min(max(quality + step, 0.0), 1.0)
    assert best is not None  # noqa: S101 - MAX_ATTEMPTS >= 1
    return best[1], best[2], best[3], best[4]


__all__ = [
    "BUCKETS",
    "EDGE_CASES",
    "GeneratorConfig",
    "bucket_counts",
    "generate_examples",
    "pairs_line",
    "parse_distribution",
    "parse_edge_cases",
    "summary",
]
