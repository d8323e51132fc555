"""Build a livecareer-style labelled-pairs file for ``evaluate_matching --pairs`` (issues #20, #24).

Resumes: the livecareer-dev PDFs whose ``dev.jsonl`` row has a ``domain`` (140 of 240), text
extracted with the product's own extractor (``candidates.extraction.extract.extract_text``).
Jobs: postings of ``eval/jobs.jsonl`` whose ``domain`` is one the resumes carry (postings of
domains no resume has would be jobs with no relevant resume), at most ``--per-domain`` per domain,
the first ones by sorted ``id`` (deterministic; no randomness).
Label: 1 when the resume's domain equals the posting's domain, else 0. These are domain-level
labels, coarser than ``eval/pairs.jsonl``'s grades (2 same occupation, 1 same domain, 0 other):
a same-domain pair counts as relevant whatever the occupations.

Split of the resumes: held out when ``held_out_score("livecareer:" + file) < 0.5``, the split of
``docs/evaluation/domains.md``. ``--held-out-out`` writes the pairs of the held-out resumes only.

Outputs go outside the repository (shared data is never copied into it); the script refuses a
path inside it.

    .venv/bin/python research/livecareer_pairs.py --out /tmp/lc_pairs.jsonl \
        --held-out-out /tmp/lc_pairs_heldout.jsonl
    python manage.py evaluate_matching --pairs /tmp/lc_pairs.jsonl --json
    python manage.py evaluate_matching --pairs /tmp/lc_pairs_heldout.jsonl --json \
        --scores-out /tmp/lc_scores_heldout.jsonl
    .venv/bin/python research/livecareer_pairs.py --breakdown /tmp/lc_scores_heldout.jsonl \
        --pairs /tmp/lc_pairs_heldout.jsonl

``--breakdown`` re-ranks FairMatch's written scores (``--scores-out``) by the posting's domain and
by the eval split of the postings (``is_held_out(job id)``: held out from the trained scorer's
fit), with the same ``evaluate_ranking`` as the command.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
LIVECAREER = DATA / "livecareer-dev"
JOBS = DATA / "eval" / "jobs.jsonl"
TMP = Path(tempfile.gettempdir())


def _outside_repo(path: Path) -> Path:
    resolved = path.resolve()
    if resolved.is_relative_to(ROOT):
        raise SystemExit(f"refusing to write {path} inside the repository; use /tmp")
    return resolved


def livecareer_texts(cache: Path | None) -> list[dict]:
    """The labelled livecareer rows with their extracted text (read from ``cache`` if present)."""
    if cache is not None and cache.is_file():
        return [json.loads(line) for line in cache.open()]
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats_site.settings")
    import django

    django.setup()
    from candidates.extraction.extract import extract_text

    rows = [json.loads(line) for line in (LIVECAREER / "dev.jsonl").open()]
    rows = sorted((row for row in rows if row["domain"]), key=lambda row: row["file"])
    for row in rows:
        document = extract_text((LIVECAREER / row["file"]).read_bytes())
        row["text"] = document.text
        row["backend"] = document.backend
    if cache is not None:
        with cache.open("w") as out:
            for row in rows:
                out.write(json.dumps(row) + "\n")
    return rows


def sampled_jobs(domains: set[str], per_domain: int) -> list[dict]:
    """At most ``per_domain`` postings per domain in ``domains``, the first by sorted id."""
    by_domain: dict[str, list[dict]] = defaultdict(list)
    for line in JOBS.open():
        job = json.loads(line)
        if job.get("domain") in domains:
            by_domain[job["domain"]].append(job)
    jobs: list[dict] = []
    for domain in sorted(by_domain):
        ordered = sorted(by_domain[domain], key=lambda job: job["id"])
        jobs.extend(ordered if per_domain <= 0 else ordered[:per_domain])
    return jobs


def resume_id(row: dict) -> str:
    """``lc-<CATEGORY>-<number>`` from ``pdf/<CATEGORY>/<number>.pdf``."""
    parts = Path(row["file"]).with_suffix("").parts
    return "lc-" + "-".join(parts[1:])


def breakdown(scores_path: Path, pairs_path: Path, k: int = 10) -> dict:
    """FairMatch's metrics from a ``--scores-out`` file, per posting domain and job split."""
    sys.path.insert(0, str(ROOT))
    from matching.core.evaluation import evaluate_ranking, is_held_out

    scores = {row["id"]: row["score"] for row in map(json.loads, scores_path.open())}
    domains = {job["id"]: job["domain"] for job in map(json.loads, JOBS.open())}
    parts: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for pair in map(json.loads, pairs_path.open()):
        row = (scores[pair["id"]], pair["label"], pair["job_id"])
        parts["all"].append(row)
        parts["domain:" + domains[pair["job_id"]]].append(row)
        parts["jobs_held_out" if is_held_out(pair["job_id"]) else "jobs_tuning"].append(row)
    result = {}
    for name in sorted(parts):
        rows = parts[name]
        metrics = evaluate_ranking(
            [row[0] for row in rows], [row[1] for row in rows], [row[2] for row in rows], k=k
        )
        result[name] = {
            "n_jobs": len({row[2] for row in rows}),
            "n_pairs": len(rows),
            **{key: round(metrics[key], 4) for key in (f"ndcg@{k}", f"mrr@{k}", f"map@{k}")},
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=TMP / "lc_pairs.jsonl")
    parser.add_argument("--held-out-out", type=Path, default=TMP / "lc_pairs_heldout.jsonl")
    parser.add_argument(
        "--per-domain", type=int, default=4, help="postings per domain (0: all of them)"
    )
    parser.add_argument(
        "--texts", type=Path, default=TMP / "lc_texts.jsonl", help="extracted-text cache"
    )
    parser.add_argument("--breakdown", type=Path, help="a --scores-out file to break down")
    parser.add_argument("--pairs", type=Path, help="the pairs file of --breakdown")
    args = parser.parse_args()
    if args.breakdown:
        if args.pairs is None:
            parser.error("--breakdown needs --pairs")
        print(json.dumps(breakdown(args.breakdown, args.pairs)))
        return
    out = _outside_repo(args.out)
    held_out_path = _outside_repo(args.held_out_out)
    texts = _outside_repo(args.texts)

    sys.path.insert(0, str(ROOT))
    from matching.core.evaluation.splits import held_out_score

    resumes = livecareer_texts(texts)
    jobs = sampled_jobs({row["domain"] for row in resumes}, args.per_domain)
    held_out = {row["file"] for row in resumes if held_out_score("livecareer:" + row["file"]) < 0.5}
    counts = {"all": 0, "held_out": 0, "relevant_all": 0, "relevant_held_out": 0}
    with out.open("w") as everything, held_out_path.open("w") as held:
        for job in jobs:
            for row in resumes:
                label = int(row["domain"] == job["domain"])
                pair = {
                    "id": f"{job['id']}-{resume_id(row)}",
                    "resume": row["text"],
                    "job": job["text"],
                    "job_id": job["id"],
                    "label": label,
                }
                line = json.dumps(pair) + "\n"
                everything.write(line)
                counts["all"] += 1
                counts["relevant_all"] += label
                if row["file"] in held_out:
                    held.write(line)
                    counts["held_out"] += 1
                    counts["relevant_held_out"] += label
    jobs_per_domain: dict[str, int] = defaultdict(int)
    for job in jobs:
        jobs_per_domain[job["domain"]] += 1
    report = {
        "n_resumes": len(resumes),
        "n_resumes_held_out": len(held_out),
        "n_jobs": len(jobs),
        "jobs_per_domain": dict(sorted(jobs_per_domain.items())),
        "job_ids": [job["id"] for job in jobs],
        "n_pairs": counts["all"],
        "n_relevant": counts["relevant_all"],
        "n_pairs_held_out": counts["held_out"],
        "n_relevant_held_out": counts["relevant_held_out"],
        "backends": sorted({row.get("backend", "?") for row in resumes}),
        "out": str(out),
        "held_out_out": str(held_out_path),
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
