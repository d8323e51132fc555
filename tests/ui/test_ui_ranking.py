"""Recruiter journey in a real browser: ranked applicants, the "why" panel, re-scoring."""

import pytest

from ats_site.accounts.models import Role
from ats_site.demo import DEMO_PASSWORDS
from matching.models import ScoringRun
from matching.services.batches import scoring_batch_run
from matching.services.runs import scoring_run_start
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db(transaction=True)


def test_recruiter_reads_why_a_candidate_ranks_first_and_starts_a_rescore(
    page, login, screenshot
) -> None:
    vacancy = Vacancy.objects.get(external_id="demo-vacancy-0")
    run = scoring_run_start(vacancy=vacancy)
    for batch in run.batches.all():
        scoring_batch_run(batch_id=batch.pk)
    login("demo_recruiter", DEMO_PASSWORDS[Role.RECRUITER])

    page.goto(f"/vacancies/{vacancy.pk}/")
    ranking = page.locator("#ranked-candidates")
    first = ranking.locator(".ranking-row").first
    first.get_by_text("Why this position?").click()
    screenshot("recruiter-ranking-why")

    assert ranking.locator(".ranking-row").count() == vacancy.applications.count()
    assert first.locator(".position").inner_text() == "#1"
    assert first.get_by_text("Required skills").first.is_visible()
    assert first.get_by_text("Matched skills").is_visible()

    page.get_by_role("button", name="Re-score all applications").click()
    page.locator("#run-progress").wait_for()
    screenshot("recruiter-rescore-progress")
    assert ScoringRun.objects.count() == 2
    assert page.locator("[data-run-status]").inner_text() in {"Pending", "Running", "Succeeded"}
