"""An interview as an RFC 5545 invitation (``vacancies.ics``), in the candidate's language."""

from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from vacancies.ics import Attendee, InviteEvent, invite_ics
from vacancies.models import Interview

INVITE_SUMMARY = gettext_noop("Interview: %(vacancy)s")
INVITE_LOCATION_LINE = gettext_noop("Location: %(location)s")
INVITE_LINK_LINE = gettext_noop("Video link: %(link)s")


def interview_uid(interview: Interview) -> str:
    """A UID that stays the same for the interview, so a re-sent invite updates the event."""
    return f"interview-{interview.pk}@fairmatch"


def interview_invite_text(*, interview: Interview, language: str) -> tuple[str, str]:
    """The invitation's summary and description in `language`."""
    application = interview.application
    with translation.override(language):
        summary = gettext(INVITE_SUMMARY) % {"vacancy": application.vacancy.title}
        lines = []
        if interview.location:
            lines.append(gettext(INVITE_LOCATION_LINE) % {"location": interview.location})
        if interview.meeting_link:
            lines.append(gettext(INVITE_LINK_LINE) % {"link": interview.meeting_link})
    return summary, "\n".join(lines)


def interview_ics(*, interview: Interview, language: str | None = None) -> str:
    """The interview's .ics invitation (candidate and interviewers as attendees)."""
    application = interview.application
    candidate = application.candidate
    summary, description = interview_invite_text(
        interview=interview, language=language or candidate.language
    )
    organizer_name, organizer_email = parseaddr(settings.DEFAULT_FROM_EMAIL)
    attendees = [Attendee(name=candidate.full_name, email=candidate.email)]
    attendees += [
        Attendee(name=user.get_full_name() or user.username, email=user.email)
        for user in interview.interviewers.order_by("pk")
        if user.email
    ]
    event = InviteEvent(
        uid=interview_uid(interview),
        starts_at=interview.starts_at,
        ends_at=interview.ends_at,
        summary=summary,
        description=description,
        location=interview.location or interview.meeting_link,
        url=interview.meeting_link,
        organizer=Attendee(name=organizer_name or "FairMatch", email=organizer_email),
        attendees=attendees,
        stamp=timezone.now(),
    )
    return invite_ics(event)
