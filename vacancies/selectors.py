"""Reads of vacancies and applications, scoped by who is looking."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import (
    Count,
    DateTimeField,
    ExpressionWrapper,
    F,
    OuterRef,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ats_site.accounts.models import User
from vacancies.models import Application, ApplicationStatusChange, Vacancy
from vacancies.workflow import ApplicationStatus


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


def talent_pool_applications() -> QuerySet[Application]:
    """Talent-pool applications annotated with `pool_expires_at`.

    Membership lasts FAIRMATCH_TALENT_POOL_CONSENT_DAYS from the candidate's last consent or,
    when none is on record, from the day the application entered the pool (its last move there,
    else its last update for rows imported straight into the pool).
    """
    entered_pool = (
        ApplicationStatusChange.objects.filter(
            application=OuterRef("pk"), to_status=ApplicationStatus.TALENT_POOL.value
        )
        .order_by("-changed_at", "-pk")
        .values("changed_at")[:1]
    )
    validity = timedelta(days=settings.FAIRMATCH_TALENT_POOL_CONSENT_DAYS)
    # An erased candidate is in no pool: never suggested, never invited.
    pool = Application.objects.filter(status=ApplicationStatus.TALENT_POOL.value).exclude(
        candidate__is_anonymised=True
    )
    return pool.annotate(
        pool_since=Coalesce("candidate__consent_given_at", Subquery(entered_pool), "updated_at"),
        pool_expires_at=ExpressionWrapper(F("pool_since") + validity, output_field=DateTimeField()),
    )


def talent_pool_active(*, now: datetime | None = None) -> QuerySet[Application]:
    """Talent-pool applications whose membership has not expired."""
    # Keyword through a dict: the stubs cannot see annotations across a function boundary.
    return talent_pool_applications().filter(**{"pool_expires_at__gt": now or timezone.now()})


def talent_pool_expired(*, now: datetime | None = None) -> QuerySet[Application]:
    """Talent-pool applications whose membership has expired."""
    return talent_pool_applications().filter(**{"pool_expires_at__lte": now or timezone.now()})
