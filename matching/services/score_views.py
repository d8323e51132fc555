"""Every page and endpoint that shows scores logs who saw which (the README's audit promise)."""

from typing import Any

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User


def score_view_record(
    *, viewer: object, target_type: str, target_id: object, detail: dict[str, Any] | None = None
) -> AuditEvent:
    """Log that `viewer` saw scores (`target_type`: match_score, vacancy_ranking, ...)."""
    return audit_event_record(
        actor=viewer if isinstance(viewer, User) else None,
        action=AuditEvent.Action.SCORE_VIEW,
        target_type=target_type,
        target_id=target_id,
        detail=detail,
    )
