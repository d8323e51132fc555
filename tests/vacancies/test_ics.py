"""The hand-written RFC 5545 invitation, checked by parsing it back."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from vacancies.ics import Attendee, InviteEvent, invite_ics, line_fold, text_escape

PARIS_WINTER = timezone(timedelta(hours=1))


def _parse(text: str) -> list[tuple[str, dict[str, str], str]]:
    """Unfold (RFC 5545 3.1) and split each content line into name, parameters and value."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    unfolded = text.replace("\r\n ", "")
    lines = []
    for line in unfolded.split("\r\n")[:-1]:
        head, value = _split_unquoted(line)
        name, *params = head.split(";")
        lines.append((name, dict(param.split("=", 1) for param in params), value))
    return lines


def _split_unquoted(line: str) -> tuple[str, str]:
    quoted = False
    for index, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return line[:index], line[index + 1 :]
    raise AssertionError(line)


def _unescape(value: str) -> str:
    out, index = [], 0
    while index < len(value):
        if value[index] == "\\":
            nxt = value[index + 1]
            out.append("\n" if nxt in "nN" else nxt)
            index += 2
        else:
            out.append(value[index])
            index += 1
    return "".join(out)


@pytest.fixture
def event() -> InviteEvent:
    return InviteEvent(
        uid="interview-7@fairmatch",
        starts_at=datetime(2026, 12, 10, 14, 30, tzinfo=PARIS_WINTER),
        ends_at=datetime(2026, 12, 10, 15, 30, tzinfo=PARIS_WINTER),
        summary="Entretien : Ingénieur·e données, équipe; Lyon",
        description="Lieu : 3 rue de la Paix, Lyon\nLien : https://meet.example/abc",
        location="3 rue de la Paix, Lyon",
        organizer=Attendee(name="FairMatch", email="no-reply@localhost"),
        attendees=[
            Attendee(name='Aïcha "Ace" Benali', email="aicha@example.org"),
            Attendee(name="Recruiter, Senior", email="rec@example.com"),
        ],
        stamp=datetime(2026, 12, 4, 2, 0, tzinfo=UTC),
        url="https://meet.example/abc",
    )


def test_the_invitation_parses_back_to_its_event(event):
    lines = _parse(invite_ics(event))
    names = [name for name, _, _ in lines]
    values = {name: value for name, _, value in lines}

    assert names[:5] == ["BEGIN", "VERSION", "PRODID", "CALSCALE", "METHOD"]
    assert names[-3:] == ["STATUS", "END", "END"]
    assert values["METHOD"] == "REQUEST"
    assert values["UID"] == "interview-7@fairmatch"
    assert values["DTSTART"] == "20261210T133000Z"  # 14:30 in Paris in winter
    assert values["DTEND"] == "20261210T143000Z"
    assert values["DTSTAMP"] == "20261204T020000Z"
    assert _unescape(values["SUMMARY"]) == event.summary
    assert _unescape(values["DESCRIPTION"]) == event.description
    assert _unescape(values["LOCATION"]) == event.location
    attendees = [(params, value) for name, params, value in lines if name == "ATTENDEE"]
    assert [value for _, value in attendees] == [
        "mailto:aicha@example.org",
        "mailto:rec@example.com",
    ]
    assert attendees[0][0]["CN"] == '"Aïcha Ace Benali"'
    assert attendees[1][0]["CN"] == '"Recruiter, Senior"'
    assert attendees[0][0]["RSVP"] == "TRUE"


def test_every_line_fits_75_octets_and_folding_keeps_characters_whole(event):
    long_event = InviteEvent(**{**_fields(event), "description": "é" * 200})
    text = invite_ics(long_event)

    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    assert any(line.startswith(" ") for line in physical)
    description = next(v for n, _, v in _parse(text) if n == "DESCRIPTION")
    assert description == "é" * 200


def _fields(event: InviteEvent) -> dict[str, object]:
    return {name: getattr(event, name) for name in InviteEvent.__slots__}


def test_text_escape_covers_the_rfc_special_characters():
    assert text_escape("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_a_short_line_is_not_folded():
    assert line_fold("SUMMARY:short") == "SUMMARY:short"


def test_naive_times_are_refused(event):
    naive = InviteEvent(**{**_fields(event), "starts_at": datetime(2026, 12, 10, 14, 30)})  # noqa: DTZ001

    with pytest.raises(ValueError, match="timezone-aware"):
        invite_ics(naive)
