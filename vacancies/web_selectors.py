"""Read-only helpers for the web UI, built on the app selectors (which own visibility)."""

from dataclasses import dataclass

from django.db.models import QuerySet

from ats_site.accounts.models import User
from candidates.models import Candidate
from vacancies.models import Application, Vacancy
from vacancies.selectors import application_list, vacancy_list
from vacancies.workflow import ApplicationStatus

DASHBOARD_NEW_APPLICATIONS = 10


@dataclass(frozen=True, slots=True)
class PipelineColumn:
    """One column of a vacancy's pipeline board: a status and its applications."""

    status: str
    applications: tuple[Application, ...]


def vacancy_list_newest_first(*, viewer: User | None) -> QuerySet[Vacancy]:
    """Vacancies the viewer may see, newest first (a stable order for pagination)."""
    return vacancy_list(viewer=viewer).order_by("-created_at", "-pk")


def open_vacancy_list(*, viewer: User | None) -> QuerySet[Vacancy]:
    """Open vacancies the viewer may see, newest first, with their application counts."""
    return vacancy_list_newest_first(viewer=viewer).filter(status=Vacancy.Status.OPEN)


def new_application_list(*, viewer: User) -> QuerySet[Application]:
    """The latest applications still in status "new"."""
    return application_list(viewer=viewer).filter(status=ApplicationStatus.NEW.value)[
        :DASHBOARD_NEW_APPLICATIONS
    ]


def vacancy_pipeline(*, viewer: User, vacancy: Vacancy) -> list[PipelineColumn]:
    """A vacancy's applications grouped by status, one column per status in workflow order."""
    by_status: dict[str, list[Application]] = {status.value: [] for status in ApplicationStatus}
    for application in application_list(viewer=viewer, vacancy=vacancy).order_by("created_at"):
        by_status.setdefault(application.status, []).append(application)
    return [
        PipelineColumn(status=status, applications=tuple(applications))
        for status, applications in by_status.items()
    ]


def candidate_applications(*, viewer: User, candidate: Candidate) -> QuerySet[Application]:
    """The applications of one candidate that the viewer may see."""
    return application_list(viewer=viewer).filter(candidate=candidate)
