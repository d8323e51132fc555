"""Stored occupation readings: computed once per text and engine, re-read when either changes."""

import pytest
from django.core.management import call_command

from ats_site.celery import app as celery_app
from candidates.services.cv_choice import document_select
from candidates.tasks import cv_extract_task
from matching.models import OccupationReading
from matching.occupation_selectors import (
    candidate_occupation_profiles,
    candidate_occupations,
    vacancy_occupation_profile,
)
from matching.selectors import occupation_readings_stale
from matching.services import occupation_jobs
from matching.services.enqueue import CANDIDATE_OCCUPATIONS_TASK, VACANCY_OCCUPATIONS_TASK
from matching.services.occupations import (
    STORED_OCCUPATIONS,
    candidate_occupations_read,
    vacancy_occupations_read,
)
from matching.tasks import candidate_occupations_read_task, vacancy_occupations_read_task
from tests.factories import CandidateDocumentFactory, VacancyFactory, candidate_with_parsed_cv
from tests.matching.core.occupations.synthetic_esco import uri
from tests.matching.occupations.synthetic_engine import (
    ACCOUNTANT_CV,
    CHEF_CV,
    install_engine,
    synthetic_engine,
)
from vacancies.services import vacancy_create, vacancy_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    return install_engine(monkeypatch, synthetic_engine())


def test_candidate_reading_stores_the_top_three_with_confidence_and_domain(engine) -> None:
    candidate = candidate_with_parsed_cv(CHEF_CV)

    reading = candidate_occupations_read(candidate_id=candidate.pk)

    entries = list(reading.entries.order_by("rank"))
    assert [entry.rank for entry in entries] == [1, 2, 3]
    assert len(entries) == STORED_OCCUPATIONS
    assert entries[0].uri == uri("chef")
    assert entries[0].label == "head chef"
    assert entries[0].isco_code == "3434"
    assert entries[0].isco_label == "Chefs"
    confidences = [entry.confidence for entry in entries]
    assert confidences == sorted(confidences, reverse=True)
    assert 0 < confidences[0] <= 1
    assert reading.domain == "retail_hospitality"
    assert reading.engine_version == engine.version
    assert reading.document_id == candidate.documents.get().pk


def test_reading_twice_keeps_the_row_and_encodes_nothing(engine) -> None:
    candidate = candidate_with_parsed_cv(CHEF_CV)
    first = candidate_occupations_read(candidate_id=candidate.pk)
    calls = engine.encoder.calls
    entry_ids = list(first.entries.values_list("pk", flat=True))

    second = candidate_occupations_read(candidate_id=candidate.pk)

    assert second.pk == first.pk
    assert engine.encoder.calls == calls
    assert list(second.entries.values_list("pk", flat=True)) == entry_ids
    assert OccupationReading.objects.count() == 1


def test_a_new_engine_version_makes_readings_stale_and_reads_them_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old = install_engine(monkeypatch, synthetic_engine())
    candidate = candidate_with_parsed_cv(CHEF_CV)
    vacancy = VacancyFactory(title="Bookkeeper", description="Keep the ledger.")
    candidate_occupations_read(candidate_id=candidate.pk)
    vacancy_occupations_read(vacancy_id=vacancy.pk)
    assert occupation_readings_stale(engine_version=old.version) == ([], [])

    new = install_engine(monkeypatch, synthetic_engine(tag="+esco-next"))
    assert occupation_readings_stale(engine_version=new.version) == ([candidate.pk], [vacancy.pk])
    result = occupation_jobs.occupations_refresh()

    assert (result.candidates, result.vacancies, result.enqueued) == (1, 1, False)
    assert set(OccupationReading.objects.values_list("engine_version", flat=True)) == {new.version}
    assert new.encoder.calls == 2
    assert occupation_readings_stale(engine_version=new.version) == ([], [])


def test_an_edited_vacancy_is_read_again(engine) -> None:
    vacancy = VacancyFactory(title="Bookkeeper", description="Record transactions in the ledger.")
    assert vacancy_occupations_read(vacancy_id=vacancy.pk).entries.get(rank=1).uri == uri(
        "bookkeeper"
    )

    vacancy_update(vacancy=vacancy, data={"title": "Airline pilot", "description": "Fly aircraft."})
    assert occupation_readings_stale(engine_version=engine.version) == ([], [vacancy.pk])
    reading = vacancy_occupations_read(vacancy_id=vacancy.pk)

    assert reading.entries.get(rank=1).uri == uri("pilot")
    assert OccupationReading.objects.filter(vacancy=vacancy).count() == 1


def test_an_unchanged_text_touched_by_an_edit_is_no_longer_stale(engine) -> None:
    vacancy = VacancyFactory(title="Bookkeeper", description="Keep the ledger.")
    vacancy_occupations_read(vacancy_id=vacancy.pk)
    calls = engine.encoder.calls

    vacancy_update(vacancy=vacancy, data={"location": "Lyon"})  # not read by the engine
    assert occupation_readings_stale(engine_version=engine.version) == ([], [vacancy.pk])
    vacancy_occupations_read(vacancy_id=vacancy.pk)

    assert engine.encoder.calls == calls
    assert occupation_readings_stale(engine_version=engine.version) == ([], [])


def test_a_candidate_without_a_readable_cv_loses_the_reading(engine) -> None:
    candidate = candidate_with_parsed_cv(CHEF_CV)
    candidate_occupations_read(candidate_id=candidate.pk)
    candidate.documents.update(parse_status="failed")

    assert candidate_occupations_read(candidate_id=candidate.pk) is None
    assert not OccupationReading.objects.filter(candidate=candidate).exists()


