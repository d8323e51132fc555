"""Occupation-level pair inputs: O*NET-SOC codes of a posting's title and of a CV's text.

The evaluation labels separate ``strong`` (the posting's O*NET occupation is one the CV is
about) from ``weak`` (same domain only), so the domain inputs cannot tell them apart. This
module reads occupations on both sides:

* the posting's SOC codes: ``onet_titles.OnetTitleIndex.posting_codes``, the codes of the
  longest O*NET title (official, alternate, short, reported) in its cleaned title line;
* the CV's SOC evidence: ``OnetTitleIndex.text_codes``, every O*NET title found in its text
  (longest first, no overlaps), each occurrence sharing one unit of weight among its codes;
* their agreement at SOC levels (2 digits major group, 4 minor, 6 detailed, 8 O*NET);
* the cosine between the CV embedding and the posting occupation's "title. description"
  embedding, its margin over the best other occupation of the same domain, and the posting
  occupation's softmax probability (temperature ``TEMPERATURE``) among all occupations and
  among those of its domain: "is this CV about the posting's occupation or a sibling?".

Pure Python and numpy: no Django; embeddings come in as arrays.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from matching.core.occupations.onet_domains import soc_to_domain
from matching.core.occupations.onet_titles import (
    OCCUPATIONS_FILE,
    SOC_COLUMN,
)
from matching.core.types import FloatArray

SOC_LEVELS: tuple[int, ...] = (2, 4, 6, 8)
OCCUPATION_FEATURE_NAMES: tuple[str, ...] = (
    "posting_has_soc",
    "resume_title_hits",
    *(f"soc_share_{digits}" for digits in SOC_LEVELS),
    "occupation_cosine",
    "occupation_domain_margin",
    "occupation_log_probability",
    "occupation_domain_log_probability",
)
# Softmax temperature over occupation cosines: picked from {0.01, 0.02, 0.05, 0.1} by grouped CV
# on the training pairs (research/explore_occupation_features.py).
TEMPERATURE = 0.02
LOG_FLOOR = 1e-9
BAD_DIGITS = "SOC digits must be one of {levels}, got {digits}"
VECTORS_MISMATCH = "got {n_vectors} occupation vectors for {n_codes} codes"
_PARENTHESES = re.compile(r"\([^)]*\)?")  # as onet_titles: "(CRA)" notes are not title words


def soc_prefix(code: str, digits: int) -> str:
    """The first ``digits`` digits of an O*NET-SOC code ("15-1252.00", 4 -> "1512")."""
    if digits not in SOC_LEVELS:
        raise ValueError(BAD_DIGITS.format(levels=SOC_LEVELS, digits=digits))
    return "".join(char for char in code if char.isdigit())[:digits]


def soc_share(resume: Mapping[str, float], posting: Iterable[str], digits: int) -> float:
    """Share of the CV's SOC weight on codes that agree with a posting code at ``digits``."""
    total = sum(resume.values())
    if total <= 0.0:
        return 0.0
    wanted = {soc_prefix(code, digits) for code in posting}
    return sum(w for code, w in resume.items() if soc_prefix(code, digits) in wanted) / total


@dataclass(frozen=True, slots=True)
class Occupation:
    """One row of O*NET's Occupation_Data.txt."""

    code: str
    title: str
    description: str

    @property
    def text(self) -> str:
        """What is embedded for the occupation: "title. description"."""
        return f"{self.title}. {self.description}"


