"""An RFC 5545 calendar invitation (METHOD:REQUEST) for one interview, written by hand.

Pure Python (no Django): text values escaped (3.3.11), lines folded at 75 octets (3.1), CRLF
line ends, times in UTC (3.3.5 form #2), a stable UID so a re-sent invite updates the event.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

PRODUCT_ID = "-//FairMatch//Interview scheduling//EN"
FOLD_OCTETS = 75


@dataclass(frozen=True, slots=True)
class Attendee:
    name: str
    email: str


@dataclass(frozen=True, slots=True)
class InviteEvent:
    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    description: str
    location: str
    organizer: Attendee
    attendees: Sequence[Attendee]
    stamp: datetime
    url: str = ""
    sequence: int = 0


def text_escape(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and newlines (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _param(value: str) -> str:
    """A parameter value: quoted, with the characters a quoted string cannot hold removed."""
    cleaned = "".join(ch for ch in value if ch not in '"\r\n' and (ch >= " " or ch == "\t"))
    return f'"{cleaned}"'


def _utc(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("Invitation times must be timezone-aware.")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def line_fold(line: str) -> str:
    """Fold one content line into chunks of at most 75 octets, never splitting a character."""
    chunks: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = FOLD_OCTETS if not chunks else FOLD_OCTETS - 1  # continuation starts with " "
        if size + width > limit:
            chunks.append(current)
            current, size = "", 0
        current += char
        size += width
    chunks.append(current)
    return "\r\n ".join(chunks)


def invite_ics(event: InviteEvent) -> str:
    """The VCALENDAR text of one interview invitation, CRLF line ends, folded."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:REQUEST",
        "BEGIN:VEVENT",
        f"UID:{text_escape(event.uid)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"DTSTART:{_utc(event.starts_at)}",
        f"DTEND:{_utc(event.ends_at)}",
        f"SUMMARY:{text_escape(event.summary)}",
        f"DESCRIPTION:{text_escape(event.description)}",
        f"LOCATION:{text_escape(event.location)}",
    ]
    if event.url:
        lines.append(f"URL:{event.url}")
    lines.append(f"ORGANIZER;CN={_param(event.organizer.name)}:mailto:{event.organizer.email}")
    for attendee in event.attendees:
        lines.append(
            f"ATTENDEE;CN={_param(attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
            f"RSVP=TRUE:mailto:{attendee.email}"
        )
    lines += ["STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"]
    return "".join(line_fold(line) + "\r\n" for line in lines)
