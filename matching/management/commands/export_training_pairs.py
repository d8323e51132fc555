"""`manage.py export_training_pairs`: labelled pairs from application outcomes, as JSONL."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.training.dataset import TEXT_VARIANTS, training_pairs_build
from matching.training.export import oumi_records, pairs_record

NO_LABELLED_PAIRS = "no labelled applications (hired, rejected or interview declined) to export"


class Command(BaseCommand):
    help = "Export candidate-vacancy pairs labelled by application outcome (pairs or OUMI JSONL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["pairs", "oumi"], default="pairs")
        parser.add_argument("--out", type=Path, help="output file (default: stdout)")
        parser.add_argument(
            "--three-class",
            action="store_true",
            help="rejected = 0, talent pool = 1, hired = 2 (default: hired 1, rejected 0)",
        )
        parser.add_argument(
            "--text",
            choices=TEXT_VARIANTS,
            default="raw",
            help="CV text form of the pairs format: raw CV, parsed profile or ESCO sentences",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        pairs = training_pairs_build(three_class=options["three_class"])
        if not pairs:
            raise CommandError(NO_LABELLED_PAIRS)
        if options["format"] == "oumi":
            records = oumi_records(pairs, three_class=options["three_class"])
        else:
            records = [pairs_record(pair, options["text"]) for pair in pairs]
        lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
        out: Path | None = options["out"]
        if out is None:
            self.stdout.write(lines, ending="")
            return
        try:
            out.write_text(lines, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{out}: {error.strerror}") from None
        self.stderr.write(f"{len(records)} pairs written to {out}")
