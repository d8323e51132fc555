"""`manage.py train_ranker`: LightGBM LambdaRank over the explainable features, by job.

Jobs are split by stable hash; the held-out jobs never train. Prints NDCG/MRR/MAP@10 of the
ranker and of FairMatch's own score on the held-out jobs. `--save` writes the booster as JSON
(LightGBM's text model in a JSON wrapper, no pickle) to matching/weights/ranker.json.
"""

import json
import time
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.cards import ModelCard, RankingEval, write_model_card
from matching.core.evaluation import DEFAULT_HELD_OUT_FRACTION
from matching.core.occupations import DEFAULT_CLASSIFIER_PATH, load_domain_classifier
from matching.core.training import (
    DEFAULT_RANKER_PATH,
    DEFAULT_ROUNDS,
    RankerResult,
    ranker_inputs,
    save_ranker,
    train_ranker,
)
from matching.services.onet import title_lookup_get
from matching.training.devices import add_device_argument, device_option, training_encoder
from matching.training.options import (
    add_card_dir_argument,
    add_no_onet_titles_argument,
    file_digest,
)
from matching.training.pairs import labelled_pairs_load

DEFAULT_PAIRS = Path(__file__).resolve().parents[4] / "shared" / "data" / "eval" / "pairs.jsonl"
NO_PAIRS = "no labelled pairs: pass --pairs FILE or record hired/rejected outcomes"


class Command(BaseCommand):
    help = "Train the LambdaRank re-ranker; print held-out NDCG/MRR/MAP@10 vs FairMatch's score."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--pairs",
            type=Path,
            help=f"labelled pairs JSONL (default: {DEFAULT_PAIRS} when present, else the "
            "database's application outcomes)",
        )
        parser.add_argument("--database", action="store_true", help="train on the outcomes")
        parser.add_argument(
            "--domain-weights",
            type=Path,
            default=DEFAULT_CLASSIFIER_PATH,
            help="domain classifier JSON (use a split model whose held-out jobs match ours)",
        )
        parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
        parser.add_argument("--held-out-fraction", type=float, default=DEFAULT_HELD_OUT_FRACTION)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--save", action="store_true", help="write the model JSON")
        parser.add_argument("--out", type=Path, default=DEFAULT_RANKER_PATH)
        add_device_argument(parser)
        add_card_dir_argument(parser)
        add_no_onet_titles_argument(parser)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        device_option(options["device"])
        path = _pairs_path(options["pairs"], options["database"])
        try:
            pairs = labelled_pairs_load(path, three_class=True)
            if not pairs:
                raise ValueError(NO_PAIRS)
            classifier = load_domain_classifier(options["domain_weights"])
            lookup = title_lookup_get(enabled=not options["no_onet_titles"])
        except (ValueError, FileNotFoundError, ImproperlyConfigured) as error:
            raise CommandError(str(error)) from None
        with tqdm(desc="embedding", disable=None, file=self.stderr) as bar:
            inputs = ranker_inputs(
                pairs,
                training_encoder(options["device"]),
                classifier,
                on_progress=_bar(bar),
                title_index=lookup.index,
                title_weight=lookup.weight,
            )
        try:
            result = train_ranker(
                inputs,
                fraction=options["held_out_fraction"],
                rounds=options["rounds"],
                seed=options["seed"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        source = f"{path} sha256:{file_digest(path)}" if path else "database outcomes (3 classes)"
        payload: dict[str, Any] = {
            **result.to_json(),
            "pairs": source,
            "onet_titles": lookup.to_json(),
        }
        if options["save"]:
            save_ranker(result, options["out"], source=source)
            payload["weights"] = str(options["out"])
        payload["seconds"] = round(time.perf_counter() - started, 1)
        if options["card_dir"] is not None and result.held_out_labels:
            card = _card(options, source, result, payload)
            payload["model_card"] = write_model_card(card, options["card_dir"])["card"]
        self.stdout.write(json.dumps(payload, indent=None if options["json"] else 2))


def _card(
    options: dict[str, Any], source: str, result: RankerResult, payload: dict[str, Any]
) -> ModelCard:
    """IR metrics at k of the ranker and of FairMatch's own score on the held-out jobs."""
    return ModelCard(
        title="LambdaRank re-ranker",
        command="python manage.py train_ranker"
        + (f" --pairs {options['pairs']}" if options["pairs"] else "")
        + (" --database" if options["database"] else "")
        + f" --domain-weights {options['domain_weights']} --card-dir {options['card_dir']}",
        summary=(
            "LightGBM LambdaRank over the explainable pair features, grouped by job, compared "
            "with FairMatch's own 0-100 score on jobs it never trained on."
        ),
        data={
            "pairs": source,
            "training pairs / jobs": f"{result.n_train_pairs} / {result.n_train_jobs}",
            "held-out pairs / jobs": f"{result.n_test_pairs} / {result.n_test_jobs}",
            "held-out jobs with a relevant pair": result.n_test_jobs_ranked,
            "boosting rounds (cross-validated)": result.rounds,
        },
        command_report=payload,
        rankings=tuple(
            RankingEval(name, scores, result.held_out_labels, result.held_out_groups)
            for name, scores in result.held_out_scores.items()
        ),
        caveats=("Resumes are shared across jobs: the split protects jobs, not resumes.",),
    )


def _pairs_path(path: Path | None, database: bool) -> Path | None:
    if path is not None or database:
        return path
    return DEFAULT_PAIRS if DEFAULT_PAIRS.is_file() else None


def _bar(bar: tqdm) -> Any:  # type: ignore[type-arg]
    def report(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    return report
