"""Structured profiles from realistic English and French CV texts."""

from __future__ import annotations

from datetime import date

from candidates.extraction import SEED_FEATURES, parse_profile

TODAY = date(2026, 1, 15)

ENGLISH_CV = """JANE DOE
Senior Backend Engineer
jane.doe@example.com | +1 (555) 123-4567 | linkedin.com/in/janedoe | https://github.com/janedoe

PROFESSIONAL SUMMARY
Backend engineer with 8 years of experience building Django services.

EXPERIENCE
Senior Backend Engineer, Acme Corp — March 2020 to Present
- Led the migration of the billing platform to Django 4.
Backend Developer, Globex — Jan 2016 - Feb 2020
- Built REST APIs with Django REST Framework.
Freelance Developer, 06/2019 – 12/2019
- Part-time contracts (overlaps with Globex).

EDUCATION
M.Sc. Computer Science, University of Lyon, 2014 - 2016
B.Sc. Mathematics, University of Leeds, 2011 - 2014

PROJECTS
FairMatch: open-source applicant tracking system.

CERTIFICATIONS
AWS Certified Solutions Architect – Associate
Certified Kubernetes Application Developer (CKAD)

SKILLS
Python, Django, PostgreSQL; Celery • Redis
Docker | Kubernetes

LANGUAGES
English (native), French (fluent), Spanish (basic)
"""

FRENCH_CV = """Marie Dupont
Développeuse Python
marie.dupont@exemple.fr
Tél. : 06 12 34 56 78
Lyon, France

Profil
Développeuse passionnée, 5 ans d'expérience en développement web.

Expériences professionnelles
Développeuse Python — Société Générale, septembre 2021 à aujourd'hui
Développement d'API en Django.
Développeuse web — Capgemini, janv. 2018 - août 2021
Stage de fin d'études — Thales, de février 2017 à juillet 2017

Formation
Diplôme d'ingénieur, INSA Lyon, 2014 - 2017
Baccalauréat scientifique, 2014

Compétences
Python, Django, SQL, Git, Docker

Langues
Français (langue maternelle), anglais (courant), allemand (notions)

Centres d'intérêt
Escalade, lecture
"""


def test_english_cv_seed_features() -> None:
    profile = parse_profile(ENGLISH_CV, today=TODAY).to_dict()
    assert {name: profile[name] for name in SEED_FEATURES} == {
        "skills": ["Python", "Django", "PostgreSQL", "Celery", "Redis", "Docker", "Kubernetes"],
        "experience_count": 3,
        "years_total": 10.1,
        "has_summary": True,
        "has_projects": True,
        "has_education": True,
        "has_certifications": True,
        "certifications_count": 2,
        "raw_text_length": len(ENGLISH_CV),
        "contact_info_complete": True,
    }


def test_english_cv_details() -> None:
    profile = parse_profile(ENGLISH_CV, today=TODAY).to_dict()
    assert profile["sections"] == [
        "summary",
        "experience",
        "education",
        "projects",
        "certifications",
        "skills",
        "languages",
    ]
    assert profile["experience"][0] == {
        "title": "Senior Backend Engineer, Acme Corp",
        "start": "2020-03",
        "end": None,
        "months": 71,
        "is_current": True,
    }
    assert [entry["months"] for entry in profile["experience"]] == [71, 50, 7]
    assert [degree["level"] for degree in profile["degrees"]] == ["master", "bachelor"]
    assert profile["certifications"] == [
        "AWS Certified Solutions Architect – Associate",
        "Certified Kubernetes Application Developer (CKAD)",
    ]
    assert profile["languages"] == ["English", "French", "Spanish"]
    assert profile["emails"] == ["jane.doe@example.com"]
    assert profile["phones"] == ["+1 (555) 123-4567"]
    assert profile["links"] == ["linkedin.com/in/janedoe", "https://github.com/janedoe"]


def test_french_cv_seed_features() -> None:
    profile = parse_profile(FRENCH_CV, today=TODAY).to_dict()
    assert {name: profile[name] for name in SEED_FEATURES} == {
        "skills": ["Python", "Django", "SQL", "Git", "Docker"],
        "experience_count": 3,
        "years_total": 8.6,
        "has_summary": True,
        "has_projects": False,
        "has_education": True,
        "has_certifications": False,
        "certifications_count": 0,
        "raw_text_length": len(FRENCH_CV),
        "contact_info_complete": True,
    }


