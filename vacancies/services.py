"""Vacancy and application services: every write to the pipeline goes through here."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User
from ats_site.common.services import model_update
from ats_site.exceptions import ApplicationError, InvalidTransition
from candidates.models import Candidate
from matching.services.enqueue import vacancy_occupations_enqueue
from matching.taxonomy.occupation_catalogue import occupation_get
from vacancies.models import Application, ApplicationStatusChange, Vacancy
from vacancies.selectors import talent_pool_expired
from vacancies.status_labels import StatusLabel
from vacancies.workflow import ApplicationStatus, can_move

APPLICATION_MOVE_INVALID = gettext_noop("An application cannot move from '{source}' to '{target}'.")
APPLICATION_ALREADY_EXISTS = "This candidate has already applied to this vacancy."
VACANCY_NOT_OPEN = "This vacancy is not open for applications."
CANDIDATE_ERASED = "This candidate's data was erased: they cannot enter a pipeline again."

# What the occupation engine reads of a vacancy: a change of one reads it again.
VACANCY_OCCUPATION_FIELDS = ("title", "description", "required_skills", "preferred_skills")
VACANCY_EDITABLE_FIELDS = [
    "title",
    "organisation",
    "department",
    "description",
    "required_skills",
    "preferred_skills",
    "keywords",
    "seniority",
    "experience_min_years",
    "experience_max_years",
    "location",
    "region",
    "status",
    "external_id",
    "chosen_occupation_uri",
]
# Filled from the ESCO catalogue when ``chosen_occupation_uri`` is set, never given directly.
CHOSEN_OCCUPATION_FIELDS = ["chosen_occupation_label", "chosen_occupation_isco_code"]
VACANCY_OCCUPATION_UNKNOWN = "This is not an ESCO occupation."


class DuplicateApplication(ApplicationError):
    status_code = 409


def _with_chosen_occupation(fields: dict[str, Any]) -> dict[str, Any]:
    """``fields`` with the chosen occupation's label and ISCO group ("" clears the choice)."""
    if "chosen_occupation_uri" not in fields:
        return fields
    uri = (fields["chosen_occupation_uri"] or "").strip()
    occupation = occupation_get(uri=uri) if uri else None
    if uri and occupation is None:
        raise ApplicationError(VACANCY_OCCUPATION_UNKNOWN, {"chosen_occupation_uri": uri})
    return {
        **fields,
        "chosen_occupation_uri": uri,
        "chosen_occupation_label": occupation.label if occupation else "",
        "chosen_occupation_isco_code": occupation.isco_code if occupation else "",
    }


def vacancy_create(*, owner: User | None, title: str, **fields: Any) -> Vacancy:
    """Create a vacancy owned by a recruiter."""
    unknown = set(fields) - set(VACANCY_EDITABLE_FIELDS)
    if unknown:
        raise ApplicationError("Unknown vacancy fields.", {"fields": sorted(unknown)})
    vacancy = Vacancy(owner=owner, title=title, **_with_chosen_occupation(fields))
    vacancy.full_clean()
    vacancy.save()
    vacancy_occupations_enqueue(vacancy_id=vacancy.pk)
    return vacancy


def vacancy_update(*, vacancy: Vacancy, data: dict[str, Any]) -> Vacancy:
    """Update the editable fields of a vacancy; its occupations are read again if its text
    changed. A chosen ESCO occupation is stored with its label and ISCO group."""
    before = [getattr(vacancy, field) for field in VACANCY_OCCUPATION_FIELDS]
    vacancy = model_update(
        instance=vacancy,
        fields=VACANCY_EDITABLE_FIELDS + CHOSEN_OCCUPATION_FIELDS,
        data=_with_chosen_occupation(data),
    )
    if [getattr(vacancy, field) for field in VACANCY_OCCUPATION_FIELDS] != before:
        vacancy_occupations_enqueue(vacancy_id=vacancy.pk)
    return vacancy


@transaction.atomic
def application_create(
    *,
    candidate: Candidate,
    vacancy: Vacancy,
    source: str = Application.Source.APPLIED,
    created_by: User | None = None,
    require_open: bool = True,
) -> Application:
    """Create an application in status "new" and record that first status in its history."""
    if candidate.is_anonymised:
        raise ApplicationError(CANDIDATE_ERASED, {"candidate": candidate.pk})
    if require_open and vacancy.status != Vacancy.Status.OPEN:
        raise ApplicationError(VACANCY_NOT_OPEN, {"vacancy": vacancy.pk})
    if Application.objects.filter(candidate=candidate, vacancy=vacancy).exists():
        raise DuplicateApplication(APPLICATION_ALREADY_EXISTS, {"vacancy": vacancy.pk})
    application = Application(candidate=candidate, vacancy=vacancy, source=source)
    application.full_clean()
    application.save()
    ApplicationStatusChange.objects.create(
        application=application,
        from_status="",
        to_status=application.status,
        changed_by=created_by,
        reason=f"created ({source})",
    )
    return application


@transaction.atomic
def application_move(
    *,
    application: Application,
    to_status: ApplicationStatus | str,
    moved_by: User | None,
    reason: str = "",
    candidate_notified: bool = False,
) -> Application:
    """Move an application along the pipeline and record the change in its history.

    The row is locked for the move, so two recruiters moving the same application at once
    cannot both succeed from the same status. An illegal move raises and changes nothing; so
    does a failure part way (a lost connection): status, history row and audit event are one
    transaction.
    """
    locked = Application.objects.select_for_update().get(pk=application.pk)
    target = ApplicationStatus(to_status)
    if not can_move(locked.status, target):
        raise InvalidTransition(
            APPLICATION_MOVE_INVALID,
            {"from": locked.status, "to": target.value},
            params={"source": StatusLabel(locked.status), "target": StatusLabel(target)},
        )
    source = locked.status
    locked.status = target.value
    locked.save(update_fields=["status", "updated_at"])
    ApplicationStatusChange.objects.create(
        application=locked,
        from_status=source,
        to_status=target.value,
        changed_by=moved_by,
        reason=reason,
        candidate_notified=candidate_notified,
    )
    # Deployers' log (EU AI Act Art. 26): who moved whom, from where to where.
    audit_event_record(
        actor=moved_by,
        action=AuditEvent.Action.STATUS_CHANGE,
        target_type="application",
        target_id=locked.pk,
        detail={"from": source, "to": target.value},
    )
    application.status = locked.status
    application.updated_at = locked.updated_at
    return application


VACANCY_HAS_APPLICATIONS = "This vacancy has applications; close it instead of deleting it."


class VacancyInUse(ApplicationError):
    status_code = 409


def vacancy_delete(*, vacancy: Vacancy) -> None:
    """Delete a vacancy nobody applied to; one with applications is kept for its history."""
    if Application.objects.filter(vacancy=vacancy).exists():
        raise VacancyInUse(VACANCY_HAS_APPLICATIONS, {"vacancy": vacancy.pk})
    vacancy.delete()


TALENT_POOL_CONSENT_EXPIRED = "Talent-pool consent expired"


def talent_pool_expire(*, now: datetime | None = None) -> int:
    """Move talent-pool members whose consent has expired out of the pool (to "withdrawn").

    Each move is its own transaction (`application_move`), so a failure leaves the others done;
    a rerun finds only those still in the pool (idempotent).
    """
    now = now or timezone.now()
    moved = 0
    for application in list(talent_pool_expired(now=now).order_by("pk")):
        application_move(
            application=application,
            to_status=ApplicationStatus.WITHDRAWN,
            moved_by=None,
            reason=TALENT_POOL_CONSENT_EXPIRED,
        )
        moved += 1
    return moved
