"""Every main page of each role, rendered in French, holds no English UI text and no raw code.

The data is written in French (or is a name), so any English word left on a page is the
interface's: an untranslated string, a model label shown as is, or a code (bucket "strong",
run status "succeeded", the firm's pipeline abbreviations "NET"/"NAE" alone).
"""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import User
from candidates.models import CandidateDocument
from fairness.models import AuditReport
from matching.models import MatchScore, ScoringRun
from matching.services.batches import scoring_batch_run
from matching.services.runs import scoring_run_start
from tests.factories import CandidateDocumentFactory, CandidateFactory, VacancyFactory
from vacancies.services import application_create, application_move

pytestmark = pytest.mark.django_db

# Words that are English and not French: one of them in the visible text is untranslated UI.
ENGLISH_WORDS = frozenset(
    [
        "the",
        "and",
        "with",
        "your",
        "you",
        "of",
        "to",
        "is",
        "are",
        "this",
        "for",
        "not",
        "yet",
        "has",
        "have",
        "was",
        "were",
        "by",
        "from",
        "all",
        "be",
        "been",
        "which",
        "who",
        "what",
        "when",
        "there",
        "their",
        "its",
        "any",
        "each",
        "our",
        "we",
        "will",
        "can",
        "into",
        "out",
        "than",
        "then",
        "them",
        "they",
        "these",
        "those",
        "only",
        "here",
        "how",
        "more",
        "most",
        "no",
        "off",
        "over",
        "such",
        "up",
        "very",
        "would",
        "should",
        "could",
        "back",
        "save",
        "cancel",
        "delete",
        "upload",
        "search",
        "filter",
        "submit",
        "edit",
        "logout",
        "log",
        "dashboard",
        "candidates",
        "vacancies",
        "vacancy",
        "applications",
        "application",
        "status",
        "new",
        "open",
        "closed",
        "draft",
        "view",
        "show",
        "hide",
        "next",
        "previous",
        "none",
        "pending",
        "running",
        "succeeded",
        "failed",
        "parsed",
        "strong",
        "moderate",
        "weak",
        "friendly",
        "skills",
        "skill",
        "experience",
        "years",
        "year",
        "keywords",
        "formatting",
        "required",
        "preferred",
        "missing",
        "matched",
        "why",
        "talent",
        "pool",
        "hired",
        "rejected",
        "offer",
        "interview",
        "screening",
        "withdrawn",
        "filled",
        "news",
        "move",
        "invite",
        "run",
        "runs",
        "report",
        "reports",
        "data",
        "my",
        "jobs",
        "apply",
        "sign",
        "account",
        "metrics",
        "engine",
        "recommendations",
        "recommended",
        "fairness",
        "group",
        "groups",
        "selection",
    ]
)
# Codes that must never show alone: buckets, run statuses, the firm's pipeline abbreviations.
RAW_CODES = frozenset(
    {
        "strong",
        "moderate",
        "weak",
        "not_ats_friendly",
        "succeeded",
        "pending",
        "running",
        "failed",
        "parsed",
        "NET",
        "NAE",
        "phone_screen_pending",
        "interview_declined",
        "talent_pool",
    }
)
# Words that are the same in both languages or are product names (checked case-insensitively).
ALLOWED = frozenset(
    [
        "fairmatch",
        "api",
        "csv",
        "pdf",
        "json",
        "cv",
        "ats",
        "esco",
        "isco",
        "python",
        "sql",
        "django",
        "minilm",
        "ok",
        "e-mail",
        "email",
        "id",
        "url",
        "http",
        "https",
        "www",
    ]
)
PARENTHESISED_CODE = re.compile(r"\((?:NET|NAE)\)")
WORD = re.compile(r"[A-Za-zÀ-ÿ_]+(?:'[A-Za-z]+)?")
FRENCH_CV = (
    "Ingénieure données à Lyon.\nCOMPÉTENCES\nPython, SQL, Spark, Kafka.\n"
    "EXPÉRIENCE\nIngénieure données, Banque Rhône (2018 - 2024) : entrepôt de données."
)


