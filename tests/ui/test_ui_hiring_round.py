"""A whole hiring round in a real browser, in English and in French (issue #25's acceptance).

A newcomer signs up, confirms the e-mailed link and applies with a real PDF CV; a recruiter
finds them by a word of that CV, drags their card to the next column with the status e-mail
ticked and schedules an interview (the .ics downloads); the HR admin finds the move and the
interview in the audit log. Each person browses with their own browser context whose
Accept-Language is the round's language, as a French user's browser sends it.

The worker's part (reading the CV, sending the queued e-mails) runs from the test thread, the
same services the Celery tasks call, as in test_ui_intake.py.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core import mail
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext

from ats_site.accounts.models import AuditEvent, Role, User
from ats_site.demo import DEMO_PASSWORDS
from candidates.models import CandidateDocument
from candidates.tasks import cv_extract_task
from tests.requirements import require_shared
from vacancies.emails import application_email_send, email_templates_defaults_load
from vacancies.models import Application, ApplicationEmail, Interview, Vacancy

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a long and unusual passphrase 42"
REAL_CV = ("livecareer-dev", "pdf", "TEACHER", "34745915.pdf")
CV_WORD = "paraprofessional"  # in that CV's text, in no demo candidate's profile
LOCALES = {"en": "en-GB", "fr": "fr-FR"}
NEWCOMERS = {
    "en": ("Nadia", "Haddad", "nadia.haddad@example.org"),
    "fr": ("Amélie", "Rousseau", "amelie.rousseau@example.org"),
}
SLOT = ("2027-01-14T10:00", "2027-01-14T11:00")
TIMEOUT_MS = 30_000  # reading a real PDF and page loads on a busy machine


def t(language: str, message: str) -> str:
    """What the page shows for `message` in `language` (the project's own catalogue)."""
    with translation.override(language):
        return gettext(message)


@pytest.fixture
def open_as(browser, live_server, demo) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A new browser (own cookies) for one person, in the round's language."""
    contexts = []

    def new_page(language: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            base_url=live_server.url,
            locale=LOCALES[language],
            accept_downloads=True,
            viewport={"width": 1280, "height": 800},
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield new_page
    for context in contexts:
        context.close()


def _log_in(page, language: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    # Django's own label (the user model's verbose name): "Nom d’utilisateur" in French.
    page.get_by_label(capfirst(t(language, "username"))).fill(username)
    page.get_by_label(t(language, "Password")).fill(password)
    page.get_by_role("button", name=t(language, "Log in")).click()


def _run_queued_emails() -> list[str]:
    """The worker's part of sending: every queued e-mail, once."""
    queued = ApplicationEmail.objects.filter(status=ApplicationEmail.Status.QUEUED).order_by("pk")
    return [
        application_email_send(email_id=pk).status for pk in queued.values_list("pk", flat=True)
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_whole_hiring_round(open_as, language: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    cv = require_shared(*REAL_CV)
    email_templates_defaults_load()  # a transactional test starts from a flushed database
    vacancy = Vacancy.objects.get(external_id="demo-vacancy-1")
    first_name, last_name, address = NEWCOMERS[language]
    full_name = f"{first_name} {last_name}"

    # The candidate: sign up from the job page, confirm the e-mailed link, apply with the PDF.
    candidate_page = open_as(language)
    candidate_page.goto(f"/jobs/{vacancy.pk}/")
    assert candidate_page.locator("html").get_attribute("lang") == language
    apply_section = candidate_page.locator("section[aria-labelledby=apply-title]")
    apply_section.get_by_role("link", name=t(language, "Create an account")).click()
    candidate_page.get_by_role("textbox", name=t(language, "First name"), exact=True).fill(
        first_name
    )
    candidate_page.get_by_role("textbox", name=t(language, "Last name"), exact=True).fill(last_name)
    candidate_page.get_by_role("textbox", name=t(language, "E-mail"), exact=True).fill(address)
    candidate_page.locator("#id_password").fill(PASSWORD)
    candidate_page.get_by_label(t(language, "Password (again)")).fill(PASSWORD)
    candidate_page.locator("#id_consent").check()
    candidate_page.get_by_role("button", name=t(language, "Create my account")).click()
    candidate_page.get_by_role("heading", name=t(language, "Check your inbox")).wait_for()

    [confirmation] = [message for message in mail.outbox if address in message.to]
    link = re.search(r"https?://\S+/signup/confirm/\S+", confirmation.body)
    assert link is not None
    candidate_page.goto(link.group(0))
    candidate_page.get_by_text(
        t(language, "Your account is confirmed. Log in to apply.")
    ).wait_for()
    _log_in(candidate_page, language, address, PASSWORD)
    candidate_page.get_by_role("heading", name=vacancy.title).wait_for()
    candidate_page.get_by_label(t(language, "Your CV")).set_input_files(str(cv))
    candidate_page.get_by_role("button", name=t(language, "Send my application")).click()
    candidate_page.locator("[data-document][data-parse-status=pending]").wait_for()

    application = Application.objects.select_related("candidate").get(
        vacancy=vacancy, candidate__email=address
    )
    assert application.candidate.language == language  # the language it signed up in
    document = CandidateDocument.objects.get(candidate=application.candidate)
    assert cv_extract_task.run(document.pk) == CandidateDocument.ParseStatus.PARSED  # worker
    # The page polls the CV's status and reloads once it is read.
    candidate_page.locator("[data-document][data-parse-status=parsed]").wait_for()
    candidate_page.locator("[data-scored-cv]", has_text=cv.name).wait_for()

    # The recruiter: find the newcomer by a word of their CV.
    recruiter = User.objects.get(username="demo_recruiter")
    hr_admin = User.objects.get(username="demo_hr_admin")
    recruiter_page = open_as(language)
    recruiter_page.goto("/accounts/login/")
    _log_in(recruiter_page, language, recruiter.username, DEMO_PASSWORDS[Role.RECRUITER])
    recruiter_page.get_by_role("heading", name=t(language, "Recruiter dashboard")).wait_for()
    recruiter_page.get_by_role("link", name=t(language, "Candidates"), exact=True).click()
    recruiter_page.get_by_role("searchbox", name=t(language, "Search")).fill(CV_WORD)
    recruiter_page.get_by_role("button", name=t(language, "Search"), exact=True).click()
    results = recruiter_page.locator("tbody tr")
    results.filter(has=recruiter_page.get_by_role("link", name=full_name)).wait_for()
    assert results.count() == 1
    assert CV_WORD in results.first.locator("[data-snippet]").inner_text().lower()

    # The kanban: drag the card from "new" to "screening" with the e-mail box ticked.
    recruiter_page.goto(f"/vacancies/{vacancy.pk}/")
    recruiter_page.get_by_role("link", name=t(language, "Open the kanban board")).click()
    card = recruiter_page.locator(f"#application-{application.pk}")
    assert card.locator("xpath=..").get_attribute("data-status") == "new"
    card.locator("[data-send-email]").check()
    target = recruiter_page.locator("[data-kanban-column][data-status='screening']")
    with recruiter_page.expect_navigation():
        card.drag_to(target)
    recruiter_page.get_by_text(t(language, "Application moved.")).wait_for()
    assert target.locator(f"#application-{application.pk}").count() == 1
    application.refresh_from_db()
    assert application.status == "screening"

    # The interview: a slot and two interviewers, then the .ics invitation.
    target.locator(f"#application-{application.pk}").get_by_role("link", name=full_name).click()
    recruiter_page.get_by_role("link", name=t(language, "Schedule an interview")).click()
    recruiter_page.get_by_label(t(language, "Starts at")).fill(SLOT[0])
    recruiter_page.get_by_label(t(language, "Ends at")).fill(SLOT[1])
    recruiter_page.get_by_role("listbox", name=t(language, "Interviewers")).select_option(
        [str(recruiter.pk), str(hr_admin.pk)]
    )
    recruiter_page.get_by_role("button", name=t(language, "Schedule"), exact=True).click()
    recruiter_page.get_by_text(t(language, "Interview scheduled.")).wait_for()
    interview = Interview.objects.get(application=application)
    assert set(interview.interviewers.all()) == {recruiter, hr_admin}
    with recruiter_page.expect_download() as download_info:
        recruiter_page.get_by_role(
            "link", name=t(language, "Download the invitation (.ics)")
        ).click()
    ics = tmp_path / "invite.ics"
    download_info.value.save_as(ics)
    invitation = ics.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "BEGIN:VCALENDAR" in invitation
    assert f"UID:interview-{interview.pk}@fairmatch" in invitation
    assert f"mailto:{address}" in invitation

    # The worker sends the status e-mail and the three invitations; the log shows them sent.
    assert _run_queued_emails() == ["sent"] * 4
    status_email = ApplicationEmail.objects.get(
        application=application, kind=ApplicationEmail.Kind.STATUS
    )
    assert status_email.template is not None
    assert (status_email.template.status, status_email.language) == ("screening", language)
    assert (status_email.status, status_email.recipient) == (ApplicationEmail.Status.SENT, address)
    [sent] = [message for message in mail.outbox if message.subject == status_email.subject]
    assert sent.to == [address]
    expected_subject = {"en": "Your application for", "fr": "Votre candidature au poste"}
    assert sent.subject == f"{expected_subject[language]} {vacancy.title}"
    recruiter_page.reload()
    row = recruiter_page.locator(f"tr[data-email='{status_email.pk}']")
    assert status_email.subject in row.inner_text()
    assert t(language, "Sent") in row.locator("td").nth(3).inner_text()

    # The HR admin: the move and the interview in the audit log.
    hr_page = open_as(language)
    hr_page.goto("/accounts/login/")
    _log_in(hr_page, language, hr_admin.username, DEMO_PASSWORDS[Role.HR_ADMIN])
    hr_page.get_by_role("heading", name=t(language, "Fairness dashboard")).wait_for()
    hr_page.get_by_role("link", name=t(language, "Audit log")).click()
    for kind, subject, label in [
        ("status_change", f"application#{application.pk}", "Application status change"),
        ("interview_schedule", f"interview#{interview.pk}", "Interview scheduled"),
    ]:
        hr_page.get_by_label(t(language, "Event kind")).select_option(kind)
        hr_page.get_by_label(t(language, "Subject")).fill(subject)
        hr_page.get_by_role("button", name=t(language, "Filter")).click()
        hr_page.wait_for_url(re.compile(rf"action={kind}"))
        rows = hr_page.locator("tbody tr")
        rows.first.wait_for()
        assert rows.count() == 1
        text = rows.first.inner_text()
        assert recruiter.username in text
        assert t(language, label) in text
        assert subject in text
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.STATUS_CHANGE,
        actor=recruiter,
        target_id=str(application.pk),
        detail={"from": "new", "to": "screening"},
    ).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.INTERVIEW_SCHEDULE, actor=recruiter, target_id=str(interview.pk)
    ).exists()
