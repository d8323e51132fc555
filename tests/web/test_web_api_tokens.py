"""The API-token page (issue #21: tokens "listed and revocable by their owner and by HR
admins"): the owner sees and revokes their own token, an HR admin everybody's, nobody else
anyone else's; the key is never shown and a revoked token stops working at once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import dateformat
from django.utils.timezone import localtime
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ats_site.accounts.models import Role, User
from ats_site.accounts.services import user_create

pytestmark = pytest.mark.django_db

PAGE = "/account/api-tokens/"


def _revoke_url(user: User) -> str:
    return reverse("web:api-token-revoke", args=[user.pk])


@pytest.fixture
def other_user() -> User:
    return user_create(
        username="integration-bot", password="a long bot passphrase", role=Role.API_CLIENT
    )


def _main(response) -> str:  # type: ignore[no-untyped-def]
    """The page's main content (the header holds the path and a fresh CSRF token)."""
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def _works(token: Token) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client.get("/api/auth/tokens/").status_code == 200


def test_owner_sees_only_their_token_with_its_expiry_and_never_the_key(
    recruiter_client: Client, recruiter: User, other_user: User, settings
) -> None:
    settings.FAIRMATCH_API_TOKEN_TTL_HOURS = 48
    own = Token.objects.create(user=recruiter)
    others = Token.objects.create(user=other_user)

    response = recruiter_client.get(PAGE)

    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-token-user="{recruiter.pk}"' in page
    assert f'data-token-user="{other_user.pk}"' not in page
    assert "integration-bot" not in page
    assert own.key not in page
    assert others.key not in page
    expires = dateformat.format(localtime(own.created + timedelta(hours=48)), "c")
    assert f'<time datetime="{expires}">' in page
    assert f'href="{PAGE}"' in page  # the navigation links to the page


def test_an_expired_token_is_marked_expired(
    candidate_client: Client, candidate_user: User, settings
) -> None:
    settings.FAIRMATCH_API_TOKEN_TTL_HOURS = 1
    token = Token.objects.create(user=candidate_user)
    Token.objects.filter(pk=token.pk).update(created=token.created - timedelta(hours=2))

    page = candidate_client.get(PAGE).content.decode()

    assert "(expired)" in page


def test_owner_revokes_their_token_and_it_stops_working(
    recruiter_client: Client, recruiter: User
) -> None:
    token = Token.objects.create(user=recruiter)
    assert _works(token)

    response = recruiter_client.post(_revoke_url(recruiter))

    assert response.status_code == 302
    assert response["Location"] == PAGE
    assert not Token.objects.filter(user=recruiter).exists()
    assert not _works(token)
    follow = recruiter_client.get(PAGE).content.decode()
    assert "No API token has been issued." in follow
    assert f"The API token of {recruiter.username} was revoked." in follow


@pytest.mark.parametrize("viewer_case", ["recruiter_case", "candidate_case"])
def test_nobody_but_an_hr_admin_revokes_another_users_token(
    viewer_case: str,
    recruiter_client: Client,
    candidate_client: Client,
    other_user: User,
) -> None:
    viewer = recruiter_client if viewer_case == "recruiter_case" else candidate_client
    token = Token.objects.create(user=other_user)

    response = viewer.post(_revoke_url(other_user))
    missing = viewer.post(reverse("web:api-token-revoke", args=[other_user.pk + 1000]))

    assert response.status_code == 404
    assert missing.status_code == 404
    assert _main(response) == _main(missing)  # no "exists but not yours" oracle
    assert Token.objects.get(user=other_user).key == token.key
    assert _works(token)


def test_hr_admin_lists_and_revokes_anyones_token(
    hr_client: Client, hr_admin: User, recruiter: User, other_user: User
) -> None:
    Token.objects.create(user=hr_admin)
    Token.objects.create(user=recruiter)
    bot_token = Token.objects.create(user=other_user)

    page = hr_client.get(PAGE).content.decode()
    response = hr_client.post(_revoke_url(other_user))

    for user in (hr_admin, recruiter, other_user):
        assert f'data-token-user="{user.pk}"' in page
    assert response.status_code == 302
    assert not _works(bot_token)
    assert set(Token.objects.values_list("user_id", flat=True)) == {hr_admin.pk, recruiter.pk}


def test_revoking_needs_a_post_and_a_login(client: Client, recruiter: User) -> None:
    Token.objects.create(user=recruiter)
    recruiter_client = Client()
    recruiter_client.force_login(recruiter)

    assert client.get(PAGE).status_code == 302  # to the login page
    assert client.post(_revoke_url(recruiter)).status_code == 302
    assert recruiter_client.get(_revoke_url(recruiter)).status_code == 405
    assert Token.objects.filter(user=recruiter).exists()


def test_the_page_reads_in_french(recruiter_client: Client, recruiter: User) -> None:
    Token.objects.create(user=recruiter)
    recruiter_client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    page = recruiter_client.get(PAGE).content.decode()

    assert "Jetons d&#x27;API" in page or "Jetons d'API" in page
    assert "Révoquer" in page
