"""Training pairs written out: the contract's pairs format and an OUMI-style JSONL record."""

from collections.abc import Sequence
from typing import Any

from candidates.selectors import latest_cv_by_candidate
from matching.services.scoring import ScoredCandidate, pairs_score
from matching.training.dataset import BINARY_NAMES, THREE_CLASS_NAMES, TrainingPair
from vacancies.models import Application

PRIVATE_PROFILE_KEYS = ("emails", "phones", "links")


def pairs_record(pair: TrainingPair, variant: str = "raw") -> dict[str, Any]:
    """The contract's labelled-pairs line: ``{"id","resume","job","job_id","label"}``."""
    return {
        "id": pair.id,
        "resume": pair.resume_text(variant),
        "job": pair.job_text(variant),
        "job_id": pair.job_id,
        "label": pair.label,
    }


def oumi_records(pairs: Sequence[TrainingPair], *, three_class: bool) -> list[dict[str, Any]]:
    """OUMI-style records: resume and job features, FairMatch's feature scores, labels, texts.

    ``labels.bucket`` and ``labels.score`` are FairMatch's current bucket and 0-100 score of the
    pair; ``labels.label`` and ``labels.class`` are the outcome the pair was labelled with.
    """
    applications = Application.objects.filter(
        pk__in=[pair.application_id for pair in pairs]
    ).select_related("candidate", "vacancy")
    by_id = {application.pk: application for application in applications}
    scored = pairs_score(
        [(by_id[p.application_id].candidate, by_id[p.application_id].vacancy, None) for p in pairs]
    )
    documents = latest_cv_by_candidate(candidate_ids=[pair.candidate_id for pair in pairs])
    names = THREE_CLASS_NAMES if three_class else BINARY_NAMES
    records = []
    for pair, score in zip(pairs, scored, strict=True):
        document = documents.get(pair.candidate_id)
        profile = dict(document.profile) if document is not None else {}
        records.append(_oumi_record(pair, score, profile, by_id[pair.application_id], names))
    return records


def _oumi_record(
    pair: TrainingPair,
    scored: ScoredCandidate,
    profile: dict[str, Any],
    application: Application,
    names: Sequence[str],
) -> dict[str, Any]:
    vacancy = application.vacancy
    resume_features = {k: v for k, v in profile.items() if k not in PRIVATE_PROFILE_KEYS}
    return {
        "id": pair.id,
        "job_id": pair.job_id,
        "resume_features": resume_features,
        "jd_features": {
            "title": vacancy.title,
            "required_skills": list(vacancy.required_skills),
            "preferred_skills": list(vacancy.preferred_skills),
            "keywords": list(vacancy.keywords),
            "seniority": vacancy.seniority,
            "experience_min_years": vacancy.experience_min_years,
            "experience_max_years": vacancy.experience_max_years,
        },
        "feature_scores": scored.features,
        "labels": {
            "label": pair.label,
            "class": names[pair.label],
            "status": pair.status,
            "score": scored.score,
            "bucket": scored.bucket,
        },
        "texts": {
            "resume": pair.resume,
            "profile": pair.resume_profile,
            "standardised": pair.resume_standardised,
            "job": pair.job,
            "job_standardised": pair.job_standardised,
        },
        "synthetic": False,
    }
