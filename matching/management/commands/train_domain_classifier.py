"""Train the domain classifier on labelled texts and report held-out metrics."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.domain_training import (
    HELD_OUT_FRACTION,
    LabelledText,
    read_labelled_jsonl,
    train_domain_model,
)
from matching.core.domains import WEIGHTS_DIR, save_domain_classifier
from matching.core.encoder import load_encoder
from matching.core.onet_domains import read_onet_occupations

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
        if options["json"]:
            self.stdout.write(json.dumps(payload))
        else:
            self.stdout.write(json.dumps(payload, indent=2))

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
