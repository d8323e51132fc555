"""The main journey of each role, in a real browser, asserting on what the page shows."""

import json
from pathlib import Path

import pytest

from ats_site.accounts.models import Role
from ats_site.demo import DEMO_PASSWORDS
from vacancies.models import Application, Vacancy

pytestmark = pytest.mark.django_db(transaction=True)

CV_TEXT = b"Demo Candidate\nPython developer: Django, PostgreSQL, Docker. 6 years.\n"


def test_recruiter_creates_a_vacancy_and_moves_an_application(page, login, screenshot) -> None:
    login("demo_recruiter", DEMO_PASSWORDS[Role.RECRUITER])
    page.get_by_role("heading", name="Recruiter dashboard").wait_for()
    screenshot("recruiter-dashboard")

    page.get_by_role("link", name="New vacancy").first.click()
    page.get_by_label("Title").fill("Platform engineer")
    page.get_by_label("Required skills").fill("Kubernetes, Terraform")
    page.get_by_label("Location").fill("Nantes")
    page.get_by_role("button", name="Save vacancy").click()
    page.get_by_text("Vacancy created.").wait_for()
    assert page.get_by_role("heading", name="Platform engineer").is_visible()
    assert Vacancy.objects.get(title="Platform engineer").required_skills == [
        "Kubernetes",
        "Terraform",
    ]

    application = Application.objects.filter(status="new").order_by("pk").first()
    assert application is not None
    page.goto(f"/vacancies/{application.vacancy_id}/")
    card = page.locator(f"#application-{application.pk}")
    card.get_by_role("combobox").select_option("screening")
    card.get_by_role("button", name="Move").click()
    page.get_by_text("Application moved.").wait_for()
    screenshot("recruiter-pipeline-board")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("recruiter-pipeline-board-mobile")
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    page.set_viewport_size({"width": 1280, "height": 800})

    moved = page.locator('[data-status="screening"]').locator(f"#application-{application.pk}")
    assert moved.count() == 1
    application.refresh_from_db()
    assert application.status == "screening"


def test_candidate_applies_with_a_cv_and_downloads_their_data(
    page, login, screenshot, tmp_path: Path
) -> None:
    vacancy = Vacancy.objects.get(external_id="demo-vacancy-1")
    login("demo_candidate", DEMO_PASSWORDS[Role.CANDIDATE])
    page.get_by_role("heading", name="My applications").wait_for()

    page.get_by_role("link", name="Jobs", exact=True).click()
    page.get_by_role("link", name=vacancy.title).first.click()
    page.get_by_label("Your CV").set_input_files(
        files=[{"name": "my-cv.txt", "mimeType": "text/plain", "buffer": CV_TEXT}]
    )
    screenshot("candidate-apply")
    page.get_by_role("button", name="Send my application").click()
    page.get_by_text("We are still reading your CV “my-cv.txt”", exact=False).wait_for()
    screenshot("candidate-applications")
    assert page.get_by_role("cell", name=vacancy.title).count() >= 1

    page.get_by_role("link", name="My data").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download my data").click()
    target = tmp_path / "my-data.json"
    download_info.value.save_as(target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert vacancy.title in [item["vacancy"] for item in data["applications"]]
    assert "my-cv.txt" in [document["original_name"] for document in data["documents"]]


def test_candidate_sees_a_clear_error_for_a_bad_file(page, login) -> None:
    vacancy = Vacancy.objects.get(external_id="demo-vacancy-2")
    login("demo_candidate", DEMO_PASSWORDS[Role.CANDIDATE])
    page.get_by_role("heading", name="My applications").wait_for()

    page.goto(f"/jobs/{vacancy.pk}/")
    page.get_by_label("Your CV").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00binary"}]
    )
    page.get_by_role("button", name="Send my application").click()

    error = page.locator(".field-invalid .error")
    assert "Windows executable" in error.inner_text()


def test_hr_admin_runs_an_audit_and_reads_the_charts(page, login, screenshot, settings) -> None:
    settings.FAIRNESS_MIN_GROUP_SIZE = 2  # the small demo data set, with groups to draw
    settings.FAIRNESS_MIN_GROUP_SIZE_FLOOR = 2
    login("demo_hr_admin", DEMO_PASSWORDS[Role.HR_ADMIN])
    page.get_by_role("heading", name="Fairness dashboard").wait_for()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    assert page.get_by_text("No audit report is stored yet.").is_visible()

    page.get_by_role("button", name="Run a new audit").click()
    page.get_by_text("Audit run and stored.").wait_for()
    screenshot("hr-fairness-dashboard")

    assert page.locator("svg.chart").count() >= 2
    assert page.locator("line.threshold").count() >= 1
    assert page.get_by_role("heading", name="Gender · Passed screening").is_visible()
    assert page.locator("svg.chart rect.bar").count() >= 4

    page.get_by_label("Language").select_option("fr")
    page.get_by_role("button", name="Change language").click()
    page.get_by_role("heading", name="Tableau de bord d'équité").wait_for()
    screenshot("hr-fairness-dashboard-fr")
    assert page.get_by_role("link", name="Rapports d'audit").is_visible()
    assert page.get_by_role("heading", name="Genre · Présélection passée").is_visible()
