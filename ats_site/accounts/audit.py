"""Writing the audit log (append-only) and purging it past its retention period.

Nothing in FairMatch rewrites an audit row: erasure only forgets the erased person as the actor
(`audit_events_anonymise`), so counts by action and time still add up. The only deletion is
`audit_events_purge`, for rows older than FAIRMATCH_AUDIT_RETENTION_DAYS (never under six
months: EU AI Act, Art. 26(6)).
"""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone

from ats_site.accounts.models import AuditEvent, User


def audit_event_record(
    *,
    actor: User | None,
    action: AuditEvent.Action,
    target_type: str = "",
    target_id: object = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log."""
    return AuditEvent.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        detail=detail or {},
    )


def audit_retention_cutoff(*, now: datetime | None = None) -> datetime:
    """Events created before this instant are past their retention period."""
    return (now or timezone.now()) - timedelta(days=settings.FAIRMATCH_AUDIT_RETENTION_DAYS)


def audit_events_purge(*, now: datetime | None = None) -> int:
    """Delete the audit events older than the retention period; returns how many went."""
    deleted, _ = AuditEvent.objects.filter(created_at__lt=audit_retention_cutoff(now=now)).delete()
    return deleted


def audit_events_anonymise(*, actor: User) -> int:
    """Forget `actor` in every event they performed (their erasure); returns how many."""
    return AuditEvent.objects.filter(actor=actor).anonymise()
