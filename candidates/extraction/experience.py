"""Experience entries from date ranges (English, French) and total years, overlaps merged."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan janvier janv",
        "february feb fevrier fevr fev",
        "march mar mars",
        "april apr avril avr",
        "may mai",
        "june jun juin",
        "july jul juillet juil",
        "august aug aout",
        "september sept sep septembre",
        "october oct octobre",
        "november nov novembre",
        "december dec decembre",
    ),
    start=1,
):
    _MONTHS.update(dict.fromkeys(_names.split(), _number))

_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_POINT = (
    rf"(?:(?:(?P<{{p}}m>{_MONTH})(?:\.?,?\s+|\.?-|'\s?)(?:de\s+|of\s+)?(?P<{{p}}y>{_YEAR}))"
    rf"|(?:(?P<{{p}}n>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<{{p}}ny>{_YEAR}))"
    rf"|(?:(?P<{{p}}iy>{_YEAR})[/.-](?P<{{p}}in>0?[1-9]|1[0-2])(?!\d))"
    rf"|(?P<{{p}}oy>{_YEAR}))(?!\d)"
)
_PRESENT = (
    r"(?P<present>present|current(?:ly)?|now|today|ongoing|(?:to|till|until)\s+(?:date|now)|date"
    r"|so\s+far|aujourd'hui"
    r"|a\s+ce\s+jour|ce\s+jour|actuellement|actuel|en\s+cours|maintenant)"
)
# "i¼\u200b" is how some resume sites' PDFs render a fullwidth hyphen (mojibake, accents folded).
_SEPARATOR = (
    r"\s*(?:-{1,2}|–|—|－|~|～|i¼\u200b?|to|until|till|through|thru|a|au|jusqu'(?:a|au|en)|>|→)\s*"
)
# The lookahead after the lookbehind fails fast where no range can start (a keyword, a month
# name or a digit): the same matches, about 40 % less time on real CVs.
DATE_RANGE = re.compile(
    rf"(?<![\w/])(?=[sdfjmaon\d])(?:(?:since|depuis)\s+(?P<since>{_POINT.format(p='s')})"
    rf"|(?P<onwards>{_POINT.format(p='w')})\s*(?:onwards?|-\s*onwards?)"
    rf"|(?:(?:from|de|du)\s+)?(?P<start>{_POINT.format(p='a')}){_SEPARATOR}(?:(?P<end>{_POINT.format(p='b')})|{_PRESENT}))"
    r"(?![\w/])",
    re.IGNORECASE,
)
STATED_YEARS = re.compile(
    r"(?P<years>\d{1,2}(?:[.,]\d)?)\+?\s*(?:years?|yrs?|ans?|annees?)\s+(?:of\s+|d')?"
    r"(?:\w+\s+)?(?:experience|expérience)",
    re.IGNORECASE,
)
_DEFAULT_MONTH = 6
_EARLIEST_YEAR = 1950
_ENTRY_TITLE_CHARS = 120
_TITLE_LOOKBACK_LINES = 3
_TITLE_PUNCTUATION = " \t,;:|-–—•*()"


@dataclass(frozen=True, slots=True)
class ExperienceEntry:
    """One dated position: its title line, first and last month (inclusive) and whether current."""

    title: str
    start: date
    end: date
    is_current: bool

    @property
    def months(self) -> int:
        """Months covered, both ends included."""
        return _month_index(self.end) - _month_index(self.start) + 1


def find_experience(text: str, *, today: date) -> list[ExperienceEntry]:
    """Dated entries of `text` in order; reversed ranges and ranges in the future are dropped."""
    entries = []
    plain = _fold_accents(text)
    for match in DATE_RANGE.finditer(plain):
        entry = _entry_from_match(match, text, today)
        if entry is not None:
            entries.append(entry)
    return entries


def total_years(entries: list[ExperienceEntry]) -> float:
    """Years covered by the entries, overlapping months counted once, to one decimal."""
    intervals = sorted((_month_index(entry.start), _month_index(entry.end)) for entry in entries)
    months = 0
    current_start, current_end = -1, -2
    for start, end in intervals:
        if start > current_end + 1:
            months += current_end - current_start + 1
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    months += current_end - current_start + 1
    return round(months / 12, 1)


def stated_years(text: str) -> float:
    """The largest "N years of experience" / "N ans d'expérience" figure in `text`, else 0."""
    figures = [
        float(match.group("years").replace(",", ".")) for match in STATED_YEARS.finditer(text)
    ]
    return max((figure for figure in figures if figure <= _MAX_STATED_YEARS), default=0.0)


_MAX_STATED_YEARS = 60


def _entry_from_match(match: re.Match[str], text: str, today: date) -> ExperienceEntry | None:
    if match.group("since") is not None:
        start, end, is_current = _point(match, "s"), today, True
    elif match.group("onwards") is not None:
        start, end, is_current = _point(match, "w"), today, True
    else:
        start = _point(match, "a")
        is_current = match.group("present") is not None
        end = today if is_current else _point(match, "b")
    if start.year < _EARLIEST_YEAR or end < start or start > today:
        return None
    end = min(end, today)
    return ExperienceEntry(
        title=_title_near(match, text), start=start, end=end, is_current=is_current
    )


def _point(match: re.Match[str], prefix: str) -> date:
    groups = {key[1:]: value for key, value in match.groupdict().items() if key[0] == prefix}
    if groups.get("y"):
        return date(int(groups["y"]), _MONTHS[groups["m"].lower()], 1)
    if groups.get("ny"):
        return date(int(groups["ny"]), int(groups["n"]), 1)
    if groups.get("iy"):
        return date(int(groups["iy"]), int(groups["in"]), 1)
    return date(int(groups["oy"]), _DEFAULT_MONTH, 1)


def _title_near(match: re.Match[str], text: str) -> str:
    line_start = text.rfind("\n", 0, match.start()) + 1
    line_end = text.find("\n", match.end())
    line_end = len(text) if line_end == -1 else line_end
    title = (text[line_start : match.start()] + " " + text[match.end() : line_end]).strip(
        _TITLE_PUNCTUATION
    )
    if not title:
        title = _previous_nonblank_line(text, line_start)
    return " ".join(title.split())[:_ENTRY_TITLE_CHARS]


def _previous_nonblank_line(text: str, line_start: int) -> str:
    """The closest non-blank line above the one starting at `line_start` (a few lines back)."""
    end = line_start - 1
    for _ in range(_TITLE_LOOKBACK_LINES):
        if end <= 0:
            break
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip(_TITLE_PUNCTUATION)
        if line:
            return line
        end = start - 1
    return ""


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _fold_accents(text: str) -> str:
    """Strip accents one character at a time, so offsets stay aligned with the original."""
    if text.isascii():
        return text
    table = {ord(char): _fold_char(char) for char in set(text) if not char.isascii()}
    return text.translate(table)


def _fold_char(char: str) -> str:
    if char.isascii():
        return char
    if char == "’":
        return "'"
    base = unicodedata.normalize("NFKD", char)[:1]
    return base if base.isascii() and base.isalpha() else char
