"""Tuning-split figures for blending an O*NET title lookup into a posting's domain distribution.

Reads only items whose id is not held out
(``matching.core.occupations.domain_training.is_held_out``): the
129 training-split postings of jobs.jsonl for posting accuracy, and the ``tuning`` pairs of
pairs.jsonl (job and resume both not held out) for NDCG@10. A posting's distribution becomes

    p_job' = (1 - w) * p_classifier + w * p_onet     (when the title matches with max p >= t)

Two classifier views are printed: "in-sample" (the train-only classifier, which was fitted on these
very postings: what ``evaluate_matching --split tuning`` sees) and "cross-fitted" (5 folds over the
postings by id hash, each fold's postings scored by a classifier refit without them; the stand-in
for unseen postings). Embeddings are cached in --cache between runs.

``--final-held-out-jobs`` (run once, after the design was frozen) prints only the aggregate
before/after figures on the held-out postings with FROZEN_WEIGHT and FROZEN_THRESHOLD.

    python research/explore_onet_title_domains.py --weights /tmp/trainonly/domain_classifier.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from matching.core.encoding.chunking import encode_documents  # noqa: E402
from matching.core.encoding.embedding_store import EmbeddingKey, InMemoryEmbeddingStore  # noqa: E402
from matching.core.encoding.encoder import Encoder, l2_normalise  # noqa: E402
from matching.core.encoding.registry import load_encoder  # noqa: E402
from matching.core.evaluation.evaluation import evaluate_ranking, read_pairs  # noqa: E402
from matching.core.evaluation.splits import held_out_score, is_held_out  # noqa: E402
from matching.core.occupations.domain_training import ONET_WEIGHT, LabelledText, read_labelled_jsonl  # noqa: E402
from matching.core.occupations.domains import DOMAIN_KEYS, DomainClassifier, load_domain_classifier  # noqa: E402
from matching.core.occupations.onet_domains import read_onet_occupations  # noqa: E402
from matching.core.occupations.onet_titles import OnetTitleIndex, load_onet_title_index  # noqa: E402
from matching.core.redaction import redact  # noqa: E402
from matching.core.scoring.pipeline import (  # noqa: E402
    ScorerConfig,
    _combine,
    job_title,
    score_pairs,
)
from matching.core.types import FloatArray, LabelledPair  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 0.9, 1.0)
THRESHOLDS = (0.0, 0.6, 0.8, 1.0)
FOLDS = 5
# Frozen on the tuning figures before any held-out run: every matched title, w = 0.9
# (w = 1.0 was the tuning argmax by 0.005 NDCG; 0.9 keeps the classifier as tie-breaker).
FROZEN_WEIGHT = 0.9
FROZEN_THRESHOLD = 0.0
KEY_SEPARATOR = "::"


class NpzStore(InMemoryEmbeddingStore):
    """The in-memory store, loaded from and saved to one .npz file (a throw-away cache)."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        if path.is_file():
            with np.load(path) as saved:
                for name in saved.files:
                    model_id, kind, digest = name.split(KEY_SEPARATOR)
                    key = EmbeddingKey(model_id, kind, digest)
                    self._vectors[key] = saved[name]

    def save(self) -> None:
        arrays = {
            KEY_SEPARATOR.join((key.model_id, key.kind, key.text_sha256)): vector
            for key, vector in self._vectors.items()
        }
        np.savez(self.path, **arrays)  # type: ignore[arg-type]  # keys are names, not options


def tuning_pairs(pairs: Iterable[LabelledPair]) -> list[LabelledPair]:
    """``evaluate_matching --split tuning``: neither the job nor the resume is held out."""
    kept = []
    for pair in pairs:
        prefix = f"{pair.job_id}-"
        resume = pair.id[len(prefix) :] if pair.id.startswith(prefix) else pair.id
        if not is_held_out(pair.job_id) and not is_held_out(resume):
            kept.append(pair)
    return kept


def job_vectors(texts: list[str], encoder: Encoder, store: NpzStore) -> FloatArray:
    """What the pipeline classifies for a posting: whole text + title line, renormalised."""
    docs = encode_documents(texts, encoder, store=store).vectors
    titles = [job_title(text) for text in texts]
    title_vecs = encode_documents(titles, encoder, kind="query", store=store).vectors
    return l2_normalise(docs + title_vecs)


def fit(vectors: FloatArray, items: list[LabelledText], c: float) -> DomainClassifier:
    """Same model as ``fit_domain_classifier`` at a fixed C (O*NET rows weighted 0.5)."""
    labels = np.array([item.domain for item in items])
    weights = np.array([ONET_WEIGHT if item.source == "onet" else 1.0 for item in items])
    model = LogisticRegression(C=c, max_iter=5000).fit(vectors, labels, sample_weight=weights)
    return DomainClassifier(
        labels=tuple(str(label) for label in model.classes_),
        coef=np.asarray(model.coef_, dtype=np.float64),
        intercept=np.asarray(model.intercept_, dtype=np.float64),
        model_id="cross-fit",
        metadata={},
    )


