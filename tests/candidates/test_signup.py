"""Candidate self-registration: inactive until the e-mailed link, consent stored, throttled."""

import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import Role, User
from candidates.models import Candidate
from candidates.services.signup import SIGNUP_LINK_EXPIRED, SIGNUP_LINK_INVALID
from candidates.signup_forms import CONSENT_REQUIRED
from tests.factories import CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a long and unusual passphrase 42"


def _form(**overrides: str) -> dict[str, str]:
    data = {
        "first_name": "Chloé",
        "last_name": "Bernard",
        "email": "Chloe.Bernard@example.org",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "consent": "on",
    }
    return {**data, **overrides}


def _confirm_link() -> str:
    (message,) = mail.outbox
    match = re.search(r"https?://[^/\s]+(/signup/confirm/\S+)", message.body)
    assert match is not None, message.body
    return match.group(1)


def test_sign_up_mails_a_link_and_the_account_is_inactive_until_it_is_opened(client: Client):
    response = client.post(reverse("web:signup"), _form())

    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    user = User.objects.get(email="chloe.bernard@example.org")
    assert (user.role, user.is_active, user.username) == (
        Role.CANDIDATE,
        False,
        "chloe.bernard@example.org",
    )
    assert not Candidate.objects.exists()
    assert mail.outbox[0].to == ["chloe.bernard@example.org"]
    assert not client.login(username=user.username, password=PASSWORD)

    confirmed = client.get(_confirm_link())

    assert confirmed.status_code == 302
    assert confirmed["Location"] == reverse("login")
    user.refresh_from_db()
    assert user.is_active
    candidate = Candidate.objects.get(user=user)
    assert (candidate.first_name, candidate.last_name, candidate.email) == (
        "Chloé",
        "Bernard",
        "chloe.bernard@example.org",
    )
    assert candidate.consent_version == "2026-01"
    assert candidate.consent_given_at is not None
    assert client.login(username=user.username, password=PASSWORD)


def test_opening_the_link_twice_is_harmless(client: Client):
    client.post(reverse("web:signup"), _form())
    link = _confirm_link()

    client.get(link)
    again = client.get(link)

    assert again.status_code == 302
    assert Candidate.objects.count() == 1


def test_consent_is_required_and_nothing_is_created_without_it(client: Client):
    data = _form()
    del data["consent"]

    response = client.post(reverse("web:signup"), data)

    assert response.status_code == 200
    assert str(CONSENT_REQUIRED) in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


def test_weak_or_mismatched_passwords_are_refused(client: Client):
    weak = client.post(reverse("web:signup"), _form(password="12345678", password_again="12345678"))
    differ = client.post(reverse("web:signup"), _form(password_again="something else 42"))

    assert "too common" in weak.content.decode()
    assert "The two passwords differ." in differ.content.decode()
    assert not User.objects.exists()


def test_an_expired_or_forged_link_activates_nothing(client: Client, settings):
    client.post(reverse("web:signup"), _form())
    link = _confirm_link()
    settings.FAIRMATCH_SIGNUP_CONFIRM_MAX_AGE_SECONDS = -1

    expired = client.get(link)
    forged_token = signing.dumps({"user": 1, "consent": "x", "at": "2026-01-01"}, salt="other")
    forged = client.get(reverse("web:signup-confirm", args=[forged_token]))

    assert (expired.status_code, forged.status_code) == (400, 400)
    assert SIGNUP_LINK_EXPIRED in expired.content.decode()
    assert SIGNUP_LINK_INVALID in forged.content.decode()
    assert not User.objects.get().is_active
    assert not Candidate.objects.exists()


def test_a_known_address_gets_a_note_not_a_second_account(client: Client, candidate_user: User):
    response = client.post(reverse("web:signup"), _form(email=candidate_user.email.upper()))

    assert "Check your inbox" in response.content.decode()
    assert User.objects.count() == 1
    (message,) = mail.outbox
    assert message.subject == "You already have a FairMatch account"
    assert "/accounts/password_reset/" in message.body


