"""`manage.py generate_training_examples`: synthetic CV-job pairs with a chosen bucket mix.

For tests, demos and augmentation: every record carries ``"synthetic": true``. Writes OUMI-style
JSONL (as ``export_training_pairs --format oumi``, plus ``edge_case``) or, with
``--format pairs``, the contract's labelled pairs (label = bucket grade 0-3).
"""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.core.training import (
    GeneratorConfig,
    generate_examples,
    pairs_line,
    parse_distribution,
    parse_edge_cases,
    summary,
)

DEFAULT_DISTRIBUTION = "strong=0.25,moderate=0.25,weak=0.25,not_ats_friendly=0.25"
BAD_RATE = "--edge-case-rate must be between 0 and 1, got {value}"
BAD_PER_JOB = "--resumes-per-job must be at least 1, got {value}"


class Command(BaseCommand):
    help = "Generate synthetic labelled CV-job pairs (OUMI JSONL or the pairs format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--n", type=int, required=True, help="number of records")
        parser.add_argument("--distribution", default=DEFAULT_DISTRIBUTION)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--out", type=Path, help="output file (default: stdout)")
        parser.add_argument("--format", choices=["oumi", "pairs"], default="oumi")
        parser.add_argument(
            "--edge-cases", default="all", help="all, none, or a comma list of edge cases"
        )
        parser.add_argument("--edge-case-rate", type=float, default=0.3)
        parser.add_argument("--resumes-per-job", type=int, default=8)
        parser.add_argument("--json", action="store_true", help="print the summary as one line")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0.0 <= options["edge_case_rate"] <= 1.0:
            raise CommandError(BAD_RATE.format(value=options["edge_case_rate"]))
        if options["resumes_per_job"] < 1:
            raise CommandError(BAD_PER_JOB.format(value=options["resumes_per_job"]))
        try:
            config = GeneratorConfig(
                n=options["n"],
                distribution=parse_distribution(options["distribution"]),
                seed=options["seed"],
                edge_cases=parse_edge_cases(options["edge_cases"]),
                edge_case_rate=options["edge_case_rate"],
                resumes_per_job=options["resumes_per_job"],
            )
            records = generate_examples(config)
        except ValueError as error:
            raise CommandError(str(error)) from None
        rows = records if options["format"] == "oumi" else [pairs_line(r) for r in records]
        lines = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        out: Path | None = options["out"]
        if out is None:
            self.stdout.write(lines, ending="")
            return
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(lines, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"{out}: {error.strerror}") from None
        report = {**summary(records), "format": options["format"], "out": str(out)}
        self.stdout.write(json.dumps(report, indent=None if options["json"] else 2))
