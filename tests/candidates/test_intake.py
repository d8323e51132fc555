"""Recruiters add candidates (with a CV) and applications in the web UI, and drop many CVs."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import Role
from ats_site.accounts.services import user_create
from candidates.extraction.contact import find_person_name
from candidates.models import Candidate, CandidateDocument, CvIntakeBatch, CvIntakeItem
from candidates.services.intake_processing import (
    INTAKE_EMAIL_MISSING,
    INTAKE_NAME_MISSING,
    cv_intake_item_process,
    is_placeholder_email,
)
from tests.factories import CandidateFactory, VacancyFactory
from vacancies.models import Application

pytestmark = pytest.mark.django_db

MARIE_CV = (
    b"Marie Curie\nmarie.curie@example.org | +33 6 12 34 56 78\n\nSUMMARY\n"
    b"Physicist and chemist, 10 years of research.\n\nSKILLS\nPython, data analysis\n"
)
NAMELESS_CV = b"SUMMARY\nWarehouse operative with a forklift licence.\n\nSKILLS\nLogistics\n"
SCRIPT = b"#!/bin/sh\nrm -rf ~\n"


def _cv(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _profile(**overrides):
    data = {
        "first_name": "Léa",
        "last_name": "Moreau",
        "email": "lea.moreau@example.org",
        "phone": "",
        "city": "Nantes",
        "region": "Pays de la Loire",
        "headline": "Data analyst",
        "source": "referral",
    }
    return {**data, **overrides}


def test_a_recruiter_adds_a_candidate_with_a_cv_and_an_application(recruiter):
    vacancy = VacancyFactory(owner=recruiter)

    response = _client(recruiter).post(
        reverse("web:candidate-add"),
        {**_profile(), "vacancy": vacancy.pk, "cv": _cv("lea.txt", MARIE_CV)},
    )

    candidate = Candidate.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("web:candidate-detail", args=[candidate.pk])
    assert (candidate.full_name, candidate.city) == ("Léa Moreau", "Nantes")
    document = CandidateDocument.objects.get(candidate=candidate)
    assert (document.original_name, document.uploaded_by) == ("lea.txt", recruiter)
    application = Application.objects.get(candidate=candidate)
    assert (application.vacancy, application.source) == (vacancy, "referral")
    assert application.status_changes.get().changed_by == recruiter


def test_a_refused_cv_or_a_known_email_writes_nothing(recruiter):
    CandidateFactory(email="taken@example.org")
    client = _client(recruiter)

    refused = client.post(
        reverse("web:candidate-add"), {**_profile(), "cv": _cv("evil.pdf", SCRIPT)}
    )
    taken = client.post(reverse("web:candidate-add"), _profile(email="taken@example.org"))

    assert (refused.status_code, taken.status_code) == (200, 200)
    assert "script" in refused.content.decode()
    assert "A candidate with this email already exists." in taken.content.decode()
    assert Candidate.objects.count() == 1
    assert not CandidateDocument.objects.exists()


def test_a_recruiter_adds_an_application_from_the_candidate_page(recruiter):
    vacancy = VacancyFactory(owner=recruiter, title="Nurse")
    candidate = CandidateFactory()
    client = _client(recruiter)
    url = reverse("web:candidate-application-add", args=[candidate.pk])

    page = client.get(reverse("web:candidate-detail", args=[candidate.pk])).content.decode()
    first = client.post(url, {"vacancy": vacancy.pk, "source": "sourced"}, follow=True)
    again = client.post(url, {"vacancy": vacancy.pk, "source": "sourced"}, follow=True)

    assert url in page
    assert "Application added." in first.content.decode()
    assert "already" in again.content.decode()
    assert Application.objects.filter(candidate=candidate, vacancy=vacancy).count() == 1


def test_the_edit_page_completes_a_placeholder_profile(recruiter):
    candidate = CandidateFactory(first_name="(to complete)", email="x@placeholder.invalid")
    client = _client(recruiter)
    url = reverse("web:candidate-edit", args=[candidate.pk])

    form = client.get(url).content.decode()
    saved = client.post(url, _profile(first_name="Ana", email="ana@example.org"))

    assert 'value="x@placeholder.invalid"' not in form
    assert saved.status_code == 302
    candidate.refresh_from_db()
    assert (candidate.first_name, candidate.email) == ("Ana", "ana@example.org")


def test_a_recruiter_sets_the_language_the_candidate_is_written_to_in(recruiter):
    candidate = CandidateFactory(language="en")
    url = reverse("web:candidate-edit", args=[candidate.pk])

    saved = _client(recruiter).post(url, _profile(email=candidate.email, language="fr"))

    assert saved.status_code == 302
    candidate.refresh_from_db()
    assert candidate.language == "fr"


def test_bulk_intake_makes_one_candidate_per_file_named_from_its_cv(recruiter):
    client = _client(recruiter)
    files = [_cv("marie.txt", MARIE_CV), _cv("scan.txt", NAMELESS_CV), _cv("evil.pdf", SCRIPT)]

    response = client.post(reverse("web:cv-intake"), {"cv_files": files})

    batch = CvIntakeBatch.objects.get()
    assert response["Location"] == reverse("web:cv-intake-detail", args=[batch.pk])
    marie, nameless, evil = batch.items.order_by("pk")
    assert [item.status for item in (marie, nameless, evil)] == ["pending", "pending", "failed"]
    assert evil.candidate is None
    assert "script" in evil.message
    assert Candidate.objects.count() == 2
    assert all(is_placeholder_email(c.email) for c in Candidate.objects.all())
    progress_url = reverse("web:cv-intake-progress", args=[batch.pk])
    before = client.get(progress_url).json()
    assert (before["total"], before["pending"], before["failed"]) == (3, 2, 1)
    assert before["is_finished"] is False

    for item in (marie, nameless):  # what the worker does, one task per file
        cv_intake_item_process(item_id=item.pk)
    after = client.get(progress_url).json()

    assert (after["done"], after["failed"], after["is_finished"]) == (2, 1, True)
    marie.refresh_from_db()
    nameless.refresh_from_db()
    assert marie.candidate is not None
    assert nameless.candidate is not None
    assert (marie.candidate.full_name, marie.candidate.email) == (
        "Marie Curie",
        "marie.curie@example.org",
    )
    assert marie.candidate.phone == "+33 6 12 34 56 78"
    assert marie.needs_completion is False
    assert nameless.needs_completion is True
    assert INTAKE_NAME_MISSING in nameless.message
    assert INTAKE_EMAIL_MISSING in nameless.message
    assert is_placeholder_email(nameless.candidate.email)
    assert after["items"][1]["needs_completion"] is True
    assert cv_intake_item_process(item_id=marie.pk).status == "done"  # idempotent


def test_an_email_already_on_file_is_not_taken_twice(recruiter):
    CandidateFactory(email="marie.curie@example.org")
    _client(recruiter).post(reverse("web:cv-intake"), {"cv_files": [_cv("m.txt", MARIE_CV)]})
    item = CvIntakeItem.objects.get()

    item = cv_intake_item_process(item_id=item.pk)

    assert item.needs_completion is True
    assert "already belongs to another candidate" in item.message
    assert is_placeholder_email(item.candidate.email)


def test_bulk_intake_without_files_says_so(recruiter):
    response = _client(recruiter).post(reverse("web:cv-intake"), {})

    assert response.status_code == 200
    assert "Choose at least one CV file." in response.content.decode()
    assert not CvIntakeBatch.objects.exists()


def test_a_recruiter_follows_only_their_own_intakes_and_hr_admins_every_one(recruiter, hr_admin):
    other = user_create(username="other", password="pw-long-enough-1", role=Role.RECRUITER)
    batch = CvIntakeBatch.objects.create(created_by=other)
    url = reverse("web:cv-intake-progress", args=[batch.pk])

    assert _client(recruiter).get(url).status_code == 404
    assert _client(other).get(url).status_code == 200
    assert _client(hr_admin).get(url).status_code == 200


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        pytest.param("anonymous", 302, id="anonymous_case"),
        pytest.param("candidate", 403, id="candidate_case"),
        pytest.param("api_client", 403, id="api_client_case"),
        pytest.param("recruiter", 200, id="recruiter_case"),
        pytest.param("hr_admin", 200, id="hr_admin_case"),
    ],
)
@pytest.mark.parametrize(
    "page", ["candidate-add", "cv-intake", "candidate-edit", "cv-intake-detail", "progress"]
)
def test_intake_pages_are_for_recruiters_and_hr_admins(user_for_role, role, expected, page):
    user = user_for_role(role)
    batch = CvIntakeBatch.objects.create(created_by=user)
    urls = {
        "candidate-add": reverse("web:candidate-add"),
        "cv-intake": reverse("web:cv-intake"),
        "candidate-edit": reverse("web:candidate-edit", args=[CandidateFactory().pk]),
        "cv-intake-detail": reverse("web:cv-intake-detail", args=[batch.pk]),
        "progress": reverse("web:cv-intake-progress", args=[batch.pk]),
    }
    client = Client()
    if user is not None:
        client.force_login(user)

    assert client.get(urls[page]).status_code == expected


def test_the_add_application_post_is_refused_to_candidates(candidate_user):
    vacancy = VacancyFactory()
    candidate = CandidateFactory()

    response = _client(candidate_user).post(
        reverse("web:candidate-application-add", args=[candidate.pk]),
        {"vacancy": vacancy.pk, "source": "sourced"},
    )

    assert response.status_code == 403
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jean-Pierre Dupont\nParis", ("Jean-Pierre", "Dupont")),
        ("MARIE CURIE\nSUMMARY", ("Marie", "Curie")),
        ("Résumé\nAnna Karenina\n", ("Anna", "Karenina")),
        ("ACCOUNTANT\nSummary\nDetail-oriented", None),
        ("Senior Accountant\nSummary", None),
        ("John Smith, MBA\n", None),
    ],
)
def test_a_name_is_read_only_from_a_clear_name_line(text, expected):
    assert find_person_name(text) == expected


def test_erasure_forgets_the_intake_file_name(recruiter):
    from candidates.services.erasure import candidate_erase

    _client(recruiter).post(
        reverse("web:cv-intake"), {"cv_files": [_cv("Jo_Bloggs.txt", MARIE_CV)]}
    )
    item = CvIntakeItem.objects.get()

    candidate_erase(candidate=item.candidate, erased_by=recruiter)

    item.refresh_from_db()
    assert (item.original_name, item.message) == ("", "")


def test_the_intake_task_is_registered_under_the_enqueued_name():
    from ats_site.celery import app as celery_app
    from candidates.services.enqueue import CV_INTAKE_ITEM_TASK
    from candidates.tasks import cv_intake_item_task

    assert cv_intake_item_task.name == CV_INTAKE_ITEM_TASK
    assert celery_app.tasks[CV_INTAKE_ITEM_TASK].name == CV_INTAKE_ITEM_TASK
