"""Years of experience read from plain text: a posting's requirement and a CV's total.

Used by the additive score until the evidence layer of issue #24 (``PostingRequirements`` /
``CvEvidence``) reads them; kept small and conservative:

* a posting asks ``N`` years when it says "N+ years", "N-M years", "at least N years", "minimum
  of N years" (digits or the words one to fifteen); the lowest such figure is its minimum;
* a CV's years are the union of its date ranges ("March 2015 - June 2019", "2015 to present",
  "11/2016 - 01/2019"), or, without dates, the largest "N years of experience" phrase.
"""

from __future__ import annotations

import re
from datetime import date

WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
}  # fmt: skip
_NUMBER = r"(\d{1,2}(?:\.\d)?|" + "|".join(WORD_NUMBERS) + r")"
_REQUIREMENT = re.compile(
    r"(?:at\s+least|minimum(?:\s+of)?|min\.?|over|more\s+than)?\s*"
    + _NUMBER
    + r"\s*(?:\+|plus)?\s*(?:(?:-|–|to)\s*\d{1,2}\s*)?(?:\+\s*)?\(?\d*\)?\s*years?\b",
    re.IGNORECASE,
)
_CV_YEARS = re.compile(_NUMBER + r"\s*\+?\s*years?\s+(?:of\s+)?(?:\w+\s+){0,3}experience", re.I)
_MONTHS = [
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
]  # first three letters of each month
_MONTH = r"(?:(" + "|".join(_MONTHS) + r")[a-z]*\.?\s+|(\d{1,2})[/.-])?"
_YEAR = r"((?:19|20)\d\d)"
_END = r"(?:" + _MONTH + _YEAR + r"|(present|current|now|today|date|till\s+date))"
_RANGE = re.compile(_MONTH + _YEAR + r"\s*(?:-|–|—|to|until|till)\s*" + _END, re.IGNORECASE)
MAX_REQUIREMENT_YEARS = 30.0


def _number(token: str) -> float:
    word = token.lower()
    return float(WORD_NUMBERS[word]) if word in WORD_NUMBERS else float(token)


def posting_min_years(text: str) -> float | None:
    """The smallest number of years a posting asks for, or ``None`` when it states none."""
    found = [_number(match.group(1)) for match in _REQUIREMENT.finditer(text)]
    found = [value for value in found if 0 < value <= MAX_REQUIREMENT_YEARS]
    return min(found) if found else None


def _month(name: str | None, number: str | None) -> int:
    if name:
        return _MONTHS.index(name[:3].lower()) + 1
    if number and 1 <= int(number) <= 12:
        return int(number)
    return 1


def cv_years(text: str, today: date | None = None) -> float | None:
    """Years of experience of a CV: merged date ranges, else its largest "N years" phrase."""
    now = today or date.today()  # noqa: DTZ011  # a calendar date, no time zone involved
    spans = []
    for match in _RANGE.finditer(text):
        start = int(match.group(3)) * 12 + _month(match.group(1), match.group(2)) - 1
        if match.group(7):
            end = now.year * 12 + now.month - 1
        else:
            end = int(match.group(6)) * 12 + _month(match.group(4), match.group(5)) - 1
        if start <= end <= now.year * 12 + now.month:
            spans.append((start, end))
    if spans:
        return round(_merged_months(spans) / 12.0, 2)
    phrases = [_number(match.group(1)) for match in _CV_YEARS.finditer(text)]
    return max(phrases) if phrases else None


def _merged_months(spans: list[tuple[int, int]]) -> int:
    total, current = 0, None
    for start, end in sorted(spans):
        if current is None or start > current[1]:
            if current is not None:
                total += current[1] - current[0]
            current = (start, end)
        else:
            current = (current[0], max(current[1], end))
    if current is not None:
        total += current[1] - current[0]
    return total
