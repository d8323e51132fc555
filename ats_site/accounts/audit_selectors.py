"""Reads of the audit log for the HR admins' page: filters by actor, kind, dates and subject."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from ats_site.accounts.models import AuditEvent


@dataclass(frozen=True, slots=True)
class AuditEventFilters:
    """Every filter is optional; `subject` matches "type", "#id" or "type#id"."""

    actor: str = ""
    action: str = ""
    since: date | None = None
    until: date | None = None
    subject: str = ""


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_event_list(*, filters: AuditEventFilters) -> QuerySet[AuditEvent]:
    """Matching events, newest first, with their actors (one query per page)."""
    events = AuditEvent.objects.select_related("actor").order_by("-created_at", "-pk")
    if filters.actor:
        events = events.filter(actor__username__icontains=filters.actor)
    if filters.action:
        events = events.filter(action=filters.action)
    if filters.since:
        events = events.filter(created_at__gte=_day_start(filters.since))
    if filters.until:  # inclusive: the whole last day
        events = events.filter(created_at__lt=_day_start(filters.until + timedelta(days=1)))
    if filters.subject:
        events = events.filter(_subject_query(filters.subject.strip()))
    return events


def _subject_query(subject: str) -> Q:
    target_type, _, target_id = subject.partition("#")
    query = Q()
    if target_type:
        query &= Q(target_type__iexact=target_type.strip())
    if target_id:
        query &= Q(target_id=target_id.strip())
    return query
