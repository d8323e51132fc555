"""Score controlled variants of every relevant CV of a labelled-pairs file (issue #24)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.core.evaluation import read_pairs
from matching.core.scoring import (
    VARIANTS,
    ExplainedPair,
    NpzEmbeddingStore,
    summarise,
    variant_text,
)
from matching.services.ats_score import pair_bucket
from matching.services.scoring import explain_texts

NO_RELEVANT = "no relevant pairs (label > 0) in {path}"
SCORES_OUT_UNWRITABLE = "cannot write {path}: {reason}"


class Command(BaseCommand):
    help = (
        "Make controlled variants (skills_removed, experience_cut, section_added, "
        "identity_swapped) of every relevant CV of a labelled-pairs file and score them with "
        "FairMatch's own scorer."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--pairs", required=True, type=Path, help="labelled pairs JSONL")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--scores-out", type=Path, help="write {id, score, bucket} JSONL")
        parser.add_argument("--cache", type=Path, help="an .npz file to keep embeddings in")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            pairs = [pair for pair in read_pairs(options["pairs"]) if pair.label > 0]
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not pairs:
            raise CommandError(NO_RELEVANT.format(path=options["pairs"]))
        rows: list[tuple[str, str, str, str]] = []  # (pair id, variant, resume, job)
        for index, pair in enumerate(pairs):
            rows.append((pair.id, "original", pair.resume, pair.job))
            for name in VARIANTS:
                text = variant_text(name, pair.resume, pair.job, index)
                if text is not None:
                    rows.append((pair.id, name, text, pair.job))
        store = NpzEmbeddingStore(options["cache"]) if options["cache"] else None
        try:
            explained = explain_texts([r[2] for r in rows], [r[3] for r in rows], store=store)
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from None
        if store is not None:
            store.save()
        scores = {(row[0], row[1]): item.score for row, item in zip(rows, explained, strict=True)}
        result = {"n_pairs": len(pairs), "variants": _summaries(scores)}
        if options["scores_out"]:
            _write_scores(options["scores_out"], rows, explained)
        self.stdout.write(json.dumps(result, indent=None if options["json"] else 2))


def _summaries(scores: dict[tuple[str, str], float]) -> dict[str, dict[str, float]]:
    summaries = {}
    for name in VARIANTS:
        keys = [pair_id for (pair_id, variant) in scores if variant == name]
        originals = [scores[(pair_id, "original")] for pair_id in keys]
        summaries[name] = summarise(name, originals, [scores[(k, name)] for k in keys])
    return summaries


def _write_scores(
    path: Path, rows: list[tuple[str, str, str, str]], explained: list[ExplainedPair]
) -> None:
    try:
        with path.open("w", encoding="utf-8") as handle:
            for (pair_id, variant, _, _), item in zip(rows, explained, strict=True):
                line = {
                    "id": f"{pair_id}:{variant}",
                    "score": item.score,
                    "bucket": pair_bucket(item),
                }
                handle.write(json.dumps(line) + "\n")
    except OSError as error:
        raise CommandError(SCORES_OUT_UNWRITABLE.format(path=path, reason=error.strerror)) from None
