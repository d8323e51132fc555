"""A ranking request reads stored scores only (#23, 1): it never loads an encoder or a
cross-encoder, it enqueues what is not scored yet and says so, and it never serves a stored
score or stage-2 result older than the vacancy, the CV or the model."""

from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from ats_site.celery import app as celery_app
from candidates.models import CandidateDocument
from candidates.services import candidate_erase
from matching.models import MatchScore, RerankScore, ScoringBatch, ScoringRun
from matching.services import encoders, rerank
from matching.services.batches import scoring_batch_run
from matching.services.enqueue import RERANK_SCORES_TASK, SCORE_BATCH_TASK
from matching.services.ranking import vacancy_rank
from matching.services.ranking_read import vacancy_ranking_read
from matching.services.runs import vacancy_candidates_scoring_start
from matching.services.stage_two import rerank_scores_store
from matching.tasks import rerank_scores_task
from tests.factories import ApplicationFactory
from tests.matching.cross_encoder import tiny_cross_encoder
from tests.matching.test_scoring_services import NURSE_CV, PYTHON_CV, _with_cv, python_vacancy
from vacancies.models import Application
from vacancies.services import application_move

pytestmark = pytest.mark.django_db

__all__ = ["python_vacancy"]  # a fixture used below

CVS = (PYTHON_CV, NURSE_CV, PYTHON_CV + "\nKubernetes", NURSE_CV + "\nPython", PYTHON_CV + "\nGo")
MODEL_LOADED = "a ranking request loaded a model"


@pytest.fixture
def stored_path(settings) -> None:
    """The production path: the request reads what the worker stored."""
    settings.MATCHING_RANKING_INLINE_WORKER = False


@pytest.fixture
def applicants(python_vacancy):
    for text in CVS:
        ApplicationFactory(candidate=_with_cv(text), vacancy=python_vacancy)
    return python_vacancy


def _worker_scores(vacancy, candidate_ids: list[int]) -> ScoringRun:
    """What the worker does with a ranking's missing candidates: every batch, run here."""
    run = vacancy_candidates_scoring_start(vacancy=vacancy, candidate_ids=candidate_ids)
    for batch_id in run.batches.values_list("pk", flat=True):
        scoring_batch_run(batch_id=batch_id)
    run.refresh_from_db()
    return run


def _applicant_ids(vacancy) -> list[int]:
    return list(Application.objects.filter(vacancy=vacancy).values_list("candidate_id", flat=True))


def test_a_request_serves_what_the_worker_stored_without_loading_any_model(
    applicants, stored_path, recruiter, api_client, client, monkeypatch
):
    run = _worker_scores(applicants, _applicant_ids(applicants))
    assert (run.status, run.done) == (ScoringRun.Status.SUCCEEDED, len(CVS))
    computed = vacancy_rank(vacancy=applicants, k=5)  # the in-process pipeline, for comparison

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(MODEL_LOADED)

    encoders.default_encoder.cache_clear()
    monkeypatch.setattr(encoders, "load_encoder", refuse)
    monkeypatch.setattr("sentence_transformers.SentenceTransformer.__init__", refuse)
    try:
        served = vacancy_ranking_read(vacancy=applicants, k=5)
        api_client.force_authenticate(recruiter)
        body = api_client.get(reverse("vacancy-ranking", args=[applicants.pk]) + "?k=5").json()
        client.force_login(recruiter)
        page = client.get(reverse("web:vacancy-detail", args=[applicants.pk]))
    finally:
        monkeypatch.undo()
        encoders.default_encoder.cache_clear()

    assert page.status_code == 200
    assert (served.pending, served.run, served.rerank_pending) == (0, None, False)
    assert [r.candidate.pk for r in served.ranked] == [r.candidate.pk for r in computed]
    assert [r.scored.score for r in served.ranked] == [r.scored.score for r in computed]
    assert [r.retrieval_cosine for r in served.ranked] == [r.retrieval_cosine for r in computed]
    assert [row["candidate"]["id"] for row in body["results"]] == [r.candidate.pk for r in computed]
    assert (body["pending"], body["scoring_run"], body["rerank_pending"]) == (0, None, False)
    assert body["results"][0]["explanation"]["features"]  # the stored why panel is served


