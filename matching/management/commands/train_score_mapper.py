"""Train the score mapper (Ridge + MLP) on labelled pairs and report held-out metrics."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.domain_training import HELD_OUT_FRACTION, read_labelled_jsonl
from matching.core.domains import DEFAULT_CLASSIFIER_PATH, WEIGHTS_DIR, load_domain_classifier
from matching.core.encoder import load_encoder
from matching.core.evaluation import read_pairs
from matching.core.pair_features import build_pair_features
from matching.core.score_mapper import save_score_mapper
from matching.core.score_mapper_training import train_mapper
from matching.core.types import LabelledPair

FILE_MISSING = "{path}: no such file"
WEIGHTS_NAME = "score_mapper.json"
FRACTION_INVALID = "--held-out-fraction must be between 0 and 1, got {value}"


class Command(BaseCommand):
    help = "Train the 0-100 score mapper on labelled pairs; print held-out metrics."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pairs", required=True, type=Path, help="labelled pairs JSONL")
        parser.add_argument(
            "--resumes",
            type=Path,
            help="labelled resumes JSONL: split resumes by their id (as the domain classifier "
            "does) instead of by a hash of their text",
        )
        parser.add_argument("--domain-weights", type=Path, default=DEFAULT_CLASSIFIER_PATH)
        parser.add_argument("--out", type=Path, default=WEIGHTS_DIR, help="weights folder")
        parser.add_argument("--held-out-fraction", type=float, default=HELD_OUT_FRACTION)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 0.0 < options["held_out_fraction"] < 1.0:
            raise CommandError(FRACTION_INVALID.format(value=options["held_out_fraction"]))
        for path in (options["pairs"], options["domain_weights"], options["resumes"]):
            if path is not None and not path.is_file():
                raise CommandError(FILE_MISSING.format(path=path))
        try:
            pairs = read_pairs(options["pairs"])
            resume_ids = _resume_ids(options["resumes"])
            classifier = load_domain_classifier(options["domain_weights"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        encoder = load_encoder(
            settings.MATCHING_MODEL_PATH or None,
            device=settings.MATCHING_DEVICE or None,
            trust_remote_code=settings.MATCHING_TRUST_REMOTE_CODE,
        )
        with tqdm(desc="embedding jobs", disable=None, file=self.stderr) as bar:
            features = build_pair_features(
                [pair.resume for pair in pairs],
                [pair.job for pair in pairs],
                encoder,
                classifier,
                on_progress=lambda done, total: bar.update(done - bar.n),
            )
        try:
            result = train_mapper(
                features,
                [pair.label for pair in pairs],
                [pair.job_id for pair in pairs],
                [_resume_key(pair, resume_ids) for pair in pairs],
                version=f"score_mapper:{_digest(options['pairs'])}",
                fraction=options["held_out_fraction"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        path = options["out"] / WEIGHTS_NAME
        save_score_mapper(result.mapper, path)
        payload = {**result.to_json(), "weights": str(path)}
        self.stdout.write(json.dumps(payload, indent=None if options["json"] else 2))


def _resume_ids(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    return {item.text: item.id for item in read_labelled_jsonl(path)}


def _resume_key(pair: LabelledPair, resume_ids: dict[str, str]) -> str:
    known = resume_ids.get(pair.resume)
    return known if known is not None else "text:" + pair.resume


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
