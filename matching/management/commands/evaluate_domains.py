"""Read labelled texts' domains and report accuracy, macro-F1 and confusion.

The domain is the product's (``matching.core.occupations.reader.document_domain``): it follows
from the text's ESCO occupations through the ISCO -> domain mapping, the domain classifier being
one input. ``--method classifier`` reports the classifier alone, for comparison.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.core.cards.model_card import reliability
from matching.core.encoding.chunking import encode_documents
from matching.core.occupations.domain_metrics import classification_report
from matching.core.occupations.domain_training import read_labelled_jsonl
from matching.core.occupations.domains import DomainPrediction, load_domain_classifier
from matching.core.occupations.reader import OccupationReader, profile_domain
from matching.management.commands._occupation_batches import (
    check_files,
    read_profiles,
    reader_for,
)

MODEL_MISMATCH = (
    "the domain classifier {path} was trained on {trained} ({expected} dimensions) but the "
    "encoder is {actual} ({found} dimensions); run train_domain_classifier for this encoder"
)
METHODS = ("occupations", "classifier")


class Command(BaseCommand):
    help = "Evaluate the product's domain (derived from ESCO occupations) on labelled JSONL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--resumes", required=True, type=Path, help="labelled JSONL")
        parser.add_argument("--predictions-out", type=Path, help="JSONL {id, domain, confidence}")
        parser.add_argument(
            "--weights", type=Path, help="domain classifier file (default: the shipped one)"
        )
        parser.add_argument(
            "--method",
            choices=METHODS,
            default="occupations",
            help="occupations (the product's domain, default) or the classifier alone",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        check_files(options["resumes"], options["weights"])
        try:
            items = read_labelled_jsonl(options["resumes"])
            if options["weights"] is not None:
                load_domain_classifier(options["weights"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        reader = reader_for(options["weights"])
        self._check_classifier(reader, options["weights"])
        predictions = self._predict(reader, [item.text for item in items], options["method"])
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
        pairs = zip(items, predictions, strict=True)
        correct = [item.domain == prediction.domain for item, prediction in pairs]
        ece = reliability([prediction.confidence for prediction in predictions], correct)["ece"]
        payload = {**report.to_json(), "ece": ece, "method": options["method"]}
        self.stdout.write(json.dumps(payload, indent=None if options["json"] else 2))

    def _check_classifier(self, reader: OccupationReader, path: Path | None) -> None:
        """An explicitly named classifier must fit the encoder (the default one may be left out)."""
        if path is None or reader.classifier is not None:
            return
        classifier = load_domain_classifier(path)
        raise CommandError(
            MODEL_MISMATCH.format(
                path=path,
                trained=classifier.model_id,
                expected=classifier.coef.shape[1],
                actual=reader.encoder.model_id,
                found=reader.encoder.dimension,
            )
        )

    def _predict(
        self, reader: OccupationReader, texts: list[str], method: str
    ) -> list[DomainPrediction]:
        if method == "classifier":
            if reader.classifier is None:
                raise CommandError("no domain classifier fits the configured encoder")
            vectors = encode_documents(texts, reader.encoder).vectors
            return reader.classifier.predict(vectors)
        return [profile_domain(profile) for profile in read_profiles(reader, texts, self.stderr)]
