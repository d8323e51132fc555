"""Reads of the hiring workflow (kanban cards, interviews, the e-mail log), scoped by viewer."""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from ats_site.accounts.models import Role, User
from vacancies.models import Application, ApplicationEmail, Interview, InterviewFeedback, Vacancy
from vacancies.selectors import application_list
from vacancies.web_selectors import vacancy_pipeline
from vacancies.workflow import ALLOWED_TRANSITIONS, STATUS_LABELS, ApplicationStatus


@dataclass(frozen=True, slots=True)
class KanbanCard:
    """One application on the board and the statuses it may move to."""

    application: Application
    allowed: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class KanbanColumn:
    status: str
    cards: tuple[KanbanCard, ...]


def kanban_columns(*, viewer: User, vacancy: Vacancy) -> list[KanbanColumn]:
    """One column per pipeline status, in workflow order, each card with its allowed moves.

    Cards carry the application and candidate rows only: no score, no sensitive attribute.
    """
    order = list(STATUS_LABELS)
    columns = []
    for column in vacancy_pipeline(viewer=viewer, vacancy=vacancy):
        cards = []
        for application in column.applications:
            allowed = ALLOWED_TRANSITIONS[ApplicationStatus(application.status)]
            ordered = tuple(s.value for s in order if s in allowed)
            cards.append(KanbanCard(application=application, allowed=ordered))
        columns.append(KanbanColumn(status=column.status, cards=tuple(cards)))
    return columns


def staff_list() -> QuerySet[User]:
    """Active recruiters and HR admins: the people who can interview."""
    return User.objects.filter(is_active=True, role__in=[Role.RECRUITER, Role.HR_ADMIN]).order_by(
        "last_name", "first_name", "username"
    )


def application_emails(*, application: Application) -> QuerySet[ApplicationEmail]:
    """The e-mail log of one application, newest first."""
    return application.emails.select_related("template", "queued_by").order_by("-created_at", "-pk")


def application_interviews(*, application: Application) -> QuerySet[Interview]:
    """The interviews of one application with their interviewers and scorecards."""
    feedback = InterviewFeedback.objects.select_related("interviewer").order_by("pk")
    return application.interviews.prefetch_related(
        "interviewers", Prefetch("feedback", queryset=feedback)
    ).order_by("starts_at", "pk")


def interview_list(*, viewer: User) -> QuerySet[Interview]:
    """Interviews of the applications the viewer may see, staff only (never candidates)."""
    if not viewer.is_staff_member:
        return Interview.objects.none()
    visible = application_list(viewer=viewer).values("pk")
    return Interview.objects.select_related(
        "application__candidate", "application__vacancy"
    ).filter(application__in=visible)
