"""Issue #21 item 4: "the stale sweep wrote two new scores for the erased candidate 15 s after
erasure". A run (sweep or recruiter's) started before an erasure never writes a score of the
erased candidate: not when the batch starts after the erasure, nor when the erasure lands
while the batch is being scored."""

import hashlib

import pytest

from candidates.models import CandidateDocument
from candidates.services import candidate_erase
from matching.models import MatchScore
from matching.services import batches
from matching.services.batches import scoring_batch_run
from matching.services.runs import scoring_run_start, stale_scores_refresh
from tests.factories import ApplicationFactory, CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db

CV = "SUMMARY\nPython developer, 5 years.\n\nSKILLS\nPython, Django, PostgreSQL\n"


def _applicant(vacancy):  # type: ignore[no-untyped-def]
    candidate = CandidateFactory()
    CandidateDocument.objects.create(
        candidate=candidate,
        file="cv/x.txt",
        original_name="cv.txt",
        content_type="text/plain",
        size=len(CV),
        sha256=hashlib.sha256(CV.encode()).hexdigest(),
        extracted_text=CV,
        parse_status="parsed",
    )
    return ApplicationFactory(candidate=candidate, vacancy=vacancy)


def test_a_sweep_started_before_an_erasure_scores_only_the_others() -> None:
    vacancy = VacancyFactory()
    erased, kept = _applicant(vacancy), _applicant(vacancy)
    run = stale_scores_refresh()
    assert run is not None
    assert run.total == 2

    candidate_erase(candidate=erased.candidate)
    for batch in run.batches.order_by("index"):
        scoring_batch_run(batch_id=batch.pk)

    assert not MatchScore.objects.filter(candidate=erased.candidate).exists()
    assert MatchScore.objects.filter(application=kept).count() == 1
    assert stale_scores_refresh() is None  # and no later sweep comes back for them


def test_an_erasure_landing_while_a_batch_is_scored_writes_no_score(monkeypatch) -> None:
    vacancy = VacancyFactory()
    erased, kept = _applicant(vacancy), _applicant(vacancy)
    run = scoring_run_start(vacancy=vacancy, batch_size=10)
    real_score = batches.pairs_score

    def score_then_erase(pairs):  # type: ignore[no-untyped-def]
        scored = real_score(pairs)
        candidate_erase(candidate=erased.candidate)  # meanwhile, in another request
        return scored

    monkeypatch.setattr(batches, "pairs_score", score_then_erase)
    scoring_batch_run(batch_id=run.batches.get().pk)

    assert not MatchScore.objects.filter(candidate=erased.candidate).exists()
    assert list(MatchScore.objects.values_list("application_id", flat=True)) == [kept.pk]