def test_french_cv_details() -> None:
    profile = parse_profile(FRENCH_CV, today=TODAY).to_dict()
    assert profile["sections"] == [
        "summary",
        "experience",
        "education",
        "skills",
        "languages",
        "other",
    ]
    assert [(entry["start"], entry["end"]) for entry in profile["experience"]] == [
        ("2021-09", None),
        ("2018-01", "2021-08"),
        ("2017-02", "2017-07"),
    ]
    assert profile["experience"][2]["title"] == "Stage de fin d'études — Thales"
    assert [degree["level"] for degree in profile["degrees"]] == ["master", "secondary"]
    assert profile["languages"] == ["French", "English", "German"]
    assert profile["phones"] == ["06 12 34 56 78"]


def test_overlapping_positions_count_once() -> None:
    text = "Experience\nA 01/2010 - 12/2011\nB 06/2011 - 12/2012\nC 2015 - 2015"
    profile = parse_profile(text, today=TODAY)
    assert [entry.months for entry in profile.experience] == [24, 19, 1]
    assert profile.years_total == 3.1


def test_date_range_split_over_lines_and_current() -> None:
    text = "Work History\nCashier\n05/2017\nto\nCurrent\nCompany Name City , State"
    profile = parse_profile(text, today=TODAY)
    assert profile.experience_count == 1
    assert profile.experience[0].title == "Cashier"
    assert profile.experience[0].is_current is True
    assert profile.years_total == 8.8


def test_french_since_and_a_ce_jour() -> None:
    text = "Expérience\nChef de projet depuis mars 2020\nConsultant, 2015 à ce jour"
    profile = parse_profile(text, today=TODAY)
    assert [(entry.start, entry.is_current) for entry in profile.experience] == [
        (date(2020, 3, 1), True),
        (date(2015, 6, 1), True),
    ]
    assert profile.years_total == 10.7


def test_education_dates_are_not_experience() -> None:
    text = "Education\nBachelor of Arts 2010 - 2014\nSkills\nExcel"
    profile = parse_profile(text, today=TODAY)
    assert profile.experience_count == 0
    assert profile.years_total == 0.0
    assert profile.has_education is True


def test_stated_years_used_when_no_dates() -> None:
    profile = parse_profile("Summary\nAccountant with 12+ years of experience.", today=TODAY)
    assert profile.experience_count == 0
    assert profile.years_total == 12.0


def test_future_and_reversed_ranges_are_dropped() -> None:
    text = "Experience\nA 2030 - 2032\nB 2019 - 2012\nC 2020 - 2021"
    profile = parse_profile(text, today=TODAY)
    assert [entry.title for entry in profile.experience] == ["C"]


def test_inline_heading_starts_a_section() -> None:
    profile = parse_profile("Skills: SQL, Excel\nLanguages: German", today=TODAY)
    assert profile.skills == ("SQL", "Excel")
    assert profile.languages == ("German",)
    assert profile.sections == ("skills", "languages")


def test_skill_extractor_hook_replaces_the_tokenizer() -> None:
    def extractor(text: str) -> list[str]:
        return ["python (computer programming)"] if "Python" in text else []

    profile = parse_profile("Skills\nPython, Django", skill_extractor=extractor, today=TODAY)
    assert profile.skills == ("python (computer programming)",)


def test_certification_lines_found_without_a_section() -> None:
    text = (
        "Summary\nCertified Public Accountant\n"
        "Reviewed forms for all certified staff members in the district office"
    )
    profile = parse_profile(text, today=TODAY)
    assert profile.certifications == ("Certified Public Accountant",)


def test_contact_incomplete_without_phone() -> None:
    text = "Jane Doe\njane@example.com\nSummary\n2015 - 2018 numbers 2019"
    profile = parse_profile(text, today=TODAY)
    assert profile.emails == ("jane@example.com",)
    assert profile.phones == ()
    assert profile.contact_info_complete is False


def test_empty_text_gives_an_empty_profile() -> None:
    profile = parse_profile("", today=TODAY).to_dict()
    assert profile["skills"] == []
    assert profile["experience_count"] == 0
    assert profile["years_total"] == 0.0
    assert profile["sections"] == []
    assert profile["raw_text_length"] == 0
