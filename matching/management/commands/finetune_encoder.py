"""`manage.py finetune_encoder`: fine-tune the sentence encoder on labelled pairs.

Reports NDCG/MRR/MAP@10 of whole-document cosine ranking before and after, on held-out jobs
(chosen by stable hash; their pairs never train). Load the result with MATCHING_MODEL_PATH.
"""

import json
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.encoder import SentenceTransformerEncoder, default_model_path
from matching.core.training.finetune import (
    FinetuneConfig,
    cosine_ranking_metrics,
    finetune_model,
)
from matching.core.training.finetune_data import DEFAULT_MARGIN, LOSS_NAMES, build_examples
from matching.core.training.splits import DEFAULT_HELD_OUT_FRACTION, split_indices
from matching.core.types import LabelledPair
from matching.training.pairs import labelled_pairs_load

MODEL_FOLDER_MISSING = "{path}: not a model folder"


class Command(BaseCommand):
    help = "Fine-tune the sentence encoder on labelled pairs; print held-out NDCG before/after."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pairs", type=Path, help="labelled pairs JSONL (default: database)")
        parser.add_argument("--loss", choices=LOSS_NAMES, default="cosine")
        parser.add_argument("--adaptive-margin", action="store_true", help="triplet loss only")
        parser.add_argument("--margin", type=float, default=DEFAULT_MARGIN)
        parser.add_argument("--epochs", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=16)
        parser.add_argument("--learning-rate", type=float, default=2e-5)
        parser.add_argument("--max-seq-length", type=int, default=128, help="training window")
        parser.add_argument("--max-examples", type=int, default=128, help="0 means all")
        parser.add_argument("--max-eval-jobs", type=int, default=10, help="0 means all")
        parser.add_argument("--held-out-fraction", type=float, default=DEFAULT_HELD_OUT_FRACTION)
        parser.add_argument("--base-model", type=Path, help="default: MATCHING_MODEL_PATH")
        parser.add_argument("--out", type=Path, help="model folder to write")
        parser.add_argument("--device", default="", help="cpu, cuda, mps (default: auto)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        base = _base_model(options["base_model"])
        out: Path = options["out"] or settings.VAR_DIR / "models" / f"finetuned-{options['loss']}"
        try:
            pairs = labelled_pairs_load(options["pairs"])
            train, test = split_indices([p.job_id for p in pairs], options["held_out_fraction"])
            examples = build_examples(
                [pairs[index] for index in train],
                options["loss"],
                adaptive=options["adaptive_margin"],
                margin=options["margin"],
                max_examples=options["max_examples"] or None,
                seed=options["seed"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        held_out = _eval_pairs([pairs[index] for index in test], options["max_eval_jobs"])
        config = FinetuneConfig(
            loss=options["loss"],
            epochs=options["epochs"],
            batch_size=options["batch_size"],
            learning_rate=options["learning_rate"],
            max_seq_length=options["max_seq_length"],
            seed=options["seed"],
            device=options["device"] or None,
        )
        device = options["device"] or None
        before = cosine_ranking_metrics(SentenceTransformerEncoder(base, device=device), held_out)
        training_started = time.perf_counter()
        with tqdm(desc="fine-tuning", unit="step", disable=None, file=self.stderr) as bar:
            epoch_losses = finetune_model(base, examples, out, config, on_progress=_progress(bar))
        training_seconds = time.perf_counter() - training_started
        after = cosine_ranking_metrics(SentenceTransformerEncoder(out, device=device), held_out)
        report = {
            "loss": options["loss"],
            "adaptive_margin": options["adaptive_margin"],
            "epochs": options["epochs"],
            "n_train_examples": len(examples),
            "n_train_pairs": len(train),
            "n_test_pairs": len(held_out),
            "n_test_jobs": len({pair.job_id for pair in held_out}),
            "train_loss": [round(value, 4) for value in epoch_losses],
            "before": before,
            "after": after,
            "model_path": str(out),
            "training_seconds": round(training_seconds, 1),
            "seconds": round(time.perf_counter() - started, 1),
        }
        self.stdout.write(json.dumps(report, indent=None if options["json"] else 2))


def _base_model(path: Path | None) -> Path:
    chosen = path or (Path(settings.MATCHING_MODEL_PATH) if settings.MATCHING_MODEL_PATH else None)
    model = chosen or default_model_path()
    if not model.is_dir():
        raise CommandError(MODEL_FOLDER_MISSING.format(path=model))
    return model


def _eval_pairs(pairs: list[LabelledPair], max_jobs: int) -> list[LabelledPair]:
    """The held-out pairs of the first ``max_jobs`` held-out jobs (in job id order)."""
    if not max_jobs:
        return pairs
    jobs = sorted({pair.job_id for pair in pairs})[:max_jobs]
    return [pair for pair in pairs if pair.job_id in set(jobs)]


def _progress(bar: tqdm) -> Any:  # type: ignore[type-arg]
    def report(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    return report
