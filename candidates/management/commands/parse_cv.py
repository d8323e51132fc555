"""`parse_cv FILE [FILE ...] [--text] [--json]`: extract and parse CV files (PDF, DOCX, TXT)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from candidates.extraction import ExtractionError, ExtractionLimits, extract_text, parse_profile
from candidates.extraction.errors import FILE_TOO_LARGE
from candidates.extraction.profile import SkillExtractor
from candidates.extraction.types import megabytes
from candidates.services.documents import extraction_limits
from matching.taxonomy.selectors import skill_matcher_get

FILE_NOT_FOUND = "file not found: {path}"
FILE_UNREADABLE = "cannot read {path}: {reason}"


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

    def handle(self, *args: Any, **options: Any) -> None:
        files: list[str] = options["files"]
        limits = extraction_limits()
        skill_extractor = None if options["section_skills"] else esco_skill_extractor()
        show_progress = len(files) > 1 and sys.stderr.isatty()
        for path in tqdm(files, disable=not show_progress, file=sys.stderr, unit="file"):
            result = parse_file(path, limits=limits, skill_extractor=skill_extractor)
            if not options["text"]:
                result.pop("text", None)
            if len(files) == 1:
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


def parse_file(
    path: str, *, limits: ExtractionLimits, skill_extractor: SkillExtractor | None
) -> dict[str, Any]:
    """`{"profile": ..., "text": ...}` for a readable CV file, else `{"error": message}`."""
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > limits.max_bytes:
            return {
                "error": FILE_TOO_LARGE.format(
                    size=megabytes(size), limit=megabytes(limits.max_bytes)
                )
            }
        data = file.read_bytes()
    except FileNotFoundError:
        return {"error": FILE_NOT_FOUND.format(path=path)}
    except OSError as error:
        return {"error": FILE_UNREADABLE.format(path=path, reason=error.strerror or error)}
    try:
        document = extract_text(data, filename=file.name, limits=limits)
    except ExtractionError as error:
        return {"error": error.message}
    profile = parse_profile(document.text, skill_extractor=skill_extractor)
    return {"profile": profile.to_dict(), "text": document.text}


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
