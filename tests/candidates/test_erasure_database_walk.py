"""After an erasure, no table of the database and no file under MEDIA_ROOT holds the
candidate's name, e-mail, phone, city, login name or a distinctive phrase of their CV.

The candidate's data arrives through the product's own paths: a real DOCX upload through the
API and a real extraction (the task function, called directly), real scoring with the packaged
encoder, status moves with reasons and a score override through the API, a recruiter opening
the CV file, admin-log entries written by the admin's own `log_change`/`log_addition`, an
export, a ranking view and a fairness audit. The walk reads every table the database lists
(`SELECT *`), not only those with a model, and every column, as text.
"""

import io
import json
import zipfile

import docx
import pytest
from django.conf import settings
from django.contrib import admin
from django.db import connection
from django.test import RequestFactory
from rest_framework.test import APIClient

from ats_site.accounts.models import Role
from candidates.models import Candidate, CandidateDocument
from candidates.services import candidate_erase, candidate_export
from candidates.tasks import cv_extract_task
from fairness.services import audit_run_database
from matching.models import MatchScore
from matching.services.batches import scoring_batch_run
from matching.services.runs import scoring_run_start
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    SensitiveAttributesFactory,
    UserFactory,
    VacancyFactory,
)
from vacancies.interviews import SCORECARD_CRITERIA
from vacancies.models import ApplicationEmail
from vacancies.tasks import application_email_send_task

pytestmark = pytest.mark.django_db

FIRST, LAST = "Wilhelmina", "Kuyper"
EMAIL, PHONE, CITY, USERNAME = "wil.kuyper@example.org", "+31 6 1234 5678", "Vlissingen", "wkuyper"
PHRASES = ["dredging telemetry", "Westerschelde", "sediment plume"]
CV_LINES = [
    f"{FIRST} {LAST}",
    f"{EMAIL} | {PHONE} | {CITY}",
    "SUMMARY",
    "Hydrographic data engineer: dredging telemetry and sediment plume models for the "
    "Westerschelde.",
    "EXPERIENCE",
    "Data engineer, Rijkswaterstaat (2018 - present)",
    "Built Python and PostgreSQL pipelines for dredging telemetry.",
    "SKILLS",
    "Python, PostgreSQL, Django, GIS",
]
# How the identifiers may appear in a column: as typed, JSON-escaped, or as phone digits.
NEEDLES = [FIRST, LAST, EMAIL, CITY, USERNAME, "612345678", "1234 5678", *PHRASES]


def _docx(lines: list[str]) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _database_text() -> dict[str, str]:
    """Every table's rows as one text each: `SELECT *`, every value as str (bytes decoded)."""
    dump = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            values = []
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("latin-1")
                    values.append(str(value))
            dump[table] = "\n".join(values)
    return dump