def read_occupations(folder: Path) -> list[Occupation]:
    """The occupations of ``folder/Occupation_Data.txt`` that map to a domain, in file order."""
    with (folder / OCCUPATIONS_FILE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [
        Occupation(row[SOC_COLUMN], row["Title"], row["Description"])
        for row in rows
        if soc_to_domain(row[SOC_COLUMN]) is not None
    ]


@dataclass(frozen=True, slots=True)
class OccupationSpace:
    """Unit-norm embeddings of O*NET occupations and each code's domain key (see ``build``)."""

    codes: tuple[str, ...]
    vectors: npt.NDArray[np.float64]
    domains: tuple[str | None, ...]

    @classmethod
    def build(cls, codes: Sequence[str], vectors: FloatArray) -> OccupationSpace:
        """A space over ``codes`` (rows of ``vectors``, renormalised to unit length).

        Raises:
            ValueError: When rows and codes differ in number.
        """
        if len(vectors) != len(codes):
            raise ValueError(VECTORS_MISMATCH.format(n_vectors=len(vectors), n_codes=len(codes)))
        matrix = np.asarray(vectors, dtype=np.float64)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        unit = matrix / np.where(norms > 0, norms, 1.0)
        return cls(tuple(codes), unit, tuple(_domain_key(code) for code in codes))


@dataclass(frozen=True, slots=True)
class OccupationSimilarity:
    """How close a CV embedding is to the posting's occupation(s)."""

    cosine: float
    domain_margin: float
    log_probability: float
    domain_log_probability: float


def occupation_similarity(
    resume_vector: FloatArray,
    posting: Iterable[str],
    space: OccupationSpace,
    temperature: float = TEMPERATURE,
) -> OccupationSimilarity:
    """The CV's closeness to the posting's occupations against the other O*NET occupations.

    ``cosine`` is to the closest posting occupation; ``domain_margin`` that cosine minus the
    best same-domain occupation that is not the posting's (0 when there is none); the log
    probabilities are of the posting's codes under ``softmax(cosines / temperature)`` over all
    occupations and over those of the closest posting occupation's domain. When no posting code
    is in ``space`` nothing is known: cosines 0, probabilities uniform (``1 / len(space)``),
    not a floor value that would dominate the standardised inputs.
    """
    wanted = set(posting)
    rows = [index for index, code in enumerate(space.codes) if code in wanted]
    if not rows:
        uniform = float(np.log(1.0 / max(len(space.codes), 1)))
        return OccupationSimilarity(0.0, 0.0, uniform, uniform)
    cosines = space.vectors @ np.asarray(resume_vector, dtype=np.float64)
    best = max(rows, key=lambda index: float(cosines[index]))
    weights = np.exp((cosines - cosines.max()) / temperature)
    in_domain = np.array([domain == space.domains[best] for domain in space.domains])
    siblings = in_domain.copy()
    siblings[rows] = False
    mass = float(weights[rows].sum())
    cosine = float(cosines[best])
    return OccupationSimilarity(
        cosine=cosine,
        domain_margin=cosine - float(cosines[siblings].max()) if siblings.any() else 0.0,
        log_probability=float(np.log(mass / weights.sum() + LOG_FLOOR)),
        domain_log_probability=float(np.log(mass / weights[in_domain].sum() + LOG_FLOOR)),
    )


@dataclass(frozen=True, slots=True)
class OccupationFeatures:
    """The occupation inputs of one pair, in ``OCCUPATION_FEATURE_NAMES`` order."""

    posting_has_soc: float
    resume_title_hits: float
    soc_shares: tuple[float, ...]
    similarity: OccupationSimilarity

    def row(self) -> tuple[float, ...]:
        """The values in ``OCCUPATION_FEATURE_NAMES`` order."""
        similarity = self.similarity
        return (
            self.posting_has_soc,
            self.resume_title_hits,
            *self.soc_shares,
            similarity.cosine,
            similarity.domain_margin,
            similarity.log_probability,
            similarity.domain_log_probability,
        )


def pair_occupation_features(
    resume_codes: Mapping[str, float],
    posting_codes: Sequence[str] | frozenset[str],
    resume_vector: FloatArray,
    space: OccupationSpace,
) -> OccupationFeatures:
    """All occupation inputs of a pair from its precomputed codes and the CV embedding."""
    return OccupationFeatures(
        posting_has_soc=1.0 if posting_codes else 0.0,
        resume_title_hits=float(np.log1p(sum(resume_codes.values()))),
        soc_shares=tuple(soc_share(resume_codes, posting_codes, d) for d in SOC_LEVELS),
        similarity=occupation_similarity(resume_vector, posting_codes, space),
    )


def _domain_key(code: str) -> str | None:
    domain = soc_to_domain(code)
    return domain.value if domain is not None else None
