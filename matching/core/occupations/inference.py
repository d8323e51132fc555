"""Zero-shot occupation inference: which ESCO occupations a CV or a vacancy is about.

Three kinds of evidence, each turned into one score per occupation of the index:

* ``semantic``: the document's passages (its token windows and its head, or the given title)
  against each occupation's text (label, alternative labels, description) and its label alone;
  the best passage counts, standardised over the occupations;
* ``skills``: the document's ESCO skills voting through the occupation-skill relations
  (``skill_votes``: essential > optional, idf-weighted), a cosine in [0, 1];
* ``titles``: ESCO labels found in the text (``title_lexicon``), stronger in the head of the
  document and in the given title, split over the occupations sharing a label;
* ``job_titles``: ESCO labels in the job-header lines of a CV's experience section
  (``cv_sections``), the most recent entry counting most.

The logit of an occupation is the weighted sum, the confidences a softmax at ``temperature``
over all occupations (they sum to 1 over the taxonomy; the profile keeps the ``top_k``). The 13
domains follow through the ISCO -> domain mapping (``isco_domains``) from a flatter copy of the
softmax (``domain_spread``: the runner-up occupations vote too), each domain's mass divided by its
share of the taxonomy's occupations to a power (``domain_balance``: 1,288 of 3,007 occupations are
trades and operations, which would otherwise win on a flat tail); mass on cross-sector
occupations, and a ``classifier`` share, go to the domain classifier's distribution when one is
given, an O*NET title lookup of the title line is blended in, and the result is calibrated
(``domain_temperature``). The few weights are
the only things tuned on data (``research/explore_occupations.py tune``, on tuning splits only).
Pure Python: no Django.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from matching.core.occupations.cv_sections import job_header_lines
from matching.core.occupations.domains import DOMAIN_KEYS
from matching.core.occupations.esco_index import OccupationIndex
from matching.core.occupations.isco_domains import isco_to_domain
from matching.core.occupations.profile import OccupationCandidate, OccupationProfile

HEAD_CHARS = 300
TITLE_SCALE = 10.0
WEIGHTS_INVALID = "occupation weights: {name} must be {rule}, got {value}"
VECTORS_INVALID = "passage vectors must have shape (m, {dimension}) with m >= 1, got {shape}"
DISTRIBUTION_INVALID = "{name} must hold {n} probabilities, got {found}"

FloatMatrix = npt.NDArray[np.floating]


@dataclass(frozen=True, slots=True)
class OccupationWeights:
    """The few tuned numbers of inference (defaults chosen on the tuning split)."""

    semantic: float = 1.0
    label: float = 2.0
    skills: float = 32.0
    titles: float = 1.0
    body_titles: float = 0.5
    # Titles in the job-header lines of the experience section (``cv_sections``), the most
    # recent entry counting most.
    job_titles: float = 1.0
    temperature: float = 1.0
    classifier: float = 0.35
    onet: float = 0.25
    top_k: int = 5
    domain_top: int = 0
    # Calibration of the domain distribution: p ** (1 / t), renormalised (1.0: unchanged); the
    # domain stays the same, only its confidence moves (0.5: lowest ECE on the tuning parts).
    domain_temperature: float = 0.5
    # Per-domain normalisation of the occupations' domain mass: divided by (the domain's share
    # of the taxonomy's occupations) ** domain_balance, so that a domain with many occupations
    # (1,288 of 3,007 are trades and operations) does not win on a flat tail (0: unchanged).
    domain_balance: float = 0.75
    # Temperature multiplier of the occupations' softmax as read for the domain only: above 1,
    # the runner-up occupations speak for the domain too (the shown confidences are unchanged).
    domain_spread: float = 3.0

    def __post_init__(self) -> None:
        for name in ("semantic", "label", "skills", "titles", "body_titles", "job_titles"):
            if getattr(self, name) < 0:
                raise ValueError(
                    WEIGHTS_INVALID.format(name=name, rule=">= 0", value=getattr(self, name))
                )
        for name in ("temperature", "domain_temperature", "domain_spread"):
            if not getattr(self, name) > 0:
                raise ValueError(
                    WEIGHTS_INVALID.format(name=name, rule="> 0", value=getattr(self, name))
                )
        if self.domain_balance < 0:
            raise ValueError(
                WEIGHTS_INVALID.format(
                    name="domain_balance", rule=">= 0", value=self.domain_balance
                )
            )
        for name in ("classifier", "onet"):
            if not 0 <= getattr(self, name) <= 1:
                raise ValueError(
                    WEIGHTS_INVALID.format(name=name, rule="in [0, 1]", value=getattr(self, name))
                )
        if self.top_k < 1:
            raise ValueError(WEIGHTS_INVALID.format(name="top_k", rule=">= 1", value=self.top_k))


DEFAULT_WEIGHTS = OccupationWeights()


@dataclass(frozen=True, slots=True)
class DocumentEvidence:
    """What inference reads from one document (everything already encoded or extracted).

    ``passage_vectors`` row 0 is the head (the given title, or the first ``HEAD_CHARS``
    characters), the other rows the document's passages; all L2-normalised.
    """

    text: str
    passage_vectors: FloatMatrix
    skill_uris: tuple[str, ...] = ()
    title: str | None = None
    domain_prior: tuple[float, ...] | None = None
    onet_domains: tuple[float, ...] | None = None
    extra: dict[str, float] = field(default_factory=dict)


def _standardise(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    spread = values.std()
    return (values - values.mean()) / spread if spread > 1e-12 else np.zeros_like(values)


def title_scores(
    index: OccupationIndex, text: str, title: str | None
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Label hits per occupation: in the head (or the given title), and in the body.

    Each distinct label counts once per part, split over the occupations it names; the head
    counts one-word family titles ("chef", "pilot"), the body only labels of several words
    (a one-word title deep in a CV is too often something else: "education", "coach").
    Returns ``log1p(TITLE_SCALE * hits)`` for the head and for the body.
    """
    head, body = np.zeros(len(index)), np.zeros(len(index))
    head_text = title if title and title.strip() else text[:HEAD_CHARS]
    seen: set[str] = set()
    for hit in index.titles.find(head_text):
        if hit.term not in seen:
            seen.add(hit.term)
            head[list(hit.rows)] += 1.0 / len(hit.rows)
    body_text = text if title and title.strip() else text[HEAD_CHARS:]
    for hit in index.titles.find(body_text):
        if " " in hit.term and hit.term not in seen:
            seen.add(hit.term)
            body[list(hit.rows)] += 1.0 / len(hit.rows)
    return np.log1p(TITLE_SCALE * head), np.log1p(TITLE_SCALE * body)


