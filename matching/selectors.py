"""Reads of the matching engine's data."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet

from candidates.models import Candidate, CandidateDocument
from matching.models import MatchScore, ScoringBatch, ScoringRun
from vacancies.models import Application, Vacancy


def applications_needing_score(*, model_version: str) -> QuerySet[Application]:
    """Applications with no score for this model version, or one older than their inputs.

    A score is stale when the vacancy changed after it, or the candidate's CV was parsed after it.
    Erased candidates are never scored again.
    """
    scores = MatchScore.objects.filter(
        vacancy=OuterRef("vacancy"), candidate=OuterRef("candidate"), model_version=model_version
    )
    fresh = scores.filter(updated_at__gte=OuterRef("vacancy__updated_at"))
    latest_cv = (
        CandidateDocument.objects.filter(
            candidate=OuterRef("candidate"), parse_status=CandidateDocument.ParseStatus.PARSED
        )
        .values("candidate")
        .annotate(latest=Max("updated_at"))
        .values("latest")
    )
    fresh = fresh.filter(Q(updated_at__gte=latest_cv) | ~Exists(latest_cv))
    return (
        Application.objects.filter(~Exists(fresh))
        .exclude(candidate__is_anonymised=True)
        .order_by("pk")
    )


def applications_in_flight(*, since: datetime) -> set[int]:
    """Applications in an unfinished batch of an active run attempted (or created) since `since`.

    A worker may still be scoring these; older attempts lost their worker (the reaper's case).
    """
    batches = ScoringBatch.objects.filter(
        status=ScoringBatch.Status.PENDING,
        run__status__in=[ScoringRun.Status.PENDING, ScoringRun.Status.RUNNING],
    ).filter(Q(attempted_at__gte=since) | Q(attempted_at__isnull=True, run__created_at__gte=since))
    return {pk for ids in batches.values_list("application_ids", flat=True) for pk in ids}


def scoring_run_list(*, limit: int = 20) -> QuerySet[ScoringRun]:
    """The latest scoring runs, newest first."""
    return ScoringRun.objects.select_related("vacancy").order_by("-created_at", "-pk")[:limit]


def vacancy_scores(*, vacancy_id: int) -> list[MatchScore]:
    """The latest model version's scores of a vacancy's applicants, best first (stable)."""
    latest = (
        MatchScore.objects.filter(vacancy_id=vacancy_id, application__isnull=False)
        .order_by("-updated_at")
        .values_list("model_version", flat=True)
        .first()
    )
    if latest is None:
        return []
    scores = MatchScore.objects.filter(
        vacancy_id=vacancy_id,
        application__isnull=False,
        model_version=latest,
        candidate__is_anonymised=False,
    ).select_related("candidate", "application")
    return sorted(scores, key=lambda score: (-score.effective_score, score.candidate_id))


def scoring_runs_in_progress() -> QuerySet[ScoringRun]:
    """Runs still pending or running, newest first (the recruiter dashboard's tasks)."""
    return ScoringRun.objects.filter(
        status__in=[ScoringRun.Status.PENDING, ScoringRun.Status.RUNNING]
    ).select_related("vacancy")


@dataclass(frozen=True, slots=True)
class ScoreOverride:
    """A recruiter's override of one candidate's score for a vacancy."""

    score: float
    reason: str


def vacancy_score_overrides(*, vacancy_id: int) -> dict[int, ScoreOverride]:
    """The overrides the vacancy page shows, by candidate id (its latest model version's rows)."""
    latest = (
        MatchScore.objects.filter(vacancy_id=vacancy_id)
        .order_by("-updated_at")
        .values_list("model_version", flat=True)
        .first()
    )
    rows = MatchScore.objects.filter(
        vacancy_id=vacancy_id, model_version=latest, override_score__isnull=False
    ).values_list("candidate_id", "override_score", "override_reason")
    return {
        candidate_id: ScoreOverride(score, reason)
        for candidate_id, score, reason in rows
        if score is not None
    }


def occupation_readings_stale(*, engine_version: str) -> tuple[list[int], list[int]]:
    """The candidates and vacancies whose reading is missing, of another engine or older than
    its text (a CV parsed or chosen later, a vacancy edited later); candidate ids, vacancy ids.

    A candidate whose readable CVs are all gone but who still has a reading is stale too (the
    task removes it).
    """
    parsed = CandidateDocument.objects.filter(
        candidate=OuterRef("pk"), parse_status=CandidateDocument.ParseStatus.PARSED
    )
    newer_cv = parsed.filter(updated_at__gt=OuterRef("occupation_reading__updated_at"))
    candidates = Candidate.objects.filter(is_anonymised=False).filter(
        (
            Exists(parsed)
            & (
                Q(occupation_reading__isnull=True)
                | ~Q(occupation_reading__engine_version=engine_version)
                | Exists(newer_cv)
            )
        )
        | (Q(occupation_reading__isnull=False) & ~Exists(parsed))
    )
    vacancies = Vacancy.objects.filter(
        Q(occupation_reading__isnull=True)
        | ~Q(occupation_reading__engine_version=engine_version)
        | Q(updated_at__gt=F("occupation_reading__updated_at"))
    )
    return (
        list(candidates.order_by("pk").values_list("pk", flat=True)),
        list(vacancies.order_by("pk").values_list("pk", flat=True)),
    )
