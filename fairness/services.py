"""Fairness audit services: run an audit on FairMatch's own data, store every report."""

import math
import numbers
from collections.abc import Sequence
from typing import Any, Final

from django.conf import settings
from django.utils import timezone

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User
from ats_site.exceptions import ApplicationError
from fairness.core.audit import attributes_audit
from fairness.core.exposure import exposure_audit, score_distributions
from fairness.core.groups import FeatureColumn, age_band
from fairness.group_size import min_group_size_resolve
from fairness.models import AuditReport
from fairness.selectors import (
    ApplicationAuditRow,
    application_audit_rows,
    match_scores_for,
    ranking_positions,
)
from vacancies.models import Vacancy
from vacancies.workflow import ApplicationStatus, reached_stage

DEFAULT_DATABASE_ATTRIBUTES: Final = ("gender", "nationality", "age_band")
DEFAULT_SHORTLIST_K: Final = 10
# Audit attribute -> the collected field it needs (see FAIRNESS_COLLECTED_ATTRIBUTES).
DATABASE_ATTRIBUTE_FIELDS: Final = {
    "gender": "gender",
    "nationality": "nationality",
    "ethnicity": "ethnicity",
    "age_band": "birth_year",
}
# Outcome name -> the pipeline stage an application must have reached (or passed).
STAGE_OUTCOMES: Final = {
    "screening_passed": ApplicationStatus.PHONE_SCREEN_PENDING,
    "interviewed": ApplicationStatus.INTERVIEW,
    "offered": ApplicationStatus.OFFER,
    "hired": ApplicationStatus.HIRED,
}

ERROR_UNKNOWN_ATTRIBUTE: Final = "unknown attribute {name!r}; choose from {choices}"
ERROR_NOT_COLLECTED: Final = (
    "attribute {name!r} needs {field!r}, which this deployment does not collect "
    "(FAIRNESS_COLLECTED_ATTRIBUTES: {collected})"
)
ERROR_NO_VACANCY: Final = "vacancy {vacancy_id} does not exist"


class AuditError(ApplicationError):
    """An audit that cannot run as asked (unknown vacancy, attribute not collected...)."""


def audit_report_create(
    *,
    scope: str,
    source: AuditReport.Source,
    parameters: dict[str, Any],
    report: dict[str, Any],
    run_by: User | None = None,
) -> AuditReport:
    """Store one audit run with its parameters and figures (NaN and infinities as null)."""
    audit_report = AuditReport(
        scope=scope,
        source=source,
        parameters=json_safe(parameters),
        report=json_safe(report),
        run_by=run_by,
    )
    audit_report.full_clean()
    audit_report.save()
    return audit_report


def json_safe(value: Any) -> Any:
    """The same data with every NaN or infinite float replaced by None (valid JSON)."""
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def _check_attributes(attributes: Sequence[str]) -> None:
    collected = list(settings.FAIRNESS_COLLECTED_ATTRIBUTES)
    for name in attributes:
        if name not in DATABASE_ATTRIBUTE_FIELDS:
            choices = ", ".join(DATABASE_ATTRIBUTE_FIELDS)
            raise AuditError(ERROR_UNKNOWN_ATTRIBUTE.format(name=name, choices=choices))
        field = DATABASE_ATTRIBUTE_FIELDS[name]
        if field not in collected:
            raise AuditError(
                ERROR_NOT_COLLECTED.format(name=name, field=field, collected=", ".join(collected))
            )


def _attribute_columns(
    rows: Sequence[ApplicationAuditRow], attributes: Sequence[str], *, reference_year: int
) -> dict[str, FeatureColumn]:
    columns: dict[str, FeatureColumn] = {}
    for name in attributes:
        if name == "age_band":
            columns[name] = [
                age_band(row.birth_year, reference_year=reference_year) for row in rows
            ]
        else:
            columns[name] = [getattr(row, name) for row in rows]
    return columns