def _file_text(data: bytes) -> str:
    """A stored file as text; DOCX (a zip) read member by member."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data.decode("latin-1")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(name).decode("latin-1") for name in archive.namelist())


def _media_text() -> str:
    """Every file under MEDIA_ROOT, as text."""
    root = settings.MEDIA_ROOT
    files = [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
    return "\n".join(_file_text(path.read_bytes()) for path in files)


def _leaks(text: str) -> list[str]:
    lowered = text.lower()
    found = []
    for needle in NEEDLES:
        forms = {needle, json.dumps(needle)[1:-1]}
        if any(form.lower() in lowered for form in forms):
            found.append(needle)
    digits = "".join(char for char in text if char.isdigit() or char == "\n")
    if "612345678" in digits:  # the phone written with any separators (not adjacent numbers)
        found.append("phone digits")
    return found


def _hiring_round(client, recruiter, application) -> None:
    """The status e-mail, an interview (invitations sent) and a scorecard, through the pages."""
    assert client.post(f"/applications/{application.pk}/email/").status_code == 302
    scheduled = client.post(
        f"/applications/{application.pk}/interviews/new/",
        {
            "starts_at": "2026-12-10T14:30",
            "ends_at": "2026-12-10T15:30",
            "interviewers": [recruiter.pk],
            "location": f"{CITY} harbour office, ask for {FIRST}",
            "send_invites": "on",
        },
    )
    assert scheduled.status_code == 302
    for email in ApplicationEmail.objects.filter(application=application):
        assert application_email_send_task(email.pk) == "sent"  # the worker's part
    interview = application.interviews.get()
    ratings = {f"rating_{name}": "4" for name in SCORECARD_CRITERIA}
    feedback = client.post(
        f"/interviews/{interview.pk}/feedback/",
        {**ratings, "recommendation": "yes", "notes": f"{FIRST} {LAST} knows the Westerschelde."},
    )
    assert feedback.status_code == 302


@pytest.fixture
def candidate_everywhere(django_capture_on_commit_callbacks, client):
    recruiter = UserFactory(role=Role.RECRUITER, is_staff=True, is_superuser=True)
    login = UserFactory(
        role=Role.CANDIDATE, username=USERNAME, email=EMAIL, first_name=FIRST, last_name=LAST
    )
    candidate = CandidateFactory(
        user=login,
        first_name=FIRST,
        last_name=LAST,
        email=EMAIL,
        phone=PHONE,
        city=CITY,
        headline="Hydrographic data engineer",
        mobility_regions=["Zeeland"],
        external_id=f"ats-{LAST.lower()}",
    )
    SensitiveAttributesFactory(candidate=candidate)
    vacancy = VacancyFactory(title="Data engineer", required_skills=["Python", "PostgreSQL"])
    application = ApplicationFactory(candidate=candidate, vacancy=vacancy)
    ApplicationFactory(vacancy=vacancy)  # someone else in the same pipeline

    upload = io.BytesIO(_docx(CV_LINES))
    upload.name = f"{FIRST}_{LAST}_CV.docx"
    response = _client(recruiter).post(
        f"/api/candidates/{candidate.pk}/documents/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 201, response.content
    document = CandidateDocument.objects.get(candidate=candidate)
    assert cv_extract_task(document.pk) == "parsed"
    document.refresh_from_db()
    assert "dredging telemetry" in document.extracted_text

    run = scoring_run_start(vacancy=vacancy)
    for batch in run.batches.all():
        scoring_batch_run(batch_id=batch.pk)
    score = MatchScore.objects.get(candidate=candidate)
    staff = _client(recruiter)
    moved = staff.post(
        f"/api/applications/{application.pk}/move/",
        {"to_status": "screening", "reason": f"Called {FIRST} on 06-12345678 about {CITY}."},
        format="json",
    )
    assert moved.status_code == 200, moved.content
    overridden = staff.post(
        f"/api/scores/{score.pk}/override/",
        {"score": 75, "reason": f"{LAST}'s Westerschelde work is exactly what we need."},
        format="json",
    )
    assert overridden.status_code == 200, overridden.content
    assert staff.get(f"/api/scores/{score.pk}/").status_code == 200
    assert staff.get(f"/api/vacancies/{vacancy.pk}/ranking/?k=5").status_code == 200
    client.force_login(recruiter)
    opened = client.get(f"/candidates/{candidate.pk}/cv/{document.pk}/file/")
    assert opened.status_code == 200
    b"".join(opened.streaming_content)
    _hiring_round(client, recruiter, application)

    request = RequestFactory().post("/admin/")
    request.user = recruiter
    candidate_admin = admin.site._registry[Candidate]
    candidate_admin.log_change(request, candidate, [{"changed": {"fields": ["Phone", "City"]}}])
    candidate_admin.log_addition(request, document, f"Uploaded {upload.name} for {FIRST} {LAST}")
    candidate_export(candidate=candidate, exported_by=login)
    audit_run_database(attributes=["gender"], n_bootstrap=10, run_by=recruiter)
    return candidate


def test_the_whole_database_holds_nothing_of_the_erased_candidate(
    candidate_everywhere, django_capture_on_commit_callbacks
):
    before = _database_text()
    assert "candidates_candidate" in before
    assert _leaks("\n".join(before.values())), "the fixture put nothing personal in the database"
    assert _leaks(_media_text())

    with django_capture_on_commit_callbacks(execute=True):
        candidate_erase(candidate=candidate_everywhere, erased_by=candidate_everywhere.user)

    after = _database_text()
    leaks = {table: found for table, text in after.items() if (found := _leaks(text))}
    assert leaks == {}
    assert _leaks(_media_text()) == []
