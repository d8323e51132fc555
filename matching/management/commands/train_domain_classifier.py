"""Train the domain classifier on labelled texts and report held-out metrics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.cards import ModelCard, domain_classifier_card, write_model_card
from matching.core.encoding import load_encoder
from matching.core.evaluation import HELD_OUT_FRACTION
from matching.core.occupations import (
    WEIGHTS_DIR,
    DomainTrainingResult,
    LabelledText,
    read_labelled_jsonl,
    read_onet_occupations,
    save_domain_classifier,
    train_domain_model,
)
from matching.training.options import add_card_dir_argument

DEFAULT_ONET = Path(settings.BASE_DIR).parent / "shared" / "data" / "onet" / "Occupation_Data.txt"
FILE_MISSING = "{path}: no such file"
WEIGHTS_NAME = "domain_classifier.json"
FRACTION_INVALID = "--held-out-fraction must be between 0 and 1, got {value}"
TRAINING_FAILED = "training failed: {reason}"


class Command(BaseCommand):
    help = "Train the 13-domain classifier over embeddings; print held-out metrics."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--resumes", required=True, type=Path, help="labelled JSONL")
        parser.add_argument("--jobs", type=Path, help="more labelled JSONL (e.g. postings)")
        parser.add_argument("--onet", type=Path, help="O*NET Occupation_Data.txt to add")
        parser.add_argument("--no-onet", action="store_true", help="do not add O*NET")
        parser.add_argument("--out", type=Path, default=WEIGHTS_DIR, help="weights folder")
        parser.add_argument("--held-out-fraction", type=float, default=HELD_OUT_FRACTION)
        parser.add_argument(
            "--refit-all",
            action="store_true",
            help="after reporting on the held-out split, refit on every item before saving",
        )
        add_card_dir_argument(parser)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0.0 < options["held_out_fraction"] < 1.0:
            raise CommandError(FRACTION_INVALID.format(value=options["held_out_fraction"]))
        items = self._items(options)
        encoder = load_encoder(
            settings.MATCHING_MODEL_PATH or None,
            device=settings.MATCHING_DEVICE or None,
            trust_remote_code=settings.MATCHING_TRUST_REMOTE_CODE,
        )
        with tqdm(total=len(items), desc="embedding", disable=None, file=self.stderr) as bar:

            def advance(done: int, total: int) -> None:
                bar.update(done - bar.n)

            try:
                result = train_domain_model(
                    items,
                    encoder,
                    fraction=options["held_out_fraction"],
                    refit_all=options["refit_all"],
                    on_progress=advance,
                )
            except ValueError as error:
                raise CommandError(TRAINING_FAILED.format(reason=error)) from None
        path = options["out"] / WEIGHTS_NAME
        save_domain_classifier(result.classifier, path)
        payload = {**result.to_json(), "weights": str(path)}
        if options["card_dir"] is not None:
            card = _card(options, result, payload)
            payload["model_card"] = write_model_card(card, options["card_dir"])["card"]
        self.stdout.write(json.dumps(payload, indent=None if options["json"] else 2))

    def _items(self, options: dict[str, Any]) -> list[LabelledText]:
        paths = [options["resumes"], *([options["jobs"]] if options["jobs"] else [])]
        onet = options["onet"] or (None if options["no_onet"] else DEFAULT_ONET)
        for path in [*paths, *([onet] if options["onet"] else [])]:
            if not path.is_file():
                raise CommandError(FILE_MISSING.format(path=path))
        try:
            items = [item for path in paths for item in read_labelled_jsonl(path)]
        except ValueError as error:
            raise CommandError(str(error)) from None
        if onet is not None and onet.is_file():
            items += read_onet_occupations(onet)
        return items


def _card(
    options: dict[str, Any], result: DomainTrainingResult, payload: dict[str, Any]
) -> ModelCard:
    """The card of this run: the command that reproduces it and where the data came from."""
    args = [f"--resumes {options['resumes']}"]
    args += [f"--jobs {options['jobs']}"] if options["jobs"] else []
    args += [f"--onet {options['onet']}"] if options["onet"] else []
    args += ["--no-onet"] if options["no_onet"] else []
    if options["held_out_fraction"] != HELD_OUT_FRACTION:
        args.append(f"--held-out-fraction {options['held_out_fraction']}")
    args += ["--refit-all"] if options["refit_all"] else []
    args += [f"--out {options['out']}", f"--card-dir {options['card_dir']}"]
    onet = options["onet"] or (None if options["no_onet"] else DEFAULT_ONET)
    return domain_classifier_card(
        result,
        command="python manage.py train_domain_classifier " + " ".join(args),
        data={
            "resumes": str(options["resumes"]),
            "jobs": str(options["jobs"]) if options["jobs"] else "-",
            "O*NET": str(onet) if onet is not None and onet.is_file() else "-",
            "training items (incl. O*NET)": result.n_train,
            "held-out items": result.n_held_out,
            "split": f"held out when sha256 of the id falls in the first "
            f"{options['held_out_fraction']:.0%} of the range",
            "encoder": result.classifier.model_id,
            "C (5-fold CV on train items)": result.classifier.metadata["C"],
            "weights": payload["weights"],
        },
        command_report=payload,
    )
