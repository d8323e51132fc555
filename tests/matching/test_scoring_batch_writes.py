"""What a scoring batch writes: a batch finished by another worker while this one was scoring is
counted once, and a re-score replaces the stored score and bucket (issue #26: both breakages,
the under-lock re-check removed and a re-score keeping the old figures, passed the suite)."""

import pytest

from candidates.models import Candidate
from matching.models import MatchScore, ScoringRun
from matching.services import batches
from matching.services.batches import scoring_batch_run
from matching.services.runs import scoring_run_start
from matching.services.scoring import ScoredCandidate, applications_score, pairs_score
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv
from vacancies.models import Application, Vacancy

pytestmark = pytest.mark.django_db

PYTHON_CV = (
    "SUMMARY\nBackend developer with 6 years of experience.\n\nEXPERIENCE\n"
    "Python developer, Acme (2019 - present)\n- Built Django REST APIs on PostgreSQL.\n\n"
    "SKILLS\nPython, Django, PostgreSQL, Docker\n"
)
NURSE_CV = (
    "SUMMARY\nRegistered nurse with 8 years on surgical wards.\n\nEXPERIENCE\n"
    "Nurse, CHU Lyon (2016 - present)\n- Patient care, medication administration.\n\n"
    "SKILLS\nPatient care, wound care, triage\n"
)
PROFILE = {"skills": [], "years_total": 6, "has_summary": True, "experience_count": 1}


@pytest.fixture
def python_vacancy() -> Vacancy:
    return VacancyFactory(
        title="Python backend developer",
        description="Build Django REST APIs on PostgreSQL; Docker a plus.",
        required_skills=["Python", "Django", "PostgreSQL"],
        preferred_skills=["Docker"],
        experience_min_years=3,
        experience_max_years=8,
    )


def test_a_batch_finished_by_another_worker_meanwhile_is_counted_and_written_once(
    python_vacancy: Vacancy, monkeypatch: pytest.MonkeyPatch
) -> None:
    for text in (PYTHON_CV, NURSE_CV, PYTHON_CV + "\nGit"):
        candidate = candidate_with_parsed_cv(text, PROFILE)
        ApplicationFactory(candidate=candidate, vacancy=python_vacancy)
    # Three batches of one: a double count would still fit under the run's total.
    run = scoring_run_start(vacancy=python_vacancy, batch_size=1)
    batch = run.batches.order_by("index").first()
    assert batch is not None
    other_worker: list[int] = []
    interleaved: list[bool] = []

    def score_while_another_worker_finishes(
        pairs: list[tuple[Candidate, Vacancy, Application | None]],
    ) -> list[ScoredCandidate]:
        scored = pairs_score(pairs)
        if not interleaved:
            interleaved.append(True)
            # A redelivered copy of the same message, run by another worker, commits first.
            other_worker.append(scoring_batch_run(batch_id=batch.pk))
        return scored

    monkeypatch.setattr(batches, "pairs_score", score_while_another_worker_finishes)

    assert scoring_batch_run(batch_id=batch.pk) == 0  # this worker finds the batch done

    run.refresh_from_db()
    assert other_worker == [1]
    assert (run.done, run.batches_done, run.status) == (1, 1, ScoringRun.Status.RUNNING)
    assert MatchScore.objects.filter(vacancy=python_vacancy).count() == 1


def test_a_rescore_replaces_the_stored_score_and_bucket(python_vacancy: Vacancy) -> None:
    application = ApplicationFactory(
        candidate=candidate_with_parsed_cv(PYTHON_CV, PROFILE), vacancy=python_vacancy
    )
    first = scoring_run_start(vacancy=python_vacancy)
    scoring_batch_run(batch_id=first.batches.get().pk)
    before = MatchScore.objects.get(application=application)
    Vacancy.objects.filter(pk=python_vacancy.pk).update(
        title="Registered nurse",
        description="Patient care on a surgical ward, medication administration, night shifts.",
        required_skills=["Patient care", "Triage"],
        preferred_skills=["Wound care"],
    )
    application = Application.objects.select_related("candidate", "vacancy").get(pk=application.pk)
    (expected,) = applications_score(applications=[application])
    assert (expected.score, expected.bucket) != (before.score, before.bucket)

    second = scoring_run_start(vacancy=python_vacancy)
    scoring_batch_run(batch_id=second.batches.get().pk)

    after = MatchScore.objects.get(application=application)
    assert after.pk == before.pk  # the same row, updated in place
    assert (after.score, after.bucket) == (expected.score, expected.bucket)
    assert after.model_version == before.model_version
