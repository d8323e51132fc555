"""Template filters for the web UI: status labels in the active language, percentages."""

import re

from django import template
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext, gettext_noop

from ats_site.operations.selectors import document_waiting_for_worker
from candidates.models import CandidateDocument
from vacancies.workflow import STATUS_LABELS, ApplicationStatus

register = template.Library()

SCOPE_ALL = "all vacancies"
SCOPE_VACANCY = re.compile(r"^vacancy (\d+)$")


def status_label_for(status: str) -> str:
    """The label of an application status: the French firm's name when the UI speaks French."""
    try:
        english, french = STATUS_LABELS[ApplicationStatus(status)]
    except ValueError:
        return status
    return french if (get_language() or "").startswith("fr") else english


@register.filter
def status_label(status: str) -> str:
    """`{{ application.status|status_label }}` -> "Talent pool" or "Vivier"."""
    return status_label_for(status)


@register.filter
def percent(value: float | None) -> str:
    """A rate between 0 and 1 as a whole-number percentage ("-" when missing)."""
    if value is None:
        return "-"
    return f"{value * 100:.0f}%"


@register.filter
def ratio(value: float | None) -> str:
    """An impact ratio with two decimals ("-" when missing)."""
    if value is None:
        return "-"
    return number_format(value, decimal_pos=2)


# Model choice labels are plain English in the models; listed here so makemessages collects
# them and `|translate_label` can show them in French.
CHOICE_LABELS = [
    gettext_noop("Draft"),
    gettext_noop("Open"),
    gettext_noop("Closed"),
    gettext_noop("Filled"),
    gettext_noop("Entry"),
    gettext_noop("Junior"),
    gettext_noop("Mid-level"),
    gettext_noop("Senior"),
    gettext_noop("Lead"),
    gettext_noop("Principal"),
    gettext_noop("Pending"),
    gettext_noop("Processing"),
    gettext_noop("Parsed"),
    gettext_noop("Failed"),
    gettext_noop("Applied"),
    gettext_noop("Talent pool"),
    gettext_noop("Sourced by a recruiter"),
    gettext_noop("Referral"),
    gettext_noop("Imported"),
    gettext_noop("FairMatch database"),
    gettext_noop("Decision log"),
    # Audit event kinds (AuditEvent.Action) and scoring run statuses (ScoringRun.Status).
    gettext_noop("Application status change"),
    gettext_noop("Score or ranking viewed"),
    gettext_noop("Score overridden"),
    gettext_noop("Sensitive attributes read"),
    gettext_noop("Personal data exported"),
    gettext_noop("Personal data erased"),
    gettext_noop("Original CV file opened"),
    gettext_noop("Personal data redacted from free text"),
    gettext_noop("Running"),
    gettext_noop("Succeeded"),
]

# What an audit event is about (AuditEvent.target_type), in words.
AUDIT_SUBJECTS = {
    "application": gettext_noop("Application"),
    "candidate": gettext_noop("Candidate"),
    "candidate_document": gettext_noop("CV document"),
    "candidate_recommendations": gettext_noop("Job recommendations"),
    "candidate_sensitive_attributes": gettext_noop("Sensitive attributes"),
    "fairness_audit": gettext_noop("Fairness audit"),
    "interview": gettext_noop("Interview"),
    "match_score": gettext_noop("Score"),
    "match_score_list": gettext_noop("Score list"),
    "talent_pool_suggestions": gettext_noop("Talent-pool suggestions"),
    "vacancy_applicants": gettext_noop("Applicants export"),
    "vacancy_ranking": gettext_noop("Vacancy ranking"),
}


@register.filter
def translate_label(label: str) -> str:
    """A model choice label in the active language (`get_status_display|translate_label`)."""
    return gettext(str(label))


@register.filter
def audit_subject_label(target_type: str) -> str:
    """An audit event's subject type in words, in the active language (unknown: as stored)."""
    label = AUDIT_SUBJECTS.get(target_type)
    return gettext(label) if label else target_type


@register.filter
def scope_label(scope: str) -> str:
    """An audit's scope in the active language ("all vacancies", "vacancy 3")."""
    if scope == SCOPE_ALL:
        return gettext("all vacancies")
    match = SCOPE_VACANCY.match(scope)
    if match:
        return gettext("vacancy %(id)s") % {"id": match.group(1)}
    return scope


@register.filter
def waiting_for_worker(document: CandidateDocument) -> bool:
    """An unread CV with no live worker, or waiting too long: say so, not a bare "Pending"."""
    return document_waiting_for_worker(document=document)
