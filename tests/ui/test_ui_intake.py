"""In a browser: a recruiter drops several CVs and watches them become candidates; the HR
admin then finds the recruiter's score views in the audit log."""

import pytest

from ats_site.accounts.models import Role
from ats_site.demo import DEMO_PASSWORDS
from candidates.models import CvIntakeItem
from candidates.services.intake_processing import cv_intake_item_process
from vacancies.models import Vacancy

pytestmark = pytest.mark.django_db(transaction=True)

CVS = [
    {"name": "grace.txt", "mimeType": "text/plain", "buffer": b"Grace Hopper\ngrace@example.org\n"},
    {"name": "nameless.txt", "mimeType": "text/plain", "buffer": b"SUMMARY\nForklift operator.\n"},
]


def test_a_recruiter_drops_cvs_and_the_progress_page_follows_the_worker(
    page, login, screenshot
) -> None:
    page.set_default_timeout(30_000)
    login("demo_recruiter", DEMO_PASSWORDS[Role.RECRUITER])
    page.get_by_role("heading", name="Recruiter dashboard").wait_for()
    page.get_by_role("link", name="Candidates", exact=True).click()
    page.get_by_role("link", name="Bulk CV intake").click()
    page.get_by_label("CV files").set_input_files(files=CVS)
    page.get_by_role("button", name="Add these CVs").click()
    page.get_by_text("files processed").wait_for()
    assert page.locator("[data-intake-read]").inner_text() == "0"

    for item in CvIntakeItem.objects.order_by("pk"):  # the worker's part, from the test thread
        cv_intake_item_process(item_id=item.pk)

    page.locator("[data-intake-read]", has_text="2").wait_for()  # the page polled the JSON
    page.get_by_role("link", name="Grace Hopper").wait_for()
    screenshot("recruiter-bulk-intake")
    rows = page.locator("tr[data-item]")
    assert rows.count() == 2
    assert "No name found in the CV" in rows.nth(1).inner_text()
    assert rows.nth(1).get_by_role("link", name="complete", exact=True).get_attribute("href") == (
        f"/candidates/{CvIntakeItem.objects.order_by('pk').last().candidate_id}/edit/"
    )
    assert "Done" in rows.nth(0).inner_text()


def test_the_hr_admin_finds_the_recruiters_score_views_in_the_audit_log(page, login) -> None:
    page.set_default_timeout(30_000)
    vacancy = Vacancy.objects.get(external_id="demo-vacancy-1")
    login("demo_recruiter", DEMO_PASSWORDS[Role.RECRUITER])
    page.get_by_role("heading", name="Recruiter dashboard").wait_for()
    page.goto(f"/vacancies/{vacancy.pk}/")
    page.get_by_role("heading", name=vacancy.title).wait_for()
    page.context.clear_cookies()

    login("demo_hr_admin", DEMO_PASSWORDS[Role.HR_ADMIN])
    page.get_by_role("heading", name="Fairness dashboard").wait_for()
    page.get_by_role("link", name="Audit log").click()
    page.get_by_label("Actor (username)").fill("demo_recruiter")
    page.get_by_label("Event kind").select_option("score_view")
    page.get_by_role("button", name="Filter").click()

    row = page.locator("tbody tr").first
    row.wait_for()
    assert "demo_recruiter" in row.inner_text()
    assert f"vacancy_ranking#{vacancy.pk}" in row.inner_text()
