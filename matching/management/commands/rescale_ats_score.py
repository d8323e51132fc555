"""Fit a trained additive ATS score's raw sum into 0-100 under a new version (no retraining)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.core.scoring.additive import (
    DEFAULT_SCORER_PATH,
    load_additive_scorer,
    max_score,
    save_additive_scorer,
    within_score_range,
)

FILE_MISSING = "{path}: no such file"
SAME_VERSION = "the new version must differ from {version!r}: stored scores would not go stale"


class Command(BaseCommand):
    help = (
        "Rescale the shapes, baseline and bucket edges of an additive ATS score by one positive "
        "linear map so that baseline + every part's most points <= 100 (order and buckets kept), "
        "and write it under a new version (stored scores of the old one are re-scored)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--weights", type=Path, default=DEFAULT_SCORER_PATH)
        parser.add_argument("--out", type=Path, default=DEFAULT_SCORER_PATH)
        parser.add_argument("--score-version", required=True, help="the new version name")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["weights"]
        if not path.is_file():
            raise CommandError(FILE_MISSING.format(path=path))
        try:
            scorer = load_additive_scorer(path)
        except (ValueError, KeyError) as error:
            raise CommandError(str(error)) from None
        if options["score_version"] == scorer.version:
            raise CommandError(SAME_VERSION.format(version=scorer.version))
        rescaled = within_score_range(scorer, version=options["score_version"])
        save_additive_scorer(rescaled, options["out"])
        report = {
            "from_version": scorer.version,
            "version": rescaled.version,
            "max_score_before": round(max_score(scorer), 4),
            "max_score_after": round(max_score(rescaled), 4),
            "baseline": rescaled.baseline,
            "scale": rescaled.metadata.get("rescaled", {}).get("scale", 1.0),
            "bucket_edges": rescaled.metadata.get("bucket_edges"),
            "max_points": {shape.name: shape.span for shape in rescaled.shapes},
            "weights": str(options["out"]),
        }
        self.stdout.write(json.dumps(report, indent=None if options["json"] else 2))
