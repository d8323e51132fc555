"""Classify labelled texts into the 13 domains and report accuracy, macro-F1 and confusion."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.encoding.chunking import encode_documents
from matching.core.encoding.registry import load_encoder
from matching.core.occupations.domain_metrics import classification_report
from matching.core.occupations.domain_training import read_labelled_jsonl
from matching.core.occupations.domains import DEFAULT_CLASSIFIER_PATH, load_domain_classifier

FILE_MISSING = "{path}: no such file"
MODEL_MISMATCH = (
    "the domain classifier {path} was trained on {trained} ({expected} dimensions) but the "
    "encoder is {actual} ({found} dimensions); run train_domain_classifier for this encoder"
)


class Command(BaseCommand):
    help = "Evaluate the domain classifier on labelled JSONL ({id, text, domain})."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--resumes", required=True, type=Path, help="labelled JSONL")
        parser.add_argument("--predictions-out", type=Path, help="JSONL {id, domain, confidence}")
        parser.add_argument("--weights", type=Path, default=DEFAULT_CLASSIFIER_PATH)
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        for path in (options["resumes"], options["weights"]):
            if not path.is_file():
                raise CommandError(FILE_MISSING.format(path=path))
        try:
            items = read_labelled_jsonl(options["resumes"])
            classifier = load_domain_classifier(options["weights"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        encoder = load_encoder(
            settings.MATCHING_MODEL_PATH or None,
            device=settings.MATCHING_DEVICE or None,
            trust_remote_code=settings.MATCHING_TRUST_REMOTE_CODE,
        )
        if encoder.dimension != classifier.coef.shape[1]:
            raise CommandError(
                MODEL_MISMATCH.format(
                    path=options["weights"],
                    trained=classifier.model_id,
                    expected=classifier.coef.shape[1],
                    actual=encoder.model_id,
                    found=encoder.dimension,
                )
            )
        with tqdm(total=len(items), desc="embedding", disable=None, file=self.stderr) as bar:
            vectors = encode_documents(
                [item.text for item in items],
                encoder,
                on_progress=lambda done, total: bar.update(done - bar.n),
            ).vectors
        predictions = classifier.predict(vectors)
        if options["predictions_out"]:
            with options["predictions_out"].open("w", encoding="utf-8") as handle:
                for item, prediction in zip(items, predictions, strict=True):
                    row = {
                        "id": item.id,
                        "domain": prediction.domain,
                        "confidence": round(prediction.confidence, 4),
                    }
                    handle.write(json.dumps(row) + "\n")
        report = classification_report(
            [item.domain for item in items], [prediction.domain for prediction in predictions]
        )
        self.stdout.write(json.dumps(report.to_json(), indent=None if options["json"] else 2))
