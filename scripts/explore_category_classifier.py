"""Which CV category classifier gives the occupation affinity its best input?

``matching.core.occupations.occupation_affinity`` reads ``sum_c p(c | CV) * affinity(c, posting
codes)``; its
first ``p`` (multinomial logistic regression over the standardised chunked MiniLM embedding,
C = 10; now ``--category-classifier logistic``) is right for only 0.565 of the 62 training
resumes left out one at a time. This script compares other classifiers, selected ONLY on
training data:

1. the embedding LR with other C values, with and without standardisation;
2. TF-IDF logistic regression on the redacted CV text (word 1-2 grams and/or char_wb 3-5 grams,
   sublinear tf; the vectoriser is refitted without the left-out resume);
3. ensembles of (1) and (2): arithmetic or geometric mean of their probabilities;
4. zero-shot similarity between the CV embedding and an embedding of each category name: alone
   (softmax with a temperature), as extra LR inputs, and as a log-prior added to (1) or (3).

Each classifier's settings are chosen by leave-one-out log-loss on the training resumes (the
same rule as ``choose_category_c``); its leave-one-out probabilities then feed the affinity
exactly as ``scripts/explore_occupation_affinity.py`` does (other-job-fold tables, "full"
levels), and ``fit_bucket_classifier``'s grouped 5-fold CV on the training pairs (fold seeds 0-4)
gives macro-F1 / accuracy / ECE. The held-out split is never read: held-out resumes get a
uniform row, which no training pair uses.

    .venv/bin/python scripts/explore_category_classifier.py \\
        --domain-weights /tmp/trainonly/domain_classifier.json --onet-blend
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from category_classifier_candidates import (  # noqa: E402
    TEMPLATES,
    Fitter,
    Resumes,
    embedding_lr,
    prototype,
    tfidf_lr,
    zero_shot_only,
)
from explore_occupation_affinity import Experiment, read_jsonl  # noqa: E402
from explore_occupation_features import NpzStore, auc, v2_rows  # noqa: E402

from matching.core.encoding.chunking import encode_documents  # noqa: E402
from matching.core.encoding.registry import load_encoder  # noqa: E402
from matching.core.evaluation.evaluation import read_pairs  # noqa: E402
from matching.core.occupations.occupation_affinity import (  # noqa: E402
    FULL_LEVELS,
    leave_one_out_probabilities,
)
from matching.core.occupations.onet_titles import load_onet_title_index  # noqa: E402
from matching.core.redaction import redact  # noqa: E402
from matching.core.scoring import bucket_for  # noqa: E402
from matching.core.scoring.score_mapper_training import scale_labels, split_masks  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FOLD_SEEDS = (0, 1, 2, 3, 4)
Matrix = npt.NDArray[np.float64]


def load(args: argparse.Namespace) -> tuple[Experiment, Resumes]:
    """Pairs, v2 rows and posting codes (as explore_occupation_affinity), and training resumes."""
    store = NpzStore(args.cache / "embeddings.npz")
    pairs = read_pairs(args.pairs)
    resume_list = read_jsonl(args.resumes)
    by_text = {row["text"]: row for row in resume_list}
    jobs = [p.job for p in pairs]
    job_keys = [p.job_id for p in pairs]
    resume_keys = [by_text[p.resume]["id"] for p in pairs]
    categories = [by_text[p.resume]["category"] for p in pairs]
    buckets = np.array([str(bucket_for(100.0 * v)) for v in scale_labels([p.label for p in pairs])])
    base = v2_rows(args, [p.resume for p in pairs], jobs, store)
    train, held_out = split_masks(job_keys, resume_keys)
    title_index = load_onet_title_index(args.onet)
    job_codes = {text: title_index.posting_codes(text) for text in set(jobs)}
    train_ids = sorted(set(np.array(resume_keys)[train]))
    by_id = {row["id"]: row for row in resume_list}
    texts = [redact(by_id[key]["text"]) for key in train_ids]  # as the product encodes a CV
    labels = [by_id[key]["category"] for key in train_ids]
    classes = tuple(sorted(set(labels)))
    encoder = load_encoder(None, device="cpu")
    vectors = encode_documents(texts, encoder, store=store).vectors.astype(np.float64)
    names = encode_documents(list(classes), encoder, store=store).vectors.astype(np.float64)
    store.save()
    names /= np.linalg.norm(names, axis=1, keepdims=True)
    templates = {"name": names}
    for key, template in TEMPLATES.items():
        phrased = [template.format(name) for name in classes]
        vectors_t = encode_documents(phrased, encoder, store=store).vectors.astype(np.float64)
        templates[key] = vectors_t / np.linalg.norm(vectors_t, axis=1, keepdims=True)
    store.save()
    experiment = Experiment(
        base=np.asarray(base, dtype=np.float64),
        buckets=buckets,
        train=train,
        held_out=held_out,
        codes=[job_codes[text] for text in jobs],
        categories=categories,
        classes=classes,
        probabilities=np.full((len(pairs), len(classes)), 1.0 / len(classes)),
        oracle=np.array([[float(n == cat) for n in classes] for cat in categories]),
        job_keys=tuple(job_keys),
    )
    resumes = Resumes(train_ids, texts, vectors, labels, classes, names, templates)
    print(f"pairs: {len(pairs)}, training pairs {int(train.sum())}, training resumes {len(labels)}")
    return experiment, resumes


# ---------------------------------------------------------------------------------------------
# Leave-one-out evaluation and combination


def leave_one_out(resumes: Resumes, fitter: Fitter) -> Matrix:
    """Each training resume's p(category) over ``resumes.classes`` from a fit without it."""
    count = len(resumes.labels)
    result = np.zeros((count, len(resumes.classes)))
    for row in range(count):
        keep = np.flatnonzero(np.arange(count) != row)
        classes, predict = fitter(keep, [resumes.labels[i] for i in keep])
        result[row, [resumes.classes.index(n) for n in classes]] = predict(np.array([row]))[0]
    return result


