"""Bulk scoring benchmark: FairMatch's pair scorer vs a naive per-pair loop and a batched one.

Baselines: the seed cards' per-pair loop, and the same formula with every distinct text encoded
once in batches (the strong simple method); fair because both use the same model and process,
and the batched one does no more work than it must (it is not the explained product score).

Loads (``--load``):
- ``all-pairs`` (default): every one of C candidates scored against every one of V vacancies
  (default 50 x 20 = 1,000 applications), real CV and posting texts from ../shared/data/eval
  (read in place; synthetic CV-length texts when absent). Each CV text serves V pairs, so
  encoding is shared widely: the load most favourable to caching.
- ``one-cv-per-application``: every application has its own CV (``--cvs`` N, default 1,000,
  over ``--vacancies`` postings in turn): the 85 eval resumes and the 240 livecareer-dev PDFs'
  text (extracted with ``extract_text``), then, past those 325, distinct CVs made by
  interleaving the lines of two real CVs (``benchmarks.corpus.distinct_cvs``): no CV text is
  shared by two applications, so nothing is encoded once for several pairs but the postings.

Methods, all in the same process on the same encoder:
- naive: the seed's ``predict_ats_score(resume, job)``, which encodes both texts on every call
  (truncated to 256 tokens) and returns ``cosine * 100``; run on a subset of pairs and reported
  as pairs per second (the loop's rate does not depend on how many pairs follow);
- naive_batched: the same model and formula, but every distinct CV and posting text encoded once
  with ``model.encode(texts, batch_size=32)`` (truncated to 256 tokens), then ``cosine * 100``
  per pair; all pairs, encoding included in its time;
- fairmatch: ``matching.core.scoring.bulk.explain_text_pairs`` on all pairs, the product's
  explained score (redaction, whole-document chunked embeddings, domain classifier, O*NET
  title lookup when ../shared/data/onet is there, best-matching passage windows, feature
  scores and the shipped additive score), each distinct text encoded once; its per-process
  setup (the skill matcher's automaton, built once per worker) is timed apart, as
  ``setup_seconds``, the way the naive side's model load is left out;
- fairmatch_rescore: the same pairs again with a warm embedding store (a re-score after an
  unrelated change: no text is encoded again).

With ``--precision int8`` (or bf16) FairMatch's side runs that encoder; the naive loop keeps
the seed's fp32 model.

    python benchmarks/scoring.py [--json] [--candidates 50] [--vacancies 20] [--naive-pairs 40]
        [--precision fp32|bf16|int8] [--load all-pairs|one-cv-per-application] [--cvs 1000]
    python benchmarks/run.py scoring [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402

from benchmarks import corpus  # noqa: E402
from benchmarks.corpus import SHARED_ABSENT, distinct_cvs, real_texts  # noqa: E402
from matching.core.encoding.chunking import chunk_text  # noqa: E402
from matching.core.encoding.embedding_store import InMemoryEmbeddingStore  # noqa: E402
from matching.core.encoding.encoder import PRECISIONS  # noqa: E402
from matching.core.encoding.registry import load_encoder  # noqa: E402
from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder  # noqa: E402
from matching.core.occupations.onet_titles import load_onet_title_index  # noqa: E402
from matching.core.redaction import redact  # noqa: E402
from matching.core.scoring.bulk import explain_text_pairs  # noqa: E402
from matching.core.scoring.pipeline import default_domain_model  # noqa: E402

ONET_DIR = corpus.SHARED_DATA / "onet"
BASELINE = (
    "baselines: the seed's naive per-pair loop (encode both texts on every call, cosine * 100) "
    "and a batched naive loop (every distinct text encoded once in batches of 32, then cosine "
    "* 100 per pair), same model and process: fair because the batched one is the fastest "
    "simple way to the naive score"
)
LOADS = ("all-pairs", "one-cv-per-application")
SYNTHETIC_CV = (
    "Experienced professional. Managed projects, budgets and teams across departments. "
    "Skills include planning, reporting, stakeholder communication and process improvement. "
)


def load_texts(n_candidates: int, n_vacancies: int) -> tuple[list[str], list[str], str]:
    """Distinct CV and posting texts: the eval files when present, else synthetic ones."""
    if corpus.shared_present():
        resumes = corpus.jsonl_texts(corpus.EVAL_DIR / "resumes.jsonl")
        jobs = corpus.jsonl_texts(corpus.EVAL_DIR / "jobs.jsonl")
        source = "../shared/data/eval (resumes.jsonl, jobs.jsonl)"
    else:
        resumes = [f"Candidate {n}. " + SYNTHETIC_CV * 20 for n in range(n_candidates)]
        jobs = [f"Vacancy {n}. " + SYNTHETIC_CV * 12 for n in range(n_vacancies)]
        source = "synthetic (../shared/data/eval is absent)"
    resumes = [resumes[n % len(resumes)] + f"\nRef {n}" for n in range(n_candidates)]
    jobs = [jobs[n % len(jobs)] + f"\nRef {n}" for n in range(n_vacancies)]
    return resumes, jobs, source


def one_cv_texts(n_cvs: int, n_vacancies: int) -> tuple[list[str], list[str], str]:
    """One distinct CV per application, postings in turn: real texts, or synthetic if absent."""
    texts = real_texts()
    if texts is None:
        print(SHARED_ABSENT)
        resumes, jobs, source = load_texts(n_cvs, n_vacancies)
    else:
        resumes, real_count = distinct_cvs(texts.cvs, n_cvs)
        jobs = list(texts.postings[:n_vacancies])
        source = (
            f"{texts.source}; {real_count} real CVs as they are, "
            f"{n_cvs - real_count} made by interleaving the lines of two real CVs"
        )
    pairs_jobs = [jobs[n % len(jobs)] for n in range(n_cvs)]
    return resumes, pairs_jobs, source


def naive_batched_rate(
    model: object, pairs: list[tuple[str, str]], batch_size: int = 32
) -> tuple[float, float]:
    """Pairs per second of the batched naive loop: each distinct text encoded once, then cosine."""
    encode = model.encode  # type: ignore[attr-defined]
    encode(["warm up"])
    started = time.perf_counter()
    resumes = list(dict.fromkeys(resume for resume, _ in pairs))
    jobs = list(dict.fromkeys(job for _, job in pairs))
    options = {"batch_size": batch_size, "normalize_embeddings": True, "show_progress_bar": False}
    resume_rows = dict(zip(resumes, encode(resumes, **options), strict=True))
    job_rows = dict(zip(jobs, encode(jobs, **options), strict=True))
    for resume, job in pairs:
        float(np.dot(resume_rows[resume], job_rows[job])) * 100.0
    seconds = time.perf_counter() - started
    return len(pairs) / seconds, seconds


def naive_rate(model: object, pairs: list[tuple[str, str]]) -> tuple[float, float]:
    """Pairs per second of the seed loop: encode both texts on every call, cosine * 100."""
    encode = model.encode  # type: ignore[attr-defined]
    encode(["warm up"])
    started = time.perf_counter()
    for resume, job in pairs:
        left = encode(resume, normalize_embeddings=True, show_progress_bar=False)
        right = encode(job, normalize_embeddings=True, show_progress_bar=False)
        float(np.dot(left, right)) * 100.0
    seconds = time.perf_counter() - started
    return len(pairs) / seconds, seconds


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    parser.add_argument("--candidates", type=int, default=50)
    parser.add_argument("--vacancies", type=int, default=20)
    parser.add_argument("--naive-pairs", type=int, default=40, help="pairs the naive loop runs")
    parser.add_argument("--precision", choices=PRECISIONS, default="fp32", help="FairMatch side")
    parser.add_argument("--load", choices=LOADS, default="all-pairs")
    parser.add_argument("--cvs", type=int, default=1000, help="one-cv-per-application: CVs")
    args = parser.parse_args(argv)
    print(BASELINE)

    if args.load == "all-pairs":
        resumes, jobs, source = load_texts(args.candidates, args.vacancies)
        pairs = [(resume, job) for job in jobs for resume in resumes]
    else:
        resumes, pair_jobs, source = one_cv_texts(args.cvs, args.vacancies)
        pairs = list(zip(resumes, pair_jobs, strict=True))
        jobs = list(dict.fromkeys(pair_jobs))
    seed_encoder = load_encoder()
    assert isinstance(seed_encoder, SentenceTransformerEncoder)  # noqa: S101
    encoder = load_encoder(precision=args.precision)
    domain_model = default_domain_model(encoder)
    title_index = load_onet_title_index(ONET_DIR) if ONET_DIR.is_dir() else None
    # Per-process setup, as the naive side's model load: the encoder, and the skill matcher's
    # automaton (~90,000 terms, built once per worker process; about 30 s on 2 shared cores).
    started = time.perf_counter()
    explain_text_pairs(
        ["warm up: Python developer"],
        ["warm up: Python developer wanted"],
        encoder,
        domain_model=domain_model,
        store=InMemoryEmbeddingStore(),
        title_index=title_index,
    )
    setup_seconds = time.perf_counter() - started

    naive_subset = pairs[:: max(1, len(pairs) // args.naive_pairs)][: args.naive_pairs]
    naive_per_s, naive_seconds = naive_rate(seed_encoder.model, naive_subset)
    batched_per_s, batched_seconds = naive_batched_rate(seed_encoder.model, pairs)

    store = InMemoryEmbeddingStore()
    started = time.perf_counter()
    explain_text_pairs(
        [p[0] for p in pairs],
        [p[1] for p in pairs],
        encoder,
        domain_model=domain_model,
        store=store,
        title_index=title_index,
    )
    bulk_seconds = time.perf_counter() - started
    started = time.perf_counter()
    explain_text_pairs(
        [p[0] for p in pairs],
        [p[1] for p in pairs],
        encoder,
        domain_model=domain_model,
        store=store,
        title_index=title_index,
    )
    rescore_seconds = time.perf_counter() - started
    chunk_counts = [len(chunk_text(redact(text), encoder)) for text in resumes]

    fairmatch_per_s = len(pairs) / bulk_seconds
    report = {
        "fairmatch_per_s": round(fairmatch_per_s, 1),
        "naive_per_s": round(naive_per_s, 2),
        "ratio": round(fairmatch_per_s / naive_per_s, 1),
        "naive_batched_per_s": round(batched_per_s, 1),
        "batched_ratio": round(fairmatch_per_s / batched_per_s, 2),
        "fairmatch_rescore_per_s": round(len(pairs) / rescore_seconds, 1),
        "rescore_ratio": round(len(pairs) / rescore_seconds / naive_per_s, 1),
        "load": args.load,
        "applications": len(pairs),
        "distinct_cvs": len(set(resumes)),
        "candidates": len(resumes),
        "vacancies": len(jobs),
        "fairmatch_seconds": round(bulk_seconds, 2),
        "setup_seconds": round(setup_seconds, 2),
        "naive_pairs_measured": len(naive_subset),
        "naive_seconds": round(naive_seconds, 2),
        "naive_batched_seconds": round(batched_seconds, 2),
        "resume_chunks_per_cv": round(float(np.mean(chunk_counts)), 2),
        "mean_cv_chars": round(float(np.mean([len(text) for text in resumes]))),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "model": encoder.model_id,
        "precision": args.precision,
        "onet_titles": title_index is not None,
        "device": str(getattr(encoder, "device", "cpu")),
        "cpus": os.cpu_count(),
        "machine": platform.processor() or platform.machine(),
        "data": source,
        "baseline": BASELINE,
    }
    if not args.json:
        for key, value in report.items():
            print(f"{key:>24}: {value}")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
