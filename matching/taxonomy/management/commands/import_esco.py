"""Import the ESCO taxonomy from the official CSVs: the given paths, else ``official_esco_dir()``.

With no path the folder is MATCHING_ESCO_DIR, else ``../shared/data/esco``, else the compact
official copy shipped in ``matching/taxonomy/data/esco`` (``matching.taxonomy.esco_files``).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.core.skills import EscoTaxonomy, read_official_taxonomy
from matching.taxonomy.esco_files import (
    OCCUPATIONS_FILE,
    RELATIONS_FILE,
    SKILLS_FILE,
    official_esco_folder,
)
from matching.taxonomy.models import TaxonomySource
from matching.taxonomy.services import taxonomy_import

FILE_MISSING = "{path}: no such file"
SKILLS_REQUIRED = "--occupations and --relations need --skills (the official skills_en.csv)"


class _Progress:
    """One tqdm bar per import step, on stderr."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream
        self._bars: dict[str, tqdm[Any]] = {}

    def __call__(self, step: str, done: int, total: int) -> None:
        bar = self._bars.get(step)
        if bar is None:
            bar = tqdm(total=total, desc=step, unit="rows", disable=None, file=self._stream)
            self._bars[step] = bar
        bar.update(done - bar.n)
        if done >= total:
            bar.close()


def _read(options: dict[str, Any]) -> tuple[EscoTaxonomy, str]:
    paths = [options[name] for name in ("skills", "occupations", "relations")]
    if not any(paths):
        folder = official_esco_folder()
        taxonomy = read_official_taxonomy(
            folder.file(SKILLS_FILE), folder.file(OCCUPATIONS_FILE), folder.file(RELATIONS_FILE)
        )
        return taxonomy, f"{folder.origin} ESCO CSVs in {folder.path}"
    if options["skills"] is None:
        raise CommandError(SKILLS_REQUIRED)
    for path in paths:
        if path is not None and not path.is_file():
            raise CommandError(FILE_MISSING.format(path=path))
    return read_official_taxonomy(*paths), "ESCO CSVs given"


class Command(BaseCommand):
    help = (
        "Import ESCO skills, occupations and occupation-skill relations (idempotent). With no "
        "paths: MATCHING_ESCO_DIR, else ../shared/data/esco, else the official copy shipped "
        "with FairMatch (ESCO, European Commission)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--skills", type=Path, help="official skills_en.csv")
        parser.add_argument("--occupations", type=Path, help="official occupations_en.csv")
        parser.add_argument("--relations", type=Path, help="official occupationSkillRelations.csv")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            taxonomy, origin = _read(options)
        except (OSError, ValueError, UnicodeDecodeError) as error:
            raise CommandError(str(error).splitlines()[0]) from None
        counts = taxonomy_import(
            taxonomy=taxonomy, source=TaxonomySource.OFFICIAL, on_progress=_Progress(self.stderr)
        )
        seconds = round(time.perf_counter() - started, 3)
        if options["json"]:
            summary = {
                "skills": counts.skills,
                "occupations": counts.occupations,
                "relations": counts.relations,
                "seconds": seconds,
            }
            self.stdout.write(json.dumps(summary))
            return
        self.stdout.write(
            f"Imported {counts.skills} skills, {counts.occupations} occupations and "
            f"{counts.relations} relations from the {origin} ({counts.aliases} curated "
            f"aliases added, {counts.skipped_relations} relations skipped) in {seconds} s."
        )