def audit_run_database(
    *,
    vacancy_id: int | None = None,
    attributes: Sequence[str] = DEFAULT_DATABASE_ATTRIBUTES,
    min_group_size: int | None = None,
    n_bootstrap: int = 1000,
    random_state: int = 0,
    shortlist_k: int = DEFAULT_SHORTLIST_K,
    run_by: User | None = None,
) -> AuditReport:
    """Audit FairMatch's applications (one vacancy's or all) per stage reached, and store it.

    Each stage outcome counts an application as selected when its status history reached that
    stage or a later one; applications still in progress count as not (yet) selected. Scored
    applications also get the ``shortlist`` outcome (the model's top ``shortlist_k`` of each
    vacancy) with scoring rates, the ``ranking_exposure`` outcome (top-``shortlist_k`` counts and
    exposure of each group in every vacancy's ranking by latest score, pooled over vacancies: a
    row's weight is ``1/log2(1+position)`` in its own vacancy's ranking and a group's exposure is
    the mean over its rows) and ``score_distributions`` (box-plot figures per group).
    """
    _check_attributes(attributes)
    if vacancy_id is not None and not Vacancy.objects.filter(pk=vacancy_id).exists():
        raise AuditError(ERROR_NO_VACANCY.format(vacancy_id=vacancy_id))
    group_size = min_group_size_resolve(requested=min_group_size)
    reference_year = timezone.now().year
    rows = application_audit_rows(vacancy_id=vacancy_id)
    audit_event_record(
        actor=run_by,
        action=AuditEvent.Action.SENSITIVE_READ,
        target_type="fairness_audit",
        target_id=vacancy_id or "all",
        detail={"rows": len(rows), "attributes": list(attributes)},
    )
    columns = _attribute_columns(rows, attributes, reference_year=reference_year)
    outcomes = {}
    for outcome, stage in STAGE_OUTCOMES.items():
        selected = [int(reached_stage(list(row.statuses), stage)) for row in rows]
        outcomes[outcome] = {
            "selected": sum(selected),
            "attributes": attributes_audit(
                selected,
                sensitive_features=columns,
                min_group_size=group_size,
                n_bootstrap=n_bootstrap,
                random_state=random_state,
            ),
        }
    outcomes["shortlist"] = _shortlist_outcome(
        rows,
        columns,
        shortlist_k=shortlist_k,
        min_group_size=group_size,
        n_bootstrap=n_bootstrap,
        random_state=random_state,
    )
    outcomes["ranking_exposure"] = _ranking_exposure_outcome(
        rows, columns, k=shortlist_k, min_group_size=group_size
    )
    scope = "all vacancies" if vacancy_id is None else f"vacancy {vacancy_id}"
    parameters = {
        "vacancy": vacancy_id,
        "attributes": list(attributes),
        "min_group_size": group_size,
        "n_bootstrap": n_bootstrap,
        "random_state": random_state,
        "reference_year": reference_year,
        "shortlist_k": shortlist_k,
    }
    report = {
        "n": len(rows),
        "scope": scope,
        "min_group_size": group_size,
        "outcomes": outcomes,
        "score_distributions": _score_distributions(rows, columns, min_group_size=group_size),
    }
    return audit_report_create(
        scope=scope,
        source=AuditReport.Source.DATABASE,
        parameters=parameters,
        report=report,
        run_by=run_by,
    )


def _top_k_per_vacancy(
    rows: Sequence[ApplicationAuditRow], scores: dict[int, float], *, k: int
) -> list[int]:
    ranked: dict[int, list[tuple[float, int]]] = {}
    for index, row in enumerate(rows):
        ranked.setdefault(row.vacancy_id, []).append((-scores[row.application_id], index))
    chosen = {index for entries in ranked.values() for _, index in sorted(entries)[:k]}
    return [int(index in chosen) for index in range(len(rows))]


def _shortlist_outcome(
    rows: Sequence[ApplicationAuditRow],
    columns: dict[str, FeatureColumn],
    *,
    shortlist_k: int,
    min_group_size: int,
    n_bootstrap: int,
    random_state: int,
) -> dict[str, Any]:
    """The model's top-k shortlist of every vacancy and scoring rates, on scored applications."""
    scores = match_scores_for(list(rows))
    scored = [index for index, row in enumerate(rows) if row.application_id in scores]
    scored_rows = [rows[index] for index in scored]
    selected = _top_k_per_vacancy(scored_rows, scores, k=shortlist_k)
    return {
        "n": len(scored_rows),
        "selected": sum(selected),
        "k": shortlist_k,
        "attributes": attributes_audit(
            selected,
            sensitive_features={
                name: [column[index] for index in scored] for name, column in columns.items()
            },
            y_score=[scores[row.application_id] for row in scored_rows],
            min_group_size=min_group_size,
            n_bootstrap=n_bootstrap,
            random_state=random_state,
        ),
    }


def _ranking_exposure_outcome(
    rows: Sequence[ApplicationAuditRow],
    columns: dict[str, FeatureColumn],
    *,
    k: int,
    min_group_size: int,
) -> dict[str, Any]:
    """Top-k counts and exposure per group, pooled over every vacancy's ranking."""
    positions = ranking_positions(list(rows))
    ranked = [index for index, row in enumerate(rows) if row.application_id in positions]
    ranked_positions = [positions[rows[index].application_id] for index in ranked]
    return {
        "n": len(ranked),
        "selected": sum(1 for position in ranked_positions if position <= k),
        "k": k,
        "vacancies": len({rows[index].vacancy_id for index in ranked}),
        "attributes": exposure_audit(
            ranked_positions,
            sensitive_features={
                name: [column[index] for index in ranked] for name, column in columns.items()
            },
            k=k,
            min_group_size=min_group_size,
        ),
    }


def _score_distributions(
    rows: Sequence[ApplicationAuditRow], columns: dict[str, FeatureColumn], *, min_group_size: int
) -> dict[str, Any]:
    """Box-plot figures of the latest model scores per group (scored applications only)."""
    scores = match_scores_for(list(rows))
    scored = [index for index, row in enumerate(rows) if row.application_id in scores]
    return score_distributions(
        [scores[rows[index].application_id] for index in scored],
        sensitive_features={
            name: [column[index] for index in scored] for name, column in columns.items()
        },
        min_group_size=min_group_size,
    )