def test_selectors_give_summaries_and_engine_profiles(engine) -> None:
    chef = candidate_with_parsed_cv(CHEF_CV)
    accountant = candidate_with_parsed_cv(ACCOUNTANT_CV)
    for candidate in (chef, accountant):
        candidate_occupations_read(candidate_id=candidate.pk)

    summaries = candidate_occupations(candidate_ids=[chef.pk, accountant.pk])
    profiles = candidate_occupation_profiles(candidate_ids=[chef.pk, accountant.pk])

    assert summaries[accountant.pk].top.label == "accountant"
    top = summaries[accountant.pk].top
    assert top.reads_as() == f"Accountant (ESCO), {top.confidence:.2f}"
    assert summaries[chef.pk].domain == "retail_hospitality"
    assert profiles[chef.pk].top.uri == uri("chef")
    assert len(profiles[chef.pk].occupations) == engine.weights.top_k


def test_the_recruiters_choice_comes_first_in_the_vacancy_profile(engine) -> None:
    vacancy = VacancyFactory(title="Bookkeeper", description="Keep the ledger.")
    vacancy_occupations_read(vacancy_id=vacancy.pk)
    vacancy.chosen_occupation_uri = uri("accountant")
    vacancy.chosen_occupation_label = "accountant"
    vacancy.chosen_occupation_isco_code = "2411"
    vacancy.save()

    profile = vacancy_occupation_profile(vacancy=vacancy)

    assert profile.top.uri == uri("accountant")
    assert profile.top.confidence == 1.0
    assert profile.domain == "finance"
    assert [item.uri for item in profile.occupations].count(uri("accountant")) == 1


def test_refresh_command_reads_the_stale_then_nothing(engine, capsys) -> None:
    candidate_with_parsed_cv(CHEF_CV)
    VacancyFactory(title="Head chef", description="Plan menus.")

    call_command("refresh_occupations", "--json")
    first = capsys.readouterr().out
    call_command("refresh_occupations", "--json")
    second = capsys.readouterr().out

    assert '"candidates": 1, "vacancies": 1' in first
    assert '"candidates": 0, "vacancies": 0' in second
    assert OccupationReading.objects.count() == 2


def test_occupation_tasks_are_registered_under_the_enqueued_names() -> None:
    assert candidate_occupations_read_task.name == CANDIDATE_OCCUPATIONS_TASK
    assert vacancy_occupations_read_task.name == VACANCY_OCCUPATIONS_TASK
    assert celery_app.tasks[CANDIDATE_OCCUPATIONS_TASK].name == CANDIDATE_OCCUPATIONS_TASK
    assert celery_app.tasks[VACANCY_OCCUPATIONS_TASK].name == VACANCY_OCCUPATIONS_TASK


@pytest.fixture
def sent_tasks(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, tuple[int, ...]]]:
    """What is sent to the broker, by task name and arguments."""
    sent: list[tuple[str, tuple[int, ...]]] = []
    monkeypatch.setattr(
        celery_app, "send_task", lambda name, args=(), **_: sent.append((name, tuple(args)))
    )
    return sent


def test_creating_a_vacancy_enqueues_its_reading_after_commit(
    sent_tasks, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        vacancy = vacancy_create(owner=None, title="Head chef", description="Plan menus.")
        assert sent_tasks == []

    assert sent_tasks == [(VACANCY_OCCUPATIONS_TASK, (vacancy.pk,))]


def test_only_an_edit_of_the_read_text_enqueues_a_reading(
    sent_tasks, django_capture_on_commit_callbacks
) -> None:
    vacancy = VacancyFactory(title="Head chef")
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_update(vacancy=vacancy, data={"location": "Lyon"})
    assert sent_tasks == []

    with django_capture_on_commit_callbacks(execute=True):
        vacancy_update(vacancy=vacancy, data={"description": "Run the kitchen."})
    assert sent_tasks == [(VACANCY_OCCUPATIONS_TASK, (vacancy.pk,))]


def test_a_cv_read_by_the_worker_enqueues_its_candidates_reading(
    sent_tasks, django_capture_on_commit_callbacks
) -> None:
    document = CandidateDocumentFactory(
        file__data=CHEF_CV.encode(), size=len(CHEF_CV), original_name="cv.txt"
    )

    with django_capture_on_commit_callbacks(execute=True):
        status = cv_extract_task.run(document.pk)

    assert status == "parsed"
    assert sent_tasks == [(CANDIDATE_OCCUPATIONS_TASK, (document.candidate_id,))]


def test_choosing_another_cv_enqueues_a_reading(
    sent_tasks, django_capture_on_commit_callbacks
) -> None:
    candidate = candidate_with_parsed_cv(CHEF_CV)
    document = candidate.documents.get()

    with django_capture_on_commit_callbacks(execute=True):
        document_select(document=document, selected_by=None)

    assert sent_tasks == [(CANDIDATE_OCCUPATIONS_TASK, (candidate.pk,))]


def test_nothing_is_enqueued_when_occupations_are_switched_off(
    sent_tasks, django_capture_on_commit_callbacks, settings
) -> None:
    settings.MATCHING_OCCUPATIONS_ENABLED = False
    with django_capture_on_commit_callbacks(execute=True):
        vacancy_create(owner=None, title="Head chef", description="Plan menus.")

    assert sent_tasks == []
