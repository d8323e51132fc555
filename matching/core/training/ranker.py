"""Learning to rank over the explainable features: LightGBM LambdaRank, saved as JSON.

Each pair is described by the score mapper's named features (``FEATURE_NAMES``) plus the parts of
FairMatch's pair score (domain agreement, semantic cosine, the score itself). The booster is
stored as LightGBM's own text model inside a JSON wrapper: nothing is pickled.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.evaluation.evaluation import evaluate_ranking, graded, relevance_threshold
from matching.core.evaluation.splits import DEFAULT_HELD_OUT_FRACTION, split_indices
from matching.core.occupations.domain_training import held_out_score
from matching.core.occupations.domains import WEIGHTS_DIR
from matching.core.scoring.features import FeatureScores
from matching.core.scoring.score_mapper import FEATURE_NAMES, feature_row

DEFAULT_RANKER_PATH = WEIGHTS_DIR / "ranker.json"
RANKER_FORMAT = "fairmatch.ranker.v1"
RANKER_FEATURES: tuple[str, ...] = (
    *FEATURE_NAMES,
    "fairmatch_domain",
    "fairmatch_semantic",
    "fairmatch_score",
)
REPORTED_METRICS = ("ndcg@10", "mrr@10", "map@10")
DEFAULT_ROUNDS = 200
CV_FOLDS = 3
MIN_TRAIN_JOBS = 2

RANKER_FORMAT_ERROR = "{path}: not a FairMatch ranker (format {found!r})"
RANKER_FEATURES_ERROR = "{path}: the ranker expects features {found}; this code computes {expected}"
TOO_FEW_TRAIN_JOBS = "need labelled pairs from at least {minimum} training jobs, got {count}"

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class RankerInputs:
    """Features, graded labels and job of every pair, with FairMatch's own score."""

    features: Matrix
    labels: tuple[float, ...]
    groups: tuple[str, ...]
    fairmatch_scores: tuple[float, ...]


@dataclass(frozen=True, slots=True)
class RankerResult:
    """A trained booster (as LightGBM text) and its held-out comparison with FairMatch.

    Metrics average over ``n_test_jobs_ranked`` jobs (held-out jobs with a relevant pair); they
    are 0 when there is none.
    """

    model_text: str
    metrics: dict[str, dict[str, float]]
    n_train_pairs: int
    n_test_pairs: int
    n_train_jobs: int
    n_test_jobs: int
    n_test_jobs_ranked: int
    rounds: int
    held_out_scores: dict[str, tuple[float, ...]] = field(default_factory=dict)
    held_out_labels: tuple[float, ...] = ()
    held_out_groups: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The report printed by ``train_ranker``."""
        return {
            "ranker": self.metrics["ranker"],
            "fairmatch": self.metrics["fairmatch"],
            "n_train_pairs": self.n_train_pairs,
            "n_test_pairs": self.n_test_pairs,
            "n_train_jobs": self.n_train_jobs,
            "n_test_jobs": self.n_test_jobs,
            "n_test_jobs_ranked": self.n_test_jobs_ranked,
            "rounds": self.rounds,
        }


def ranker_row(features: FeatureScores, domain: float, semantic: float, score: float) -> Matrix:
    """One pair's ranker input in ``RANKER_FEATURES`` order."""
    extra = np.array([domain, semantic, score / 100.0], dtype=np.float64)
    return np.concatenate([feature_row(features), extra])


def integer_grades(labels: Sequence[float]) -> npt.NDArray[np.int32]:
    """LambdaRank needs non-negative integer grades: the evaluation grades, rounded."""
    return np.rint(np.clip(graded(labels), 0.0, None)).astype(np.int32)


def train_ranker(
    inputs: RankerInputs,
    *,
    fraction: float = DEFAULT_HELD_OUT_FRACTION,
    rounds: int = DEFAULT_ROUNDS,
    seed: int = 0,
) -> RankerResult:
    """Train LambdaRank on the training jobs; compare it with FairMatch on the held-out jobs.

    Args:
        inputs: Every labelled pair's features.
        fraction: Share of the jobs held out (chosen by stable hash; never trained on).
        rounds: Most boosting rounds; the number used is chosen by 3-fold cross-validation
            over the training jobs (all of them with fewer than 6 training jobs).
        seed: LightGBM seed (deterministic training).

    Returns:
        The booster text and NDCG/MRR/MAP@10 of the ranker and of FairMatch on held-out jobs.

    Raises:
        ValueError: When too few jobs have labelled pairs.
    """
    import lightgbm

    train, test = split_indices(inputs.groups, fraction)
    train_jobs = {inputs.groups[index] for index in train}
    if len(train_jobs) < MIN_TRAIN_JOBS:
        raise ValueError(TOO_FEW_TRAIN_JOBS.format(minimum=MIN_TRAIN_JOBS, count=len(train_jobs)))
    grades = integer_grades(inputs.labels)
    params = _params(seed, int(grades.max()))
    chosen = _cross_validated_rounds(inputs, grades, train, params, rounds)
    booster = lightgbm.train(params, _dataset(inputs, grades, train), num_boost_round=chosen)
    predicted = booster.predict(inputs.features[test])
    scores = {
        "ranker": tuple(float(value) for value in predicted),
        "fairmatch": tuple(inputs.fairmatch_scores[index] for index in test),
    }
    metrics = {name: _metrics(list(values), inputs, test) for name, values in scores.items()}
    return RankerResult(
        model_text=booster.model_to_string(),
        metrics=metrics,
        n_train_pairs=len(train),
        n_test_pairs=len(test),
        n_train_jobs=len(train_jobs),
        n_test_jobs=len({inputs.groups[index] for index in test}),
        n_test_jobs_ranked=_jobs_with_relevant(inputs, test),
        rounds=chosen,
        held_out_scores=scores,
        held_out_labels=tuple(inputs.labels[index] for index in test),
        held_out_groups=tuple(inputs.groups[index] for index in test),
    )


