"""Database constraints and service guards on vacancies and applications."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ats_site.exceptions import ApplicationError
from tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory
from vacancies.models import Application, Vacancy
from vacancies.services import (
    APPLICATION_ALREADY_EXISTS,
    VACANCY_NOT_OPEN,
    application_create,
    vacancy_create,
    vacancy_update,
)

pytestmark = pytest.mark.django_db


def test_one_application_per_candidate_and_vacancy_in_the_database():
    application = ApplicationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(candidate=application.candidate, vacancy=application.vacancy)

    assert Application.objects.count() == 1


def test_duplicate_application_is_refused_by_the_service():
    application = ApplicationFactory()

    with pytest.raises(ApplicationError) as error:
        application_create(candidate=application.candidate, vacancy=application.vacancy)

    assert error.value.message == APPLICATION_ALREADY_EXISTS
    assert Application.objects.count() == 1


def test_unknown_application_status_is_refused_by_the_database():
    application = ApplicationFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.filter(pk=application.pk).update(status="teleported")


def test_closed_vacancy_takes_no_application():
    vacancy = VacancyFactory(status=Vacancy.Status.CLOSED)

    with pytest.raises(ApplicationError) as error:
        application_create(candidate=CandidateFactory(), vacancy=vacancy)

    assert error.value.message == VACANCY_NOT_OPEN
    assert Application.objects.count() == 0


def test_experience_range_must_be_ordered(recruiter):
    with pytest.raises(ValidationError):
        vacancy_create(
            owner=recruiter, title="Analyst", experience_min_years=5, experience_max_years=2
        )
    assert Vacancy.objects.count() == 0


def test_vacancy_update_saves_only_changed_fields(recruiter):
    vacancy = vacancy_create(owner=recruiter, title="Analyst", experience_min_years=1)

    vacancy_update(vacancy=vacancy, data={"title": "Senior analyst", "seniority": "senior"})

    vacancy.refresh_from_db()
    assert (vacancy.title, vacancy.seniority, vacancy.experience_min_years) == (
        "Senior analyst",
        "senior",
        1,
    )
