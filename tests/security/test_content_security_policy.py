"""An enforced Content-Security-Policy on every page, and templates that work under it: no
inline script, no style element, no style attribute (the one exception: Swagger UI's page)."""

import re
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import CandidateFactory, VacancyFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def _policy(response) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in (part.strip() for part in header.split(";"))
        if directive
    }


def _assert_runs_under_the_policy(html: str) -> None:
    assert INLINE_SCRIPT.findall(html) == []
    assert STYLE_ELEMENT.findall(html) == []
    assert STYLE_ATTRIBUTE.findall(html) == []
    assert EVENT_HANDLER.findall(html) == []


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("anonymous", "/accounts/login/"),
        ("anonymous", "/jobs/"),
        ("candidate_user", "/me/applications/"),
        ("candidate_user", "/me/data/"),
        ("recruiter", "/recruiter/"),
        ("recruiter", "/vacancies/"),
        ("recruiter", "/vacancies/{vacancy}/"),
        ("recruiter", "/candidates/"),
        ("recruiter", "/candidates/{candidate}/"),
        ("hr_admin", "/fairness/"),
        ("hr_admin", "/fairness/decision-log/"),
    ],
)
def test_pages_are_served_with_the_enforced_policy_and_render(request, role, path):
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    vacancy, candidate = VacancyFactory(), CandidateFactory()

    response = client.get(path.format(vacancy=vacancy.pk, candidate=candidate.pk))

    assert response.status_code == 200
    assert "Content-Security-Policy-Report-Only" not in response
    policy = _policy(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    _assert_runs_under_the_policy(response.content.decode())


def test_the_admin_is_served_with_the_policy(client, hr_admin):
    client.force_login(hr_admin)

    response = client.get(reverse("admin:candidates_candidate_changelist"))

    assert response.status_code == 200
    assert _policy(response)["script-src"] == ["'self'"]
    assert INLINE_SCRIPT.findall(response.content.decode()) == []


def test_only_the_swagger_page_allows_inline_styles_and_never_inline_script(client, recruiter):
    client.force_login(recruiter)

    docs = client.get("/api/docs/")

    assert docs.status_code == 200
    assert _policy(docs)["style-src"] == ["'self'", "'unsafe-inline'"]
    assert _policy(docs)["script-src"] == ["'self'"]
    assert INLINE_SCRIPT.findall(docs.content.decode()) == []


@pytest.mark.parametrize("template", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: p.name)
def test_no_template_carries_inline_script_or_style(template):
    _assert_runs_under_the_policy(template.read_text(encoding="utf-8"))


def test_score_bars_are_svg_widths_even_in_french():
    breakdown = {
        "version": "additive/1",
        "baseline": 10.0,
        "score": 52.5,
        "parts": [
            {"name": "skills", "label": "Skills", "points": 42.5, "max_points": 50, "width": 85.5}
        ],
        "gaps": [],
    }
    with translation.override("fr"):
        html = render_to_string("matching/_score_breakdown.html", {"breakdown": breakdown})

    assert '<rect width="85.5" height="1"/>' in html
    _assert_runs_under_the_policy(html)
