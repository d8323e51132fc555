"""`manage.py train_fair_classifier`: the pair classifier at beta = 0 and at --beta, side by side.

Pairs are labelled by application outcome (``matching.training.dataset``); the sensitive
attribute is read through ``fairness.training.data`` and used only in the fairness loss term and
the held-out report.
"""

import json
import time
from pathlib import Path
from typing import Any

import numpy as np
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from fairness.services import json_safe
from fairness.training.classifier import FairTrainingConfig, pair_inputs
from fairness.training.data import TRAINING_ATTRIBUTES, application_sensitive_groups
from fairness.training.experiment import (
    DEFAULT_FRACTION,
    HeldOutPredictions,
    check_enough,
    compare_betas_with_predictions,
    group_ids,
)
from fairness.training.losses import CONSTRAINTS
from matching.core.cards import ClassifierEval, FairnessEval, ModelCard, write_model_card
from matching.core.encoding import encode_documents
from matching.training.dataset import (
    BINARY_NAMES,
    TEXT_VARIANTS,
    THREE_CLASS_NAMES,
    training_pairs_build,
)
from matching.training.devices import add_device_argument, device_option, training_encoder

BAD_OPTIONS = "--beta must be >= 0 and --epochs >= 1"
BAD_SWEEP = "--sweep must be comma-separated non-negative numbers, got {text!r}"


