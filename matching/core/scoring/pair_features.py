"""Feature scores for many (resume, job) text pairs at once, encoding each distinct text once.

This is the bulk path from raw texts to ``FeatureScores`` (then ``scoring.score_pair``): the
resume is redacted first (blind scoring), whole documents are embedded in overlapping chunks,
the job's title line and both texts' ESCO-standardised skill lists are embedded too, and the
domain classifier gives both sides a domain distribution (a job's blended with its O*NET title
match when a title index is given, exactly as ``pipeline.score_pairs`` does).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from matching.core.encoding.chunking import ProgressCallback, encode_documents
from matching.core.encoding.embedding_store import EmbeddingStore
from matching.core.encoding.encoder import Encoder
from matching.core.occupations.domains import DomainClassifier, DomainPrediction
from matching.core.occupations.onet_titles import (
    DEFAULT_TITLE_WEIGHT,
    OnetTitleIndex,
    blend_prediction,
)
from matching.core.redaction import redact
from matching.core.scoring.feature_types import FeatureScores, ResumeFacts, VacancyFacts
from matching.core.scoring.features import compute_features
from matching.core.scoring.scoring import MatchExplanation, score_pair
from matching.core.skills.canonical import canonical_skills
from matching.core.types import FloatArray

if TYPE_CHECKING:  # the parser is optional at run time (see parsed_resume_facts)
    from candidates.extraction.profile import ParsedProfile

TITLE_MAX_CHARS = 120
PAIRS_LENGTH_ERROR = "got {n_resumes} resumes and {n_jobs} jobs; pairs need one of each"

ResumeFactsBuilder = Callable[[str], ResumeFacts]


@dataclass(frozen=True, slots=True)
class TextSide:
    """Embeddings and domains of the distinct texts of one side of the pairs."""

    texts: list[str]
    vectors: FloatArray
    standardised: FloatArray
    domains: list[DomainPrediction]


def first_line_title(text: str) -> str:
    """A posting's first non-empty line, cut at ``|`` (job boards put the site name after it)."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    return line.split("|")[0].strip()[:TITLE_MAX_CHARS]


def plain_resume_facts(text: str) -> ResumeFacts:
    """Facts from the text alone (canonical skills), for callers without a CV parser."""
    return ResumeFacts(text=text, skills=canonical_skills(text))


def parsed_resume_facts(text: str) -> ResumeFacts:
    """Facts from the CV parser (``candidates.extraction``) with canonical skills.

    Falls back to ``plain_resume_facts`` where the parser is not installed.
    """
    try:
        from candidates.extraction.profile import parse_profile
    except ImportError:
        return plain_resume_facts(text)
    profile = parse_profile(text, skill_extractor=lambda value: list(canonical_skills(value)))
    return resume_facts_from_profile(profile, text=text)


def resume_facts_from_profile(
    profile: ParsedProfile, *, text: str, domain: str | None = None
) -> ResumeFacts:
    """The facts the features read from a parsed CV; ``text`` is the text they match on.

    Years count as known only when the parser found an experience entry or a total.
    """
    known_years = profile.experience_count > 0 or profile.years_total > 0
    return ResumeFacts(
        text=text,
        skills=profile.skills,
        years_total=profile.years_total if known_years else None,
        skill_years=tuple((item.skill, item.years) for item in profile.skill_years),
        has_summary=profile.has_summary,
        has_experience=profile.experience_count > 0 or "experience" in profile.sections,
        has_education=profile.has_education,
        has_projects=profile.has_projects,
        has_certifications=profile.has_certifications,
        contact_info_complete=profile.contact_info_complete,
        domain=domain,
    )


