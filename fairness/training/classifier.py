"""An MLP pair classifier on [u; v; |u - v|] trained with L = L_utility + beta * L_fairness.

L_utility is the class-weighted BCE (binary) or cross-entropy (three classes: rejected, talent
pool, hired), since positives are rare in real hiring data. L_fairness is a batch gap of
``fairness.training.losses`` on the predicted probability of the positive (hired) class.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import torch
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score
from torch import Tensor, nn

from fairness.training.losses import Constraint, fairness_gap

Matrix = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class FairTrainingConfig:
    """Loss weights and optimiser settings (defaults train in seconds on a CPU)."""

    beta: float = 1.0
    constraint: Constraint = "dp"
    n_classes: int = 2
    epochs: int = 200
    batch_size: int = 64
    learning_rate: float = 5e-3
    hidden: int = 32
    weight_decay: float = 1e-4
    seed: int = 0

    @property
    def positive_class(self) -> int:
        """Index of the hired class: 1 (binary) or 2 (rejected, talent pool, hired)."""
        return self.n_classes - 1


class PairClassifier(nn.Module):
    """Two-layer MLP over the pair features; one logit (binary) or one per class."""

    def __init__(self, dimension: int, hidden: int, n_classes: int) -> None:
        super().__init__()
        outputs = 1 if n_classes == 2 else n_classes
        self.layers = nn.Sequential(
            nn.Linear(3 * dimension, hidden), nn.ReLU(), nn.Linear(hidden, outputs)
        )

    def forward(self, inputs: Tensor) -> Tensor:
        """Logits, ``(n, 1)`` or ``(n, n_classes)``."""
        return self.layers(inputs)  # type: ignore[no-any-return]


def pair_inputs(resume_vectors: Matrix, job_vectors: Matrix) -> Matrix:
    """``[u; v; |u - v|]`` for every pair (u the CV embedding, v the vacancy embedding)."""
    return np.concatenate(
        [resume_vectors, job_vectors, np.abs(resume_vectors - job_vectors)], axis=1
    ).astype(np.float32)


def class_weights(labels: IntArray, n_classes: int) -> Tensor:
    """Inverse-frequency weights ``n / (k * count)`` (a missing class gets weight 1)."""
    counts = np.bincount(labels, minlength=n_classes).astype(np.float64)
    weights = np.where(counts > 0, len(labels) / (n_classes * np.maximum(counts, 1.0)), 1.0)
    return torch.tensor(weights, dtype=torch.float32)


def train_pair_classifier(
    inputs: Matrix, labels: IntArray, groups: IntArray, config: FairTrainingConfig
) -> PairClassifier:
    """Train the classifier with the utility loss plus ``beta`` times the fairness gap.

    Args:
        inputs: ``pair_inputs`` rows.
        labels: Class of each pair (0 rejected, ..., ``positive_class`` hired).
        groups: Sensitive group id of each pair, -1 when unknown.
        config: beta, constraint, classes and optimiser settings.

    Returns:
        The trained model (in eval mode).
    """
    torch.manual_seed(config.seed)
    model = PairClassifier(inputs.shape[1] // 3, config.hidden, config.n_classes)
    optimiser = torch.optim.Adam(
        model.parameters(), lr=config.learning_rate, weight_decay=config.weight_decay
    )
    features, targets = torch.from_numpy(inputs), torch.from_numpy(labels)
    group_ids = torch.from_numpy(groups)
    weights = class_weights(labels, config.n_classes)
    generator = torch.Generator().manual_seed(config.seed)
    for _ in range(config.epochs):
        for batch in torch.randperm(len(labels), generator=generator).split(config.batch_size):
            logits = model(features[batch])
            utility = _utility_loss(logits, targets[batch], weights, config)
            positive = (targets[batch] == config.positive_class).long()
            scores = _positive_probability(logits, config)
            loss = utility + config.beta * fairness_gap(
                config.constraint, scores, positive, group_ids[batch]
            )
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
    return model.eval()


def _utility_loss(
    logits: Tensor, targets: Tensor, weights: Tensor, config: FairTrainingConfig
) -> Tensor:
    if config.n_classes == 2:
        pos_weight = weights[1] / weights[0]
        return nn.functional.binary_cross_entropy_with_logits(
            logits[:, 0], targets.float(), pos_weight=pos_weight
        )
    return nn.functional.cross_entropy(logits, targets, weight=weights)


def _positive_probability(logits: Tensor, config: FairTrainingConfig) -> Tensor:
    if config.n_classes == 2:
        return torch.sigmoid(logits[:, 0])
    return torch.softmax(logits, dim=1)[:, config.positive_class]


def predict(
    model: PairClassifier, inputs: Matrix, config: FairTrainingConfig
) -> tuple[npt.NDArray[np.float64], IntArray]:
    """Probability of the hired class and the predicted class of every pair."""
    with torch.no_grad():
        logits = model(torch.from_numpy(inputs))
        scores = _positive_probability(logits, config).double().numpy()
        if config.n_classes == 2:
            classes = (scores >= 0.5).astype(np.int64)
        else:
            classes = logits.argmax(dim=1).numpy().astype(np.int64)
    return scores, classes


def predict_proba(
    model: PairClassifier, inputs: Matrix, config: FairTrainingConfig
) -> npt.NDArray[np.float64]:
    """Probability of every class, ``(n, n_classes)`` (binary: not hired, hired)."""
    with torch.no_grad():
        logits = model(torch.from_numpy(inputs))
        if config.n_classes == 2:
            hired = torch.sigmoid(logits[:, 0]).double()
            return torch.stack([1.0 - hired, hired], dim=1).numpy()
        return torch.softmax(logits, dim=1).double().numpy()


def held_out_report(
    model: PairClassifier,
    inputs: Matrix,
    labels: IntArray,
    groups: IntArray,
    config: FairTrainingConfig,
) -> dict[str, float]:
    """AUC (hired vs not), F1 (binary, or macro over the three classes), accuracy, the gap.

    ``fairness_gap`` uses hard predictions (selected = predicted hired), as audits do;
    ``fairness_gap_soft`` the predicted probabilities, as the training loss does.
    """
    scores, classes = predict(model, inputs, config)
    positive = (labels == config.positive_class).astype(np.int64)
    selected = (classes == config.positive_class).astype(np.float64)
    label_tensor, group_tensor = torch.from_numpy(positive), torch.from_numpy(groups)
    hard = fairness_gap(config.constraint, torch.from_numpy(selected), label_tensor, group_tensor)
    soft = fairness_gap(config.constraint, torch.from_numpy(scores), label_tensor, group_tensor)
    average = "binary" if config.n_classes == 2 else "macro"
    auc = roc_auc_score(positive, scores) if len(set(positive.tolist())) == 2 else 0.5
    return {
        "auc": round(float(auc), 4),
        "f1": round(float(f1_score(labels, classes, average=average, zero_division=0)), 4),
        "accuracy": round(float(accuracy_score(labels, classes)), 4),
        "fairness_gap": round(float(hard), 4),
        "fairness_gap_soft": round(float(soft), 4),
    }