def test_unscored_candidates_are_pending_enqueued_once_and_listed_when_scored(
    applicants, stored_path, recruiter, api_client, django_capture_on_commit_callbacks
):
    ids = _applicant_ids(applicants)
    _worker_scores(applicants, ids[:2])
    api_client.force_authenticate(recruiter)
    url = reverse("vacancy-ranking", args=[applicants.pk])

    with (
        mock.patch.object(celery_app, "send_task") as send_task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        with_run = api_client.get(url)
        again = api_client.get(url).json()

    body = with_run.json()
    assert sorted(row["candidate"]["id"] for row in body["results"]) == sorted(ids[:2])
    assert body["pending"] == len(CVS) - 2
    run = ScoringRun.objects.get(pk=body["scoring_run"]["run"])
    assert body["scoring_run"]["task_id"] == f"scoring-run-{run.pk}"
    batch = run.batches.get()
    assert sorted(
        Application.objects.filter(pk__in=batch.application_ids).values_list(
            "candidate_id", flat=True
        )
    ) == sorted(ids[2:])
    # The second request finds them in flight: no second run, the same progress shown.
    assert again["pending"] == len(CVS) - 2
    assert again["scoring_run"]["run"] == run.pk
    assert ScoringRun.objects.count() == 2  # the fixture's run and this one
    batch_sends = [c for c in send_task.call_args_list if c.args[0] == SCORE_BATCH_TASK]
    assert batch_sends == [mock.call(SCORE_BATCH_TASK, args=(batch.pk,))]

    scoring_batch_run(batch_id=batch.pk)  # the worker

    done = api_client.get(url).json()
    assert (done["pending"], done["scoring_run"]) == (0, None)
    assert len(done["results"]) == len(CVS)


def test_a_changed_vacancy_or_cv_is_never_served_stale(applicants, stored_path):
    ids = _applicant_ids(applicants)
    _worker_scores(applicants, ids)
    assert vacancy_ranking_read(vacancy=applicants, k=5).pending == 0

    document = CandidateDocument.objects.get(candidate_id=ids[0])
    document.extracted_text += "\nRust"
    document.save()
    after_cv = vacancy_ranking_read(vacancy=applicants, k=5)
    assert after_cv.pending == 1
    assert ids[0] not in [r.candidate.pk for r in after_cv.ranked]

    applicants.description += " Kafka."
    applicants.save()
    after_vacancy = vacancy_ranking_read(vacancy=applicants, k=5)
    assert (after_vacancy.pending, after_vacancy.ranked) == (len(CVS), [])


def test_another_model_version_makes_every_stored_score_pending(
    applicants, stored_path, monkeypatch
):
    _worker_scores(applicants, _applicant_ids(applicants))
    monkeypatch.setattr(
        "matching.services.ranking_read.current_model_version", lambda: "another/model"
    )

    ranking = vacancy_ranking_read(vacancy=applicants, k=5)

    assert (ranking.pending, ranking.ranked) == (len(CVS), [])
    assert ranking.run is not None
    assert ranking.run.total == len(CVS)


def test_talent_pool_members_are_scored_as_pairs_without_an_application(
    python_vacancy, stored_path, recruiter, api_client
):
    pooled = []
    for text in (PYTHON_CV, NURSE_CV):
        application = ApplicationFactory(candidate=_with_cv(text), status="rejected")
        application_move(application=application, to_status="talent_pool", moved_by=None)
        pooled.append(application.candidate_id)
    api_client.force_authenticate(recruiter)
    url = reverse("vacancy-talent-pool-suggestions", args=[python_vacancy.pk])

    first = api_client.get(url).json()
    run = ScoringRun.objects.get(pk=first["scoring_run"]["run"])
    batch = run.batches.get()
    assert (first["pending"], first["results"]) == (2, [])
    assert (batch.application_ids, sorted(batch.candidate_ids)) == ([], sorted(pooled))

    scoring_batch_run(batch_id=batch.pk)

    rows = MatchScore.objects.filter(vacancy=python_vacancy)
    assert sorted(rows.values_list("candidate_id", flat=True)) == sorted(pooled)
    assert not rows.filter(application__isnull=False).exists()  # they never applied here
    second = api_client.get(url).json()
    assert second["pending"] == 0
    assert [row["application_id"] for row in second["results"]] == [None, None]


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_cross_encoder(tmp_path_factory.mktemp("cross-encoder"))


@pytest.fixture
def with_cross_encoder(settings, tiny_folder: Path) -> Iterator[Path]:
    rerank._load.cache_clear()
    settings.MATCHING_CROSS_ENCODER_PATH = str(tiny_folder)
    yield tiny_folder
    rerank._load.cache_clear()


def test_stage_two_is_computed_by_the_worker_stored_and_never_served_stale(
    applicants, stored_path, with_cross_encoder, django_capture_on_commit_callbacks
):
    ids = _applicant_ids(applicants)
    _worker_scores(applicants, ids)
    feature_order = [r.candidate.pk for r in vacancy_ranking_read(vacancy=applicants, k=5).ranked]

    rerank._load.cache_clear()
    cache.clear()  # the read above asked for the same scores a moment ago
    with (
        mock.patch.object(rerank, "_load", side_effect=AssertionError(MODEL_LOADED)),
        mock.patch.object(celery_app, "send_task") as send_task,
        django_capture_on_commit_callbacks(execute=True),
    ):
        waiting = vacancy_ranking_read(vacancy=applicants, k=5)
    assert waiting.rerank_pending
    assert [r.candidate.pk for r in waiting.ranked] == feature_order
    assert all(r.rerank_score is None for r in waiting.ranked)
    (sent,) = send_task.call_args_list
    assert sent.args == (RERANK_SCORES_TASK,)
    assert sent.kwargs["args"][0] == applicants.pk
    assert sorted(sent.kwargs["args"][1]) == sorted(ids)

    assert rerank_scores_task.name == RERANK_SCORES_TASK
    assert rerank_scores_store(vacancy_id=applicants.pk, candidate_ids=ids) == len(CVS)
    assert rerank_scores_store(vacancy_id=applicants.pk, candidate_ids=ids) == 0  # idempotent
    stored = dict(RerankScore.objects.values_list("candidate_id", "score"))

    served = vacancy_ranking_read(vacancy=applicants, k=5)
    assert not served.rerank_pending
    assert {r.candidate.pk: r.rerank_score for r in served.ranked} == stored
    model = {r.candidate.pk: r.model_score for r in served.ranked}
    expected = sorted(ids, key=lambda pk: (-stored[pk], -model[pk], pk))
    assert [r.candidate.pk for r in served.ranked] == expected

    # The vacancy changes and the worker re-scores the features; the cross-encoder's rows are
    # now older than the vacancy, so they are not served until the worker reads them again.
    applicants.description += " Kafka."
    applicants.save()
    _worker_scores(applicants, ids)
    with mock.patch.object(celery_app, "send_task"):
        stale = vacancy_ranking_read(vacancy=applicants, k=5)
    assert stale.rerank_pending
    assert all(r.rerank_score is None for r in stale.ranked)
    RerankScore.objects.update(updated_at=timezone.now())
    assert not vacancy_ranking_read(vacancy=applicants, k=5).rerank_pending


def test_an_erased_candidate_is_never_pending_nor_served(applicants, stored_path):
    ids = _applicant_ids(applicants)
    _worker_scores(applicants, ids)
    candidate_erase(candidate=Application.objects.get(candidate_id=ids[0]).candidate)

    ranking = vacancy_ranking_read(vacancy=applicants, k=5)

    assert ranking.pending == 0
    assert ids[0] not in [r.candidate.pk for r in ranking.ranked]
    batches = ScoringBatch.objects.values_list("application_ids", "candidate_ids")
    erased_application = Application.objects.get(candidate_id=ids[0]).pk
    assert all(ids[0] not in pool for _, pool in batches)
    assert sum(erased_application in applied for applied, _ in batches) == 1  # the first run


def test_the_vacancy_page_says_which_applicants_are_still_being_scored(
    applicants, stored_path, recruiter, client, django_capture_on_commit_callbacks
):
    ids = _applicant_ids(applicants)
    _worker_scores(applicants, ids[:3])
    client.force_login(recruiter)

    with (
        mock.patch.object(celery_app, "send_task"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page = client.get(reverse("web:vacancy-detail", args=[applicants.pk])).content.decode()

    run = ScoringRun.objects.latest("created_at")
    assert run.total == len(CVS) - 3
    assert "2 candidates are being scored in the background" in page
    assert reverse("web:scoring-run-progress", args=[run.pk]) in page
    assert "data-reload-when-done" in page
    assert page.count('class="ranking-row"') == 3