def build_pair_features(
    resumes: Sequence[str],
    jobs: Sequence[str],
    encoder: Encoder,
    classifier: DomainClassifier,
    *,
    resume_facts: ResumeFactsBuilder = parsed_resume_facts,
    store: EmbeddingStore | None = None,
    on_progress: ProgressCallback | None = None,
    title_index: OnetTitleIndex | None = None,
    title_weight: float = DEFAULT_TITLE_WEIGHT,
) -> list[FeatureScores]:
    """Compute the feature scores of every (resume, job) pair.

    Args:
        resumes: Resume text of each pair (redacted here before anything else).
        jobs: Job posting text of each pair (its first line is taken as the title).
        encoder: The sentence encoder the domain classifier was trained with.
        classifier: The domain classifier.
        resume_facts: Builds a CV's facts from its redacted text (the CV parser by default).
        store: Optional embedding cache.
        on_progress: Called with (documents encoded, documents to encode) per side.
        title_index: O*NET titles blended into each job's domain (``blend_prediction``).
        title_weight: The blend's weight ``w``.

    Returns:
        One ``FeatureScores`` per pair, in order.

    Raises:
        ValueError: When ``resumes`` and ``jobs`` differ in length.
    """
    if len(resumes) != len(jobs):
        raise ValueError(PAIRS_LENGTH_ERROR.format(n_resumes=len(resumes), n_jobs=len(jobs)))
    blind = {text: redact(text) for text in set(resumes)}
    resume_side = _embed_side(list(dict.fromkeys(blind.values())), encoder, classifier, store)
    job_side = _embed_side(list(dict.fromkeys(jobs)), encoder, classifier, store, on_progress)
    titles = [first_line_title(text) for text in job_side.texts]
    title_vectors = encoder.encode(titles, kind="query")
    facts = {
        text: _with_domain(resume_facts(text), resume_side, row)
        for row, text in enumerate(resume_side.texts)
    }
    vacancies = {
        text: _vacancy(
            text,
            titles[row],
            blend_prediction(job_side.domains[row], text, title_index, title_weight),
        )
        for row, text in enumerate(job_side.texts)
    }
    resume_row = {text: row for row, text in enumerate(resume_side.texts)}
    job_row = {text: row for row, text in enumerate(job_side.texts)}
    results = []
    for resume, job in zip(resumes, jobs, strict=True):
        left, right = resume_row[blind[resume]], job_row[job]
        results.append(
            compute_features(
                facts[blind[resume]],
                vacancies[job],
                cosine=_dot(resume_side.vectors[left], job_side.vectors[right]),
                standardised_cosine=_dot(
                    resume_side.standardised[left], job_side.standardised[right]
                ),
                title_cosine=_dot(resume_side.vectors[left], title_vectors[right]),
            )
        )
    return results


def score_text_pairs(
    resumes: Sequence[str],
    jobs: Sequence[str],
    encoder: Encoder,
    classifier: DomainClassifier,
    *,
    store: EmbeddingStore | None = None,
    on_progress: ProgressCallback | None = None,
    title_index: OnetTitleIndex | None = None,
    title_weight: float = DEFAULT_TITLE_WEIGHT,
) -> list[MatchExplanation]:
    """Score and explain every (resume, job) pair with the shipped mapper (see ``score_pair``)."""
    features = build_pair_features(
        resumes,
        jobs,
        encoder,
        classifier,
        store=store,
        on_progress=on_progress,
        title_index=title_index,
        title_weight=title_weight,
    )
    return [score_pair(item) for item in features]


def _embed_side(
    texts: list[str],
    encoder: Encoder,
    classifier: DomainClassifier,
    store: EmbeddingStore | None,
    on_progress: ProgressCallback | None = None,
) -> TextSide:
    vectors = encode_documents(texts, encoder, store=store, on_progress=on_progress).vectors
    skills = [", ".join(canonical_skills(text)) or text[:200] for text in texts]
    standardised = encode_documents(skills, encoder, store=store).vectors
    return TextSide(texts, vectors, standardised, classifier.predict(vectors))


def _with_domain(facts: ResumeFacts, side: TextSide, row: int) -> ResumeFacts:
    prediction = side.domains[row]
    return dataclasses.replace(
        facts,
        domain=prediction.domain,
        domain_confidence=prediction.confidence,
        domain_probabilities=prediction.probabilities,
    )


def _vacancy(text: str, title: str, prediction: DomainPrediction) -> VacancyFacts:
    return VacancyFacts(
        title=title,
        text=text,
        domain=prediction.domain,
        domain_probabilities=prediction.probabilities,
    )


def _dot(left: FloatArray, right: FloatArray) -> float:
    return float(np.dot(left, right))
