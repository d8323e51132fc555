"""The UI in French: the firm's status names, translated labels, the language switch."""

import gettext
import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from ats_site.accounts.models import User
from candidates.models import Candidate
from vacancies.models import Application, Vacancy
from vacancies.services import application_create, application_move

pytestmark = pytest.mark.django_db


@pytest.fixture
def french_recruiter_client(recruiter_client: Client) -> Client:
    recruiter_client.post("/i18n/setlang/", {"language": "fr", "next": "/recruiter/"})
    return recruiter_client


def test_language_switch_sets_french(recruiter_client: Client) -> None:
    response = recruiter_client.post("/i18n/setlang/", {"language": "fr", "next": "/recruiter/"})

    page = recruiter_client.get("/recruiter/").content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/recruiter/"
    assert '<html lang="fr">' in page
    assert "Tableau de bord recruteur" in page
    assert "Offres ouvertes" in page


def test_board_uses_the_firms_french_status_names(
    french_recruiter_client: Client, application: Application
) -> None:
    page = french_recruiter_client.get(f"/vacancies/{application.vacancy_id}/").content.decode()

    assert '<option value="talent_pool">Vivier</option>' in page
    assert '<option value="rejected">Négatif</option>' in page
    assert "Présélection" in page
    assert "Embauche" in page
    assert "Candidats classés" in page


def test_english_is_the_default(recruiter_client: Client, application: Application) -> None:
    page = recruiter_client.get(f"/vacancies/{application.vacancy_id}/").content.decode()

    assert '<option value="talent_pool">Talent pool</option>' in page
    assert '<html lang="en">' in page


def test_french_vacancy_form_translates_choices(french_recruiter_client: Client) -> None:
    page = french_recruiter_client.get("/vacancies/new/").content.decode()

    assert '<option value="open" selected>Ouverte</option>' in page
    assert "Compétences requises" in page


def _has_empty_msgstr(entry: str) -> bool:
    lines = entry.strip().splitlines()
    for index, line in enumerate(lines):
        continues = index + 1 < len(lines) and lines[index + 1].startswith('"')
        if line.startswith("msgstr") and line.endswith(' ""') and not continues:
            return True
    return False


def test_french_catalogue_is_complete() -> None:
    po_file = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES" / "django.po"
    entries = po_file.read_text(encoding="utf-8").split("\n\n")[1:]

    untranslated = [entry for entry in entries if _has_empty_msgstr(entry)]
    fuzzy = [entry for entry in entries if "#, fuzzy" in entry]

    assert untranslated == []
    assert fuzzy == []


_PO_ESCAPES = {"n": "\n", "t": "\t"}


def _po_string(entry: str, keyword: str) -> str:
    # A keyword's quoted lines joined and unescaped (makemessages wraps long strings).
    match = re.search(rf'^{re.escape(keyword)} ((?:".*"\n?)+)', entry, re.MULTILINE)
    assert match is not None, entry
    quoted = "".join(re.findall(r'^"(.*)"$', match.group(1), re.MULTILINE))
    return re.sub(r"\\(.)", lambda m: _PO_ESCAPES.get(m.group(1), m.group(1)), quoted)


def test_compiled_french_catalogue_matches_the_po() -> None:
    # The .mo is committed: a .po edit without compilemessages would not show in the UI.
    folder = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES"
    entries = (folder / "django.po").read_text(encoding="utf-8").split("\n\n")[1:]
    with (folder / "django.mo").open("rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)

    stale = []
    for entry in (e for e in entries if re.search(r"^msgid ", e, re.MULTILINE)):
        msgid = _po_string(entry, "msgid")
        if "msgid_plural" in entry:
            plural = _po_string(entry, "msgid_plural")
            pairs = [
                (compiled.ngettext(msgid, plural, n), _po_string(entry, f"msgstr[{i}]"))
                for i, n in ((0, 1), (1, 2))
            ]
        else:
            pairs = [(compiled.gettext(msgid), _po_string(entry, "msgstr"))]
        stale += [(msgid, got) for got, wanted in pairs if got != wanted]

    assert stale == []


def test_rate_limit_page_in_french(recruiter: User, settings) -> None:
    settings.FAIRMATCH_LOGIN_RATE = "1/min"
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.post(reverse("login"), {"username": recruiter.username, "password": "wrong"})

    page = client.post(reverse("login"), {"username": recruiter.username, "password": "wrong"})

    assert page.status_code == 429
    text = page.content.decode()
    assert "Trop de tentatives" in text
    assert "Trop de connexions échouées depuis votre adresse" in text
    assert "patienter 60 secondes" in text


def test_engine_metrics_page_in_french(hr_client: Client) -> None:
    hr_client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    page = hr_client.get(reverse("web:engine-metrics")).content.decode()

    assert "Métriques du moteur" in page
    assert "Appels à l&#x27;encodeur" in page or "Appels à l'encodeur" in page
    assert "Longueur des files d" in page


def test_candidate_sees_french_status_of_own_application(
    candidate_client: Client, own_candidate: Candidate, vacancy: Vacancy, recruiter: User
) -> None:
    application = application_create(candidate=own_candidate, vacancy=vacancy)
    application_move(application=application, to_status="talent_pool", moved_by=recruiter)
    candidate_client.post("/i18n/setlang/", {"language": "fr", "next": "/"})

    listing = candidate_client.get("/me/applications/").content.decode()
    detail = candidate_client.get(f"/jobs/{vacancy.pk}/").content.decode()

    assert 'data-status="talent_pool">Vivier<' in listing
    assert "Vous avez postulé le" in detail
    assert 'data-status="talent_pool">Vivier<' in detail
