"""Does a supervised occupation-affinity input (matching.core.occupations.occupation_affinity) help
the buckets?

The input is ``sum_c p(c | CV) * affinity(c, posting SOC codes)``: ``p`` from a multinomial
logistic regression over the CV's chunked MiniLM embedding (redacted text, as the product encodes
it) predicting the resume's Kaggle ``category``; the posting's codes from the product's O*NET
title lookup (never jobs.jsonl's ``soc``); ``affinity`` the smoothed rate of strong pairs per
(category, SOC prefix) learnt from training pairs, backing off 10 -> 5 -> 2 characters -> prior
("full"), or 5 -> 2 -> prior ("broad").

Leakage control (training pairs: job and resume both not held out, as ``train_score_mapper``):

* the category probabilities of a training resume come from a classifier fitted on the OTHER
  training resumes (leave one resume out); held-out resumes use the one fitted on all of them;
* the affinity of a training pair comes from a table fitted on the training pairs of the other
  job folds (``fold_of_groups`` with the same seed as the bucket classifier's CV), so the CV's
  test fold never sees a table that counted its own jobs; held-out pairs use the table fitted on
  all training pairs.

Compared by ``fit_bucket_classifier``'s grouped 5-fold CV on training pairs (folds by job, seeds
0-4): the v2 inputs (``bucket_row``) against v2 plus the affinity input. Also printed: the
affinity's AUC for strong against weak on same-domain training pairs, and an "oracle" variant
using the true category of training resumes (a ceiling for the category classifier; not a
candidate). ``--final-held-out`` (run once, after FROZEN_SET was fixed) fits on all training
pairs and prints the held-out metrics of v2 and FROZEN_SET.

Embeddings and v2 rows are cached under --cache (default /tmp/occ-cache), shared with
scripts/explore_occupation_features.py.

    .venv/bin/python scripts/explore_occupation_affinity.py \\
        --domain-weights /tmp/trainonly/domain_classifier.json --onet-blend
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from explore_occupation_features import NpzStore, auc, v2_rows  # noqa: E402

from matching.core.encoding.chunking import encode_documents  # noqa: E402
from matching.core.encoding.registry import load_encoder  # noqa: E402
from matching.core.evaluation.evaluation import read_pairs  # noqa: E402
from matching.core.occupations.occupation_affinity import (  # noqa: E402
    BROAD_LEVELS,
    FULL_LEVELS,
    affinity_input,
    fit_affinity_table,
    fit_category_classifier,
    leave_one_out_probabilities,
)
from matching.core.occupations.occupation_affinity_training import cross_fitted_affinity  # noqa: E402
from matching.core.occupations.onet_titles import load_onet_title_index  # noqa: E402
from matching.core.redaction import redact  # noqa: E402
from matching.core.scoring import bucket_for  # noqa: E402
from matching.core.scoring.bucket_classifier_training import (  # noqa: E402
    BucketTrainingResult,
    Matrix,
    fit_bucket_classifier,
    fold_of_groups,
)
from matching.core.scoring.score_mapper import BUCKET_FEATURE_NAMES  # noqa: E402
from matching.core.scoring.score_mapper_training import bucket_metrics, scale_labels, split_masks  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
FOLD_SEEDS = (0, 1, 2, 3, 4)
C_GRID = (0.01, 0.1, 1.0, 10.0)  # category classifier, chosen by leave-one-out log-loss
ALPHA = 1.0
VARIANTS: dict[str, tuple[int, ...]] = {"full": FULL_LEVELS, "broad": BROAD_LEVELS}
# Frozen before --final-held-out ran: "full" gains +0.026 mean CV macro-F1 over v2 across fold
# seeds 0-4 (min +0.014), "broad" +0.019 (min +0.009); "full" also has the lower ECE.
FROZEN_SET = "full"


def read_jsonl(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def choose_c(vectors: Matrix, categories: list[str]) -> tuple[float, tuple[str, ...], Matrix]:
    """The C with the lowest leave-one-out log-loss, and its leave-one-out probabilities."""
    best: tuple[float, float, tuple[str, ...], Matrix] | None = None
    for c in C_GRID:
        classes, loo = leave_one_out_probabilities(vectors, categories, c=c)
        truth = loo[np.arange(len(categories)), [classes.index(n) for n in categories]]
        loss = float(-np.mean(np.log(truth + 1e-9)))
        top1 = float(
            np.mean([classes[int(i)] == n for i, n in zip(loo.argmax(1), categories, strict=True)])
        )
        print(f"  category classifier C={c:g}: LOO log-loss {loss:.3f}, top-1 {top1:.3f}")
        if best is None or loss < best[0]:
            best = (loss, c, classes, loo)
    if best is None:  # unreachable: C_GRID is not empty
        raise ValueError("empty C grid")
    return best[1], best[2], best[3]


@dataclass(frozen=True)
class Experiment:
    """Everything the comparisons need, one row per pair (masks select the splits)."""

    base: Matrix
    buckets: np.ndarray
    train: np.ndarray
    held_out: np.ndarray
    codes: list[frozenset[str]]
    categories: list[str]
    classes: tuple[str, ...]
    probabilities: Matrix
    oracle: Matrix
    job_keys: tuple[str, ...]

    @property
    def groups(self) -> list[str]:
        """The CV group (job id) of each training pair."""
        return list(np.array(self.job_keys)[self.train])

    def training(self, values: Sequence[object]) -> list[object]:
        """The training pairs' entries of ``values``."""
        return [value for value, used in zip(values, self.train, strict=True) if used]

    def column(self, levels: tuple[int, ...], seed: int, source: Matrix) -> Matrix:
        """The training pairs' affinity, cross-fitted over the bucket CV's job folds."""
        return cross_fitted_affinity(
            source[self.train],
            self.classes,
            self.training(self.categories),  # type: ignore[arg-type]
            self.training(self.codes),  # type: ignore[arg-type]
            self.buckets[self.train] == "strong",
            fold_of_groups(self.groups, 5, seed),
            levels=levels,
        )

    def fit(self, extra: list[Matrix], seed: int = 0) -> BucketTrainingResult:
        """``fit_bucket_classifier`` on the training pairs' v2 inputs plus ``extra`` columns."""
        names = (*BUCKET_FEATURE_NAMES, *(["occupation_affinity"] if extra else []))
        matrix = np.column_stack([self.base[self.train], *extra]).astype(np.float64)
        return fit_bucket_classifier(
            matrix, list(self.buckets[self.train]), self.groups, names, seed=seed
        )