def cross_fitted_jobs(
    resumes: list[LabelledText],
    jobs: list[LabelledText],
    encoder: Encoder,
    store: NpzStore,
    c: float,
) -> dict[str, np.ndarray]:
    """Each training-split posting's distribution from a classifier fitted without its fold."""
    onet = read_onet_occupations(DATA / "onet" / "Occupation_Data.txt")
    fixed = resumes + onet
    fixed_vecs = encode_documents([i.text for i in fixed], encoder, store=store).vectors
    job_train_vecs = encode_documents([i.text for i in jobs], encoder, store=store).vectors
    scored = job_vectors([i.text for i in jobs], encoder, store)
    folds = np.array([int(held_out_score(f"onet-cv:{item.id}") * FOLDS) for item in jobs])
    result: dict[str, np.ndarray] = {}
    for fold in range(FOLDS):
        keep = folds != fold
        items = fixed + [job for job, k in zip(jobs, keep, strict=True) if k]
        vectors = np.vstack([fixed_vecs, job_train_vecs[keep]])
        probabilities = fit(vectors, items, c).domain_probabilities(scored[~keep])
        left_out = [job for job, k in zip(jobs, keep, strict=True) if not k]
        result.update({job.id: row for job, row in zip(left_out, probabilities, strict=True)})
    return result


