"""Candidate-vacancy training pairs labelled by application outcome, read from the database.

Binary labels: hired = 1; rejected and interview declined = 0. Talent pool, no news, vacancy
filled, withdrawn and every open status are ambiguous and left out. The three-class variant keeps
the talent pool as a class of its own: rejected = 0, talent pool = 1, hired = 2 (also a graded
relevance, higher is a better fit). Sensitive attributes are never read here.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from candidates.selectors import latest_cv_by_candidate
from matching.core.training.texts import (
    candidate_standardised,
    profile_as_text,
    vacancy_standardised,
)
from matching.services.outcome_labels import label_of, labelled_statuses
from matching.services.scoring import candidate_resume_text, vacancy_job_text
from vacancies.models import Application

THREE_CLASS_NAMES = ("rejected", "talent_pool", "hired")
BINARY_NAMES = ("rejected", "hired")
TEXT_VARIANTS = ("raw", "profile", "standardised")


@dataclass(frozen=True, slots=True)
class TrainingPair:
    """One labelled application with the three text forms of its CV and two of its vacancy."""

    id: str
    application_id: int
    candidate_id: int
    vacancy_id: int
    status: str
    label: int
    resume: str
    resume_profile: str
    resume_standardised: str
    job: str
    job_standardised: str

    @property
    def job_id(self) -> str:
        """The group key of the pairs format."""
        return f"vacancy-{self.vacancy_id}"

    def resume_text(self, variant: str) -> str:
        """The CV in one of ``TEXT_VARIANTS``."""
        return {
            "raw": self.resume,
            "profile": self.resume_profile,
            "standardised": self.resume_standardised,
        }[variant]

    def job_text(self, variant: str) -> str:
        """The vacancy as text: its standardised sentence for that variant, else the posting."""
        return self.job_standardised if variant == "standardised" else self.job


def training_pairs_build(
    *, three_class: bool = False, vacancy_ids: Sequence[int] | None = None
) -> list[TrainingPair]:
    """Every labelled application as a training pair, in application order (three queries)."""
    applications = (
        Application.objects.filter(status__in=labelled_statuses(three_class=three_class))
        .select_related("candidate", "vacancy")
        .order_by("pk")
    )
    if vacancy_ids is not None:
        applications = applications.filter(vacancy_id__in=list(vacancy_ids))
    rows = list(applications)
    documents = latest_cv_by_candidate(candidate_ids=sorted({row.candidate_id for row in rows}))
    pairs = []
    for application in rows:
        candidate, vacancy = application.candidate, application.vacancy
        document = documents.get(candidate.pk)
        resume = candidate_resume_text(candidate, document)
        profile = document.profile if document is not None else {}
        label = label_of(application.status, three_class=three_class)
        if label is None:
            continue
        pairs.append(
            TrainingPair(
                id=f"application-{application.pk}",
                application_id=application.pk,
                candidate_id=candidate.pk,
                vacancy_id=vacancy.pk,
                status=application.status,
                label=label,
                resume=resume,
                resume_profile=profile_as_text(profile),
                resume_standardised=candidate_standardised(resume, profile, candidate.headline),
                job=vacancy_job_text(vacancy),
                job_standardised=vacancy_standardised(
                    vacancy.title, vacancy.required_skills, vacancy.description
                ),
            )
        )
    return pairs
