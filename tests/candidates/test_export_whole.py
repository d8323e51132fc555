"""The export holds everything about the candidate (GDPR Art. 15/20/22) and nothing about
anyone else: profile, account, consent, declared attributes (own export only), CVs and their
text, applications with reasons, every score with its explanation and overrides, and who saw
or changed the data (by role). `?format=html` gives the same as a readable page."""

import json

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, Role
from candidates.models import CandidateDocument
from candidates.services import candidate_export, candidate_give_consent
from matching.models import MatchScore
from matching.services.overrides import match_score_override
from tests.factories import (
    ApplicationFactory,
    CandidateFactory,
    SensitiveAttributesFactory,
    UserFactory,
    VacancyFactory,
)
from vacancies.services import application_move

pytestmark = pytest.mark.django_db

CV_TEXT = "Cartographer of tidal estuaries; built GIS pipelines in Python for the Zeeland survey."
OTHER_CV = "Pastry chef with a passion for laminated doughs in Antwerp."
FEATURES = {"skills": 0.62, "semantic": 0.71, "experience": 1.0}


def _scored(candidate, application, *, score):
    return MatchScore.objects.create(
        vacancy=application.vacancy,
        candidate=candidate,
        application=application,
        model_version="minilm/fairmatch-score-3:additive",
        score=score,
        bucket="good",
        features=FEATURES,
        matched_skills=["Python", "GIS"],
        missing_skills=["PostGIS"],
        missing_categories=["certifications"],
        recommendations=["Mention PostGIS work"],
    )


def _document(candidate, text):
    return CandidateDocument.objects.create(
        candidate=candidate,
        file="cv/x.txt",
        original_name=f"cv-{candidate.pk}.txt",
        content_type="text/plain",
        size=len(text),
        sha256=f"{candidate.pk:064x}",
        extracted_text=text,
        profile={"skills": ["Python"]},
        parse_status="parsed",
        is_selected=True,
    )


