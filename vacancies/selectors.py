"""Reads of vacancies and applications, scoped by who is looking."""

from django.db.models import Count, QuerySet

from ats_site.accounts.models import User
from vacancies.models import Application, ApplicationStatusChange, Vacancy


def vacancy_list(*, viewer: User | None) -> QuerySet[Vacancy]:
    """Staff and API clients see every vacancy; candidates and visitors only open ones."""
    queryset = Vacancy.objects.select_related("owner").annotate(
        application_count=Count("applications")
    )
    if viewer is not None and (viewer.is_staff_member or viewer.is_api_client):
        return queryset
    return queryset.filter(status=Vacancy.Status.OPEN)


def application_list(*, viewer: User, vacancy: Vacancy | None = None) -> QuerySet[Application]:
    """Applications the viewer may see: staff and API clients all, a candidate their own."""
    queryset = Application.objects.select_related("candidate", "vacancy")
    if viewer.is_candidate:
        queryset = queryset.filter(candidate__user=viewer)
    elif not (viewer.is_staff_member or viewer.is_api_client):
        return Application.objects.none()
    if vacancy is not None:
        queryset = queryset.filter(vacancy=vacancy)
    return queryset


def application_history(*, application: Application) -> QuerySet[ApplicationStatusChange]:
    """The status changes of one application, oldest first."""
    return application.status_changes.select_related("changed_by").order_by("changed_at", "pk")
