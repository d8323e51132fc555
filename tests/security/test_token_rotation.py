"""API tokens die with the password: through the reset mail's link and the change form."""

import re

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ats_site.accounts.models import Role
from ats_site.accounts.services import user_create

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a different long passphrase"


def _user_with_token():  # type: ignore[no-untyped-def]
    user = user_create(
        username="client", password=PASSWORD, role=Role.API_CLIENT, email="client@example.com"
    )
    key = (
        APIClient()
        .post("/api/auth/token/", {"username": "client", "password": PASSWORD}, format="json")
        .json()["token"]
    )
    return user, key


def _token_works(key: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/auth/tokens/").status_code == 200


def test_a_password_reset_through_the_mailed_link_kills_the_token(client, mailoutbox):
    user, key = _user_with_token()
    assert _token_works(key)

    client.post("/accounts/password_reset/", {"email": "client@example.com"})
    link = re.search(r"/accounts/reset/\S+/\S+/", mailoutbox[0].body).group(0)  # type: ignore[union-attr]
    form = client.get(link, follow=True)
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not Token.objects.filter(user=user).exists()
    assert not _token_works(key)


def test_the_password_change_form_kills_the_token(client):
    user, key = _user_with_token()
    client.force_login(user)

    done = client.post(
        "/accounts/password_change/",
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done.status_code == 302
    assert not _token_works(key)
