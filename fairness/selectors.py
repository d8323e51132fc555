"""Reads for fairness audits: the only place sensitive attributes are read; every read logged."""

import logging
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F, QuerySet

from fairness.models import AuditReport
from matching.models import MatchScore
from vacancies.models import Application, ApplicationStatusChange, Vacancy

logger = logging.getLogger(__name__)

SENSITIVE_READ_LOG = "sensitive attributes read for a fairness audit: %d applications, vacancy=%s"


@dataclass(frozen=True, slots=True)
class ApplicationAuditRow:
    """One application with its candidate's self-declared attributes and its status history."""

    application_id: int
    vacancy_id: int
    candidate_id: int
    gender: str | None
    nationality: str | None
    ethnicity: str | None
    birth_year: int | None
    statuses: tuple[str, ...]


def application_audit_rows(*, vacancy_id: int | None = None) -> list[ApplicationAuditRow]:
    """Every application (of one vacancy, or all) with attributes and every status it held.

    Two queries whatever the number of applications; a candidate without an attributes row
    reads as not disclosed (``None``). The read is logged, as every read of sensitive attributes.
    """
    applications = Application.objects.order_by("pk")
    if vacancy_id is not None:
        applications = applications.filter(vacancy_id=vacancy_id)
    values = list(
        applications.values(
            "id",
            "vacancy_id",
            "candidate_id",
            "status",
            gender=F("candidate__sensitive_attributes__gender"),
            nationality=F("candidate__sensitive_attributes__nationality"),
            ethnicity=F("candidate__sensitive_attributes__ethnicity"),
            birth_year=F("candidate__sensitive_attributes__birth_year"),
        )
    )
    history: dict[int, list[str]] = defaultdict(list)
    changes = ApplicationStatusChange.objects.filter(application__in=applications).values_list(
        "application_id", "from_status", "to_status"
    )
    for application_id, from_status, to_status in changes:
        history[application_id] += [status for status in (from_status, to_status) if status]
    logger.info(SENSITIVE_READ_LOG, len(values), vacancy_id)
    return [
        ApplicationAuditRow(
            application_id=row["id"],
            vacancy_id=row["vacancy_id"],
            candidate_id=row["candidate_id"],
            gender=row["gender"],
            nationality=row["nationality"],
            ethnicity=row["ethnicity"],
            birth_year=row["birth_year"],
            statuses=(row["status"], *history[row["id"]]),
        )
        for row in values
    ]


def audit_report_list() -> QuerySet[AuditReport]:
    """Stored audit reports, newest first, with who ran them."""
    return AuditReport.objects.select_related("run_by").order_by("-created_at", "-pk")


def open_vacancy_texts() -> list[tuple[int, str]]:
    """``(id, text)`` of every open vacancy: title, description and skills, for re-scoring."""
    vacancies = Vacancy.objects.filter(status=Vacancy.Status.OPEN).order_by("pk")
    texts = []
    for vacancy in vacancies.only("pk", "title", "description", "required_skills"):
        skills = ", ".join(str(skill) for skill in vacancy.required_skills or [])
        parts = [vacancy.title, vacancy.description, f"Required skills: {skills}" if skills else ""]
        texts.append((vacancy.pk, "\n".join(part for part in parts if part)))
    return texts


def match_scores_for(rows: list[ApplicationAuditRow]) -> dict[int, float]:
    """The model's latest stored score (0-100, before any human override) per application id.

    Applications never scored are absent. One query for all the vacancies of ``rows``.
    """
    latest: dict[tuple[int, int], float] = {}
    vacancy_ids = {row.vacancy_id for row in rows}
    scores = (
        MatchScore.objects.filter(vacancy_id__in=vacancy_ids)
        .order_by("updated_at", "pk")
        .values_list("vacancy_id", "candidate_id", "score")
    )
    for vacancy_id, candidate_id, score in scores:
        latest[vacancy_id, candidate_id] = score
    return {
        row.application_id: latest[row.vacancy_id, row.candidate_id]
        for row in rows
        if (row.vacancy_id, row.candidate_id) in latest
    }


def ranking_positions(rows: list[ApplicationAuditRow]) -> dict[int, int]:
    """Each scored application's 1-based position in its vacancy's ranking by latest score.

    The ranking orders a vacancy's scored applications best score first, ties by candidate id
    (as the recruiter's ranked list does); applications never scored are absent.
    """
    scores = match_scores_for(rows)
    rankings: dict[int, list[tuple[float, int, int]]] = defaultdict(list)
    for row in rows:
        if row.application_id in scores:
            entry = (-scores[row.application_id], row.candidate_id, row.application_id)
            rankings[row.vacancy_id].append(entry)
    return {
        application_id: position
        for entries in rankings.values()
        for position, (_, _, application_id) in enumerate(sorted(entries), start=1)
    }