class Command(BaseCommand):
    help = "Train the fair pair classifier (beta = 0 and --beta); print held-out AUC, F1, gap."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--attribute", choices=TRAINING_ATTRIBUTES, default="gender")
        parser.add_argument("--beta", type=float, default=1.0, help="weight of the fairness loss")
        parser.add_argument("--constraint", choices=CONSTRAINTS, default="dp")
        parser.add_argument("--three-class", action="store_true", help="rejected/pool/hired")
        parser.add_argument("--text", choices=TEXT_VARIANTS, default="raw", help="CV text form")
        parser.add_argument("--epochs", type=int, default=200)
        parser.add_argument("--held-out-fraction", type=float, default=DEFAULT_FRACTION)
        parser.add_argument(
            "--sweep", default="", help="comma-separated further betas, e.g. 0.5,2,5"
        )
        parser.add_argument("--seed", type=int, default=0)
        add_device_argument(parser)
        parser.add_argument(
            "--card-dir", type=Path, help="write model_card.md, report.json and plots here"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        sweep = _betas(options["sweep"])
        if options["beta"] < 0 or options["epochs"] < 1:
            raise CommandError(BAD_OPTIONS)
        device_option(options["device"])
        started = time.perf_counter()
        n_classes = 3 if options["three_class"] else 2
        pairs = training_pairs_build(three_class=options["three_class"])
        labels = np.array([pair.label for pair in pairs], dtype=np.int64)
        try:
            check_enough(labels, n_classes)
        except ValueError as error:
            raise CommandError(str(error)) from None
        encoder = training_encoder(options["device"])
        texts = [pair.resume_text(options["text"]) for pair in pairs]
        jobs = [pair.job_text(options["text"]) for pair in pairs]
        with tqdm(desc="embedding", disable=None, file=self.stderr) as bar:
            resume_vectors = encode_documents(texts, encoder, on_progress=_progress(bar)).vectors
            job_vectors = encode_documents(jobs, encoder).vectors
        values = application_sensitive_groups(
            application_ids=[pair.application_id for pair in pairs],
            attribute=options["attribute"],
        )
        groups, names = group_ids(values)
        config = FairTrainingConfig(
            beta=options["beta"],
            constraint=options["constraint"],
            n_classes=n_classes,
            epochs=options["epochs"],
            seed=options["seed"],
        )
        report, predictions = compare_betas_with_predictions(
            pair_inputs(resume_vectors, job_vectors),
            labels,
            groups,
            [pair.id for pair in pairs],
            config,
            fraction=options["held_out_fraction"],
            sweep=sweep,
        )
        payload = {
            "attribute": options["attribute"],
            "groups": {name: int((groups == index).sum()) for index, name in enumerate(names)},
            "unknown_count": int((groups == -1).sum()),
            **report,
            "seconds": round(time.perf_counter() - started, 1),
        }
        if options["card_dir"] is not None:
            card = _card(options, payload, labels, groups, names, predictions, config)
            payload["model_card"] = write_model_card(card, options["card_dir"])["card"]
        indent = None if options["json"] else 2
        self.stdout.write(json.dumps(json_safe(payload), indent=indent, allow_nan=False))


def _card(
    options: dict[str, Any],
    payload: dict[str, Any],
    labels: np.ndarray[Any, Any],
    groups: np.ndarray[Any, Any],
    names: list[str],
    predictions: HeldOutPredictions,
    config: FairTrainingConfig,
) -> ModelCard:
    """Baseline (beta 0) and fair model side by side, with the sweep when one was run."""
    test = predictions.test
    classes = THREE_CLASS_NAMES if config.n_classes == 3 else BINARY_NAMES
    truth = labels[test]
    test_groups = tuple(names[g] if g >= 0 else None for g in groups[test].tolist())
    models = {"baseline (beta 0)": 0.0, f"fair (beta {config.beta:g})": config.beta}
    classifiers, fairness = [], []
    for name, beta in models.items():
        probabilities = predictions.probabilities[beta]
        classifiers.append(
            ClassifierEval(
                name,
                tuple(classes),
                tuple(int(v) for v in truth),
                tuple(tuple(float(p) for p in row) for row in probabilities),
            )
        )
        selected = probabilities.argmax(axis=1) == config.positive_class
        fairness.append(
            FairnessEval(
                name,
                options["attribute"],
                tuple(int(v == config.positive_class) for v in truth),
                tuple(int(v) for v in selected),
                test_groups,
            )
        )
    points = {row["beta"]: row for row in [payload["baseline"], payload["fair"]]}
    points |= {row["beta"]: row for row in payload.get("sweep", [])}
    return ModelCard(
        title=f"fair pair classifier ({options['constraint']}, {options['attribute']})",
        command="python manage.py train_fair_classifier " + _argv(options),
        summary=(
            "An MLP on [u; v; |u - v|] of CV and vacancy embeddings, trained with "
            f"L = L_utility + beta x L_fairness ({options['constraint']} gap over "
            f"{options['attribute']}); a research tool, not used in scoring."
        ),
        data={
            "pairs": payload["n_train"] + payload["n_test"],
            "training pairs": payload["n_train"],
            "held-out pairs": payload["n_test"],
            "classes": ", ".join(classes),
            "groups (all pairs)": ", ".join(f"{k}: {v}" for k, v in payload["groups"].items()),
            "unknown group": payload["unknown_count"],
            "epochs": options["epochs"],
            "seed": options["seed"],
        },
        command_report=payload,
        classifiers=tuple(classifiers),
        fairness=tuple(fairness),
        sweep=tuple(points[beta] for beta in sorted(points)) if "sweep" in payload else (),
        caveats=(
            "Fairness gaps on few held-out pairs per group are noisy; read the group counts.",
            "Labels are past hiring outcomes, which may themselves be biased.",
        ),
    )


def _argv(options: dict[str, Any]) -> str:
    names = ("attribute", "beta", "constraint", "epochs", "sweep", "seed", "device", "card_dir")
    parts = [f"--{name.replace('_', '-')} {options[name]}" for name in names if options[name]]
    return " ".join(parts + (["--three-class"] if options["three_class"] else []))


def _betas(text: str) -> list[float]:
    try:
        betas = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise CommandError(BAD_SWEEP.format(text=text)) from None
    if any(beta < 0 for beta in betas):
        raise CommandError(BAD_SWEEP.format(text=text))
    return betas


def _progress(bar: tqdm) -> Any:  # type: ignore[type-arg]
    def report(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    return report
