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

from matching.core.cards.model_card import ModelCard, RankingEval, write_model_card
from matching.core.encoding.encoder import default_model_path
from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder
from matching.core.evaluation.splits import DEFAULT_HELD_OUT_FRACTION, split_indices
from matching.core.training.finetune import (
    FinetuneConfig,
    cosine_ranking_metrics,
    cosine_scores,
    finetune_model,
    latest_checkpoint,
)
from matching.core.training.finetune_data import DEFAULT_MARGIN, LOSS_NAMES, build_examples
from matching.core.types import LabelledPair
from matching.training.devices import add_device_argument, device_option
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
        add_device_argument(parser)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--resume",
            action="store_true",
            help="continue from the latest checkpoints/epoch-N under --out",
        )
        parser.add_argument(
            "--card-dir", type=Path, help="model card folder (default: <out>/model_card)"
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        device = device_option(options["device"])
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
            device=device,
        )
        resumed = latest_checkpoint(out) if options["resume"] else None
        base_scores = cosine_scores(SentenceTransformerEncoder(base, device=device), held_out)
        before = cosine_ranking_metrics(None, held_out, scores=base_scores)
        training_started = time.perf_counter()
        with tqdm(desc="fine-tuning", unit="step", disable=None, file=self.stderr) as bar:
            epoch_losses = finetune_model(
                base, examples, out, config, on_progress=_progress(bar), resume=options["resume"]
            )
        training_seconds = time.perf_counter() - training_started
        tuned_scores = cosine_scores(SentenceTransformerEncoder(out, device=device), held_out)
        after = cosine_ranking_metrics(None, held_out, scores=tuned_scores)
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
        if resumed is not None:
            report["resumed_from"] = str(resumed)
        card_dir = options["card_dir"] or out / "model_card"
        card = _card(options, base, report, held_out, base_scores, tuned_scores)
        report["model_card"] = write_model_card(card, card_dir)["card"]
        self.stdout.write(json.dumps(report, indent=None if options["json"] else 2))


def _card(
    options: dict[str, Any],
    base: Path,
    report: dict[str, Any],
    held_out: list[LabelledPair],
    base_scores: list[float],
    tuned_scores: list[float],
) -> ModelCard:
    labels = tuple(pair.label for pair in held_out)
    jobs = tuple(pair.job_id for pair in held_out)
    return ModelCard(
        title=f"fine-tuned encoder ({options['loss']} loss)",
        command="python manage.py finetune_encoder " + _argv(options),
        summary=(
            f"The sentence encoder {base.name} fine-tuned on labelled pairs with the "
            f"{options['loss']} loss; ranking each held-out job's resumes by whole-document "
            "cosine, before (base model) and after."
        ),
        data={
            "pairs": str(options["pairs"]) if options["pairs"] else "database outcomes",
            "training examples": report["n_train_examples"],
            "training pairs": report["n_train_pairs"],
            "held-out pairs": report["n_test_pairs"],
            "held-out jobs": report["n_test_jobs"],
            "epochs": report["epochs"],
            "training loss per epoch": ", ".join(f"{v:.4f}" for v in report["train_loss"]),
            "device": options["device"],
            "seed": options["seed"],
        },
        command_report=report,
        rankings=(
            RankingEval("before (base model)", tuple(base_scores), labels, jobs),
            RankingEval("after (fine-tuned)", tuple(tuned_scores), labels, jobs),
        ),
        caveats=(
            "Jobs are held out, resumes are not: a held-out pair's resume may have trained "
            "with another job.",
        ),
    )


def _argv(options: dict[str, Any]) -> str:
    names = ("pairs", "loss", "epochs", "max_examples", "max_eval_jobs", "seed", "device")
    parts = [f"--{name.replace('_', '-')} {options[name]}" for name in names if options[name]]
    flags = [
        f"--{name.replace('_', '-')}" for name in ("adaptive_margin", "resume") if options[name]
    ]
    return " ".join(parts + flags)


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