def category_probabilities(
    args: argparse.Namespace,
    resume_rows: list[dict[str, str]],
    train_ids: set[str],
    store: NpzStore,
) -> tuple[tuple[str, ...], dict[str, Matrix]]:
    """``p(category | CV)`` per resume id: leave-one-out for training resumes, else the full fit."""
    ids = sorted(row["id"] for row in resume_rows)
    by_id = {row["id"]: row for row in resume_rows}
    blind = [redact(by_id[key]["text"]) for key in ids]  # as the product encodes a CV
    encoder = load_encoder(None, device="cpu")
    vectors = encode_documents(blind, encoder, store=store).vectors.astype(np.float64)
    store.save()
    rows = [index for index, key in enumerate(ids) if key in train_ids]
    labels = [by_id[ids[index]]["category"] for index in rows]
    c, classes, loo = choose_c(vectors[rows], labels)
    full = fit_category_classifier(vectors[rows], labels, c=c)
    result = dict(zip(ids, full.probabilities(vectors), strict=True))
    result.update({ids[index]: loo[rank] for rank, index in enumerate(rows)})
    return classes, result


def load_experiment(args: argparse.Namespace) -> tuple[Experiment, list[float]]:
    """Pairs, v2 rows, posting codes and category probabilities (and the raw labels)."""
    store = NpzStore(args.cache / "embeddings.npz")
    pairs = read_pairs(args.pairs)
    resume_list = read_jsonl(args.resumes)
    resume_rows = {row["text"]: row for row in resume_list}
    jobs = [p.job for p in pairs]
    job_keys = [p.job_id for p in pairs]
    resume_keys = [resume_rows[p.resume]["id"] for p in pairs]
    categories = [resume_rows[p.resume]["category"] for p in pairs]
    labels = [p.label for p in pairs]
    buckets = np.array([str(bucket_for(100.0 * v)) for v in scale_labels(labels)])
    base = v2_rows(args, [p.resume for p in pairs], jobs, store)
    train, held_out = split_masks(job_keys, resume_keys)
    print(f"pairs: {len(pairs)} train {int(train.sum())} held-out {int(held_out.sum())}")
    title_index = load_onet_title_index(args.onet)
    job_codes = {text: title_index.posting_codes(text) for text in set(jobs)}
    if any((title_index.lookup(t) is None) != (not k) for t, k in job_codes.items()):
        raise RuntimeError("the SOC lookup and the product's O*NET title lookup disagree")
    print(f"postings with an O*NET code: {sum(map(bool, job_codes.values()))}/{len(job_codes)}")
    train_ids = set(np.array(resume_keys)[train])
    classes, by_id = category_probabilities(args, resume_list, train_ids, store)
    experiment = Experiment(
        base=np.asarray(base, dtype=np.float64),
        buckets=buckets,
        train=train,
        held_out=held_out,
        codes=[job_codes[text] for text in jobs],
        categories=categories,
        classes=classes,
        probabilities=np.array([by_id[key] for key in resume_keys]),
        oracle=np.array([[float(n == cat) for n in classes] for cat in categories]),
        job_keys=tuple(job_keys),
    )
    return experiment, labels


