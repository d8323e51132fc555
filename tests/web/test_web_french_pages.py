"""Every main page of each role, rendered in French, holds no English UI text and no raw code.

The data is written in French (or is a name), so any English word left on a page is the
interface's: an untranslated string, a model label shown as is, or a code (bucket "strong",
run status "succeeded", the firm's pipeline abbreviations "NET"/"NAE" alone).
"""

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
from tests.web.french_text import english_left
from vacancies.services import application_create, application_move

pytestmark = pytest.mark.django_db

FRENCH_CV = (
    "Ingénieure données à Lyon.\nCOMPÉTENCES\nPython, SQL, Spark, Kafka.\n"
    "EXPÉRIENCE\nIngénieure données, Banque Rhône (2018 - 2024) : entrepôt de données."
)


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
