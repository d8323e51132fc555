"""``infer_occupations``: one CV or vacancy text to its ``OccupationProfile``.

Cuts the text into passages, encodes them with the index's encoder (or takes them already
encoded), and hands them with the document's skills, title and domain inputs to
``matching.core.occupations.inference``. Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from matching.core.encoding.chunking import chunk_text
from matching.core.encoding.encoder import Encoder
from matching.core.occupations.esco_index import OccupationIndex
from matching.core.occupations.inference import (
    DEFAULT_WEIGHTS,
    HEAD_CHARS,
    DocumentEvidence,
    FloatMatrix,
    OccupationWeights,
    profile_from_evidence,
)
from matching.core.occupations.profile import OccupationProfile

PASSAGE_CHARS = 1000
MAX_PASSAGES = 24
NEEDS_VECTORS = "infer_occupations needs an encoder or passage_vectors"


class PassageEncoder(Protocol):
    """Anything that turns texts into L2-normalised vectors."""

    def encode(self, texts: Sequence[str]) -> npt.NDArray[np.float32]: ...


def document_passages(
    text: str, title: str | None = None, *, passages: Sequence[str] = ()
) -> list[str]:
    """The texts to encode for a document: its head (or ``title``) first, then ``passages``."""
    head = title.strip() if title and title.strip() else text[:HEAD_CHARS]
    return [head or " ", *passages]


def split_passages(text: str, size: int = PASSAGE_CHARS) -> list[str]:
    """Cut ``text`` into passages of about ``size`` characters at whitespace (none when empty)."""
    words = text.split()
    passages: list[str] = []
    current: list[str] = []
    length = 0
    for word in words:
        if current and length + len(word) > size:
            passages.append(" ".join(current))
            current, length = [], 0
        current.append(word)
        length += len(word) + 1
    if current:
        passages.append(" ".join(current))
    return passages[:MAX_PASSAGES]


def passages_of(text: str, encoder: object) -> list[str]:
    """The encoder's own token windows (``matching.core.encoding.chunking``) when it has a
    tokenizer,
    else ``split_passages``: the same windows the whole-document embedding pools."""
    if isinstance(encoder, Encoder):
        return [chunk.text for chunk in chunk_text(text, encoder) if chunk.text.strip()]
    return split_passages(text)


def infer_occupations(
    text: str,
    index: OccupationIndex,
    *,
    encoder: PassageEncoder | None = None,
    passage_vectors: FloatMatrix | None = None,
    skills: Sequence[str] = (),
    title: str | None = None,
    domain_prior: Sequence[float] | None = None,
    onet_domains: Sequence[float] | None = None,
    weights: OccupationWeights = DEFAULT_WEIGHTS,
) -> OccupationProfile:
    """The top ESCO occupations of a CV or vacancy text, with calibrated confidences and domain.

    Args:
        text: The document's text.
        index: From ``build_occupation_index`` (the same encoder as the passages).
        encoder: Encodes ``document_passages(text, title, passages=passages_of(text, encoder))``
            when ``passage_vectors`` is not given.
        passage_vectors: Those passages already encoded (row 0 the head or title).
        skills: ESCO skill URIs found in the text (``matching.core.skills``).
        title: A vacancy's title (or a CV's headline); matched as a job title and used as head.
        domain_prior: The domain classifier's distribution over ``DOMAIN_KEYS``, if any.
        onet_domains: An O*NET title lookup's distribution over ``DOMAIN_KEYS``, if any.
        weights: The evidence weights and temperature.

    Raises:
        ValueError: When neither ``encoder`` nor ``passage_vectors`` is given, or a shape is wrong.
    """
    if passage_vectors is None:
        if encoder is None:
            raise ValueError(NEEDS_VECTORS)
        passage_vectors = encoder.encode(
            document_passages(text, title, passages=split_passages(text))
        )
    evidence = DocumentEvidence(
        text=text,
        passage_vectors=passage_vectors,
        skill_uris=tuple(skills),
        title=title,
        domain_prior=tuple(domain_prior) if domain_prior is not None else None,
        onet_domains=tuple(onet_domains) if onet_domains is not None else None,
    )
    return profile_from_evidence(index, evidence, weights)
