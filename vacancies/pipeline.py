"""Pipeline moves from the kanban board: one card, or many at once, with an optional e-mail.

Every move goes through `application_move` (row lock, status history, audit event); the e-mail
is queued in the same transaction, so a refused move queues nothing.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_noop

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from vacancies.emails import (
    EMAIL_TEMPLATE_MISSING,
    application_status_email_queue,
    email_template_get,
)
from vacancies.models import Application
from vacancies.services import application_move
from vacancies.status_labels import StatusLabel
from vacancies.workflow import ApplicationStatus

BULK_NOTHING_SELECTED = gettext_noop("Select at least one application.")


@dataclass(frozen=True, slots=True)
class BulkMoveResult:
    """Which applications moved, which were refused (with why), how many e-mails were queued."""

    moved: tuple[int, ...]
    refused: dict[int, str] = field(default_factory=dict)
    emails_queued: int = 0


@transaction.atomic
def application_move_notify(
    *,
    application: Application,
    to_status: ApplicationStatus | str,
    moved_by: User | None,
    reason: str = "",
    send_email: bool = False,
) -> Application:
    """Move an application and, if asked, queue the target status's e-mail to the candidate.

    Without a template for the target status the move is refused before anything changes.
    """
    target = ApplicationStatus(to_status)
    if (
        send_email
        and email_template_get(status=target.value, language=application.candidate.language) is None
    ):
        raise ApplicationError(
            EMAIL_TEMPLATE_MISSING, {"status": target.value}, params={"status": StatusLabel(target)}
        )
    application = application_move(
        application=application,
        to_status=target,
        moved_by=moved_by,
        reason=reason,
        candidate_notified=send_email,
    )
    if send_email:
        application_status_email_queue(application=application, queued_by=moved_by)
    return application


def applications_bulk_move(
    *,
    applications: Iterable[Application],
    to_status: ApplicationStatus | str,
    moved_by: User | None,
    reason: str = "",
    send_email: bool = False,
) -> BulkMoveResult:
    """Move each application (each its own transaction); refusals are collected, not raised."""
    selected = list(applications)
    if not selected:
        raise ApplicationError(BULK_NOTHING_SELECTED)
    moved: list[int] = []
    refused: dict[int, str] = {}
    for application in selected:
        try:
            application_move_notify(
                application=application,
                to_status=to_status,
                moved_by=moved_by,
                reason=reason,
                send_email=send_email,
            )
        except ApplicationError as error:
            refused[application.pk] = error.message
        else:
            moved.append(application.pk)
    return BulkMoveResult(
        moved=tuple(moved), refused=refused, emails_queued=len(moved) if send_email else 0
    )


def applications_bulk_reject(
    *,
    applications: Iterable[Application],
    rejected_by: User | None,
    reason: str = "",
    send_email: bool = False,
) -> BulkMoveResult:
    """Reject each application (bulk move to "rejected")."""
    return applications_bulk_move(
        applications=applications,
        to_status=ApplicationStatus.REJECTED,
        moved_by=rejected_by,
        reason=reason,
        send_email=send_email,
    )
