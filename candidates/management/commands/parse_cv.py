"""`parse_cv FILE [FILE ...] [--text] [--json]`: extract and parse CV files (PDF, DOCX, TXT)."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from candidates.extraction.batch import (
    FILE_NOT_FOUND,
    FILE_UNREADABLE,
    CvOutcome,
    CvPathJob,
    batch_map,
    batch_workers,
    cv_failed,
    cv_path_extract,
)
from candidates.extraction.profile import SkillExtractor
from candidates.services.documents import extraction_batch_timeout, extraction_limits
from matching.taxonomy.selectors import skill_matcher_get

__all__ = ["FILE_NOT_FOUND", "FILE_UNREADABLE", "Command", "outcome_result"]


class Command(BaseCommand):
    help = (
        "Extract and parse CV files (PDF, DOCX, ODT, RTF, TXT) into structured profiles; "
        "skills are canonical ESCO skills unless --section-skills."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--text", action="store_true", help="include the extracted text")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument(
            "--section-skills",
            action="store_true",
            help="skills = the items of the CV's skills section, not canonical ESCO skills "
            "(skips loading the skill matcher)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes reading the files (default: FAIRMATCH_EXTRACTION_WORKERS, else one "
            "per CPU); 1 reads them one after the other in this process",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=None,
            help="seconds one file may take in a batch before it is reported failed "
            "(default: FAIRMATCH_EXTRACTION_BATCH_TIMEOUT_S)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[str] = options["files"]
        limits = extraction_limits()
        skill_extractor = None if options["section_skills"] else esco_skill_extractor()
        show_progress = len(files) > 1 and sys.stderr.isatty()
        jobs = [CvPathJob(path=path, limits=limits) for path in files]
        with tqdm(total=len(files), disable=not show_progress, file=sys.stderr, unit="file") as bar:
            outcomes = batch_map(
                cv_path_extract,
                jobs,
                workers=batch_workers(options["workers"] or settings.FAIRMATCH_EXTRACTION_WORKERS),
                timeout_s=options["timeout"] or extraction_batch_timeout(),
                failed=cv_failed,
                on_done=bar.update,
            )
            for path, outcome in zip(files, outcomes, strict=True):
                self._print(path, outcome_result(outcome, skill_extractor), options, len(files))

    def _print(
        self, path: str, result: dict[str, Any], options: dict[str, Any], count: int
    ) -> None:
        if not options["text"]:
            result.pop("text", None)
        if count == 1:
            self._print_single(result, as_json=options["json"])
        else:
            self._print_line(path, result, as_json=options["json"])

    def _print_single(self, result: dict[str, Any], *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        else:
            self.stdout.write(_summary(result))
        if "error" in result:
            raise CommandError(result["error"])

    def _print_line(self, path: str, result: dict[str, Any], *, as_json: bool) -> None:
        if as_json:
            self.stdout.write(json.dumps({"file": path} | result, ensure_ascii=False))
        else:
            self.stdout.write(f"== {path}\n{_summary(result)}")


def outcome_result(outcome: CvOutcome, skill_extractor: SkillExtractor | None) -> dict[str, Any]:
    """The contract's `{"profile", "text"}` or `{"error"}` for one file's outcome."""
    profile = outcome.profile_with_skills(skill_extractor)
    if outcome.error is not None or profile is None:
        return {"error": outcome.error}
    return {"profile": profile.to_dict(), "text": outcome.text}


def esco_skill_extractor() -> SkillExtractor:
    """Canonical ESCO skill labels of a text; the matcher loads on first use, once per run."""
    loaded: list[Any] = []

    def extract(text: str) -> list[str]:
        if not loaded:
            loaded.append(skill_matcher_get())
        return [match.label for match in loaded[0].extract(text)]

    return extract


def _summary(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"error: {result['error']}"
    profile = result["profile"]
    lines = [
        f"sections: {', '.join(profile['sections']) or '-'}",
        f"experience: {profile['experience_count']} entries, {profile['years_total']} years",
        f"education: {'yes' if profile['has_education'] else 'no'}"
        f" ({len(profile['degrees'])} degrees)",
        f"certifications: {profile['certifications_count']}",
        f"skills ({len(profile['skills'])}): {', '.join(profile['skills'][:15])}",
        f"contact complete: {'yes' if profile['contact_info_complete'] else 'no'}"
        f" (emails {len(profile['emails'])}, phones {len(profile['phones'])})",
        f"text length: {profile['raw_text_length']}",
    ]
    if "text" in result:
        lines.append(f"--- text ---\n{result['text']}")
    return "\n".join(lines)
