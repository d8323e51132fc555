"""In a browser: a recruiter drags a card across the kanban board, then moves another with the
keyboard only; both moves are stored with their history and audit event, like any move."""

import pytest

from ats_site.accounts.models import AuditEvent, Role, User
from ats_site.demo import DEMO_PASSWORDS
from vacancies.emails import email_templates_defaults_load
from vacancies.models import Application, ApplicationEmail

pytestmark = pytest.mark.django_db(transaction=True)


def _new_applications() -> list[Application]:
    first = Application.objects.filter(status="new").order_by("pk").first()
    assert first is not None
    return list(Application.objects.filter(status="new", vacancy=first.vacancy).order_by("pk"))


def _assert_moved(application: Application, status: str) -> None:
    application.refresh_from_db()
    assert application.status == status
    change = application.status_changes.order_by("-pk").first()
    assert change is not None
    assert change.to_status == status
    assert change.changed_by == User.objects.get(username="demo_recruiter")
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.STATUS_CHANGE,
        target_id=str(application.pk),
        detail__to=status,
    ).exists()


def test_a_recruiter_drags_a_card_and_the_move_is_stored(page, login, screenshot) -> None:
    applications = _new_applications()
    dragged = applications[0]
    login("demo_recruiter", DEMO_PASSWORDS[Role.RECRUITER])
    page.get_by_role("heading", name="Recruiter dashboard").wait_for()
    page.goto(f"/vacancies/{dragged.vacancy_id}/")
    page.get_by_role("link", name="Open the kanban board").click()
    page.get_by_role("heading", name=f"Pipeline: {dragged.vacancy.title}").wait_for()
    screenshot("recruiter-kanban")

    card = page.locator(f"#application-{dragged.pk}")
    target = page.locator("[data-kanban-column][data-status='screening']")
    with page.expect_navigation():
        card.drag_to(target)
    page.get_by_text("Application moved.").wait_for()

    assert target.locator(f"#application-{dragged.pk}").count() == 1
    _assert_moved(dragged, "screening")


def test_a_recruiter_moves_a_card_with_the_keyboard_only(page, login) -> None:
    email_templates_defaults_load()  # a transactional test starts from a flushed database
    applications = _new_applications()
    moved = applications[-1]
    login("demo_recruiter", DEMO_PASSWORDS[Role.RECRUITER])
    page.get_by_role("heading", name="Recruiter dashboard").wait_for()
    page.goto(f"/vacancies/{moved.vacancy_id}/pipeline/")

    page.locator(f"#application-{moved.pk}").focus()
    for _ in range(3):  # card -> select box -> candidate link -> move menu
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == f"kanban-move-{moved.pk}"
    page.keyboard.type("Interview")  # typeahead picks the option, as a keyboard user would
    assert page.locator(f"#kanban-move-{moved.pk}").input_value() == "interview"
    page.keyboard.press("Tab")  # the "E-mail" box
    page.keyboard.press("Space")
    page.keyboard.press("Tab")  # the "Move" button
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.get_by_text("Application moved.").wait_for()

    column = page.locator("[data-kanban-column][data-status='interview']")
    assert column.locator(f"#application-{moved.pk}").count() == 1
    _assert_moved(moved, "interview")
    email = ApplicationEmail.objects.get(application=moved)
    assert email.template is not None
    assert email.template.status == "interview"
    assert email.recipient == moved.candidate.email
