"""Reading documents end to end: text -> ``OccupationProfile`` -> the domain the product shows.

``OccupationReader`` holds what reading needs once loaded: the ESCO ``OccupationIndex`` and its
encoder, and the optional inputs (the domain classifier, the O*NET title index, a skill
matcher). ``read_documents`` encodes every document's head and token windows in one batch,
extracts its ESCO skills, takes the classifier's distribution over the mean of its windows and
the O*NET title lookup of its title line, and scores the occupations
(``inference.profile_from_evidence``). ``document_domain`` is the one function any domain shown
or scored should read: the domain follows from the occupations through the ISCO -> domain
mapping, the classifier being one input. Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from matching.core.encoding.encoder import Encoder, l2_normalise
from matching.core.occupations.domains import DomainClassifier, DomainPrediction
from matching.core.occupations.esco_index import OccupationIndex
from matching.core.occupations.inference import (
    DEFAULT_WEIGHTS,
    DocumentEvidence,
    OccupationWeights,
    profile_from_evidence,
)
from matching.core.occupations.lookup import document_passages, passages_of
from matching.core.occupations.onet_titles import OnetTitleIndex
from matching.core.occupations.profile import OccupationProfile
from matching.core.skills.matcher import SkillMatcher, extract_skills

TITLE_LINE_MAX_CHARS = 200
MODEL_MISMATCH = "the occupation index was built with {index}, the encoder is {encoder}"
TITLES_LENGTH = "titles: {found} given for {expected} texts"


@dataclass(frozen=True, eq=False)
class OccupationReader:
    """The loaded pieces of occupation reading (build once per process, reuse for every text)."""

    index: OccupationIndex
    encoder: Encoder
    classifier: DomainClassifier | None = None
    onet_titles: OnetTitleIndex | None = None
    skill_matcher: SkillMatcher | None = None
    weights: OccupationWeights = DEFAULT_WEIGHTS

    def __post_init__(self) -> None:
        if self.index.model_id != self.encoder.model_id:
            raise ValueError(
                MODEL_MISMATCH.format(index=self.index.model_id, encoder=self.encoder.model_id)
            )


def title_line(text: str) -> str:
    """The first non-empty line, cut at ``|`` (a posting's or a CV's title line by convention)."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    return line.split("|")[0].strip()[:TITLE_LINE_MAX_CHARS]


def document_evidence(
    texts: Sequence[str],
    *,
    reader: OccupationReader,
    titles: Sequence[str | None] | None = None,
) -> list[DocumentEvidence]:
    """What inference reads from each text; all passages are encoded in one batch.

    Raises:
        ValueError: When ``titles`` is given with another length than ``texts``.
    """
    chosen = list(titles) if titles is not None else [None] * len(texts)
    if len(chosen) != len(texts):
        raise ValueError(TITLES_LENGTH.format(found=len(chosen), expected=len(texts)))
    passages = [
        document_passages(text, title, passages=passages_of(text, reader.encoder))
        for text, title in zip(texts, chosen, strict=True)
    ]
    flat = [passage for document in passages for passage in document]
    vectors = reader.encoder.encode(flat) if flat else np.zeros((0, reader.encoder.dimension))
    evidence, start = [], 0
    for text, title, document in zip(texts, chosen, passages, strict=True):
        rows = np.asarray(vectors[start : start + len(document)], dtype=np.float32)
        start += len(document)
        evidence.append(_evidence(text, title, rows, reader))
    return evidence


def _evidence(
    text: str, title: str | None, rows: np.ndarray, reader: OccupationReader
) -> DocumentEvidence:
    prior = None
    if reader.classifier is not None:
        body = rows[1:] if len(rows) > 1 else rows
        pooled = l2_normalise(body.mean(axis=0, keepdims=True))
        prior = tuple(float(v) for v in reader.classifier.domain_probabilities(pooled)[0])
    onet = None
    if reader.onet_titles is not None:
        onet = reader.onet_titles.probabilities(title or title_line(text))
    skills = tuple(match.uri for match in extract_skills(text, reader.skill_matcher))
    return DocumentEvidence(
        text=text,
        passage_vectors=rows,
        skill_uris=skills,
        title=title,
        domain_prior=prior,
        onet_domains=onet,
    )


def read_documents(
    texts: Sequence[str],
    *,
    reader: OccupationReader,
    titles: Sequence[str | None] | None = None,
) -> list[OccupationProfile]:
    """Each text's top ESCO occupations and its domain (``titles``: vacancies' titles, if any)."""
    return [
        profile_from_evidence(reader.index, evidence, reader.weights)
        for evidence in document_evidence(texts, reader=reader, titles=titles)
    ]


def profile_domain(profile: OccupationProfile) -> DomainPrediction:
    """A profile's domain in the shape the score and the explanation read."""
    return DomainPrediction(
        domain=profile.domain,
        confidence=profile.domain_confidence,
        probabilities=profile.domain_probabilities,
    )


def document_domain(
    text: str, *, reader: OccupationReader, title: str | None = None
) -> DomainPrediction:
    """The domain of one CV or vacancy, derived from its occupations (what the product shows)."""
    (profile,) = read_documents([text], reader=reader, titles=[title])
    return profile_domain(profile)
