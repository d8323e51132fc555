"""Writing the audit log (append-only; nothing in FairMatch updates or deletes its rows)."""

from typing import Any

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
