"""Score advice and gap labels in the active language, at display time.

The engine's core (no Django) writes advice as English sentences of a few fixed shapes
(`matching.core.scoring.explain`, `matching.services.ats_score.advice_lines`), and stored
scores keep them. Each shape is matched here and rendered from a catalogue message with the
same values, so stored and new scores both read in French; an unknown shape is shown as is.
"""

import re

from django.utils.translation import gettext, gettext_noop

_POINTS = r"\(\+(?P<points>-?[\d.]+) pts\)"
_NO_YEARS = "no dates or 'N years' figure"

ADVICE_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(rf"^the role asks for (?P<skill>.+); the CV does not show it {_POINTS}$"),
        gettext_noop("the role asks for %(skill)s; the CV does not show it (+%(points)s pts)"),
    ),
    (
        re.compile(rf"^the role would welcome (?P<skill>.+); the CV does not show it {_POINTS}$"),
        gettext_noop("the role would welcome %(skill)s; the CV does not show it (+%(points)s pts)"),
    ),
    (
        re.compile(
            rf"^the role asks (?P<asked>[\d.]+)\+ years of experience; the CV shows "
            rf"(?P<shown>.+) {_POINTS}$"
        ),
        gettext_noop(
            "the role asks %(asked)s+ years of experience; the CV shows %(shown)s (+%(points)s pts)"
        ),
    ),
    (
        re.compile(
            rf"^the role asks (?P<asked>[\d.]+)\+ years of (?P<skill>.+); the CV shows "
            rf"(?P<shown>.+) {_POINTS}$"
        ),
        gettext_noop(
            "the role asks %(asked)s+ years of %(skill)s; the CV shows %(shown)s (+%(points)s pts)"
        ),
    ),
    (
        re.compile(
            rf"^the role asks a (?P<asked>.+) degree; the CV shows a (?P<held>.+) degree "
            rf"{_POINTS}$"
        ),
        gettext_noop(
            "the role asks a %(asked)s degree; the CV shows a %(held)s degree (+%(points)s pts)"
        ),
    ),
    (
        re.compile(rf"^the role asks a (?P<asked>.+) degree; the CV shows no degree {_POINTS}$"),
        gettext_noop("the role asks a %(asked)s degree; the CV shows no degree (+%(points)s pts)"),
    ),
    (
        re.compile(rf"^the role names (?P<certification>.+); the CV does not {_POINTS}$"),
        gettext_noop("the role names %(certification)s; the CV does not (+%(points)s pts)"),
    ),
    (
        re.compile(
            r"^the CV reads as (?P<cv>.+); the posting is (?P<job>.+) \((?P<why>.+)\): "
            r"put the experience closest to this role first$"
        ),
        gettext_noop(
            "the CV reads as %(cv)s; the posting is %(job)s (%(why)s): put the experience "
            "closest to this role first"
        ),
    ),
]
LABEL_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"^(?P<asked>[\d.]+)\+ years of experience$"),
        gettext_noop("%(asked)s+ years of experience"),
    ),
    (
        re.compile(r"^(?P<asked>[\d.]+)\+ years of (?P<skill>.+)$"),
        gettext_noop("%(asked)s+ years of %(skill)s"),
    ),
    (re.compile(r"^(?P<degree>.+) degree$"), gettext_noop("%(degree)s degree")),
]


def _render(text: str, shapes: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, message in shapes:
        match = pattern.match(text)
        if match:
            values = match.groupdict()
            if values.get("shown") == _NO_YEARS:
                values["shown"] = gettext("no dates or 'N years' figure")
            return gettext(message) % values
    return text


def advice_text(advice: str) -> str:
    """One stored advice sentence in the active language (unknown shapes unchanged)."""
    return _render(advice, ADVICE_SHAPES)


def gap_label(label: str) -> str:
    """A priced gap's label ("5+ years of Python") in the active language."""
    return _render(label, LABEL_SHAPES)