@pytest.fixture
def two_candidates():
    recruiter = UserFactory(role=Role.RECRUITER, username="rita.recruiter")
    login = UserFactory(role=Role.CANDIDATE, username="wilhelmina", email="wil@example.org")
    login.last_login = timezone.now()
    login.save()
    me = CandidateFactory(
        user=login, first_name="Wilhelmina", last_name="Kuyper", email="wil@example.org"
    )
    candidate_give_consent(candidate=me, version="2026-01")
    SensitiveAttributesFactory(candidate=me, gender="female", nationality="NL", birth_year=1988)
    document = _document(me, CV_TEXT)
    vacancy = VacancyFactory(title="GIS analyst")
    mine = ApplicationFactory(candidate=me, vacancy=vacancy)
    application_move(
        application=mine, to_status="screening", moved_by=recruiter, reason="Strong GIS portfolio"
    )
    score = _scored(me, mine, score=64.0)
    match_score_override(
        match_score=score,
        score=80.0,
        reason="Survey work outweighs PostGIS",
        overridden_by=recruiter,
    )
    audit_event_record(
        actor=recruiter,
        action=AuditEvent.Action.SCORE_VIEW,
        target_type="match_score",
        target_id=score.pk,
    )
    audit_event_record(
        actor=recruiter,
        action=AuditEvent.Action.CV_FILE_VIEW,
        target_type="candidate_document",
        target_id=document.pk,
        detail={"candidate": me.pk, "name": document.original_name},
    )
    # Someone else, on the same vacancy, with everything of their own.
    other = CandidateFactory(first_name="Bartholomew", last_name="Quist", email="bq@example.org")
    SensitiveAttributesFactory(candidate=other, nationality="BE")
    _document(other, OTHER_CV)
    theirs = ApplicationFactory(candidate=other, vacancy=vacancy)
    application_move(
        application=theirs,
        to_status="rejected",
        moved_by=recruiter,
        reason="Too far from Quist's home",
    )
    match_score_override(
        match_score=_scored(other, theirs, score=12.0),
        score=5.0,
        reason="Quist lacks GIS",
        overridden_by=recruiter,
    )
    return me, other, recruiter


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_own_export_holds_every_section(two_candidates):
    me, _, _ = two_candidates

    response = _client(me.user).get("/api/me/export/")

    assert response.status_code == 200
    body = response.json()
    assert body["profile"]["first_name"] == "Wilhelmina"
    assert body["profile"]["email"] == "wil@example.org"
    account = body["account"]
    assert (account["username"], account["email"], account["role"]) == (
        "wilhelmina",
        "wil@example.org",
        "candidate",
    )
    assert account["date_joined"] == me.user.date_joined.isoformat()
    assert account["last_login"] == me.user.last_login.isoformat()
    assert body["consent"]["version"] == "2026-01"
    assert body["consent"]["given_at"] == me.consent_given_at.isoformat()
    sensitive = body["sensitive_attributes"]
    assert (sensitive["gender"], sensitive["nationality"], sensitive["birth_year"]) == (
        "female",
        "NL",
        1988,
    )
    [document] = body["documents"]
    assert document["extracted_text"] == CV_TEXT
    assert document["is_selected"] is True
    [application] = body["applications"]
    assert application["vacancy"] == "GIS analyst"
    assert [(h["from"], h["to"], h["reason"], h["by"]) for h in application["history"]] == [
        ("new", "screening", "Strong GIS portfolio", "Recruiter")
    ]
    [score] = body["scores"]
    assert (score["score"], score["effective_score"], score["bucket"]) == (64.0, 80.0, "good")
    assert score["model_version"] == "minilm/fairmatch-score-3:additive"
    assert score["explanation"]["breakdown"] == FEATURES
    assert score["explanation"]["missing_skills"] == ["PostGIS"]
    assert score["explanation"]["missing_categories"] == ["certifications"]
    assert score["override"] == {
        "score": 80.0,
        "reason": "Survey work outweighs PostGIS",
        "by": "Recruiter",
    }
    assert [(o["previous_override"], o["override"]) for o in score["override_history"]] == [
        (None, 80.0)
    ]
    assert body["scoring_logic"]["scorer_version"] == "fairmatch-score-3"
    log = [(entry["action"], entry["by"]) for entry in body["access_log"]]
    assert log == [
        ("status_change", "Recruiter"),
        ("score_override", "Recruiter"),
        ("score_view", "Recruiter"),
        ("cv_file_view", "Recruiter"),
        ("data_export", "you"),
    ]


def test_no_other_candidate_and_no_staff_username_appears(two_candidates):
    me, _, recruiter = two_candidates

    dump = json.dumps(_client(me.user).get("/api/me/export/").json())

    for foreign in ["Bartholomew", "Quist", "bq@example.org", "Pastry", "BE", "rejected", "12.0"]:
        assert foreign not in dump
    assert recruiter.username not in dump


def test_a_staff_export_leaves_out_the_declared_attributes(two_candidates):
    me, _, _ = two_candidates
    hr_admin = UserFactory(role=Role.HR_ADMIN)

    export = candidate_export(candidate=me, exported_by=hr_admin)

    assert export["sensitive_attributes"] is None
    assert export["access_log"][-1] == {**export["access_log"][-1], "by": "HR admin"}


def test_the_html_summary_shows_the_same_data(two_candidates):
    me, _, _ = two_candidates

    response = _client(me.user).get("/api/me/export/?format=html")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    for shown in ["Wilhelmina", CV_TEXT, "Strong GIS portfolio", "Survey work outweighs PostGIS"]:
        assert shown in page
    assert "Quist" not in page
    assert "64.0" in page


def test_the_web_summary_page_is_the_candidates_own(two_candidates, client):
    me, _, _ = two_candidates
    client.force_login(me.user)

    response = client.get("/me/data/summary/")

    assert response.status_code == 200
    assert "Strong GIS portfolio" in response.content.decode()
    assert "Quist" not in response.content.decode()


def test_the_html_summary_is_refused_to_staff_with_a_json_error(two_candidates):
    _, _, recruiter = two_candidates

    response = _client(recruiter).get("/api/me/export/?format=html")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message", "extra"}