def print_auc(experiment: Experiment) -> None:
    """Strong against weak AUC of some v2 inputs and of the cross-fitted affinity."""
    train = experiment.train
    same_domain = experiment.buckets[train] != "not_ats_friendly"
    is_strong = experiment.buckets[train][same_domain] == "strong"
    print(f"strong vs weak AUC on {int(same_domain.sum())} same-domain training pairs:")
    for name in ("cosine", "title_cosine", "domain_same_probability"):
        values = experiment.base[train][same_domain, BUCKET_FEATURE_NAMES.index(name)]
        print(f"  {name:24s} {auc(values, is_strong):.3f} (v2 input)")
    for label, levels in VARIANTS.items():
        for source_name in ("probabilities", "oracle"):
            source = getattr(experiment, source_name)
            values = experiment.column(levels, 0, source)[same_domain]
            print(f"  affinity {label:6s} {source_name:13s} {auc(values, is_strong):.3f}")


def run_cv(experiment: Experiment) -> None:
    """Grouped CV macro-F1 / accuracy / ECE of v2 and v2 + each affinity variant."""
    sets: dict[str, tuple[tuple[int, ...], Matrix] | None] = {"v2": None}
    sets.update({f"+affinity_{k}": (v, experiment.probabilities) for k, v in VARIANTS.items()})
    sets["+oracle_full (ceiling)"] = (FULL_LEVELS, experiment.oracle)
    print("grouped 5-fold CV on training pairs (fit_bucket_classifier), fold seed 0, then")
    print("macro-F1 mean/sd over fold seeds 0-4 and its paired gain over v2:")
    reference: list[float] = []
    for label, spec in sets.items():
        runs = [
            experiment.fit(
                [] if spec is None else [experiment.column(spec[0], seed, spec[1])], seed
            ).cross_validation
            for seed in FOLD_SEEDS
        ]
        f1s = [float(run["cv_macro_f1"]) for run in runs]  # type: ignore[arg-type]
        reference = reference or f1s
        gains = np.subtract(f1s, reference)
        cv = runs[0]
        print(
            f"  {label:22s} F1 {cv['cv_macro_f1']:.4f} acc {cv['cv_accuracy']:.4f} "
            f"ECE {cv['cv_ece']:.4f} | seeds F1 {np.mean(f1s):.4f}+-{np.std(f1s):.4f} "
            f"gain {gains.mean():+.4f} (min {gains.min():+.4f}) | {json.dumps(cv['chosen'])}"
        )


def run_held_out(experiment: Experiment, labels: list[float]) -> None:
    """Fit on all training pairs, then held-out bucket metrics of v2 and FROZEN_SET (run once)."""
    levels, held = VARIANTS[FROZEN_SET], experiment.held_out
    table = fit_affinity_table(
        experiment.training(experiment.categories),  # type: ignore[arg-type]
        experiment.training(experiment.codes),  # type: ignore[arg-type]
        list(experiment.buckets[experiment.train] == "strong"),
        levels=levels,
        alpha=ALPHA,
    )
    held_codes = [k for k, used in zip(experiment.codes, held, strict=True) if used]
    held_column = affinity_input(
        experiment.probabilities[held], experiment.classes, held_codes, table
    )
    train_column = experiment.column(levels, 0, experiment.probabilities)
    truth = 100.0 * scale_labels(labels)[held]
    print(f"HELD-OUT (fit on all training pairs; frozen set {FROZEN_SET!r}):")
    for label, extra_train, extra_held in (
        ("v2", [], []),
        (f"+affinity_{FROZEN_SET}", [train_column], [held_column]),
    ):
        fitted = experiment.fit(extra_train).classifier
        matrix = np.column_stack([experiment.base[held], *extra_held]).astype(np.float64)
        metrics = bucket_metrics(fitted.probabilities(matrix), fitted.classes, truth)
        print(f"  {label:16s} {json.dumps(metrics)}")
    same = experiment.buckets[held] != "not_ats_friendly"
    value = auc(held_column[same], experiment.buckets[held][same] == "strong")
    print(
        f"  affinity AUC strong vs weak, {int(same.sum())} held-out same-domain pairs: {value:.3f}"
    )


def main() -> None:
    started = time.time()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", type=Path, default=DATA / "eval" / "pairs.jsonl")
    parser.add_argument("--resumes", type=Path, default=DATA / "eval" / "resumes.jsonl")
    parser.add_argument("--onet", type=Path, default=DATA / "onet")
    parser.add_argument("--domain-weights", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/occ-cache"))  # noqa: S108
    parser.add_argument("--onet-blend", action="store_true", help="the product's posting domains")
    parser.add_argument("--final-held-out", action="store_true")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    experiment, labels = load_experiment(args)
    print_auc(experiment)
    if args.final_held_out:
        run_held_out(experiment, labels)
    else:
        run_cv(experiment)
    print(f"runtime {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
