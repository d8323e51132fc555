"""Read labelled texts' ESCO occupations; report top-1 / top-3 ISCO agreement and domains.

Input: JSON Lines ``{"id", "text"}`` with any of ``"isco"`` (an ISCO-08 code of 1 to 4 digits),
``"esco_uri"`` (an ESCO occupation) and ``"domain"`` (a contract domain key); agreement is
reported on the items that carry each label (``matching.core.occupations.occupation_metrics``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.core.occupations.domains import parse_domain
from matching.core.occupations.occupation_metrics import OccupationLabel, occupation_report
from matching.management.commands._occupation_batches import (
    check_files,
    read_profiles,
    reader_for,
)

LINE_INVALID = "{path}:{line}: {reason}"
NO_ITEMS = "{path}: no items"
RANKED_OCCUPATIONS = 25


def read_occupation_items(path: Path) -> list[tuple[str, OccupationLabel]]:
    """(text, label) per line; raises ``ValueError`` naming the first bad line."""
    items = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or not isinstance(row.get("text"), str):
                    raise ValueError("needs an object with id and text")
                domain = row.get("domain")
                label = OccupationLabel(
                    id=str(row["id"]),
                    isco=str(row["isco"]) if row.get("isco") is not None else None,
                    esco_uri=row.get("esco_uri") or None,
                    domain=parse_domain(domain).value if domain is not None else None,
                )
            except (ValueError, KeyError) as error:
                reason = error if not isinstance(error, KeyError) else f"missing {error}"
                message = LINE_INVALID.format(path=path, line=number, reason=reason)
                raise ValueError(message) from None
            items.append((row["text"], label))
    if not items:
        raise ValueError(NO_ITEMS.format(path=path))
    return items


class Command(BaseCommand):
    help = "Evaluate ESCO occupation reading: top-1/top-3 ISCO-group agreement, domain accuracy."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--resumes", required=True, type=Path, help="JSONL {id, text, ...}")
        parser.add_argument("--predictions-out", type=Path, help="JSONL of each item's reading")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        check_files(options["resumes"])
        try:
            items = read_occupation_items(options["resumes"])
        except ValueError as error:
            raise CommandError(str(error)) from None
        reader = reader_for(None)
        reader = replace(reader, weights=replace(reader.weights, top_k=RANKED_OCCUPATIONS))
        profiles = read_profiles(reader, [text for text, _ in items], self.stderr)
        if options["predictions_out"]:
            with options["predictions_out"].open("w", encoding="utf-8") as handle:
                for (_, label), profile in zip(items, profiles, strict=True):
                    row = {
                        "id": label.id,
                        "occupations": [
                            {
                                "uri": item.uri,
                                "label": item.label,
                                "isco_code": item.isco_code,
                                "confidence": round(item.confidence, 4),
                            }
                            for item in profile.occupations[:3]
                        ],
                        "domain": profile.domain,
                        "confidence": round(profile.domain_confidence, 4),
                    }
                    handle.write(json.dumps(row) + "\n")
        report = occupation_report([label for _, label in items], profiles)
        report["esco_version"] = reader.index.version
        self.stdout.write(json.dumps(report, indent=None if options["json"] else 2))
