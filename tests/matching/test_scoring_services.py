"""The matching engine's Django layer: runs, batches, upserts, ranking, recommendations."""

import pytest

from matching.models import EmbeddingRecord, MatchScore, ScoringBatch, ScoringRun
from matching.services.batches import scoring_batch_run
from matching.services.ranking import (
    candidate_recommend_vacancies,
    pool_candidates,
    talent_pool_invite,
    vacancy_rank,
)
from matching.services.runs import scoring_run_resume, scoring_run_start
from tests.factories import ApplicationFactory, VacancyFactory, candidate_with_parsed_cv
from vacancies.models import Application

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


def _with_cv(text: str, **candidate_fields):
    profile = {"skills": [], "years_total": 6, "has_summary": True, "experience_count": 1}
    return candidate_with_parsed_cv(text, profile, **candidate_fields)


@pytest.fixture
def python_vacancy():
    return VacancyFactory(
        title="Python backend developer",
        description="Build Django REST APIs on PostgreSQL; Docker a plus.",
        required_skills=["Python", "Django", "PostgreSQL"],
        preferred_skills=["Docker"],
        experience_min_years=3,
        experience_max_years=8,
        region="Occitanie",
    )


def test_run_scores_every_application_once_and_reruns_update_in_place(python_vacancy):
    for text in (PYTHON_CV, NURSE_CV, PYTHON_CV + "\nGit"):
        ApplicationFactory(candidate=_with_cv(text), vacancy=python_vacancy)

    run = scoring_run_start(vacancy=python_vacancy, batch_size=2)
    assert (run.total, run.batches_total, run.status) == (3, 2, "pending")
    for batch in run.batches.all():
        scoring_batch_run(batch_id=batch.pk)
    run.refresh_from_db()

    assert (run.done, run.batches_done, run.status) == (3, 2, "succeeded")
    assert MatchScore.objects.count() == 3
    second = scoring_run_start(vacancy=python_vacancy, batch_size=3)
    scoring_batch_run(batch_id=second.batches.get().pk)
    assert MatchScore.objects.count() == 3


def test_a_done_batch_is_never_scored_twice(python_vacancy):
    ApplicationFactory(candidate=_with_cv(PYTHON_CV), vacancy=python_vacancy)
    run = scoring_run_start(vacancy=python_vacancy)
    batch = run.batches.get()

    assert scoring_batch_run(batch_id=batch.pk) == 1
    assert scoring_batch_run(batch_id=batch.pk) == 0

    run.refresh_from_db()
    assert (run.done, run.batches_done) == (1, 1)
    assert scoring_run_resume(run=run) == 0


def test_scores_are_explained_and_rank_the_matching_cv_first(python_vacancy):
    developer = ApplicationFactory(candidate=_with_cv(PYTHON_CV), vacancy=python_vacancy)
    nurse = ApplicationFactory(candidate=_with_cv(NURSE_CV), vacancy=python_vacancy)
    run = scoring_run_start(vacancy=python_vacancy)
    scoring_batch_run(batch_id=run.batches.get().pk)

    developer_score = MatchScore.objects.get(application=developer)
    nurse_score = MatchScore.objects.get(application=nurse)
    assert developer_score.score > nurse_score.score
    assert 0 <= nurse_score.score <= 100
    assert set(developer_score.matched_skills) >= {"Python", "Django", "PostgreSQL"}
    assert "Python" in nurse_score.missing_skills
    assert "skills_mismatch" in nurse_score.missing_categories
    assert any("Python" in advice for advice in nurse_score.recommendations)
    assert developer_score.model_version == run.model_version


def test_unchanged_text_is_encoded_once(python_vacancy):
    ApplicationFactory(candidate=_with_cv(PYTHON_CV), vacancy=python_vacancy)
    scoring_batch_run(batch_id=scoring_run_start(vacancy=python_vacancy).batches.get().pk)
    stored = EmbeddingRecord.objects.count()

    scoring_batch_run(batch_id=scoring_run_start(vacancy=python_vacancy).batches.get().pk)

    assert stored >= 2
    assert EmbeddingRecord.objects.count() == stored


