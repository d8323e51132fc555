"""FairMatch's pair scorer: blind text, whole-document embeddings and domain agreement.

For each (resume, job) pair the score combines
- ``domain``: the probability that the resume and the job are in the same professional domain
  (the product of their domain distributions, from the trained domain classifier when one ships,
  otherwise from similarity to short domain descriptions; a job whose title line is an O*NET
  occupation title gets that title's domains mixed in, ``matching.core.occupations.onet_titles``),
  and
- ``semantic``: the mean of the cosines of the resume with the whole job (chunked, nothing
  truncated) and with the job's title line.
The resume is redacted (``matching.core.redaction``) before anything is encoded. Every distinct
text is encoded once, so scoring N applications over M vacancies costs N + M encodings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import numpy.typing as npt

from matching.core.encoding.chunking import encode_documents
from matching.core.encoding.embedding_store import EmbeddingStore
from matching.core.encoding.encoder import Encoder, l2_normalise, weights_id
from matching.core.occupations.onet_titles import (
    DEFAULT_TITLE_WEIGHT,
    OnetTitleIndex,
    blend_title_domains,
)
from matching.core.redaction import redact
from matching.core.types import DocumentEmbeddings, FloatArray

if TYPE_CHECKING:
    from matching.core.occupations.domains import DomainClassifier

TITLE_MAX_CHARS = 120
LENGTH_MISMATCH = "Got {n_resumes} resumes and {n_jobs} jobs; pairs need one of each."
DOMAIN_DESCRIPTIONS: dict[str, str] = {
    "technology": "software developer, programmer, data scientist, database administrator, "
    "devops, network security engineer, IT support, software testing, Java, Python, SQL, cloud",
    "healthcare": "nurse, physician, therapist, patient care, hospital, clinic, medical "
    "assistant, health and fitness trainer, nutrition, pharmacy",
    "finance": "accountant, financial analyst, banking, auditing, bookkeeping, tax, investment, "
    "insurance underwriting, budgeting",
    "education": "teacher, tutor, professor, school, curriculum, students, classroom "
    "instruction, training and teaching",
    "legal": "lawyer, attorney, advocate, paralegal, legal assistant, court, litigation, "
    "contracts, law degree LLB",
    "marketing_sales": "sales representative, account manager, marketing, advertising, business "
    "development, customers, sales targets, promotion",
    "manufacturing_operations": "manufacturing, production, maintenance technician, mechanical "
    "engineer, electrical engineer, plant operations, quality control, logistics, supply chain, "
    "operations manager",
    "design": "graphic designer, web designer, UI UX, visual arts, illustration, Photoshop, "
    "creative design, interior design",
    "retail_hospitality": "retail store associate, cashier, restaurant, hotel, hospitality, food "
    "service, customer service, merchandising",
    "construction_real_estate": "civil engineer, construction site, project manager "
    "construction, building, architecture, real estate, contractor, surveying",
    "human_resources": "human resources, recruiting, talent acquisition, HR generalist, payroll, "
    "employee relations, onboarding, training and development",
    "media_entertainment": "journalist, writer, editor, video production, film, music, arts, "
    "broadcasting, content creation, photography",
    "government_nonprofit": "public administration, government agency, nonprofit, social work, "
    "community services, policy, public safety",
}

ProgressCallback = Callable[[int, int], None]


class DomainModel(Protocol):
    """Maps document embeddings to probabilities over the 13 domains (fixed order)."""

    def domain_probabilities(
        self, embeddings: npt.NDArray[np.floating[Any]]
    ) -> npt.NDArray[np.float64]:
        """``(n, 13)`` probabilities, rows summing to 1."""
        ...


@dataclass(frozen=True, slots=True)
class PrototypeDomainModel:
    """Zero-shot domains: softmax of the similarity to each domain's description vector."""

    prototypes: FloatArray
    temperature: float = 0.02

    def domain_probabilities(
        self, embeddings: npt.NDArray[np.floating[Any]]
    ) -> npt.NDArray[np.float64]:
        """Softmax over domains of cosine / temperature."""
        logits = np.asarray(embeddings, dtype=np.float64) @ self.prototypes.T / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return np.asarray(weights / weights.sum(axis=1, keepdims=True), dtype=np.float64)


_PROTOTYPES: dict[str, PrototypeDomainModel] = {}


def prototype_domain_model(encoder: Encoder) -> PrototypeDomainModel:
    """The zero-shot domain model from ``DOMAIN_DESCRIPTIONS`` with ``encoder`` (cached)."""
    if encoder.model_id not in _PROTOTYPES:
        texts = [f"{key.replace('_', ' ')}: {text}" for key, text in DOMAIN_DESCRIPTIONS.items()]
        _PROTOTYPES[encoder.model_id] = PrototypeDomainModel(encoder.encode(texts, kind="query"))
    return _PROTOTYPES[encoder.model_id]


@dataclass(frozen=True, slots=True)
class ScorerConfig:
    """Weights of FairMatch's score (chosen on the tuning split only, see the docs)."""

    domain_weight: float = 0.8
    title_weight: float = 0.5
    semantic_low: float = 0.1
    semantic_high: float = 0.6
    is_blind: bool = True
    # Share of a matched O*NET title's domains in a job's domain row (used with a title index).
    onet_title_weight: float = DEFAULT_TITLE_WEIGHT


@dataclass(frozen=True, slots=True)
class PairScores:
    """FairMatch's output for a list of pairs, with the parts of each score."""

    scores: FloatArray
    domain: FloatArray
    semantic: FloatArray
    chunk_counts: tuple[int, ...]


