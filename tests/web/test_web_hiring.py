"""The hiring workflow's pages: kanban board (no-JS and keyboard move form), bulk actions,
status e-mails, interview scheduling, the .ics download and scorecards."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from ats_site.accounts.models import AuditEvent, Role, User
from tests.factories import ApplicationFactory, UserFactory
from tests.web.conftest import SECRET_ETHNICITY, SECRET_NATIONALITY
from vacancies.interviews import interview_schedule
from vacancies.models import (
    Application,
    ApplicationEmail,
    EmailTemplate,
    Interview,
    InterviewFeedback,
    Vacancy,
)
from vacancies.tasks import application_email_send_task

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_board_has_a_column_per_status_and_a_draggable_card(
    recruiter_client: Client, application: Application
) -> None:
    response = recruiter_client.get(f"/vacancies/{application.vacancy_id}/pipeline/")

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("data-kanban-column") == 12
    assert f'id="application-{application.pk}" tabindex="0" draggable="true"' in page
    assert 'data-allowed="screening phone_screen_pending interview rejected talent_pool' in page
    assert f'<select id="kanban-move-{application.pk}" name="to_status">' in page
    assert "js/kanban.js" in page
    assert "Bruno Diallo" in page


def test_the_board_never_shows_sensitive_attributes(
    hr_client: Client, application: Application
) -> None:
    page = hr_client.get(f"/vacancies/{application.vacancy_id}/pipeline/").content.decode()

    assert SECRET_NATIONALITY not in page
    assert SECRET_ETHNICITY not in page
    assert "non_binary" not in page
    assert "1977" not in page


@pytest.mark.parametrize(
    ("case", "role", "status"),
    [("candidate_case", Role.CANDIDATE, 403), ("api_client_case", Role.API_CLIENT, 403)],
)
def test_only_staff_open_the_board_or_move_from_it(
    application: Application, case: str, role: Role, status: int
) -> None:
    client = _client(UserFactory(role=role))

    board = client.get(f"/vacancies/{application.vacancy_id}/pipeline/")
    move = client.post(
        f"/applications/{application.pk}/move/", {"to_status": "screening", "next": "pipeline"}
    )
    bulk = client.post(
        f"/vacancies/{application.vacancy_id}/pipeline/bulk/",
        {"applications": [application.pk], "action": "reject"},
    )

    assert (board.status_code, move.status_code, bulk.status_code) == (status, status, status)
    application.refresh_from_db()
    assert application.status == "new"
    assert not ApplicationEmail.objects.exists()


def test_the_card_form_moves_without_javascript_and_returns_to_the_board(
    recruiter_client: Client, recruiter: User, application: Application
) -> None:
    response = recruiter_client.post(
        f"/applications/{application.pk}/move/",
        {"to_status": "screening", "next": "pipeline", "send_email": "on"},
    )

    assert response.status_code == 302
    assert response["Location"] == (
        f"/vacancies/{application.vacancy_id}/pipeline/#application-{application.pk}"
    )
    application.refresh_from_db()
    assert application.status == "screening"
    change = application.status_changes.get(to_status="screening")
    assert (change.changed_by, change.candidate_notified) == (recruiter, True)
    assert (
        AuditEvent.objects.filter(
            action=AuditEvent.Action.STATUS_CHANGE, target_id=str(application.pk)
        ).count()
        == 1
    )
    email = ApplicationEmail.objects.get(application=application)
    assert email.status == ApplicationEmail.Status.QUEUED


def test_bulk_reject_with_email_from_the_board(
    recruiter_client: Client, application: Application, vacancy: Vacancy
) -> None:
    others = ApplicationFactory.create_batch(2, vacancy=vacancy)
    untouched = ApplicationFactory(vacancy=vacancy)
    elsewhere = ApplicationFactory()  # another vacancy's: not selectable here

    response = recruiter_client.post(
        f"/vacancies/{vacancy.pk}/pipeline/bulk/",
        {
            "applications": [application.pk, others[0].pk, others[1].pk],
            "action": "reject",
            "send_email": "on",
            "reason": "Position filled internally",
        },
        follow=True,
    )

    assert "3 application(s) moved." in response.content.decode()
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in (application, *others)] == ["rejected"] * 3
    assert statuses[untouched.pk] == "new"
    assert ApplicationEmail.objects.filter(template__status="rejected").count() == 3
    refused = recruiter_client.post(
        f"/vacancies/{vacancy.pk}/pipeline/bulk/",
        {"applications": [elsewhere.pk], "action": "reject"},
    )
    assert refused.status_code == 302
    elsewhere.refresh_from_db()
    assert elsewhere.status == "new"


def test_bulk_move_reports_the_applications_it_could_not_move(
    recruiter_client: Client, application: Application, vacancy: Vacancy
) -> None:
    response = recruiter_client.post(
        f"/vacancies/{vacancy.pk}/pipeline/bulk/",
        {"applications": [application.pk], "action": "move", "to_status": "hired"},
        follow=True,
    )

    page = response.content.decode()
    assert (
        "Bruno Diallo: An application cannot move from &#x27;New&#x27; to &#x27;Hired&#x27;."
        in page
    )
    application.refresh_from_db()
    assert application.status == "new"


def test_a_refused_move_reads_in_french_with_french_status_names(
    recruiter_client: Client, application: Application, vacancy: Vacancy
) -> None:
    recruiter_client.post("/i18n/setlang/", {"language": "fr", "next": "/recruiter/"})
    response = recruiter_client.post(
        f"/vacancies/{vacancy.pk}/pipeline/bulk/",
        {"applications": [application.pk], "action": "move", "to_status": "hired"},
        follow=True,
    )

    page = response.content.decode()
    assert "Une candidature ne peut pas passer de « Nouveau » à « Embauche »." in page
    assert "cannot move" not in page


def test_a_missing_email_template_reads_in_french_with_the_french_status_name(
    recruiter_client: Client, application: Application
) -> None:
    EmailTemplate.objects.filter(status="screening").delete()
    recruiter_client.post("/i18n/setlang/", {"language": "fr", "next": "/recruiter/"})
    response = recruiter_client.post(
        f"/applications/{application.pk}/move/",
        {"to_status": "screening", "send_email": "on", "next": "detail"},
        follow=True,
    )

    page = response.content.decode()
    assert "Il n&#x27;existe pas de modèle d&#x27;e-mail pour le statut « Présélection »." in page
    application.refresh_from_db()
    assert application.status == "new"


def test_the_status_email_is_sent_and_logged_on_the_application(
    recruiter_client: Client, application: Application
) -> None:
    recruiter_client.post(
        f"/applications/{application.pk}/move/", {"to_status": "screening", "next": "detail"}
    )

    recruiter_client.post(f"/applications/{application.pk}/email/")
    email = ApplicationEmail.objects.get(application=application)
    application_email_send_task(email.pk)  # the worker's part

    page = recruiter_client.get(f"/applications/{application.pk}/").content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [application.candidate.email]
    assert f'<tr data-email="{email.pk}">' in page
    assert "Your application for Data engineer" in page
    assert application.candidate.email in page
    assert ApplicationEmail.objects.get(pk=email.pk).status == ApplicationEmail.Status.SENT


def test_scheduling_an_interview_from_the_page(
    recruiter_client: Client, recruiter: User, hr_admin: User, application: Application
) -> None:
    response = recruiter_client.post(
        f"/applications/{application.pk}/interviews/new/",
        {
            "starts_at": "2026-12-10T14:30",
            "ends_at": "2026-12-10T15:30",
            "interviewers": [recruiter.pk, hr_admin.pk],
            "location": "Lyon office, room 2",
            "send_invites": "on",
        },
    )

    assert response.status_code == 302
    interview = Interview.objects.get(application=application)
    assert set(interview.interviewers.all()) == {recruiter, hr_admin}
    assert interview.ends_at - interview.starts_at == timedelta(hours=1)
    assert ApplicationEmail.objects.filter(interview=interview).count() == 3
    download = recruiter_client.get(f"/interviews/{interview.pk}/invite.ics")
    assert download["Content-Type"] == "text/calendar; charset=utf-8"
    body = download.content.decode().replace("\r\n ", "")
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "LOCATION:Lyon office\\, room 2\r\n" in body
    assert f"mailto:{application.candidate.email}" in body


def test_an_interview_ending_before_it_starts_shows_the_error(
    recruiter_client: Client, recruiter: User, application: Application
) -> None:
    response = recruiter_client.post(
        f"/applications/{application.pk}/interviews/new/",
        {
            "starts_at": "2026-12-10T14:30",
            "ends_at": "2026-12-10T14:00",
            "interviewers": [recruiter.pk],
        },
    )

    assert response.status_code == 200
    assert "An interview must end after it starts." in response.content.decode()
    assert not Interview.objects.exists()


@pytest.fixture
def interview(application: Application, recruiter: User) -> Interview:
    start = timezone.now() + timedelta(days=2)
    return interview_schedule(
        application=application,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        interviewers=[recruiter],
        scheduled_by=recruiter,
        send_invites=False,
    )


def test_an_interviewer_fills_the_scorecard(
    recruiter_client: Client, recruiter: User, interview: Interview
) -> None:
    response = recruiter_client.post(
        f"/interviews/{interview.pk}/feedback/",
        {
            "rating_skills": "4",
            "rating_experience": "3",
            "rating_communication": "5",
            "rating_motivation": "2",
            "recommendation": "yes",
            "notes": "Solid SQL.",
        },
    )

    assert response.status_code == 302
    feedback = InterviewFeedback.objects.get(interview=interview)
    assert feedback.interviewer == recruiter
    assert feedback.ratings == {"skills": 4, "experience": 3, "communication": 5, "motivation": 2}
    page = recruiter_client.get(f"/applications/{interview.application_id}/").content.decode()
    assert "Skills 4/5, Experience 3/5, Communication 5/5, Motivation 2/5" in page
    assert "Solid SQL." in page


def test_staff_who_are_not_interviewers_cannot_give_feedback(
    hr_client: Client, interview: Interview
) -> None:
    page = hr_client.get(f"/interviews/{interview.pk}/feedback/")
    post = hr_client.post(
        f"/interviews/{interview.pk}/feedback/",
        {
            "rating_skills": "1",
            "rating_experience": "1",
            "rating_communication": "1",
            "rating_motivation": "1",
            "recommendation": "strong_no",
        },
    )

    assert (page.status_code, post.status_code) == (403, 403)
    assert not InterviewFeedback.objects.exists()


def test_candidates_never_download_an_invite_or_see_feedback(
    candidate_client: Client, interview: Interview
) -> None:
    assert candidate_client.get(f"/interviews/{interview.pk}/invite.ics").status_code == 403
    assert candidate_client.get(f"/interviews/{interview.pk}/feedback/").status_code == 403


def test_the_board_in_french(recruiter_client: Client, application: Application) -> None:
    recruiter_client.post("/i18n/setlang/", {"language": "fr", "next": "/recruiter/"})

    page = recruiter_client.get(f"/vacancies/{application.vacancy_id}/pipeline/").content.decode()

    assert "Pipeline : Data engineer" in page
    assert "Déplacer la sélection" in page
    assert "Refuser la sélection" in page
    assert "Présélection" in page
