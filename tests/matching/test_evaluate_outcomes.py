"""Ranking judged by the database's own outcomes (hired = relevant), with two baselines."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from candidates.models import CandidateDocument
from matching.services.outcome_evaluation import outcome_evaluate
from tests.factories import ApplicationFactory, CandidateDocumentFactory, VacancyFactory
from vacancies.workflow import ApplicationStatus

S = ApplicationStatus

BACKEND_CV = (
    "Senior backend developer. Seven years building Python and Django services, REST APIs, "
    "PostgreSQL schemas, Celery workers and Docker deployments for web products."
)
OTHER_CVS = (
    "Registered nurse. Ten years of patient care in intensive care units, wound care, "
    "medication administration and hospital night shifts.",
    "Chartered accountant. Audits, balance sheets, tax returns and payroll for small firms.",
    "Pastry chef. Croissants, wedding cakes, chocolate work and running a bakery kitchen.",
)


def _application(vacancy, status: ApplicationStatus, cv_text: str):
    application = ApplicationFactory(vacancy=vacancy, status=status.value)
    CandidateDocumentFactory(
        candidate=application.candidate,
        extracted_text=cv_text,
        parse_status=CandidateDocument.ParseStatus.PARSED,
    )
    return application


@pytest.fixture
def decided_history():
    """A backend vacancy whose hire applied last (arrival order ranks it last), plus a vacancy
    with only rejections (no signal) and an undecided application (left out)."""
    backend = VacancyFactory(title="Backend developer", required_skills=["Python", "Django"])
    for text in OTHER_CVS:
        _application(backend, S.REJECTED, text)
    hired = _application(backend, S.HIRED, BACKEND_CV)
    _application(backend, S.INTERVIEW, BACKEND_CV)
    no_hire = VacancyFactory(title="Accountant", required_skills=["Accounting"])
    _application(no_hire, S.REJECTED, OTHER_CVS[1])
    return backend, no_hire, hired


@pytest.mark.django_db
def test_outcome_evaluate_ranks_the_hire_first_and_beats_arrival_order(decided_history) -> None:
    backend, no_hire, _ = decided_history

    evaluation = outcome_evaluate(k=10)

    assert evaluation is not None
    assert evaluation.n_applications == 5  # the interview is undecided: left out
    assert (evaluation.n_vacancies, evaluation.n_vacancies_ranked) == (2, 1)
    fairmatch = evaluation.methods["fairmatch"]
    assert fairmatch["mrr@10"] == 1.0  # the hire is ranked first
    assert fairmatch["ndcg@10"] == pytest.approx(1.0)
    assert evaluation.methods["arrival_order"]["mrr@10"] == pytest.approx(0.25)  # 4th to arrive
    rows = {row.vacancy_id: row for row in evaluation.vacancies}
    assert rows[backend.pk].n_relevant == 1
    assert rows[backend.pk].ndcg == pytest.approx(1.0)
    assert rows[no_hire.pk].n_relevant == 0
    assert rows[no_hire.pk].ndcg is None


@pytest.mark.django_db
def test_outcome_evaluate_three_class_counts_the_talent_pool(decided_history) -> None:
    backend, _, _ = decided_history
    _application(backend, S.TALENT_POOL, BACKEND_CV)

    binary = outcome_evaluate()
    graded = outcome_evaluate(three_class=True)

    assert binary is not None
    assert graded is not None
    assert binary.n_applications == 5  # talent pool is ambiguous in the binary scheme
    assert graded.n_applications == 6
    assert graded.three_class is True


@pytest.mark.django_db
def test_outcome_evaluate_filters_vacancies_and_reports_nothing_without_labels(
    decided_history,
) -> None:
    _, no_hire, _ = decided_history

    only = outcome_evaluate(vacancy_ids=[no_hire.pk])

    assert only is not None
    assert (only.n_vacancies, only.n_vacancies_ranked) == (1, 0)
    assert outcome_evaluate(vacancy_ids=[no_hire.pk + 1000]) is None


@pytest.mark.django_db
def test_evaluate_outcomes_command_json_and_table(decided_history) -> None:
    out = StringIO()
    call_command("evaluate_outcomes", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert set(report["methods"]) == {"fairmatch", "embedding_cosine", "arrival_order"}
    assert {"ndcg@10", "mrr@10", "map@10", "err@10", "precision@k", "auc"} <= set(
        report["methods"]["fairmatch"]
    )
    assert report["n_vacancies_ranked"] == 1

    table = StringIO()
    call_command("evaluate_outcomes", "--k", "5", stdout=table)
    text = table.getvalue()
    assert "5 decided applications, 2 vacancies, 1 with at least one hire" in text
    assert "ndcg@5" in text
    assert "arrival_order" in text


@pytest.mark.django_db
def test_evaluate_outcomes_command_errors_clearly() -> None:
    with pytest.raises(CommandError, match="no labelled applications"):
        call_command("evaluate_outcomes")
    with pytest.raises(CommandError, match="--k must be at least 1"):
        call_command("evaluate_outcomes", "--k", "0")
