"""`/api/schema/` and `/api/docs/` are for signed-in users unless FAIRMATCH_API_DOCS_PUBLIC."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_anonymous_schema_request_is_a_401_without_the_schema(api_client):
    response = api_client.get("/api/schema/?format=json")

    assert response.status_code == 401
    assert "paths" not in response.json()
    assert response.json()["message"] == "Authentication credentials were not provided."


def test_anonymous_browser_on_the_docs_is_sent_to_the_login(client):
    for path in ("/api/docs/", "/api/docs/?script="):
        response = client.get(path)

        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=/api/docs/")


def test_a_token_reads_the_schema(api_client_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=api_client_user).key}")

    response = client.get("/api/schema/?format=json")

    assert response.status_code == 200
    assert "/api/candidates/" in response.json()["paths"]


def test_a_signed_in_candidate_reads_the_docs(client, candidate_user):
    client.force_login(candidate_user)

    assert client.get("/api/docs/").status_code == 200
    assert client.get("/api/schema/?format=json").status_code == 200


def test_the_setting_opens_schema_and_docs_to_anyone(client, settings):
    settings.FAIRMATCH_API_DOCS_PUBLIC = True

    assert client.get("/api/schema/?format=json").status_code == 200
    assert client.get("/api/docs/").status_code == 200