def onet_matrix(
    index: OnetTitleIndex, titles: list[str], threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """(n, 13) O*NET distributions and a mask of the rows that matched with max p >= threshold."""
    rows = np.zeros((len(titles), len(DOMAIN_KEYS)))
    used = np.zeros(len(titles), dtype=bool)
    for row, title in enumerate(titles):
        match = index.lookup(title)
        if match is not None and max(match.probabilities) >= threshold:
            rows[row] = match.probabilities
            used[row] = True
    return rows, used


def blended(p_job: np.ndarray, q: np.ndarray, used: np.ndarray, w: float) -> np.ndarray:
    out = p_job.copy()
    out[used] = (1.0 - w) * p_job[used] + w * q[used]
    return out


def accuracy(probabilities: np.ndarray, labels: list[str]) -> float:
    predicted = [DOMAIN_KEYS[int(i)] for i in probabilities.argmax(axis=1)]
    return float(np.mean([p == t for p, t in zip(predicted, labels, strict=True)]))


class PairRanker:
    """NDCG@10 of the pipeline's formula with the job's domain distribution swapped in."""

    def __init__(
        self,
        pairs: list[LabelledPair],
        classifier: DomainClassifier,
        encoder: Encoder,
        store: NpzStore,
    ) -> None:
        resumes, jobs = [p.resume for p in pairs], [p.job for p in pairs]
        self.base = score_pairs(resumes, jobs, encoder, domain_model=classifier, store=store)
        blind = encode_documents([redact(text) for text in resumes], encoder, store=store)
        self.p_res = classifier.domain_probabilities(blind.vectors)
        self.labels = [p.label for p in pairs]
        self.groups = [p.job_id for p in pairs]

    def ndcg(self, p_job_pairs: np.ndarray | None = None) -> float:
        """NDCG@10 with ``p_job_pairs`` (one row per pair), or the pipeline's own scores."""
        scores = self.base.scores
        if p_job_pairs is not None:
            domain = np.einsum("ij,ij->i", self.p_res, p_job_pairs).astype(np.float32)
            scores = _combine(domain, self.base.semantic, ScorerConfig())
        ranked = evaluate_ranking([float(s) for s in scores], self.labels, self.groups, k=10)
        return ranked["ndcg@10"]


def read_titles(path: Path, held_out: bool) -> dict[str, str]:
    """Posting id -> raw title line, for one side of the split only."""
    rows = map(json.loads, path.read_text(encoding="utf-8").splitlines())
    return {row["id"]: row["title"] for row in rows if is_held_out(row["id"]) == held_out}


def explore_tuning(
    args: argparse.Namespace,
    classifier: DomainClassifier,
    encoder: Encoder,
    store: NpzStore,
    index: OnetTitleIndex,
) -> None:
    """The tuning grid: posting accuracy and NDCG@10 for every (threshold, weight)."""
    # Tuning data only: nothing whose id is held out is read here.
    jobs = [j for j in read_labelled_jsonl(args.jobs) if not is_held_out(j.id)]
    resumes = [r for r in read_labelled_jsonl(args.resumes) if not is_held_out(r.id)]
    titles_by_id = read_titles(args.jobs, held_out=False)
    pairs = tuning_pairs(read_pairs(args.pairs))
    c = float(classifier.metadata["C"])

    in_sample = classifier.domain_probabilities(job_vectors([j.text for j in jobs], encoder, store))
    crossed = cross_fitted_jobs(resumes, jobs, encoder, store, c)
    store.save()
    views = {"in-sample": in_sample, "cross-fitted": np.stack([crossed[j.id] for j in jobs])}
    labels = [j.domain for j in jobs]
    titles = [titles_by_id[j.id] for j in jobs]
    n_jobs = len({p.job_id for p in pairs})
    print(f"tuning postings: {len(jobs)}; tuning pairs: {len(pairs)} over {n_jobs} jobs")
    q_all, used_all = onet_matrix(index, titles, 0.0)
    matched = [y for y, u in zip(labels, used_all, strict=True) if u]
    print(
        f"O*NET title matched {int(used_all.sum())}/{len(jobs)}; argmax accuracy on matched "
        f"{accuracy(q_all[used_all], matched):.3f}"
    )
    print(f"columns: w = {WEIGHTS}")
    for view, p_job in views.items():
        for t in THRESHOLDS:
            q, used = onet_matrix(index, titles, t)
            cells = " ".join(f"{accuracy(blended(p_job, q, used, w), labels):.3f}" for w in WEIGHTS)
            print(f"posting accuracy {view:12s} t>={t:.1f} (n={int(used.sum()):3d}): {cells}")

    ranker = PairRanker(pairs, classifier, encoder, store)
    store.save()
    row_of = {j.id: k for k, j in enumerate(jobs)}
    rows = [row_of[p.job_id] for p in pairs]
    print(f"pipeline NDCG@10 (score_pairs, in-sample classifier) = {ranker.ndcg():.4f}")
    print(f"columns: w = {WEIGHTS}")
    for view, p_job in views.items():
        for t in THRESHOLDS:
            q, used = onet_matrix(index, titles, t)
            cells = " ".join(
                f"{ranker.ndcg(blended(p_job, q, used, w)[rows]):.4f}" for w in WEIGHTS
            )
            print(f"tuning NDCG@10 {view:12s} t>={t:.1f}: {cells}")


def final_held_out_jobs(
    args: argparse.Namespace,
    classifier: DomainClassifier,
    encoder: Encoder,
    store: NpzStore,
    index: OnetTitleIndex,
) -> None:
    """Once, with the frozen design: aggregate before/after figures on the held-out postings."""
    jobs = [j for j in read_labelled_jsonl(args.jobs) if is_held_out(j.id)]
    titles_by_id = read_titles(args.jobs, held_out=True)
    pairs = [p for p in read_pairs(args.pairs) if is_held_out(p.job_id)]
    titles = [titles_by_id[j.id] for j in jobs]
    labels = [j.domain for j in jobs]
    before = classifier.domain_probabilities(job_vectors([j.text for j in jobs], encoder, store))
    q, used = onet_matrix(index, titles, FROZEN_THRESHOLD)
    after = blended(before, q, used, FROZEN_WEIGHT)
    ranker = PairRanker(pairs, classifier, encoder, store)
    store.save()
    row_of = {j.id: k for k, j in enumerate(jobs)}
    rows = [row_of[p.job_id] for p in pairs]
    n_jobs = len({p.job_id for p in pairs})
    print(f"held-out postings: {len(jobs)} (O*NET title matched {int(used.sum())})")
    print(
        f"posting accuracy before {accuracy(before, labels):.3f} "
        f"after {accuracy(after, labels):.3f}"
    )
    print(f"held_out_jobs pairs: {len(pairs)} over {n_jobs} jobs")
    print(
        f"NDCG@10 pipeline {ranker.ndcg():.4f}; before {ranker.ndcg(before[rows]):.4f} "
        f"after (w={FROZEN_WEIGHT}, t>={FROZEN_THRESHOLD}) {ranker.ndcg(after[rows]):.4f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weights", type=Path, required=True, help="train-only classifier")
    parser.add_argument("--pairs", type=Path, default=DATA / "eval" / "pairs.jsonl")
    parser.add_argument("--jobs", type=Path, default=DATA / "eval" / "jobs.jsonl")
    parser.add_argument("--resumes", type=Path, default=DATA / "eval" / "resumes.jsonl")
    parser.add_argument("--onet-dir", type=Path, default=DATA / "onet")
    parser.add_argument(
        "--cache", type=Path, default=Path(tempfile.gettempdir()) / "onet-explore-cache.npz"
    )
    parser.add_argument(
        "--final-held-out-jobs", action="store_true", help="the one held-out run (frozen design)"
    )
    args = parser.parse_args()
    classifier = load_domain_classifier(args.weights)
    encoder = load_encoder()
    store = NpzStore(args.cache)
    index = load_onet_title_index(args.onet_dir)
    run = final_held_out_jobs if args.final_held_out_jobs else explore_tuning
    run(args, classifier, encoder, store, index)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