class _VisibleText(HTMLParser):
    """Text nodes and the attributes people read (title, placeholder, aria-label, alt,
    button values), outside script, style and code."""

    SKIPPED = frozenset({"script", "style", "code", "pre", "svg", "template"})
    READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.skipping = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        values = dict(attrs)
        self.chunks += [values[name] or "" for name in self.READ_ATTRIBUTES if name in values]
        if tag == "input" and values.get("type") in {"submit", "button"}:
            self.chunks.append(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED and self.skipping:
            self.skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.chunks.append(data)


def visible_text(page: str) -> list[str]:
    """The visible text chunks of an HTML page."""
    parser = _VisibleText()
    parser.feed(page)
    return [" ".join(chunk.split()) for chunk in parser.chunks if chunk.strip()]


def english_left(page: str, *, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The chunks of visible text holding an English word or a raw code."""
    found = []
    for chunk in visible_text(page):
        words = WORD.findall(chunk.replace("open source", ""))
        lowered = {word.lower() for word in words} - ALLOWED - allowed
        # A firm's abbreviation after its spelled-out label, "(NET)", is not a raw code.
        codes = set(WORD.findall(PARENTHESISED_CODE.sub("", chunk))) & RAW_CODES
        if lowered & ENGLISH_WORDS or codes:
            found.append(chunk)
    return found


@pytest.fixture
def french_round(recruiter: User, candidate_user: User, audit: AuditReport) -> dict[str, int]:
    """A vacancy in French with applications in every column, scored, and a run finished."""
    vacancy = VacancyFactory.create(
        title="Ingénieure données",
        owner=recruiter,
        region="Bretagne",
        description="Entrepôt de données, Python et SQL, à Rennes.",
        # Gaps the CVs leave (Kubernetes, Terraform, 12 years), so advice is shown too.
        required_skills=["Python", "SQL", "Kubernetes"],
        preferred_skills=["Spark", "Terraform"],
        experience_min_years=12,
    )
    own = CandidateFactory.create(
        user=candidate_user, first_name="Alice", last_name="Martin", headline="Ingénieure"
    )
    CandidateDocumentFactory.create(
        candidate=own, extracted_text=FRENCH_CV, parse_status=CandidateDocument.ParseStatus.PARSED
    )
    applications = [application_create(candidate=own, vacancy=vacancy, created_by=recruiter)]
    paths = [
        ["screening"],
        ["phone_screen_pending"],
        ["phone_screen_pending", "interview_declined"],
        ["interview", "offer"],
        ["talent_pool"],
    ]
    for index, path in enumerate(paths):
        candidate = CandidateFactory.create(
            first_name=f"Léa{index}", last_name="Dupont", headline="Analyste"
        )
        CandidateDocumentFactory.create(
            candidate=candidate,
            extracted_text=FRENCH_CV,
            parse_status=CandidateDocument.ParseStatus.PARSED,
        )
        application = application_create(candidate=candidate, vacancy=vacancy)
        for status in path:
            application_move(application=application, to_status=status, moved_by=recruiter)
        applications.append(application)
    run = scoring_run_start(vacancy=vacancy)
    for batch in run.batches.all():
        scoring_batch_run(batch_id=batch.pk)
    run.refresh_from_db()
    assert run.status == ScoringRun.Status.SUCCEEDED
    assert MatchScore.objects.filter(vacancy=vacancy).count() == len(applications)
    return {
        "vacancy": vacancy.pk,
        "candidate": applications[1].candidate_id,
        "own_candidate": own.pk,
        "application": applications[1].pk,
        "run": run.pk,
        "report": audit.pk,
    }


def _french(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    return client


def _pages(role: str, ids: dict[str, int]) -> list[str]:
    if role == "candidate":
        return [
            reverse("web:job-board"),
            reverse("web:job-detail", args=[ids["vacancy"]]),
            reverse("web:my-applications"),
            reverse("web:my-recommendations"),
            reverse("web:my-data"),
        ]
    if role == "recruiter":
        return [
            reverse("web:recruiter-dashboard"),
            reverse("web:vacancy-list"),
            reverse("web:vacancy-detail", args=[ids["vacancy"]]),
            reverse("web:vacancy-create"),
            reverse("web:candidate-list"),
            reverse("web:candidate-list") + "?q=python",
            reverse("web:candidate-detail", args=[ids["candidate"]]),
            reverse("web:application-detail", args=[ids["application"]]),
            reverse("web:talent-pool-suggestions", args=[ids["vacancy"]]),
            reverse("web:scoring-run", args=[ids["run"]]),
            reverse("web:candidate-add"),
            reverse("web:cv-intake"),
        ]
    return [
        reverse("web:fairness-dashboard"),
        reverse("web:report-list"),
        reverse("web:fairness-trend"),
        reverse("web:audit-log"),
        reverse("web:engine-metrics"),
        reverse("web:api-tokens"),
    ]


@pytest.mark.parametrize("role", ["candidate", "recruiter", "hr_admin"])
def test_every_main_page_is_french_for_each_role(
    role: str,
    french_round: dict[str, int],
    candidate_user: User,
    recruiter: User,
    hr_admin: User,
) -> None:
    user = {"candidate": candidate_user, "recruiter": recruiter, "hr_admin": hr_admin}[role]
    client = _french(user)

    left = {}
    for url in _pages(role, french_round):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert '<html lang="fr">' in page, url
        if found := english_left(page):
            left[url] = found

    assert left == {}


def test_score_advice_and_gaps_read_in_french(
    french_round: dict[str, int], recruiter: User, candidate_user: User
) -> None:
    vacancy_page = _french(recruiter).get(
        reverse("web:vacancy-detail", args=[french_round["vacancy"]])
    )
    jobs_page = _french(candidate_user).get(reverse("web:my-recommendations"))
    html = vacancy_page.content.decode() + jobs_page.content.decode()

    assert "le poste demande Kubernetes ; le CV ne le montre pas (+" in html
    assert "le poste apprécierait Terraform ; le CV ne le montre pas (+" in html
    assert "the role" not in html


def test_the_detector_finds_english_and_raw_codes() -> None:
    page = (
        "<html><body><h1>Tableau de bord</h1><p>Score: <span>strong</span></p>"
        "<button title='Save the vacancy'>Enregistrer</button><td>NET</td>"
        "<script>var the = 1;</script><p>Entretien téléphonique à planifier (NET)</p></body></html>"
    )

    assert english_left(page) == ["strong", "Save the vacancy", "NET"]
