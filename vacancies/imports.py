"""Bulk import of vacancies, idempotent on external id (or on title + organisation)."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ats_site.common.tabular import as_list, row_error_message
from ats_site.exceptions import ApplicationError
from vacancies.models import Vacancy
from vacancies.services import vacancy_create, vacancy_update

LIST_FIELDS = ("required_skills", "preferred_skills", "keywords")
INT_FIELDS = ("experience_min_years", "experience_max_years")
TEXT_FIELDS = (
    "organisation",
    "department",
    "description",
    "seniority",
    "location",
    "region",
    "status",
    "external_id",
)
MISSING_TITLE = "missing 'title'"


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for name in TEXT_FIELDS:
        if record.get(name) not in (None, ""):
            data[name] = str(record[name]).strip()
    for name in LIST_FIELDS:
        if name in record:
            data[name] = as_list(record[name])
    for name in INT_FIELDS:
        if record.get(name) not in (None, ""):
            data[name] = int(record[name])
    return data


def vacancy_import_row(*, record: dict[str, Any]) -> bool:
    """Create or update one vacancy; returns True when it was created."""
    title = str(record.get("title") or "").strip()
    if not title:
        raise ValueError(MISSING_TITLE)
    data = _clean(record)
    existing = (
        Vacancy.objects.filter(external_id=data["external_id"]).first()
        if data.get("external_id")
        else Vacancy.objects.filter(title=title, organisation=data.get("organisation", "")).first()
    )
    if existing is not None:
        vacancy_update(vacancy=existing, data={"title": title, **data})
        return False
    vacancy_create(owner=None, title=title, **data)
    return True


def vacancies_import(*, records: list[tuple[int, dict[str, Any]]]) -> ImportReport:
    """Import rows one by one: a bad row is reported and skipped, the others are kept."""
    report = ImportReport()
    for number, record in records:
        try:
            with transaction.atomic():
                created = vacancy_import_row(record=record)
        except (ValueError, ValidationError, ApplicationError) as error:
            report.errors.append({"row": number, "error": row_error_message(error)})
            continue
        report.created += int(created)
        report.updated += int(not created)
    return report
