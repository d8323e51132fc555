"""A posting's domain from its title line, looked up among O*NET's occupation titles.

Monster title lines are noisy ("Acme Job Application for Diesel Mechanic | Monster.com var
..."). ``clean_title`` keeps the job title itself; ``OnetTitleIndex.lookup`` finds the longest
O*NET title (official, alternate, short or reported) contained in it as whole words and returns
the domains of the SOC codes that carry that title, as a probability vector over
``DOMAIN_KEYS``, or ``None`` when nothing specific enough matches. ``blend_title_domains`` and
``blend_prediction`` mix that vector into a posting's classifier distribution; every place that
predicts a posting's domain (score, explanation, score mapper) goes through them, so they agree.
Resumes are never blended: their first line is a name or a heading, not a job title.
Pure Python: no Django.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from matching.core.occupations.domains import DOMAIN_KEYS, DomainPrediction
from matching.core.occupations.onet_domains import soc_to_domain

OCCUPATIONS_FILE = "Occupation_Data.txt"
ALTERNATE_FILE = "Alternate_Titles.txt"
REPORTED_FILE = "Sample_of_Reported_Titles.txt"
# (file, columns holding a title); the SOC code is always "O*NET-SOC Code".
TITLE_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (OCCUPATIONS_FILE, ("Title",)),
    (ALTERNATE_FILE, ("Alternate Title", "Short Title")),
    (REPORTED_FILE, ("Reported Job Title",)),
)
SOC_COLUMN = "O*NET-SOC Code"
MIN_WORDS = 2  # one-word titles ("Manager", "Technician") say too little
MISSING_FILES = "{folder}: none of {names} found"
# Chosen on the tuning split (research/explore_onet_title_domains.py): w = 1.0 led by 0.005
# NDCG@10, 0.9 keeps the classifier as the tie-breaker between O*NET's domains.
DEFAULT_TITLE_WEIGHT = 0.9
WEIGHT_INVALID = "the O*NET title weight must be between 0 and 1, got {weight}"
ROWS_MISMATCH = "got {n_rows} domain rows for {n_texts} posting texts"

# Everything up to "Job Application for" is the employer's name on Monster pages.
_APPLICATION_PREFIX = re.compile(r"^.*?\bjob application for\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^a-z0-9+#]+")
_PARENTHESES = re.compile(r"\([^)]*\)?")


@dataclass(frozen=True, slots=True)
class TitleMatch:
    """The O*NET title found in a posting title, its SOC codes and the domains they imply."""

    cleaned: str
    onet_title: str
    n_words: int
    exact: bool
    probabilities: tuple[float, ...]
    codes: frozenset[str] = frozenset()

    @property
    def domain(self) -> str:
        """The most probable domain of the match."""
        best = max(range(len(self.probabilities)), key=self.probabilities.__getitem__)
        return DOMAIN_KEYS[best]


def normalise(text: str) -> str:
    """Lower case, words of letters and digits separated by single spaces."""
    return _NON_WORD.sub(" ", text.lower()).strip()


def clean_title(raw: str) -> str:
    """The job title inside a Monster title line, normalised (see ``normalise``).

    Drops the "<Company> Job Application for" prefix, everything from the first ``|``
    ("| Monster.com var ...") and parenthesised notes ("(part time)", "(CRA)").
    """
    line = next((part for part in raw.splitlines() if part.strip()), "")
    line = _APPLICATION_PREFIX.sub("", line).split("|")[0]
    return normalise(_PARENTHESES.sub(" ", line))


@dataclass(frozen=True, slots=True)
class OnetTitleIndex:
    """Normalised O*NET title -> the SOC codes that carry it (only codes with a domain)."""

    titles: Mapping[str, frozenset[str]]
    max_words: int
    min_words: int = MIN_WORDS

    def lookup(self, raw_title: str) -> TitleMatch | None:
        """The longest O*NET title of at least ``min_words`` words inside ``raw_title``.

        Among equally long candidates the earliest one wins. ``None`` when no title matches.
        """
        cleaned = clean_title(raw_title)
        words = cleaned.split()
        for size in range(min(self.max_words, len(words)), self.min_words - 1, -1):
            for start in range(len(words) - size + 1):
                candidate = " ".join(words[start : start + size])
                codes = self.titles.get(candidate)
                if codes:
                    return TitleMatch(
                        cleaned=cleaned,
                        onet_title=candidate,
                        n_words=size,
                        exact=size == len(words),
                        probabilities=_distribution(codes),
                        codes=codes,
                    )
        return None

    def posting_codes(self, raw_title: str) -> frozenset[str]:
        """The SOC codes of ``lookup(raw_title)``; empty when nothing matches."""
        match = self.lookup(raw_title)
        return match.codes if match else frozenset()

    def text_codes(self, text: str) -> dict[str, float]:
        """SOC weights of the titles found in ``text``, scanned left to right, longest first.

        Each occurrence adds ``1 / k`` to each of the ``k`` codes carrying that title, and the
        scan resumes after it (so "senior software developer" is not also "software developer").
        """
        words = normalise(text).split()
        weights: dict[str, float] = defaultdict(float)
        start = 0
        while start < len(words):
            step = 1
            for size in range(min(self.max_words, len(words) - start), self.min_words - 1, -1):
                codes = self.titles.get(" ".join(words[start : start + size]))
                if codes:
                    for code in codes:
                        weights[code] += 1.0 / len(codes)
                    step = size
                    break
            start += step
        return dict(weights)

    def probabilities(self, raw_title: str) -> tuple[float, ...] | None:
        """The domain distribution of ``raw_title`` over ``DOMAIN_KEYS``, or ``None``."""
        match = self.lookup(raw_title)
        return match.probabilities if match else None


def _distribution(codes: frozenset[str]) -> tuple[float, ...]:
    """Each code's domain counts once (every code in the index has one)."""
    counts: dict[str, int] = defaultdict(int)
    for code in codes:
        domain = soc_to_domain(code)
        if domain is not None:
            counts[domain.value] += 1
    total = sum(counts.values())
    return tuple(counts.get(key, 0) / total for key in DOMAIN_KEYS)