def loo_scores(resumes: Resumes, probabilities: Matrix) -> tuple[float, float]:
    """(log-loss, top-1 accuracy) of leave-one-out probabilities."""
    truth = np.array([resumes.classes.index(n) for n in resumes.labels])
    loss = float(-np.mean(np.log(probabilities[np.arange(len(truth)), truth] + 1e-9)))
    return loss, float(np.mean(probabilities.argmax(axis=1) == truth))


def geometric(parts: Sequence[Matrix], weights: Sequence[float]) -> Matrix:
    """Normalised weighted geometric mean of probability matrices."""
    logs = np.sum([w * np.log(p + 1e-9) for p, w in zip(parts, weights, strict=True)], axis=0)
    logs = logs - logs.max(axis=1, keepdims=True)
    out = np.exp(logs)
    return out / out.sum(axis=1, keepdims=True)


def arithmetic(parts: Sequence[Matrix], weights: Sequence[float]) -> Matrix:
    """Weighted arithmetic mean of probability matrices."""
    total = np.sum([w * p for p, w in zip(parts, weights, strict=True)], axis=0)
    return np.asarray(total / float(sum(weights)), dtype=np.float64)


# ---------------------------------------------------------------------------------------------
# Bucket classifier CV with a candidate's affinity column


def bucket_cv(experiment: Experiment, resumes: Resumes, loo: Matrix | None) -> dict[str, Any]:
    """Grouped CV figures over fold seeds 0-4 (``loo`` None: the v2 inputs without affinity)."""
    if loo is None:
        runs = [experiment.fit([], seed).cross_validation for seed in FOLD_SEEDS]
        same_auc = float("nan")
    else:
        by_id = dict(zip(resumes.ids, loo, strict=True))
        rows = np.array(
            [by_id.get(key, np.full(loo.shape[1], 1.0 / loo.shape[1])) for key in _pair_resume_ids]
        )
        candidate = dataclasses.replace(experiment, probabilities=rows)
        runs = [
            candidate.fit([candidate.column(FULL_LEVELS, seed, rows)], seed).cross_validation
            for seed in FOLD_SEEDS
        ]
        train = experiment.train
        same = experiment.buckets[train] != "not_ats_friendly"
        column = candidate.column(FULL_LEVELS, 0, rows)[same]
        same_auc = auc(column, experiment.buckets[train][same] == "strong")
    return {
        "f1": [float(r["cv_macro_f1"]) for r in runs],  # type: ignore[arg-type]
        "acc": [float(r["cv_accuracy"]) for r in runs],  # type: ignore[arg-type]
        "ece": [float(r["cv_ece"]) for r in runs],  # type: ignore[arg-type]
        "auc": same_auc,
    }


def _save(path: Path, cache: dict[str, Matrix]) -> None:
    np.savez(path, **cache)  # type: ignore[arg-type]  # keys are names, not options


_pair_resume_ids: list[str] = []
_LOO_CACHE: list[Path] = []
DERIVED = ("ens", "emb+zsprior", "cur+zsprior")


