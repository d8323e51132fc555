"""Worker-side scoring: rows -> core dataclasses -> explained scores, upserted.

Only CV text, the parsed profile and the vacancy are read here: never sensitive attributes
(import-linter forbids `matching` from importing `fairness`, and nothing here touches
`CandidateSensitiveAttributes`).
"""

from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from typing import Any

import numpy as np

from candidates.models import Candidate, CandidateDocument
from candidates.selectors import latest_cv_by_candidate
from matching.core.encoding import EmbeddingStore, encode_documents
from matching.core.occupations import (
    DomainClassifier,
    DomainPrediction,
    blend_prediction,
    load_domain_classifier,
)
from matching.core.redaction import redact
from matching.core.scoring import (
    DomainModel,
    ExplainedPair,
    PairScores,
    ScorerConfig,
    compute_features,
    default_domain_model,
    explain_text_pairs,
    score_pair,
    score_pairs,
)
from matching.core.skills import SkillMatcher
from matching.core.training import ranker_row
from matching.services.ats_score import (
    advice_lines,
    ats_bucket,
    explain_live,
    explanation_details,
    live_scorer,
    scorer_method,
)
from matching.services.encoders import DatabaseEmbeddingStore, default_encoder
from matching.services.onet import title_lookup_get
from matching.services.score_occupations import score_occupation_reader_get
from matching.services.scoring_facts import (
    paired_cosines,
    resume_facts,
    standard_texts,
    vacancy_facts,
)
from matching.taxonomy.selectors import skill_matcher_get
from vacancies.models import Application, Vacancy


@dataclass(frozen=True, slots=True)
class ScoredCandidate:
    """One candidate's explained score for one vacancy, not yet stored."""

    candidate_id: int
    vacancy_id: int
    application_id: int | None
    score: float
    bucket: str
    features: dict[str, Any]
    matched_skills: list[str]
    missing_skills: list[str]
    missing_categories: list[str]
    recommendations: list[str]
    candidate_domain: str
    vacancy_domain: str
    # The learned ranker's inputs (RANKER_FEATURES order), for stage 2 when a ranker is set.
    ranker_features: tuple[float, ...] = ()
    # Stage 1's cosine: the redacted CV's embedding against the posting's (stored with the score).
    retrieval_cosine: float | None = None


def candidate_resume_text(candidate: Candidate, document: CandidateDocument | None) -> str:
    """The text scored for a candidate: their latest parsed CV, else their headline."""
    if document is not None and document.extracted_text.strip():
        return document.extracted_text
    return candidate.headline or ""


def vacancy_job_text(vacancy: Vacancy) -> str:
    """The text scored for a vacancy: a title line, the description and the skill lists."""
    parts = [vacancy.title, vacancy.description]
    if vacancy.required_skills:
        parts.append("Required skills: " + ", ".join(vacancy.required_skills))
    if vacancy.preferred_skills:
        parts.append("Preferred skills: " + ", ".join(vacancy.preferred_skills))
    return "\n".join(part for part in parts if part)


def _profile(document: CandidateDocument | None) -> dict[str, Any]:
    return document.profile if document is not None and document.profile else {}


def resume_skills(
    profile: dict[str, Any], text: str, matcher: SkillMatcher | None = None
) -> tuple[str, ...]:
    """Skills from the parsed profile plus every taxonomy skill found in the text."""
    found = [match.label for match in (matcher or skill_matcher_get()).extract(text)]
    return tuple(dict.fromkeys([*profile.get("skills", ()), *found]))


@lru_cache(maxsize=1)
def _domain_classifier() -> DomainClassifier | None:
    """The shipped domain classifier, or None when it cannot be read."""
    try:
        return load_domain_classifier()
    except (OSError, ValueError):
        return None


def live_domain_model() -> DomainModel:
    """The shipped classifier when it was trained on the configured encoder, else prototypes."""
    return default_domain_model(default_encoder(), _domain_classifier())


def _domains(texts: list[str], store: DatabaseEmbeddingStore) -> list[DomainPrediction | None]:
    """Each text's domain; none when the configured encoder is not the classifier's."""
    classifier = _domain_classifier()
    if classifier is None or not texts:
        return [None] * len(texts)
    vectors = encode_documents(texts, default_encoder(), store=store).vectors
    try:
        return list(classifier.predict(vectors))
    except ValueError:  # a different embedding dimension than the classifier was trained on
        return [None] * len(texts)


def _job_domains(texts: list[str], store: DatabaseEmbeddingStore) -> list[DomainPrediction | None]:
    """Each posting's domain blended with its O*NET title match, as the score's domain is."""
    lookup = title_lookup_get()
    return [
        blend_prediction(domain, text, lookup.index, lookup.weight) if domain is not None else None
        for domain, text in zip(_domains(texts, store), texts, strict=True)
    ]


def retrieval_cosines(
    redacted_resumes: list[str], job_texts: list[str], store: EmbeddingStore
) -> list[float]:
    """Stage 1's cosine of each (redacted CV, posting) pair, as the ranking index computes it."""
    encoder = default_encoder()
    resumes = encode_documents(redacted_resumes, encoder, store=store).vectors
    jobs = encode_documents(job_texts, encoder, store=store).vectors
    return [float(value) for value in np.einsum("ij,ij->i", resumes, jobs)]


