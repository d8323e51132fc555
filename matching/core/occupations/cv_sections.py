"""The job-header lines of a CV's experience section: where its own job titles are written.

A CV names the jobs its author held in the lines that open each entry of its experience
section ("Staff Accountant 01/2012 to 06/2014", "Finance Analyst Nov 2013 to Current"), the
most recent first. Passing mentions elsewhere ("worked with the sous chef", "reported to the
attorney") say less about what the author does. ``job_header_lines`` finds the experience
section by its heading (``Experience``, ``Work History``, ``Professional Experience``,
``Employment``...) and returns, in reading order, each short line of that section that carries a
date, with the short undated lines just before and after it (where the title sits when the date
stands alone).
The section ends at the next known heading (Education, Skills...). No heading, no lines: a
posting or a CV without an experience section gives nothing. Pure Python: no Django.
"""

from __future__ import annotations

import re

MAX_HEADER_CHARS = 120
MAX_TITLE_CHARS = 60
MAX_ENTRIES = 6
_EXPERIENCE = re.compile(
    r"^\s*(?:(?:professional|work|relevant|employment|career|job)\s+)?"
    r"(?:experience|history|employment)(?:\s+history)?\s*:?\s*$",
    re.IGNORECASE,
)
_NEXT_SECTION = re.compile(
    r"^\s*(?:education(?:\s+and\s+training)?|skills|highlights|certifications?|languages|"
    r"interests|accomplishments|affiliations|additional\s+information|references|"
    r"professional\s+affiliations|training|qualifications|summary|awards|publications)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}/(?:19|20)\d{{2}}|{_MONTHS}\s+(?:19|20)\d{{2}}|(?:19|20)\d{{2}})\b"
    r"|\b(?:current|present)\b",
    re.IGNORECASE,
)


def experience_section(text: str) -> list[str]:
    """The lines between the first experience heading and the next known heading (or the end)."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if _EXPERIENCE.match(line):
            section = []
            for following in lines[number + 1 :]:
                if _NEXT_SECTION.match(following):
                    break
                section.append(following)
            return section
    return []


def job_header_lines(text: str) -> list[str]:
    """The first ``MAX_ENTRIES`` dated short lines of the experience section, each with the short
    undated lines around it (a title of at most ``MAX_TITLE_CHARS`` before, a line after), most
    recent entry first (reading order)."""
    section = experience_section(text)
    headers: list[str] = []
    for number, line in enumerate(section):
        if len(headers) >= MAX_ENTRIES:
            break
        stripped = line.strip()
        if not stripped or len(stripped) > MAX_HEADER_CHARS or not _DATE.search(stripped):
            continue
        before = section[number - 1].strip() if number > 0 else ""
        if before and len(before) <= MAX_TITLE_CHARS and not _DATE.search(before):
            stripped = f"{before} {stripped}"
        after = section[number + 1].strip() if number + 1 < len(section) else ""
        if after and len(after) <= MAX_HEADER_CHARS and not _DATE.search(after):
            stripped = f"{stripped} {after}"
        headers.append(stripped)
    return headers
