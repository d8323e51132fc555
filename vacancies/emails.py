"""E-mails to candidates (status templates, interview invitations): queued, then sent once.

Queueing writes an `ApplicationEmail` row and enqueues the send after commit; the worker's
`application_email_send` claims the row with a conditional update, so a redelivered task finds
it no longer queued and sends nothing twice.
"""

from string import Template

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from ats_site.accounts.models import User
from ats_site.exceptions import ApplicationError
from vacancies.email_defaults import DEFAULT_EMAIL_TEMPLATES
from vacancies.enqueue import application_email_enqueue
from vacancies.interview_calendar import interview_ics, interview_invite_text
from vacancies.models import Application, ApplicationEmail, EmailTemplate, Interview
from vacancies.status_labels import StatusLabel
from vacancies.workflow import STATUS_LABELS, ApplicationStatus

EMAIL_TEMPLATE_MISSING = gettext_noop("There is no e-mail template for the status '{status}'.")
EMAIL_CANDIDATE_ERASED = gettext_noop("This candidate's data was erased: they cannot be e-mailed.")
EMAIL_TEMPLATE_GONE = gettext_noop("The e-mail template was deleted before the e-mail was sent.")
PLACEHOLDERS = ("first_name", "last_name", "vacancy", "organisation", "status")
INVITE_BODY = gettext_noop(
    "Hello,\n\nYou are invited to an interview for %(vacancy)s on %(when)s.\n%(details)s\n\n"
    "The invitation is attached (invite.ics)."
)
ICS_CONTENT_TYPE = "text/calendar; method=REQUEST; charset=utf-8"


def email_template_get(*, status: str, language: str) -> EmailTemplate | None:
    """The active template for `status` in `language`, else in English, else none."""
    templates = EmailTemplate.objects.filter(status=status, is_active=True)
    return templates.filter(language=language).first() or templates.filter(language="en").first()


def _placeholders(application: Application, language: str) -> dict[str, str]:
    candidate, vacancy = application.candidate, application.vacancy
    english, french = STATUS_LABELS[ApplicationStatus(application.status)]
    return {
        "first_name": candidate.first_name,
        "last_name": candidate.last_name,
        "vacancy": vacancy.title,
        "organisation": vacancy.organisation or "FairMatch",
        "status": french if language.startswith("fr") else english,
    }


def email_template_render(*, template: EmailTemplate, application: Application) -> tuple[str, str]:
    """Subject and body of `template` for `application` (unknown `$names` are left as is)."""
    values = _placeholders(application, template.language)
    subject = Template(template.subject).safe_substitute(values)
    return " ".join(subject.split()), Template(template.body).safe_substitute(values)


def _refuse_erased(application: Application) -> None:
    if application.candidate.is_anonymised:
        raise ApplicationError(EMAIL_CANDIDATE_ERASED, {"application": application.pk})


def application_status_email_queue(
    *, application: Application, queued_by: User | None, status: str | None = None
) -> ApplicationEmail:
    """Queue the template e-mail of `status` (default: the current one) to the candidate."""
    _refuse_erased(application)
    status = status or application.status
    language = application.candidate.language
    template = email_template_get(status=status, language=language)
    if template is None:
        raise ApplicationError(
            EMAIL_TEMPLATE_MISSING, {"status": status}, params={"status": StatusLabel(status)}
        )
    subject, _ = email_template_render(template=template, application=application)
    email = ApplicationEmail(
        application=application,
        kind=ApplicationEmail.Kind.STATUS,
        template=template,
        language=template.language,
        recipient=application.candidate.email,
        subject=subject,
        queued_by=queued_by,
    )
    email.full_clean()
    email.save()
    application_email_enqueue(email_id=email.pk)
    return email


@transaction.atomic
def interview_invites_queue(
    *, interview: Interview, queued_by: User | None
) -> list[ApplicationEmail]:
    """Queue the interview's invitation (with its .ics) to the candidate and each interviewer."""
    application = interview.application
    _refuse_erased(application)
    candidate = application.candidate
    recipients = [(candidate.email, candidate.language, True)]
    recipients += [
        (user.email, settings.LANGUAGE_CODE, False)
        for user in interview.interviewers.order_by("pk")
        if user.email
    ]
    emails = []
    for recipient, language, is_to_candidate in recipients:
        summary, _ = interview_invite_text(interview=interview, language=language)
        email = ApplicationEmail(
            application=application,
            kind=ApplicationEmail.Kind.INTERVIEW_INVITE,
            interview=interview,
            language=language,
            recipient=recipient,
            is_to_candidate=is_to_candidate,
            subject=summary,
            queued_by=queued_by,
        )
        email.full_clean()
        email.save()
        application_email_enqueue(email_id=email.pk)
        emails.append(email)
    return emails


def _message(email: ApplicationEmail) -> EmailMessage:
    """The message to send for a claimed row (rendered now, so the body is never stored)."""
    application = email.application
    if email.kind == ApplicationEmail.Kind.STATUS:
        if email.template is None:
            raise ApplicationError(EMAIL_TEMPLATE_GONE, {"email": email.pk})
        subject, body = email_template_render(template=email.template, application=application)
        return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email.recipient])
    interview = email.interview
    assert interview is not None  # noqa: S101 -- an invite row always has its interview
    _, details = interview_invite_text(interview=interview, language=email.language)
    with translation.override(email.language):
        when = timezone.localtime(interview.starts_at).strftime("%Y-%m-%d %H:%M")
        body = gettext(INVITE_BODY) % {
            "vacancy": application.vacancy.title,
            "when": when,
            "details": details,
        }
    message = EmailMessage(email.subject, body, settings.DEFAULT_FROM_EMAIL, [email.recipient])
    message.attach(
        "invite.ics", interview_ics(interview=interview, language=email.language), ICS_CONTENT_TYPE
    )
    return message


def application_email_send(*, email_id: int) -> ApplicationEmail:
    """Send one queued e-mail, at most once: the row is claimed (queued -> sending) first."""
    rows = ApplicationEmail.objects.filter(pk=email_id, status=ApplicationEmail.Status.QUEUED)
    claimed = rows.update(status=ApplicationEmail.Status.SENDING, updated_at=timezone.now())
    email = ApplicationEmail.objects.select_related(
        "application__candidate", "application__vacancy", "template", "interview"
    ).get(pk=email_id)
    if not claimed:
        return email
    if email.application.candidate.is_anonymised:
        return _finish(email, ApplicationEmail.Status.CANCELLED, EMAIL_CANDIDATE_ERASED)
    try:
        _message(email).send()
    except (ApplicationError, OSError) as error:
        return _finish(email, ApplicationEmail.Status.FAILED, str(error))
    return _finish(email, ApplicationEmail.Status.SENT, "")


def _finish(email: ApplicationEmail, status: str, error_message: str) -> ApplicationEmail:
    email.status = status
    email.error_message = error_message
    email.sent_at = timezone.now() if status == ApplicationEmail.Status.SENT else None
    email.save(update_fields=["status", "error_message", "sent_at", "updated_at"])
    return email


def email_templates_defaults_load() -> int:
    """Store the shipped templates (``vacancies.email_defaults``) that are missing; the count."""
    created = 0
    for (status, language), (subject, body) in DEFAULT_EMAIL_TEMPLATES.items():
        _, is_new = EmailTemplate.objects.get_or_create(
            status=status, language=language, defaults={"subject": subject, "body": body}
        )
        created += int(is_new)
    return created
