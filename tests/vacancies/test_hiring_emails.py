"""Status e-mails: templates per status in English and French, queued on commit, sent once by
the Celery task, logged on the application."""

import pytest
from django.core import mail

from ats_site.accounts.models import Role
from ats_site.exceptions import ApplicationError
from candidates.services import candidate_erase, candidate_export
from tests.factories import ApplicationFactory, CandidateFactory, UserFactory
from vacancies.email_defaults import DEFAULT_EMAIL_TEMPLATES
from vacancies.emails import (
    EMAIL_CANDIDATE_ERASED,
    EMAIL_TEMPLATE_MISSING,
    application_email_send,
    application_status_email_queue,
    email_template_get,
)
from vacancies.enqueue import APPLICATION_EMAIL_SEND_TASK
from vacancies.models import ApplicationEmail, EmailTemplate
from vacancies.services import application_move
from vacancies.status_labels import StatusLabel
from vacancies.tasks import application_email_send_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def screening_application():
    candidate = CandidateFactory(first_name="Aïcha", last_name="Benali", language="fr")
    application = ApplicationFactory(candidate=candidate, vacancy__title="Data engineer")
    application_move(application=application, to_status="screening", moved_by=None)
    return application


def test_the_migration_ships_a_template_per_status_in_english_and_french():
    stored = set(EmailTemplate.objects.values_list("status", "language"))

    assert stored == set(DEFAULT_EMAIL_TEMPLATES)
    assert {language for _, language in stored} == {"en", "fr"}
    assert len(stored) == 12  # six statuses, two languages


def test_the_send_task_is_registered_under_the_enqueued_name():
    assert application_email_send_task.name == APPLICATION_EMAIL_SEND_TASK


def test_a_queued_email_is_sent_after_commit_in_the_candidates_language(
    screening_application, sent_tasks, run_sent_tasks, django_capture_on_commit_callbacks
):
    recruiter = UserFactory(role=Role.RECRUITER)
    with django_capture_on_commit_callbacks(execute=True):
        email = application_status_email_queue(
            application=screening_application, queued_by=recruiter
        )
        assert sent_tasks == []  # not before the commit

    assert sent_tasks == [(APPLICATION_EMAIL_SEND_TASK, (email.pk,))]
    assert run_sent_tasks() == ["sent"]
    email.refresh_from_db()
    assert email.status == ApplicationEmail.Status.SENT
    assert email.sent_at is not None
    assert email.language == "fr"
    assert email.recipient == screening_application.candidate.email
    assert email.template == EmailTemplate.objects.get(status="screening", language="fr")
    assert email.queued_by == recruiter
    [message] = mail.outbox
    assert message.to == [screening_application.candidate.email]
    assert message.subject == "Votre candidature au poste Data engineer"
    assert message.body.startswith("Bonjour Aïcha,\n\nMerci pour votre candidature")


def test_a_redelivered_task_does_not_send_twice(screening_application):
    email = application_status_email_queue(application=screening_application, queued_by=None)

    first = application_email_send_task(email.pk)
    second = application_email_send_task(email.pk)  # the broker delivered the message again

    assert (first, second) == ("sent", "sent")
    assert len(mail.outbox) == 1
    assert ApplicationEmail.objects.get(pk=email.pk).status == ApplicationEmail.Status.SENT


def test_a_row_claimed_by_another_worker_is_not_sent_again(screening_application):
    email = application_status_email_queue(application=screening_application, queued_by=None)
    ApplicationEmail.objects.filter(pk=email.pk).update(status=ApplicationEmail.Status.SENDING)

    result = application_email_send(email_id=email.pk)

    assert result.status == ApplicationEmail.Status.SENDING
    assert mail.outbox == []


def test_english_is_the_fallback_when_the_language_has_no_template(screening_application):
    EmailTemplate.objects.filter(status="screening", language="fr").delete()

    template = email_template_get(status="screening", language="fr")

    assert template == EmailTemplate.objects.get(status="screening", language="en")


def test_an_inactive_template_is_not_used(screening_application):
    EmailTemplate.objects.filter(status="screening").update(is_active=False)

    with pytest.raises(ApplicationError) as raised:
        application_status_email_queue(application=screening_application, queued_by=None)

    assert raised.value.message == EMAIL_TEMPLATE_MISSING.format(status=StatusLabel("screening"))
    assert ApplicationEmail.objects.count() == 0


def test_a_status_without_template_queues_nothing():
    application = ApplicationFactory()  # "new": no template ships for it

    with pytest.raises(ApplicationError) as raised:
        application_status_email_queue(application=application, queued_by=None)

    assert raised.value.message == EMAIL_TEMPLATE_MISSING.format(status=StatusLabel("new"))
    assert ApplicationEmail.objects.count() == 0


def test_placeholders_come_from_the_application_and_unknown_ones_stay():
    EmailTemplate.objects.filter(status="offer", language="en").update(
        subject="Offer: $vacancy at $organisation", body="Hi $first_name $last_name, $unknown."
    )
    candidate = CandidateFactory(first_name="Jo", last_name="Lee", language="en")
    application = ApplicationFactory(candidate=candidate, vacancy__organisation="Acme")
    for status in ("interview", "offer"):
        application_move(application=application, to_status=status, moved_by=None)

    email = application_status_email_queue(application=application, queued_by=None)
    application_email_send(email_id=email.pk)

    assert email.subject == "Offer: Backend developer at Acme"
    assert mail.outbox[0].body == "Hi Jo Lee, $unknown."


def test_a_failed_send_is_logged_with_its_error(screening_application, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    email = application_status_email_queue(application=screening_application, queued_by=None)

    result = application_email_send(email_id=email.pk)

    assert result.status == ApplicationEmail.Status.FAILED
    assert result.error_message != ""
    assert result.sent_at is None


def test_an_erased_candidate_is_never_emailed(
    screening_application, django_capture_on_commit_callbacks
):
    email = application_status_email_queue(application=screening_application, queued_by=None)
    with django_capture_on_commit_callbacks(execute=True):
        candidate_erase(candidate=screening_application.candidate)

    result = application_email_send(email_id=email.pk)

    assert result.status == ApplicationEmail.Status.CANCELLED
    assert mail.outbox == []
    with pytest.raises(ApplicationError) as raised:
        application_status_email_queue(application=screening_application, queued_by=None)
    assert raised.value.message == EMAIL_CANDIDATE_ERASED


def test_the_candidates_export_lists_the_emails_sent_to_them(screening_application):
    email = application_status_email_queue(application=screening_application, queued_by=None)
    application_email_send(email_id=email.pk)
    email.refresh_from_db()

    export = candidate_export(candidate=screening_application.candidate)

    [application] = export["applications"]
    assert application["emails"] == [
        {
            "kind": "status",
            "subject": "Votre candidature au poste Data engineer",
            "recipient": screening_application.candidate.email,
            "status": "sent",
            "sent_at": email.sent_at.isoformat(),
        }
    ]
    assert application["interviews"] == []
    assert export["profile"]["language"] == "fr"
