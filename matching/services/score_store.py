"""Storing explained scores: one row per (vacancy, candidate, model version)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from matching.models import MatchScore

if TYPE_CHECKING:
    from matching.services.scoring import ScoredCandidate


@transaction.atomic
def match_scores_upsert(*, scored: Sequence[ScoredCandidate], model_version: str) -> int:
    """Write scores, one row per (vacancy, candidate, model version): reruns update in place."""
    rows = [
        MatchScore(
            vacancy_id=item.vacancy_id,
            candidate_id=item.candidate_id,
            application_id=item.application_id,
            model_version=model_version,
            score=item.score,
            bucket=item.bucket,
            features=item.features,
            matched_skills=item.matched_skills,
            missing_skills=item.missing_skills,
            missing_categories=item.missing_categories,
            recommendations=item.recommendations,
            candidate_domain=item.candidate_domain,
            vacancy_domain=item.vacancy_domain,
            retrieval_cosine=item.retrieval_cosine,
            ranker_features=list(item.ranker_features),
        )
        for item in scored
    ]
    MatchScore.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["vacancy", "candidate", "model_version"],
        update_fields=[
            "application",
            "score",
            "bucket",
            "features",
            "matched_skills",
            "missing_skills",
            "missing_categories",
            "recommendations",
            "candidate_domain",
            "vacancy_domain",
            "retrieval_cosine",
            "ranker_features",
            "updated_at",
        ],
    )
    return len(rows)
