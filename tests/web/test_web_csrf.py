"""CSRF: every web route that takes a POST refuses one without the token (403).

The routes are read from the URL configuration, so a new form is covered without editing this
test. The API is token-authenticated (no cookies, no CSRF risk) but its session login path is
checked too: DRF enforces CSRF for session-authenticated writes.
"""

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from ats_site.accounts.models import User

pytestmark = pytest.mark.django_db

_CONVERTER = re.compile(r"<(?:\w+:)?\w+>")
# Routes served by other means: the API (token auth, checked below) and Django's admin (its own
# csrf_protect on every view, tested by Django).
_NOT_WEB = ("api/", "admin/")


def _routes(
    patterns: list[URLPattern | URLResolver] | None = None, prefix: str = ""
) -> Iterator[tuple[str, URLPattern]]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        else:
            yield route, pattern


def _accepts_post(pattern: URLPattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is None:  # function views: Django's set_language is the one that posts
        return pattern.callback.__name__ == "set_language"
    return hasattr(view_class, "post") and "post" in view_class.http_method_names


def _web_post_urls() -> list[str]:
    urls = []
    for route, pattern in _routes():
        if route.startswith(_NOT_WEB) or route.startswith("^"):
            continue
        if _accepts_post(pattern):
            urls.append("/" + _CONVERTER.sub("1", route))
    return sorted(set(urls))


def test_no_web_view_is_csrf_exempt() -> None:
    exempt = [
        route
        for route, pattern in _routes()
        if not route.startswith(_NOT_WEB) and getattr(pattern.callback, "csrf_exempt", False)
    ]
    # The Prometheus scrape endpoint is GET-only; nothing else may opt out.
    assert [route for route in exempt if route != "metrics"] == []


def test_every_web_post_without_a_csrf_token_is_refused(recruiter: User) -> None:
    urls = _web_post_urls()
    # Login, logout, password change, vacancy forms, moves, CV upload, apply, erase, audits...
    assert len(urls) >= 15, urls
    for user in (None, recruiter):
        client = Client(enforce_csrf_checks=True)
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.post(url, {"title": "x", "username": "x", "password": "x"})
            assert response.status_code == 403, (url, response.status_code)
            assert b"CSRF" in response.content, url


def test_the_same_login_post_with_its_token_goes_through(recruiter: User) -> None:
    client = Client(enforce_csrf_checks=True)
    form = client.get(reverse("login"))
    token = form.cookies["csrftoken"].value

    response = client.post(
        reverse("login"),
        {
            "username": recruiter.username,
            "password": "correct horse battery staple",
            "csrfmiddlewaretoken": token,
        },
    )

    assert response.status_code == 302


def test_session_authenticated_api_writes_need_the_token(recruiter: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(recruiter)

    response = client.post("/api/vacancies/", {"title": "Backend developer"})

    assert response.status_code == 403
    assert "CSRF" in response.json()["message"]
