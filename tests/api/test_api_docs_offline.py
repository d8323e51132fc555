"""/api/docs/ works offline: Swagger UI comes from the installed sidecar, never a CDN."""

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client, recruiter):  # type: ignore[no-untyped-def]
    """Signed in: the docs are behind login (test_api_docs_access.py)."""
    client.force_login(recruiter)
    return client


def test_api_docs_page_loads_swagger_ui_from_local_static_files(client):
    response = client.get("/api/docs/")

    html = response.content.decode()
    assert response.status_code == 200
    assert not re.search(r"(src|href)=\"https?://", html), "no asset from another host"
    bundle = re.search(r"src=\"/static/([^\"]+swagger-ui-bundle\.js)\"", html)
    assert bundle is not None
    assert finders.find(bundle.group(1)) is not None
    assert "<script>" not in html.replace(" ", ""), "no inline script (CSP)"


def test_api_docs_start_up_script_is_served_as_a_file(client):
    response = client.get("/api/docs/?script=")

    assert response.status_code == 200
    assert "SwaggerUIBundle" in response.content.decode()
    assert "/api/schema/" in response.content.decode()
