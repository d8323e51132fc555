"""Print the canonical skills found in a text file (imported taxonomy, else packaged ESCO)."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.taxonomy.selectors import skill_matcher_get

FILE_MISSING = "{path}: no such file"
FILE_UNREADABLE = "{path}: cannot read the file as UTF-8 text ({error})"


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise CommandError(FILE_MISSING.format(path=path))
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(FILE_UNREADABLE.format(path=path, error=error)) from None


class Command(BaseCommand):
    help = (
        "Extract canonical skills (ESCO plus curated aliases) from a UTF-8 text file, with the "
        "character spans where each occurs."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="a UTF-8 text file")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        text = _read_text(options["file"])
        started = time.perf_counter()
        matcher = skill_matcher_get()
        matches = matcher.extract(text)
        seconds = round(time.perf_counter() - started, 4)
        if options["json"]:
            skills = [
                {"label": m.label, "uri": m.uri, "spans": [list(span) for span in m.spans]}
                for m in matches
            ]
            self.stdout.write(json.dumps({"skills": skills, "seconds": seconds}))
            return
        for match in matches:
            spans = ", ".join(f"{start}-{end}" for start, end in match.spans)
            self.stdout.write(f"{match.label}\t{match.uri}\t{spans}")
        self.stdout.write(f"{len(matches)} skills in {seconds} s")
