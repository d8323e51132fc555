"""Split CV text into sections from headings written in English or French."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from candidates.extraction.headings import SECTION_HEADINGS

HEADER = "header"
HEADING_ALIASES: dict[str, str] = {
    alias: section for section, aliases in SECTION_HEADINGS.items() for alias in aliases
}
MAX_HEADING_CHARS = 50
_ALIAS_PATTERN = "|".join(
    re.escape(alias).replace(r"\ ", r"\s+")
    for alias in sorted(HEADING_ALIASES, key=len, reverse=True)
)
_MULTIWORD_PATTERN = "|".join(
    re.escape(alias).replace(r"\ ", r"\s+")
    for alias in sorted(HEADING_ALIASES, key=len, reverse=True)
    if " " in alias
)
# "...skillful work Education Details": a Title-Case heading glued to the end of a line.
_TRAILING_HEADING = re.compile(rf"(?:{_MULTIWORD_PATTERN})\s*:?\s*$", re.IGNORECASE)
_TRAILING_HEADING_WORDS = frozenset(
    alias.rsplit(None, 1)[-1] for alias in HEADING_ALIASES if " " in alias
)
_TRAILING_WINDOW = 80
# "SKILLS 1. MS-Office ...": an upper-case heading that starts a line of content.
_LEADING_CAPS_HEADING = re.compile(rf"^({_ALIAS_PATTERN})\s*:?\s+(\S.*)$", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t:-–—•*#|>_.=·"
_INLINE_HEADING = re.compile(r"^([^:]{2,40}):\s*(\S.*)$")


@dataclass(frozen=True, slots=True)
class Sections:
    """Section name -> its lines, in document order; text before any heading is `header`."""

    lines: dict[str, list[str]]

    def text(self, name: str) -> str:
        """The section's text, or "" when the CV has no such section."""
        return "\n".join(self.lines.get(name, []))

    def present(self) -> list[str]:
        """Names of the sections found with some content, `header` excluded."""
        return [name for name, body in self.lines.items() if name != HEADER and _has_content(body)]


def normalise_heading(line: str) -> str:
    """Lower-case, accent-free, punctuation-trimmed form of a candidate heading line."""
    decomposed = unicodedata.normalize("NFKD", line.strip(_EDGE_PUNCTUATION).lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = plain.replace("&", "and").replace("’", "'")
    return " ".join(plain.split())


def heading_of(line: str) -> tuple[str, str] | None:
    """Return (section, inline content) when `line` is a heading, else None."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_HEADING_CHARS + 60:
        return None
    if len(stripped) <= MAX_HEADING_CHARS:
        section = HEADING_ALIASES.get(normalise_heading(stripped))
        if section is not None:
            return section, ""
    inline = _INLINE_HEADING.match(stripped)
    if inline is not None:
        section = HEADING_ALIASES.get(normalise_heading(inline.group(1)))
        if section is not None:
            return section, inline.group(2)
    leading = _LEADING_CAPS_HEADING.match(stripped)
    if leading is not None and leading.group(1).isupper():
        return HEADING_ALIASES[normalise_heading(leading.group(1))], leading.group(2)
    return None


def _unglued(line: str) -> list[str]:
    """The line, with a Title-Case heading glued to its end moved onto a line of its own."""
    words = line.rstrip(" \t:").rsplit(None, 1)
    if len(words) < 2 or words[-1].lower() not in _TRAILING_HEADING_WORDS:
        return [line]
    tail_start = max(len(line) - _TRAILING_WINDOW, 0)
    match = _TRAILING_HEADING.search(line, tail_start)
    if match is None or not line[: match.start()].strip():
        return [line]
    heading = match.group(0)
    if not all(word[0].isupper() for word in heading.split()):
        return [line]
    return [line[: match.start()], heading]


def split_sections(text: str) -> Sections:
    """Split `text` into sections; a repeated heading appends to the same section."""
    lines: dict[str, list[str]] = {HEADER: []}
    current = HEADER
    for line in (piece for raw in text.splitlines() for piece in _unglued(raw)):
        found = heading_of(line)
        if found is None:
            lines[current].append(line)
            continue
        current, inline = found
        lines.setdefault(current, [])
        if inline:
            lines[current].append(inline)
    return Sections(lines=lines)


def _has_content(body: list[str]) -> bool:
    return any(line.strip() for line in body)
