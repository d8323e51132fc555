"""The canonical workflow: every legal transition works, illegal ones change nothing."""

import pytest

from ats_site.exceptions import InvalidTransition
from tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory
from vacancies.models import Application, ApplicationStatusChange
from vacancies.services import APPLICATION_MOVE_INVALID, application_create, application_move
from vacancies.status_labels import StatusLabel
from vacancies.workflow import (
    ALLOWED_TRANSITIONS,
    ApplicationStatus,
    Outcome,
    outcome_of,
    reached_stage,
)

pytestmark = pytest.mark.django_db

LEGAL = [(source, target) for source, targets in ALLOWED_TRANSITIONS.items() for target in targets]
ILLEGAL = [
    (ApplicationStatus.HIRED, ApplicationStatus.NEW),
    (ApplicationStatus.HIRED, ApplicationStatus.REJECTED),
    (ApplicationStatus.NEW, ApplicationStatus.HIRED),
    (ApplicationStatus.NEW, ApplicationStatus.OFFER),
    (ApplicationStatus.REJECTED, ApplicationStatus.HIRED),
    (ApplicationStatus.SCREENING, ApplicationStatus.NEW),
    (ApplicationStatus.INTERVIEW_DECLINED, ApplicationStatus.INTERVIEW),
    (ApplicationStatus.WITHDRAWN, ApplicationStatus.OFFER),
]


@pytest.mark.parametrize(("source", "target"), LEGAL, ids=[f"{s}->{t}" for s, t in LEGAL])
def test_every_legal_transition_moves_and_records_history(source, target, recruiter):
    application = ApplicationFactory(status=source.value)

    application_move(application=application, to_status=target, moved_by=recruiter, reason="r")

    application.refresh_from_db()
    assert application.status == target.value
    change = ApplicationStatusChange.objects.get(application=application)
    assert (change.from_status, change.to_status, change.changed_by, change.reason) == (
        source.value,
        target.value,
        recruiter,
        "r",
    )


@pytest.mark.parametrize(("source", "target"), ILLEGAL, ids=[f"{s}->{t}" for s, t in ILLEGAL])
def test_illegal_transition_raises_and_changes_nothing(source, target, recruiter):
    application = ApplicationFactory(status=source.value)

    with pytest.raises(InvalidTransition) as error:
        application_move(application=application, to_status=target, moved_by=recruiter)

    assert error.value.message == APPLICATION_MOVE_INVALID.format(
        source=StatusLabel(source.value), target=StatusLabel(target.value)
    )
    application.refresh_from_db()
    assert application.status == source.value
    assert ApplicationStatusChange.objects.filter(application=application).count() == 0


def test_no_status_is_a_dead_end_except_hired():
    dead_ends = {status for status, targets in ALLOWED_TRANSITIONS.items() if not targets}
    assert dead_ends == {ApplicationStatus.HIRED}
    assert set(ALLOWED_TRANSITIONS) == set(ApplicationStatus)


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        ("hired", Outcome.POSITIVE),
        ("rejected", Outcome.NEGATIVE),
        ("interview_declined", Outcome.NEGATIVE),
        ("talent_pool", Outcome.TALENT_POOL),
        ("no_news", Outcome.OPEN),
        ("vacancy_filled", Outcome.OPEN),
        ("interview", Outcome.OPEN),
    ],
)
def test_outcome_class_of_each_status(status, outcome):
    assert outcome_of(status) == outcome


def test_reached_stage_counts_later_stages():
    assert reached_stage(["new", "screening", "interview", "rejected"], "interview")
    assert reached_stage(["new", "hired"], "offer")
    assert not reached_stage(["new", "screening", "rejected"], "interview")


def test_application_create_records_first_status(recruiter):
    candidate = CandidateFactory()
    vacancy = VacancyFactory()

    application = application_create(candidate=candidate, vacancy=vacancy, created_by=recruiter)

    assert application.status == "new"
    history = list(application.status_changes.values_list("from_status", "to_status"))
    assert history == [("", "new")]


def test_talent_pool_candidate_stays_available_for_other_vacancies(recruiter):
    application = ApplicationFactory(status="rejected")
    application_move(application=application, to_status="talent_pool", moved_by=recruiter)
    other_vacancy = VacancyFactory(title="Data engineer")

    second = application_create(
        candidate=application.candidate,
        vacancy=other_vacancy,
        source=Application.Source.TALENT_POOL,
        created_by=recruiter,
    )

    assert second.source == "talent_pool"
    assert Application.objects.filter(candidate=application.candidate).count() == 2