def test_ranking_is_stable_explained_and_limited_to_k(python_vacancy):
    ApplicationFactory(candidate=_with_cv(NURSE_CV), vacancy=python_vacancy)
    ApplicationFactory(candidate=_with_cv(PYTHON_CV), vacancy=python_vacancy)
    ApplicationFactory(candidate=_with_cv(PYTHON_CV + "\nKubernetes"), vacancy=python_vacancy)

    first = vacancy_rank(vacancy=python_vacancy, k=2)
    again = vacancy_rank(vacancy=python_vacancy, k=2)

    assert [r.position for r in first] == [1, 2]
    assert [r.candidate.pk for r in first] == [r.candidate.pk for r in again]
    assert first[0].scored.score >= first[1].scored.score
    assert all(r.application_id is not None for r in first)


def test_talent_pool_excludes_the_vacancy_own_applicants_and_invite_creates_application(
    python_vacancy, recruiter
):
    pooled = _with_cv(PYTHON_CV, region="Occitanie")
    ApplicationFactory(candidate=pooled, status="talent_pool")
    applicant = _with_cv(PYTHON_CV + "\nGit", region="Occitanie")
    ApplicationFactory(candidate=applicant, status="talent_pool")
    ApplicationFactory(candidate=applicant, vacancy=python_vacancy)
    elsewhere = _with_cv(PYTHON_CV + "\nRust", region="Bretagne")
    ApplicationFactory(candidate=elsewhere, status="talent_pool")

    pool = pool_candidates(vacancy=python_vacancy, pool="talent_pool")
    local = pool_candidates(vacancy=python_vacancy, pool="talent_pool", same_region=True)

    assert set(pool) == {pooled, elsewhere}
    assert list(local) == [pooled]
    application = talent_pool_invite(vacancy=python_vacancy, candidate=pooled, invited_by=recruiter)
    assert (application.source, application.status) == ("talent_pool", "new")
    assert set(pool_candidates(vacancy=python_vacancy, pool="talent_pool")) == {elsewhere}


def test_recommendations_put_the_fitting_open_vacancy_first(python_vacancy):
    VacancyFactory(
        title="Registered nurse",
        description="Patient care on a surgical ward.",
        required_skills=["Patient care"],
    )
    VacancyFactory(title="Closed Python job", status="closed")
    developer = _with_cv(PYTHON_CV)

    recommended = candidate_recommend_vacancies(candidate=developer)

    assert [item.vacancy_id for item in recommended][0] == python_vacancy.pk
    assert len(recommended) == 2


def test_no_matching_module_reads_sensitive_attributes():
    from pathlib import Path

    import matching

    offenders = [
        str(path)
        for path in Path(matching.__file__).parent.rglob("*.py")
        if "sensitive_attributes" in path.read_text()
        or "import CandidateSensitiveAttributes" in path.read_text()
        or "from fairness" in path.read_text()
    ]
    assert offenders == []


def test_batch_status_and_run_progress_after_partial_work(python_vacancy):
    for text in (PYTHON_CV, NURSE_CV):
        ApplicationFactory(candidate=_with_cv(text), vacancy=python_vacancy)
    run = scoring_run_start(vacancy=python_vacancy, batch_size=1)
    first = run.batches.order_by("index").first()
    scoring_batch_run(batch_id=first.pk)
    run.refresh_from_db()

    assert (run.done, run.total, run.status) == (1, 2, ScoringRun.Status.RUNNING)
    assert run.batches.filter(status=ScoringBatch.Status.PENDING).count() == 1
    assert Application.objects.count() == 2


def test_new_changed_and_rescored_applications_are_found_by_the_stale_sweep(python_vacancy):
    from matching.selectors import applications_needing_score
    from matching.services.runs import stale_scores_refresh
    from matching.services.versions import current_model_version
    from vacancies.services import vacancy_update

    application = ApplicationFactory(candidate=_with_cv(PYTHON_CV), vacancy=python_vacancy)
    version = current_model_version()
    assert list(applications_needing_score(model_version=version)) == [application]

    run = stale_scores_refresh()
    assert run is not None
    scoring_batch_run(batch_id=run.batches.get().pk)
    assert list(applications_needing_score(model_version=version)) == []
    assert stale_scores_refresh() is None

    vacancy_update(vacancy=python_vacancy, data={"title": "Senior Python developer"})
    assert list(applications_needing_score(model_version=version)) == [application]
