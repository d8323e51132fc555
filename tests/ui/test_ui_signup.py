"""A newcomer signs up from a job page, confirms the e-mailed link and applies with a real PDF."""

import re

import pytest
from django.core import mail

from ats_site.accounts.models import User
from candidates.models import CandidateDocument
from tests.conftest import shared_path
from vacancies.models import Application, Vacancy

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase 42"
REAL_CV = ("livecareer-dev", "pdf", "TEACHER", "34745915.pdf")


def test_a_candidate_signs_up_confirms_and_applies_with_a_real_pdf(page, screenshot) -> None:
    cv = shared_path(*REAL_CV)
    vacancy = Vacancy.objects.get(external_id="demo-vacancy-1")
    # Reading a real PDF on a busy machine takes longer than the fixture's 10 s default.
    page.set_default_timeout(30_000)
    page.set_default_navigation_timeout(30_000)
    page.goto(f"/jobs/{vacancy.pk}/")
    apply_section = page.locator("section[aria-labelledby=apply-title]")
    apply_section.get_by_role("link", name="Create an account").click()

    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Haddad")
    page.get_by_label("E-mail").fill("nadia.haddad@example.org")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_label("I agree", exact=False).check()
    screenshot("candidate-signup")
    page.get_by_role("button", name="Create my account").click()
    page.get_by_role("heading", name="Check your inbox").wait_for()
    assert User.objects.get(email="nadia.haddad@example.org").is_active is False

    link = re.search(r"https?://\S+/signup/confirm/\S+", mail.outbox[-1].body)
    assert link is not None
    page.goto(link.group(0))
    page.get_by_text("Your account is confirmed.").wait_for()
    page.get_by_label("Username").fill("nadia.haddad@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("heading", name=vacancy.title).wait_for()  # back on the job it came from
    page.get_by_label("Your CV").set_input_files(str(cv))
    page.get_by_role("button", name="Send my application").click()
    page.get_by_text(f"We are still reading your CV “{cv.name}”", exact=False).wait_for()
    screenshot("candidate-signup-applied")

    application = Application.objects.get(
        vacancy=vacancy, candidate__email="nadia.haddad@example.org"
    )
    assert application.candidate.consent_version == "2026-01"
    document = CandidateDocument.objects.get(candidate=application.candidate)
    assert (document.original_name, document.content_type) == (cv.name, "application/pdf")
