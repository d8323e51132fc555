"""Writing the audit log (append-only) and purging it past its retention period.

Nothing in FairMatch rewrites an audit row but erasure, in two narrow ways: it forgets the
erased person as the actor (`audit_events_anonymise`) and replaces their identifiers in the
events' free text (`audit_events_redact`, itself logged as a `data_redaction` event), so counts
by action and time still add up. The only deletion is
`audit_events_purge`, for rows older than FAIRMATCH_AUDIT_RETENTION_DAYS (never under six
months: EU AI Act, Art. 26(6)).
"""

from collections.abc import Mapping
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


def audit_events_redact(
    *,
    redacted_details: Mapping[int, dict[str, Any]],
    actor: User | None,
    target_type: str,
    target_id: object,
) -> AuditEvent:
    """Replace the detail of the given events (by id) and log that in a `data_redaction` event.

    The redaction event names the rewritten events by id only: it carries no personal data.
    """
    for event_id, detail in redacted_details.items():
        AuditEvent.objects.filter(pk=event_id).redact_detail(detail=detail)
    return audit_event_record(
        actor=actor,
        action=AuditEvent.Action.DATA_REDACTION,
        target_type=target_type,
        target_id=target_id,
        detail={"redacted_events": sorted(redacted_details)},
    )
