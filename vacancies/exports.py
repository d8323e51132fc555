"""A vacancy's applicants as CSV: contact details, pipeline state and the effective score.

Sensitive attributes are never read here (they live in their own table, reached only through
fairness selectors); every cell is made formula-safe for spreadsheets.
"""

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User
from ats_site.common.spreadsheet import csv_text
from matching.selectors import vacancy_scores
from vacancies.models import Application, Vacancy
from vacancies.selectors import application_list

APPLICANT_CSV_COLUMNS = (
    "application_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "city",
    "region",
    "headline",
    "status",
    "source",
    "applied_at",
    "score",
    "bucket",
    "overridden",
    "model_version",
)


def vacancy_applicants_csv(*, vacancy: Vacancy, exported_by: User) -> str:
    """The vacancy's applicants, best effective score first (unscored last); logged."""
    scores = {score.application_id: score for score in vacancy_scores(vacancy_id=vacancy.pk)}
    applications = application_list(viewer=exported_by, vacancy=vacancy).filter(
        candidate__is_anonymised=False
    )

    def best_first(application: Application) -> tuple[bool, float, int]:
        score = scores.get(application.pk)
        return (score is None, -score.effective_score if score else 0.0, application.pk)

    rows = []
    for application in sorted(applications, key=best_first):
        candidate = application.candidate
        score = scores.get(application.pk)
        rows.append(
            (
                application.pk,
                candidate.first_name,
                candidate.last_name,
                candidate.email,
                candidate.phone,
                candidate.city,
                candidate.region,
                candidate.headline,
                application.status,
                application.source,
                application.created_at.isoformat(),
                f"{score.effective_score:.1f}" if score else "",
                score.effective_bucket if score else "",
                "yes" if score and score.override_score is not None else "",
                score.model_version if score else "",
            )
        )
    audit_event_record(
        actor=exported_by,
        action=AuditEvent.Action.DATA_EXPORT,
        target_type="vacancy_applicants",
        target_id=vacancy.pk,
        detail={"format": "csv", "applications": [row[0] for row in rows]},
    )
    return csv_text(header=APPLICANT_CSV_COLUMNS, rows=rows)