def test_a_candidate_added_by_a_recruiter_is_attached_on_confirmation(client: Client):
    added = CandidateFactory(email="chloe.bernard@example.org", user=None)

    client.post(reverse("web:signup"), _form())
    client.get(_confirm_link())

    added.refresh_from_db()
    assert added.user == User.objects.get(email="chloe.bernard@example.org")
    assert added.consent_version == "2026-01"
    assert Candidate.objects.count() == 1


def test_sign_ups_are_throttled_per_address(client: Client, settings):
    settings.FAIRMATCH_SIGNUP_RATE = "2/hour"
    for n in range(2):
        assert (
            client.post(reverse("web:signup"), _form(email=f"c{n}@example.org")).status_code == 200
        )

    refused = client.post(reverse("web:signup"), _form(email="c9@example.org"))

    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert User.objects.count() == 2


def test_the_apply_page_and_login_page_offer_the_sign_up_with_the_way_back(client: Client):
    vacancy = VacancyFactory()
    job = reverse("web:job-detail", args=[vacancy.pk])

    page = client.get(job).content.decode()
    login = client.get(reverse("login") + f"?next={job}").content.decode()
    signup = client.get(reverse("web:signup") + f"?next={job}").content.decode()

    expected = f"{reverse('web:signup')}?next=/jobs/{vacancy.pk}/"
    assert expected in page.replace("%2F", "/")
    assert expected in login.replace("%2F", "/")
    assert f'name="next" value="{job}"' in signup


def test_the_confirmation_link_keeps_the_job_to_apply_to(client: Client):
    vacancy = VacancyFactory()
    job = reverse("web:job-detail", args=[vacancy.pk])

    client.post(reverse("web:signup"), {**_form(), "next": job})
    confirmed = client.get(_confirm_link())

    assert confirmed["Location"] == f"{reverse('login')}?next=%2Fjobs%2F{vacancy.pk}%2F"


@pytest.mark.parametrize("role", ["candidate", "recruiter", "hr_admin", "api_client"])
def test_logged_in_users_are_sent_home_from_the_sign_up_page(client: Client, user_for_role, role):
    client.force_login(user_for_role(role))

    response = client.get(reverse("web:signup"))

    assert (response.status_code, response["Location"]) == (302, reverse("web:home"))


def test_erasing_a_self_registered_candidate_forgets_the_address_in_the_login_too(client: Client):
    from candidates.services.erasure import candidate_erase

    client.post(reverse("web:signup"), _form())
    client.get(_confirm_link())
    user = User.objects.get(email="chloe.bernard@example.org")

    candidate_erase(candidate=user.candidate, erased_by=user)

    user.refresh_from_db()
    assert user.username.startswith("erased-")
    assert "chloe" not in user.username
    assert (user.email, user.is_active) == ("", False)


def test_the_sign_up_page_and_its_mail_are_in_french(client: Client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"

    page = client.get(reverse("web:signup")).content.decode()
    done = client.post(reverse("web:signup"), _form()).content.decode()

    assert "Créer un compte" in page
    assert "Mot de passe (confirmation)" in page
    assert "Consultez votre boîte de réception" in done
    (message,) = mail.outbox
    assert message.subject == "Confirmez votre compte FairMatch"
    assert message.body.startswith("Bonjour Chloé,")
    assert "/signup/confirm/" in message.body


@pytest.mark.parametrize(
    ("case", "cookie", "language"), [("fr_case", "fr", "fr"), ("en_case", "en", "en")]
)
def test_the_candidate_is_written_to_in_the_language_they_signed_up_in(
    client: Client, settings, case: str, cookie: str, language: str
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = cookie
    client.post(reverse("web:signup"), _form())

    client.get(_confirm_link())

    assert Candidate.objects.get(email="chloe.bernard@example.org").language == language