def job_title(text: str) -> str:
    """The first non-empty line of a posting, cut at ``|`` (a title line by convention)."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    return line.split("|")[0].strip()[:TITLE_MAX_CHARS]


def score_pairs(
    resumes: Sequence[str],
    jobs: Sequence[str],
    encoder: Encoder,
    *,
    domain_model: DomainModel | None = None,
    config: ScorerConfig | None = None,
    store: EmbeddingStore | None = None,
    on_progress: ProgressCallback | None = None,
    title_index: OnetTitleIndex | None = None,
) -> PairScores:
    """Score (resume, job) pairs from 0 to 100, encoding each distinct text once.

    Args:
        resumes: Resume text of each pair (redacted here before encoding).
        jobs: Job text of each pair.
        encoder: The sentence encoder.
        domain_model: Domain classifier over document embeddings; ``None`` builds the zero-shot
            ``PrototypeDomainModel``.
        config: Weights; the defaults are the shipped ones.
        store: Optional embedding cache.
        on_progress: Called with (documents encoded, documents to encode).
        title_index: O*NET titles; each distinct job's domain row becomes ``(1 - w) * row +
            w * q`` where its title matches (``w`` = ``config.onet_title_weight``).

    Returns:
        Scores in ``[0, 100]`` with their domain and semantic parts.

    Raises:
        ValueError: When ``resumes`` and ``jobs`` differ in length.
    """
    if len(resumes) != len(jobs):
        raise ValueError(LENGTH_MISMATCH.format(n_resumes=len(resumes), n_jobs=len(jobs)))
    settings = config or ScorerConfig()
    model = domain_model or prototype_domain_model(encoder)
    blind = {text: redact(text) if settings.is_blind else text for text in set(resumes)}
    blind_resumes = [blind[text] for text in resumes]
    total = len(set(blind_resumes)) + len(set(jobs))
    resume_docs, left = _encode_side(blind_resumes, encoder, store, _offset(on_progress, 0, total))
    job_docs, right = _encode_side(
        jobs, encoder, store, _offset(on_progress, total - len(set(jobs)), total)
    )
    titles = _title_vectors(jobs, encoder, store)
    job_vectors = job_docs.vectors[right]
    resume_domains = model.domain_probabilities(resume_docs.vectors)[left]
    # A job's domain reads its whole text and its title together, as one unit vector.
    job_rows = model.domain_probabilities(l2_normalise(job_docs.vectors + titles))
    job_rows = blend_title_domains(
        job_rows, list(dict.fromkeys(jobs)), title_index, settings.onet_title_weight
    )
    job_domains = job_rows[right]
    domain = np.einsum("ij,ij->i", resume_domains, job_domains).astype(np.float32)
    resume_vectors = resume_docs.vectors[left]
    semantic = (1.0 - settings.title_weight) * np.einsum(
        "ij,ij->i", resume_vectors, job_vectors
    ) + settings.title_weight * np.einsum("ij,ij->i", resume_vectors, titles[right])
    return PairScores(
        scores=_combine(domain, semantic.astype(np.float32), settings),
        domain=domain,
        semantic=semantic.astype(np.float32),
        chunk_counts=tuple(resume_docs.chunk_counts[row] for row in left),
    )


def _encode_side(
    texts: Sequence[str],
    encoder: Encoder,
    store: EmbeddingStore | None,
    on_progress: ProgressCallback | None,
) -> tuple[DocumentEmbeddings, npt.NDArray[np.int64]]:
    """Encode the distinct texts of one side; return them and each pair's row among them."""
    distinct = list(dict.fromkeys(texts))
    row = {text: index for index, text in enumerate(distinct)}
    documents = encode_documents(distinct, encoder, store=store, on_progress=on_progress)
    return documents, np.array([row[text] for text in texts], dtype=np.int64)


def _title_vectors(
    jobs: Sequence[str], encoder: Encoder, store: EmbeddingStore | None
) -> FloatArray:
    """The title-line vector of each distinct job, in first-seen order (cached like documents)."""
    titles = [job_title(text) for text in dict.fromkeys(jobs)]
    return encode_documents(titles, encoder, kind="query", store=store).vectors


def _combine(domain: FloatArray, semantic: FloatArray, config: ScorerConfig) -> FloatArray:
    span = config.semantic_high - config.semantic_low
    semantic_scaled = np.clip((semantic - config.semantic_low) / span, 0.0, 1.0)
    combined = config.domain_weight * domain + (1.0 - config.domain_weight) * semantic_scaled
    return np.clip(combined * 100.0, 0.0, 100.0).astype(np.float32)


def _offset(
    on_progress: ProgressCallback | None, done_before: int, total: int
) -> ProgressCallback | None:
    if on_progress is None:
        return None
    callback = on_progress

    def report(done: int, _: int) -> None:
        callback(done_before + done, total)

    return report


def default_domain_model(
    encoder: Encoder, classifier: DomainClassifier | None = None
) -> DomainModel:
    """The shipped domain classifier if it was trained on ``encoder``, else the prototypes.

    ``classifier`` is the shipped one already loaded (a process keeps one); None reads the file.
    """
    from matching.core.occupations.domains import load_domain_classifier

    if classifier is None:
        try:
            classifier = load_domain_classifier()
        except (FileNotFoundError, ValueError):
            return prototype_domain_model(encoder)
    if classifier.model_id != weights_id(encoder.model_id):
        return prototype_domain_model(encoder)
    return classifier
