"""Selectors: the rows that are about one candidate, and the audit events that concern them.

Used by erasure (what to redact) and by the export (who saw or changed the candidate's data).
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, Q, QuerySet

from ats_site.accounts.models import AuditEvent, User
from candidates.models import Candidate, CandidateDocument, CandidateSensitiveAttributes
from matching.models import MatchScore


@dataclass(frozen=True, slots=True)
class CandidateFootprint:
    """The rows known to be about the candidate, collected before their scores and CVs go."""

    candidate_id: int
    targets: frozenset[tuple[str, str]]  # (audit target_type, target_id)
    admin_objects: frozenset[tuple[int, str]]  # (content_type_id, object_id) in the admin log


def candidate_footprint(*, candidate: Candidate) -> CandidateFootprint:
    """The audit targets that are the candidate or theirs: profile, applications, scores, CVs."""
    targets = {("candidate", str(candidate.pk))}
    related = {
        "application": candidate.applications.values_list("pk", flat=True),
        "match_score": candidate.match_scores.values_list("pk", flat=True),
        "candidate_document": candidate.documents.values_list("pk", flat=True),
    }
    for target_type, ids in related.items():
        targets |= {(target_type, str(pk)) for pk in ids}
    own_rows: list[tuple[type[Model], list[int]]] = [
        (Candidate, [candidate.pk]),
        # Through the reverse relation: applications live in vacancies, never imported here.
        (Candidate.applications.rel.related_model, list(related["application"])),
        (MatchScore, list(related["match_score"])),
        (CandidateDocument, list(related["candidate_document"])),
        (CandidateSensitiveAttributes, list(_sensitive_ids(candidate))),
    ]
    if candidate.user_id is not None:
        own_rows.append((User, [candidate.user_id]))
    admin_objects = {
        (ContentType.objects.get_for_model(model).pk, str(pk))
        for model, ids in own_rows
        for pk in ids
    }
    return CandidateFootprint(
        candidate_id=candidate.pk,
        targets=frozenset(targets),
        admin_objects=frozenset(admin_objects),
    )


def _sensitive_ids(candidate: Candidate) -> list[int]:
    return list(
        CandidateSensitiveAttributes.objects.filter(candidate=candidate).values_list(
            "pk", flat=True
        )
    )


def candidate_audit_trail(*, candidate: Candidate) -> QuerySet[AuditEvent]:
    """Audit events about the candidate or their rows, oldest first; also the rankings of and
    fairness audits over the vacancies they applied to, which may have shown or counted them."""
    footprint = candidate_footprint(candidate=candidate)
    about = Q(detail__candidate=candidate.pk)
    for target_type, target_id in footprint.targets:
        about |= Q(target_type=target_type, target_id=target_id)
    vacancy_ids = [str(pk) for pk in candidate.applications.values_list("vacancy_id", flat=True)]
    about |= Q(target_type="vacancy_ranking", target_id__in=vacancy_ids)
    about |= Q(target_type="fairness_audit", target_id__in=[*vacancy_ids, "all"])
    return AuditEvent.objects.filter(about).select_related("actor").order_by("created_at", "pk")