def _dataset(inputs: RankerInputs, grades: npt.NDArray[np.int32], indices: list[int]) -> Any:
    import lightgbm

    order = sorted(indices, key=lambda index: inputs.groups[index])
    return lightgbm.Dataset(
        inputs.features[order],
        label=grades[order],
        group=_group_sizes([inputs.groups[index] for index in order]),
        feature_name=list(RANKER_FEATURES),
        free_raw_data=False,
    )


def _cross_validated_rounds(
    inputs: RankerInputs,
    grades: npt.NDArray[np.int32],
    train: list[int],
    params: dict[str, Any],
    max_rounds: int,
) -> int:
    """Boosting rounds with the best mean NDCG@10 over CV_FOLDS folds of the training jobs.

    Folds are by job (stable hash), so the held-out jobs play no part in the choice.
    """
    import lightgbm

    jobs = sorted({inputs.groups[index] for index in train}, key=held_out_score)
    if len(jobs) < 2 * CV_FOLDS:
        return max_rounds
    fold_of = {job: position % CV_FOLDS for position, job in enumerate(jobs)}
    curves = []
    for fold in range(CV_FOLDS):
        fit = [index for index in train if fold_of[inputs.groups[index]] != fold]
        valid = [index for index in train if fold_of[inputs.groups[index]] == fold]
        history: dict[str, Any] = {}
        lightgbm.train(
            params,
            _dataset(inputs, grades, fit),
            num_boost_round=max_rounds,
            valid_sets=[_dataset(inputs, grades, valid)],
            valid_names=["valid"],
            callbacks=[lightgbm.record_evaluation(history)],
        )
        curves.append(history["valid"]["ndcg@10"])
    mean_curve = np.mean(np.asarray(curves, dtype=np.float64), axis=0)
    return int(np.argmax(mean_curve)) + 1


def _jobs_with_relevant(inputs: RankerInputs, indices: list[int]) -> int:
    """Held-out jobs with at least one relevant pair: the only ones the metrics average over."""
    threshold = relevance_threshold(list(inputs.labels))
    return len({inputs.groups[i] for i in indices if inputs.labels[i] > threshold})


def _params(seed: int, max_grade: int) -> dict[str, Any]:
    return {
        "objective": "lambdarank",
        "metric": "ndcg",
        "ndcg_eval_at": [10],
        "lambdarank_truncation_level": 10,
        "label_gain": [float(2**grade - 1) for grade in range(max(max_grade, 1) + 1)],
        "learning_rate": 0.05,
        "num_leaves": 15,
        "min_data_in_leaf": 5,
        "feature_fraction": 0.9,
        "seed": seed,
        "deterministic": True,
        "num_threads": 1,
        "verbosity": -1,
    }


def _group_sizes(sorted_groups: Sequence[str]) -> list[int]:
    sizes: dict[str, int] = {}
    for group in sorted_groups:
        sizes[group] = sizes.get(group, 0) + 1
    return list(sizes.values())


def _metrics(scores: list[float], inputs: RankerInputs, indices: list[int]) -> dict[str, float]:
    result = evaluate_ranking(
        scores,
        [inputs.labels[index] for index in indices],
        [inputs.groups[index] for index in indices],
        k=10,
    )
    return {name: round(result[name], 4) for name in REPORTED_METRICS}


def save_ranker(result: RankerResult, path: Path, *, source: str) -> None:
    """Write the booster (LightGBM text model) and its held-out report in a JSON wrapper."""
    payload = {
        "format": RANKER_FORMAT,
        "features": list(RANKER_FEATURES),
        "source": source,
        "report": result.to_json(),
        "model": result.model_text,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Ranker:
    """A loaded ranker: scores rows of ``RANKER_FEATURES`` (higher ranks first)."""

    booster: Any

    def predict(self, rows: Matrix) -> npt.NDArray[np.float64]:
        """Ranking scores of the rows (comparable within one job only)."""
        return np.asarray(self.booster.predict(rows), dtype=np.float64)


def load_ranker(path: Path = DEFAULT_RANKER_PATH) -> Ranker:
    """Read a ranker saved by ``save_ranker``.

    Raises:
        ValueError: When the file is not a ranker or expects other features.
    """
    import lightgbm

    payload = json.loads(path.read_text(encoding="utf-8"))
    if payload.get("format") != RANKER_FORMAT:
        raise ValueError(RANKER_FORMAT_ERROR.format(path=path, found=payload.get("format")))
    if tuple(payload.get("features", ())) != RANKER_FEATURES:
        raise ValueError(
            RANKER_FEATURES_ERROR.format(
                path=path, found=payload.get("features"), expected=list(RANKER_FEATURES)
            )
        )
    return Ranker(lightgbm.Booster(model_str=payload["model"]))
