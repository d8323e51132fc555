"""Pairs labelled by application outcome: exact labels for every status, both variants."""

import pytest

from candidates.models import CandidateDocument
from matching.core.training.texts import profile_as_text
from matching.training.dataset import label_of, training_pairs_build
from tests.factories import ApplicationFactory, CandidateDocumentFactory, VacancyFactory
from vacancies.workflow import ApplicationStatus

S = ApplicationStatus

BINARY = {S.HIRED: 1, S.REJECTED: 0, S.INTERVIEW_DECLINED: 0}
THREE_CLASS = {S.HIRED: 2, S.TALENT_POOL: 1, S.REJECTED: 0, S.INTERVIEW_DECLINED: 0}


@pytest.mark.parametrize("status", list(ApplicationStatus))
def test_label_of_every_status(status: ApplicationStatus) -> None:
    assert label_of(status) == BINARY.get(status)
    assert label_of(status, three_class=True) == THREE_CLASS.get(status)


@pytest.mark.django_db
def test_training_pairs_build_keeps_only_labelled_statuses() -> None:
    vacancy = VacancyFactory(title="Backend developer", required_skills=["Python", "Django"])
    applications = {
        status: ApplicationFactory(vacancy=vacancy, status=status.value)
        for status in ApplicationStatus
    }

    binary = training_pairs_build()
    three_class = training_pairs_build(three_class=True)

    expected_binary = sorted((applications[s].pk, label) for s, label in BINARY.items())
    expected_three = sorted((applications[s].pk, label) for s, label in THREE_CLASS.items())
    assert [(pair.application_id, pair.label) for pair in binary] == expected_binary
    assert [(pair.application_id, pair.label) for pair in three_class] == expected_three
    assert {pair.job_id for pair in binary} == {f"vacancy-{vacancy.pk}"}


@pytest.mark.django_db
def test_training_pairs_build_gives_three_text_variants() -> None:
    application = ApplicationFactory(status=S.HIRED.value, vacancy__required_skills=["Python"])
    profile = {
        "skills": ["Python", "Django"],
        "years_total": 4.0,
        "experience": [{"title": "Backend developer, Acme"}],
        "emails": ["a@example.com"],
    }
    CandidateDocumentFactory(
        candidate=application.candidate,
        extracted_text="Backend developer. Python, Django.",
        profile=profile,
        parse_status=CandidateDocument.ParseStatus.PARSED,
    )

    (pair,) = training_pairs_build()

    assert pair.resume == "Backend developer. Python, Django."
    assert pair.resume_profile == (
        "Experience: Backend developer\nYears of experience: 4\nSkills: Python, Django"
    )
    assert pair.resume_standardised == (
        "I have worked in the following domains: Backend developer. "
        "I have the following skills: Python, Django."
    )
    assert pair.job_standardised == (
        "The position is: Backend developer. The required skills are: Python."
    )
    assert pair.job.startswith("Backend developer\nBuild Django services")


def test_profile_as_text_of_an_empty_profile_is_empty() -> None:
    assert profile_as_text({}) == ""