def job_title_scores(index: OccupationIndex, text: str) -> npt.NDArray[np.float64]:
    """Label hits per occupation in the job-header lines of the experience section.

    The ``k``-th entry (most recent first) counts ``1 / (k + 1)``; each distinct label once (its
    first entry), split over the occupations it names, one-word family titles included (a header
    line is a title, not prose). Returns ``log1p(TITLE_SCALE * hits)``.
    """
    hits = np.zeros(len(index))
    seen: set[str] = set()
    for entry, line in enumerate(job_header_lines(text)):
        for hit in index.titles.find(line):
            if hit.term not in seen:
                seen.add(hit.term)
                hits[list(hit.rows)] += 1.0 / ((entry + 1) * len(hit.rows))
    return np.log1p(TITLE_SCALE * hits)


def evidence_scores(
    index: OccupationIndex, evidence: DocumentEvidence
) -> dict[str, npt.NDArray[np.float64]]:
    """The evidence scores per occupation, before weighting."""
    vectors = np.asarray(evidence.passage_vectors, dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[0] < 1 or vectors.shape[1] != index.vectors.shape[1]:
        raise ValueError(
            VECTORS_INVALID.format(dimension=index.vectors.shape[1], shape=vectors.shape)
        )
    similarity = (vectors @ index.vectors.T).astype(np.float64)
    head_titles, body_titles = title_scores(index, evidence.text, evidence.title)
    return {
        "semantic": _standardise(similarity.max(axis=0)),
        "label": _standardise((vectors[0] @ index.label_vectors.T).astype(np.float64)),
        "skills": index.skills.scores(evidence.skill_uris),
        "titles": head_titles,
        "body_titles": body_titles,
        "job_titles": job_title_scores(index, evidence.text),
    }


def _softmax(logits: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def _distribution(values: tuple[float, ...] | None, name: str) -> npt.NDArray[np.float64] | None:
    if values is None:
        return None
    array = np.asarray(values, dtype=np.float64)
    if array.shape != (len(DOMAIN_KEYS),) or not math.isfinite(float(array.sum())):
        raise ValueError(
            DISTRIBUTION_INVALID.format(name=name, n=len(DOMAIN_KEYS), found=array.shape)
        )
    total = array.sum()
    return array / total if total > 0 else None


def domain_distribution(
    index: OccupationIndex,
    confidences: npt.NDArray[np.float64],
    evidence: DocumentEvidence,
    weights: OccupationWeights,
) -> npt.NDArray[np.float64]:
    """The 13-domain distribution implied by the occupations, mixed with the other inputs."""
    prior = _distribution(evidence.domain_prior, "domain_prior")
    if 0 < weights.domain_top < len(confidences):
        # Only the leading occupations speak for the domain, renormalised: the long tail of
        # a taxonomy with 1,288 manufacturing and trades occupations would otherwise pile up.
        kept = np.argpartition(-confidences, weights.domain_top)[: weights.domain_top]
        leading = np.zeros_like(confidences)
        leading[kept] = confidences[kept] / confidences[kept].sum()
        confidences = leading
    from_occupations = confidences @ index.domain_matrix
    if weights.domain_balance > 0:
        from_occupations = balance_domains(from_occupations, index, weights.domain_balance)
    unmapped = max(0.0, 1.0 - float(from_occupations.sum()))
    if prior is None:
        mixed = from_occupations / max(float(from_occupations.sum()), 1e-12)
    else:
        mixed = (1 - weights.classifier) * (from_occupations + unmapped * prior)
        mixed = mixed + weights.classifier * prior
    onet = _distribution(evidence.onet_domains, "onet_domains")
    if onet is not None:
        mixed = (1 - weights.onet) * mixed + weights.onet * onet
    if weights.domain_temperature != 1.0:
        mixed = np.power(np.maximum(mixed, 0.0), 1.0 / weights.domain_temperature)
    return mixed / mixed.sum()


def balance_domains(
    mass: npt.NDArray[np.float64], index: OccupationIndex, power: float
) -> npt.NDArray[np.float64]:
    """``mass`` per domain divided by (the domain's share of mapped occupations) ** ``power``,
    rescaled to the same total (so the cross-sector share left to the classifier is unchanged).

    A domain without any occupation in the index keeps no mass.
    """
    counts = index.domain_matrix.sum(axis=0)
    share = counts / max(float(counts.sum()), 1.0)
    factor = np.zeros_like(share)
    present = share > 0
    factor[present] = share[present] ** -power
    balanced = mass * factor
    total = float(balanced.sum())
    return balanced * (float(mass.sum()) / total) if total > 0 else mass


def profile_from_evidence(
    index: OccupationIndex,
    evidence: DocumentEvidence,
    weights: OccupationWeights = DEFAULT_WEIGHTS,
) -> OccupationProfile:
    """Score every occupation of ``index`` for ``evidence`` and keep the ``top_k``."""
    return profile_from_scores(index, evidence_scores(index, evidence), evidence, weights)


def top_rows(confidences: npt.NDArray[np.float64], uris: Sequence[str], k: int) -> list[int]:
    """The ``k`` most confident rows, equal confidences in URI order (ties are deterministic)."""
    k = min(k, len(confidences))
    threshold = np.partition(confidences, len(confidences) - k)[len(confidences) - k]
    rows = np.flatnonzero(confidences >= threshold).tolist()
    return sorted(rows, key=lambda row: (-confidences[row], uris[row]))[:k]


def profile_from_scores(
    index: OccupationIndex,
    scores: dict[str, npt.NDArray[np.float64]],
    evidence: DocumentEvidence,
    weights: OccupationWeights = DEFAULT_WEIGHTS,
) -> OccupationProfile:
    """The profile for already computed ``evidence_scores`` (tuning re-weights them cheaply)."""
    factors = {name: float(getattr(weights, name)) for name in scores}
    logits = np.zeros(len(index))
    for name, values in scores.items():
        logits += factors[name] * values
    confidences = _softmax(logits / weights.temperature)
    top = [
        OccupationCandidate(
            uri=index.uris[row],
            label=index.labels[row],
            isco_code=index.isco_codes[row],
            isco_label=index.group_label(index.isco_codes[row]),
            domain=_domain_key(index.isco_codes[row]),
            confidence=float(confidences[row]),
            evidence=tuple(
                (name, factors[name] * float(values[row])) for name, values in scores.items()
            ),
        )
        for row in top_rows(confidences, index.uris, weights.top_k)
    ]
    spread = (
        confidences
        if weights.domain_spread == 1.0
        else _softmax(logits / (weights.temperature * weights.domain_spread))
    )
    domains = domain_distribution(index, spread, evidence, weights)
    best = int(np.argmax(domains))
    return OccupationProfile(
        occupations=tuple(top),
        domain=DOMAIN_KEYS[best],
        domain_confidence=float(domains[best]),
        domain_probabilities=tuple(float(value) for value in domains),
        esco_version=index.version,
    )


def _domain_key(code: str) -> str | None:
    domain = isco_to_domain(code)
    return domain.value if domain is not None else None