def _live_pair_options() -> dict[str, Any]:
    """What the live score reads besides the texts: encoder, domain model, O*NET title blend."""
    lookup = title_lookup_get()
    return {
        "encoder": default_encoder(),
        "domain_model": live_domain_model(),
        "config": ScorerConfig(onet_title_weight=lookup.weight),
        "title_index": lookup.index,
    }


def _scored_pairs(
    resume_texts: list[str], job_texts: list[str], store: DatabaseEmbeddingStore | None = None
) -> PairScores:
    """FairMatch's pair scores with the configured O*NET title blend on the job side.

    The domain part comes from the shipped classifier when it was trained on the configured
    encoder (the model `evaluate_matching` measures), else from the zero-shot prototypes.
    """
    return score_pairs(resume_texts, job_texts, store=store, **_live_pair_options())


def pairs_score(
    pairs: Sequence[tuple[Candidate, Vacancy, Application | None]],
) -> list[ScoredCandidate]:
    """Score (candidate, vacancy, application) triples; each distinct text is encoded once."""
    if not pairs:
        return []
    documents = latest_cv_by_candidate(candidate_ids=[candidate.pk for candidate, _, _ in pairs])
    resume_texts = [
        candidate_resume_text(candidate, documents.get(candidate.pk)) for candidate, _, _ in pairs
    ]
    job_texts = [vacancy_job_text(vacancy) for _, vacancy, _ in pairs]
    store = DatabaseEmbeddingStore()
    result = _scored_pairs(resume_texts, job_texts, store)
    profiles = [_profile(documents.get(candidate.pk)) for candidate, _, _ in pairs]
    matcher = skill_matcher_get()  # once per call: each lookup checks the taxonomy's version
    skills = [
        resume_skills(profile, text, matcher)
        for profile, text in zip(profiles, resume_texts, strict=True)
    ]
    standard = [
        standard_texts(candidate, profiles[i], skills[i], vacancy, matcher)
        for i, (candidate, vacancy, _) in enumerate(pairs)
    ]
    standard_cosines = paired_cosines(standard, store)
    redacted = [redact(text) for text in resume_texts]
    resume_domains = _domains(redacted, store)
    retrieval = retrieval_cosines(redacted, job_texts, store)
    job_domains = _job_domains(job_texts, store)
    features = [
        compute_features(
            resume_facts(
                profiles[index], resume_texts[index], skills[index], resume_domains[index]
            ),
            vacancy_facts(vacancy, job_texts[index], job_domains[index]),
            cosine=float(result.semantic[index]),
            standardised_cosine=standard_cosines[index],
        )
        for index, (_, vacancy, _) in enumerate(pairs)
    ]
    explained = explain_live(
        features,
        domains=[float(value) for value in result.domain],
        cosines=[float(value) for value in result.semantic],
        redacted_resumes=redacted,
        job_texts=job_texts,
        store=store,
        job_titles=[vacancy.title for _, vacancy, _ in pairs],
    )
    scored = []
    for index, (candidate, vacancy, application) in enumerate(pairs):
        item = _scored(candidate, vacancy, application, explained[index])
        row = ranker_row(
            features[index], float(result.domain[index]), float(result.semantic[index]), item.score
        )
        scored.append(
            replace(
                item,
                ranker_features=tuple(float(value) for value in row),
                retrieval_cosine=retrieval[index],
            )
        )
    return scored


def _scored(
    candidate: Candidate,
    vacancy: Vacancy,
    application: Application | None,
    explained: ExplainedPair,
) -> ScoredCandidate:
    features = explained.features
    explanation = score_pair(features, rule_based_only=True)
    details = asdict(features)
    details["rule_based_score"] = explanation.rule_based_score
    details["score_method"] = scorer_method()
    details.update(explanation_details(explained))
    priced = [item["label"] for item in details["missing_items"] if "skill" in item["kind"]]
    missing = priced + [s for s in features.skill_match_required.missing if s not in priced]
    return ScoredCandidate(
        candidate_id=candidate.pk,
        vacancy_id=vacancy.pk,
        application_id=application.pk if application is not None else None,
        score=explained.score,
        bucket=ats_bucket(explained.score, explained.inputs),
        features=details,
        matched_skills=list(features.skill_match_required.matched),
        missing_skills=missing,
        missing_categories=[category.value for category in explanation.missing],
        recommendations=advice_lines(explained),
        candidate_domain=features.domain.resume_domain or "",
        vacancy_domain=features.domain.vacancy_domain or "",
    )


def applications_score(*, applications: Sequence[Application]) -> list[ScoredCandidate]:
    """Explained scores of applications (computed, not stored)."""
    return pairs_score([(a.candidate, a.vacancy, a) for a in applications])


def explain_texts(
    resume_texts: list[str], job_texts: list[str], store: EmbeddingStore | None = None
) -> list[ExplainedPair]:
    """The product's explained score of (resume, job) text pairs (evaluation and audits)."""
    return explain_text_pairs(
        resume_texts,
        job_texts,
        store=store,
        scorer=live_scorer(),
        use_default_scorer=False,
        occupations=score_occupation_reader_get(),
        **_live_pair_options(),
    )


def score_bucket(score: float, inputs: Sequence[float] | None = None) -> str:
    """The bucket the product shows for a score (and, for "strong", the pair's inputs)."""
    return ats_bucket(score, inputs)


def score_texts(resume_texts: list[str], job_texts: list[str]) -> list[float]:
    """FairMatch's 0-100 score of (resume, job) text pairs, for audits and evaluation."""
    return [item.score for item in explain_texts(resume_texts, job_texts)]
