"""No oracles: another person's object reads exactly like a missing one, and `PATCH /api/me/`
answers the same whether a new e-mail address is registered or not."""

import re

import pytest
from django.test import Client

from candidates.models import Candidate
from tests.factories import CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db

MISSING_ID = 987654321
# Candidate-id routes a candidate may call for their own id only.
CANDIDATE_ROUTES = [
    "/api/candidates/{id}/",
    "/api/candidates/{id}/profile/",
    "/api/candidates/{id}/documents/",
    "/api/candidates/{id}/recommendations/",
]


@pytest.mark.parametrize("route", CANDIDATE_ROUTES)
def test_another_candidates_id_reads_exactly_like_a_missing_one(world, as_role, route):
    client = as_role("candidate")

    other = client.get(route.format(id=world.other.pk))
    missing = client.get(route.format(id=MISSING_ID))

    assert (other.status_code, other.json()) == (missing.status_code, missing.json())
    assert other.status_code == 404


def _patch_email(client, email: str):  # type: ignore[no-untyped-def]
    return client.patch("/api/me/", {"email": email, "headline": "Analyst"}, format="json")


def test_patch_me_answers_the_same_for_a_taken_and_a_free_address(world, as_role, mailoutbox):
    CandidateFactory(email="taken@example.com")
    client = as_role("candidate")

    taken = _patch_email(client, "taken@example.com")
    free = _patch_email(client, "free@example.com")

    def comparable(response):  # type: ignore[no-untyped-def]
        body = response.json()
        return response.status_code, {k: v for k, v in body.items() if k not in {"updated_at"}}

    taken_view, free_view = comparable(taken), comparable(free)
    assert taken_view[0] == free_view[0] == 200
    assert taken_view[1]["email"] == free_view[1]["email"] == world.own.email  # unchanged
    assert taken.json()["email_pending_confirmation"] == "taken@example.com"
    assert free.json()["email_pending_confirmation"] == "free@example.com"
    assert {k: v for k, v in taken_view[1].items() if k != "email_pending_confirmation"} == {
        k: v for k, v in free_view[1].items() if k != "email_pending_confirmation"
    }
    # Only the mailboxes learn which: a note to the taken one, a code to the free one.
    assert [mail.to for mail in mailoutbox] == [["taken@example.com"], ["free@example.com"]]
    assert "already belongs to a profile" in mailoutbox[0].body
    assert "/api/me/email/confirm/" in mailoutbox[1].body


def _code(mail_body: str) -> str:
    return re.search(r"\n\n(\S+)\n\n", mail_body).group(1)  # type: ignore[union-attr]


def test_the_mailed_code_changes_the_address_once(world, as_role, mailoutbox):
    client = as_role("candidate")
    _patch_email(client, "New@Example.com")
    code = _code(mailoutbox[0].body)

    confirmed = client.post("/api/me/email/confirm/", {"token": code}, format="json")
    replayed = client.post("/api/me/email/confirm/", {"token": code}, format="json")

    assert (confirmed.status_code, confirmed.json()["email"]) == (200, "new@example.com")
    assert replayed.status_code == 400
    assert Candidate.objects.get(pk=world.own.pk).email == "new@example.com"


def test_a_code_is_useless_to_another_candidate_and_when_forged(world, as_role, mailoutbox):
    client = as_role("candidate")
    _patch_email(client, "mine@example.com")
    code = _code(mailoutbox[0].body)
    world.own.user = None
    world.own.save(update_fields=["user"])
    world.other.user = world.users["candidate"]  # the same login, now another profile
    world.other.save(update_fields=["user"])

    stolen = client.post("/api/me/email/confirm/", {"token": code}, format="json")
    forged = client.post("/api/me/email/confirm/", {"token": code[:-2] + "xx"}, format="json")

    assert stolen.status_code == forged.status_code == 400
    assert stolen.json() == forged.json()
    assert Candidate.objects.filter(email="mine@example.com").count() == 0


@pytest.mark.parametrize("status", ["draft", "closed", "filled"])
def test_a_vacancy_candidates_may_not_see_reads_exactly_like_a_missing_one(world, as_role, status):
    hidden = VacancyFactory(status=status, title="Unannounced role")
    api = as_role("candidate")
    web = Client()
    web.force_login(world.users["candidate"])

    api_hidden, api_missing = (api.get(f"/api/vacancies/{pk}/") for pk in (hidden.pk, MISSING_ID))
    web_codes = [web.get(f"/jobs/{pk}/").status_code for pk in (hidden.pk, MISSING_ID)]
    apply_codes = [web.post(f"/jobs/{pk}/apply/", {}).status_code for pk in (hidden.pk, MISSING_ID)]

    assert (api_hidden.status_code, api_hidden.json()) == (404, api_missing.json())
    assert api_missing.status_code == 404
    assert web_codes == [404, 404]
    assert apply_codes == [404, 404]


@pytest.mark.parametrize("verb", ["select", "delete"])
def test_another_candidates_cv_reads_exactly_like_a_missing_one_on_the_web(world, verb):
    web = Client()
    web.force_login(world.users["candidate"])

    codes = [web.post(f"/me/cv/{pk}/{verb}/").status_code for pk in (world.document.pk, MISSING_ID)]

    assert codes == [404, 404]
    assert world.other.documents.filter(pk=world.document.pk).exists()