def pick(
    resumes: Resumes, label: str, grid: Mapping[str, Fitter | None], cache: dict[str, Matrix]
) -> str:
    """LOO for each setting of ``grid`` (None: already in ``cache``); return the lowest log-loss."""
    best: tuple[float, str] | None = None
    for name, fitter in grid.items():
        elapsed = 0.0
        if name not in cache:
            if fitter is None:
                raise KeyError(name)
            before = time.time()
            cache[name] = leave_one_out(resumes, fitter)
            elapsed = time.time() - before
        loss, top1 = loo_scores(resumes, cache[name])
        print(f"  {name:30s} LOO log-loss {loss:.3f} top-1 {top1:.3f} ({elapsed:.0f} s)")
        if best is None or loss < best[0]:
            best = (loss, name)
    if best is None:
        raise ValueError("empty grid")
    print(f"  -> {label}: {best[1]}", flush=True)
    _save(_LOO_CACHE[0], cache)
    return best[1]


def main() -> None:
    started = time.time()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, default=DATA / "eval" / "pairs.jsonl")
    parser.add_argument("--resumes", type=Path, default=DATA / "eval" / "resumes.jsonl")
    parser.add_argument("--onet", type=Path, default=DATA / "onet")
    parser.add_argument("--domain-weights", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/occ-cache"))  # noqa: S108
    parser.add_argument("--onet-blend", action="store_true", help="the product's posting domains")
    parser.add_argument("--loo-cache", type=Path, default=Path("/tmp/cat-loo.npz"))  # noqa: S108
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    warnings.filterwarnings("ignore", category=UserWarning)
    _LOO_CACHE.append(args.loo_cache)
    experiment, resumes = load(args)
    pairs = read_pairs(args.pairs)
    by_text = {row["text"]: row["id"] for row in read_jsonl(args.resumes)}
    _pair_resume_ids.extend(by_text[p.resume] for p in pairs)

    cache: dict[str, Matrix] = {}
    if args.loo_cache.is_file():
        with np.load(args.loo_cache) as saved:
            # fitted classifiers only: the combinations below are recomputed every run
            cache.update({n: saved[n] for n in saved.files if not n.startswith(DERIVED)})

    chosen: dict[str, str] = {}
    print("(1) embedding LR")
    grid: dict[str, Fitter] = {}
    for c in (0.01, 0.1, 1.0, 10.0, 100.0):
        grid[f"emb std C={c:g}"] = embedding_lr(resumes, c, standardise=True)
    for c in (1.0, 10.0, 100.0, 1000.0, 10000.0):
        grid[f"emb raw C={c:g}"] = embedding_lr(resumes, c, standardise=False)
    if "current numpy C=10" not in cache:  # the shipped fit (numpy Nesterov), C = 10
        cache["current numpy C=10"] = leave_one_out_probabilities(
            resumes.vectors, resumes.labels, c=10.0
        )[1]
    chosen["current (numpy, C=10)"] = pick(resumes, "current", {"current numpy C=10": None}, cache)
    chosen["(1) embedding LR"] = pick(resumes, "embedding LR", grid, cache)

    print("(2) TF-IDF LR")
    for kind in ("word", "char", "both"):
        grid = {
            f"tfidf {kind} C={c:g}": tfidf_lr(resumes, c, kind)
            for c in (10.0, 100.0, 1000.0, 10000.0, 100000.0)
        }
        chosen[f"(2) tfidf {kind}"] = pick(resumes, f"tfidf {kind}", grid, cache)
    _save(args.loo_cache, cache)

    print("(4) zero-shot (category name embeddings)")
    grid = {
        f"zs {template} T={t:g}": zero_shot_only(resumes, t, template)
        for template in ("name", *TEMPLATES)
        for t in (0.01, 0.015, 0.02, 0.03, 0.05)
    }
    chosen["(4) zero-shot only"] = pick(resumes, "zero-shot", grid, cache)
    grid = {
        f"proto T={t:g} a={a:g}" + ("" if template == "name" else f" {template}"): prototype(
            resumes, t, a, template
        )
        for template in ("name", "resume")
        for t in (0.01, 0.015, 0.02, 0.03, 0.05)
        for a in (0.0, 0.5, 1.0, 2.0, 3.0, 5.0)
    }
    chosen["(5) prototype (name + CV mean)"] = pick(resumes, "prototype", grid, cache)
    grid = {
        f"emb+zs std C={c:g} w={w:g}": embedding_lr(resumes, c, standardise=True, zero_shot=w)
        for c in (1.0, 10.0)
        for w in (1.0, 5.0)
    }
    chosen["(4) emb+zs features"] = pick(resumes, "embedding + zero-shot features", grid, cache)
    _save(args.loo_cache, cache)

    tfidf_best = min(
        (chosen[f"(2) tfidf {k}"] for k in ("word", "char", "both")),
        key=lambda n: loo_scores(resumes, cache[n])[0],
    )
    emb_best, zs_best = chosen["(1) embedding LR"], chosen["(4) zero-shot only"]
    print(f"(3) ensembles of {emb_best!r} and {tfidf_best!r}")
    for w in (0.25, 0.5, 0.75):
        cache[f"ens arith w_emb={w:g}"] = arithmetic(
            [cache[emb_best], cache[tfidf_best]], [w, 1 - w]
        )
        cache[f"ens geom w_emb={w:g}"] = geometric([cache[emb_best], cache[tfidf_best]], [w, 1 - w])
    chosen["(3) ensemble"] = pick(
        resumes, "ensemble", dict.fromkeys(k for k in cache if k.startswith("ens ")), cache
    )
    print(f"(4) zero-shot {zs_best!r} as a log-prior (weight b) on the ensemble / embedding LR")
    for b in (0.5, 1.0, 1.5, 2.0, 3.0):
        cache[f"ens+zs b={b:g}"] = geometric(
            [cache[chosen["(3) ensemble"]], cache[zs_best]], [1, b]
        )
        cache[f"emb+zsprior b={b:g}"] = geometric([cache[emb_best], cache[zs_best]], [1, b])
        cache[f"cur+zsprior b={b:g}"] = geometric(
            [cache["current numpy C=10"], cache[zs_best]], [1, b]
        )
    for label, prefix in (
        ("(4) ensemble + zs prior", "ens+zs"),
        ("(4) emb + zs prior", "emb+zsprior"),
        ("(4) current + zs prior", "cur+zsprior"),
    ):
        chosen[label] = pick(
            resumes, label, dict.fromkeys(k for k in cache if k.startswith(prefix + " ")), cache
        )
    print(f"LOO + setup: {time.time() - started:.0f} s")

    print("grouped 5-fold CV (fit_bucket_classifier) on training pairs, fold seeds 0-4:")
    reference = bucket_cv(experiment, resumes, None)
    current = bucket_cv(experiment, resumes, cache["current numpy C=10"])
    rows: list[tuple[str, str, dict[str, Any]]] = [("v2 (no affinity)", "", reference)]
    _print_row("v2 (no affinity)", "", reference, current, resumes, None)
    oracle = np.eye(len(resumes.classes))[[resumes.classes.index(n) for n in resumes.labels]]
    for label, name in [*chosen.items(), ("true category (ceiling)", "oracle")]:
        before = time.time()
        figures = (
            current
            if name == "current numpy C=10"
            else bucket_cv(experiment, resumes, oracle if name == "oracle" else cache[name])
        )
        figures["seconds"] = round(time.time() - before)
        rows.append((label, name, figures))
        _print_row(
            label, name, figures, current, resumes, None if name == "oracle" else cache[name]
        )
    print(f"runtime {time.time() - started:.0f} s")
    Path("/tmp/cat-results.json").write_text(  # noqa: S108
        json.dumps([{"label": a, "setting": b, **c} for a, b, c in rows], indent=1)
    )


def _print_row(
    label: str,
    name: str,
    figures: dict[str, Any],
    reference: dict[str, Any],
    resumes: Resumes,
    loo: Matrix | None,
) -> None:
    f1 = np.array(figures["f1"])
    gains = f1 - np.array(reference["f1"])
    loo_text = (
        "LOO loss  -   top-1  -  "
        if loo is None
        else "LOO loss {:.3f} top-1 {:.3f}".format(*loo_scores(resumes, loo))
    )
    seeds = " ".join(f"{v:.3f}" for v in f1)
    print(
        f"  {label:26s} {name:28s} {loo_text} | F1 {f1.mean():.4f} (seeds {seeds}) "
        f"acc {np.mean(figures['acc']):.4f} ECE {np.mean(figures['ece']):.4f} "
        f"AUC {figures['auc']:.3f} vs current {gains.mean():+.4f} (min {gains.min():+.4f}, "
        f"better on {int((gains > 0).sum())}/5)"
    )


if __name__ == "__main__":
    main()