def build_index(rows: Iterable[tuple[str, str]], *, min_words: int = MIN_WORDS) -> OnetTitleIndex:
    """An index from (SOC code, title) rows; each distinct code counts once per title."""
    codes: dict[str, set[str]] = defaultdict(set)
    for code, title in rows:
        key = normalise(_PARENTHESES.sub(" ", title)) if title != "n/a" else ""
        if key and soc_to_domain(code) is not None:
            codes[key].add(code)
    titles = {key: frozenset(soc_codes) for key, soc_codes in codes.items()}
    longest = max((len(key.split()) for key in titles), default=0)
    return OnetTitleIndex(titles=titles, max_words=longest, min_words=min_words)


def read_title_rows(folder: Path) -> list[tuple[str, str]]:
    """(SOC code, title) rows of the O*NET title files present in ``folder``.

    Raises:
        FileNotFoundError: When none of the three files is there.
    """
    rows: list[tuple[str, str]] = []
    present = [(name, columns) for name, columns in TITLE_COLUMNS if (folder / name).is_file()]
    if not present:
        names = ", ".join(name for name, _ in TITLE_COLUMNS)
        raise FileNotFoundError(MISSING_FILES.format(folder=folder, names=names))
    for name, columns in present:
        with (folder / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                rows += [(row[SOC_COLUMN], row[column]) for column in columns if row.get(column)]
    return rows


def load_onet_title_index(folder: Path, *, min_words: int = MIN_WORDS) -> OnetTitleIndex:
    """``build_index`` over the O*NET title files in ``folder``."""
    return build_index(read_title_rows(folder), min_words=min_words)


def blend_title_domains(
    rows: npt.NDArray[np.floating[Any]],
    texts: Sequence[str],
    index: OnetTitleIndex | None,
    weight: float = DEFAULT_TITLE_WEIGHT,
) -> npt.NDArray[np.float64]:
    """Posting domain rows with each matched title mixed in: ``(1 - w) * row + w * q``.

    Args:
        rows: ``(n, 13)`` domain distributions of the postings, in ``DOMAIN_KEYS`` order.
        texts: The posting texts of those rows (their first line is read as the title).
        index: The O*NET title index; ``None`` returns the rows unchanged.
        weight: ``w``, the share of the O*NET distribution where a title matches.

    Returns:
        A new ``(n, 13)`` array; rows whose title matches nothing are copied as they are.

    Raises:
        ValueError: When ``weight`` is outside ``[0, 1]`` or rows and texts differ in number.
    """
    if not 0.0 <= weight <= 1.0:
        raise ValueError(WEIGHT_INVALID.format(weight=weight))
    blended = np.array(rows, dtype=np.float64, copy=True)
    if len(blended) != len(texts):
        raise ValueError(ROWS_MISMATCH.format(n_rows=len(blended), n_texts=len(texts)))
    if index is None or weight == 0.0:
        return blended
    for row, text in enumerate(texts):
        onet = index.probabilities(text)
        if onet is not None:
            blended[row] = (1.0 - weight) * blended[row] + weight * np.asarray(onet)
    return blended


def blend_prediction(
    prediction: DomainPrediction,
    text: str,
    index: OnetTitleIndex | None,
    weight: float = DEFAULT_TITLE_WEIGHT,
) -> DomainPrediction:
    """``prediction`` of a posting after ``blend_title_domains`` (domain = the new argmax)."""
    row = blend_title_domains(np.asarray([prediction.probabilities]), [text], index, weight)[0]
    best = int(row.argmax())
    return DomainPrediction(DOMAIN_KEYS[best], float(row[best]), tuple(map(float, row)))
