"""Years of experience from dates, "N years" phrases and per-skill durations (issue #24)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from candidates.extraction.experience import find_experience
from candidates.extraction.profile import parse_profile
from candidates.extraction.years import skill_years, stated_total_years, stated_years
from tests.conftest import shared_path

TODAY = date(2026, 1, 1)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Jan 2015 to Present", date(2015, 1, 1), TODAY),
        ("2012 - 2016", date(2012, 6, 1), date(2016, 6, 1)),
        ("05/2014 – current", date(2014, 5, 1), TODAY),
        ("Jan 2015 - Till Date", date(2015, 1, 1), TODAY),
        ("Jul-2016 to Jan-2018", date(2016, 7, 1), date(2018, 1, 1)),
        ("2016 onwards", date(2016, 6, 1), TODAY),
        ("June, 2012 – Sep, 2015", date(2012, 6, 1), date(2015, 9, 1)),
        # every first letter a range can start with (the pattern's fast-fail lookahead)
        ("since March 2019", date(2019, 3, 1), TODAY),
        ("depuis octobre 2020", date(2020, 10, 1), TODAY),
        ("from Feb 2011 to Aug 2013", date(2011, 2, 1), date(2013, 8, 1)),
        ("du novembre 2017 au décembre 2018", date(2017, 11, 1), date(2018, 12, 1)),
        ("Avril 2010 - Mai 2012", date(2010, 4, 1), date(2012, 5, 1)),
        ("2019/03 - 2021/07", date(2019, 3, 1), date(2021, 7, 1)),
    ],
)
def test_date_range_formats(text: str, start: date, end: date) -> None:
    (entry,) = find_experience(f"Analyst, Acme\n{text}\n", today=TODAY)
    assert (entry.start, entry.end) == (start, end)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Over 8+ years of experience in banking.", 8.0),
        ("I have 5 years' professional experience.", 5.0),
        ("Total experience: 6 years 6 months", 6.5),
        ("Experience:- 1 Year 3 Months", 1.2),
        ("Worked as a teacher for 3 Years.", 3.0),
        ("more than ten years in retail management", 10.0),
        # figures in words, one per first letter (the pattern's fast-fail lookahead)
        ("one year of experience", 1.0),
        ("three years of experience", 3.0),
        ("four years of experience", 4.0),
        ("six years of experience", 6.0),
        ("eleven years of experience", 11.0),
        ("nine years of experience", 9.0),
        ("Twenty years of experience", 20.0),
        ("Completed a course of 2 months.", 0.0),
        ("A graduate eager to learn.", 0.0),
    ],
)
def test_stated_total_years(text: str, years: float) -> None:
    assert stated_total_years(text) == years


def test_kaggle_skill_rows_give_per_skill_and_total_years() -> None:
    text = (
        "Skill Details \nC++- Exprience - 63 months\nPYTHON- Exprience - 109 months\n"
        "Sql Dba- Exprience - Less than 1 year months\nCompany Details \ncompany - Acme"
    )
    found = {item.skill: item.years for item in skill_years(text)}
    assert found == {"C++": 5.25, "PYTHON": 9.08, "Sql Dba": 0.5}
    assert stated_years(text) == 9.1
    assert parse_profile(text).years_total == 9.1


@pytest.mark.parametrize(
    ("text", "skill", "years"),
    [
        ("Java - 60 months", "Java", 5.0),
        ("Skills: Docker (2 yrs), Kubernetes", "Docker", 2.0),
        ("5 years of Spring and Hibernate", "Spring and Hibernate", 5.0),
        ("3+ years of experience in Python", "Python", 3.0),
        ("two years with SAP FICO", "SAP FICO", 2.0),
    ],
)
def test_per_skill_years(text: str, skill: str, years: float) -> None:
    found = {item.skill: item.years for item in skill_years(text)}
    assert found.get(skill) == years


def test_dates_and_stated_years_take_the_larger() -> None:
    text = "Summary\n10 years of experience in sales.\nExperience\nSales lead, Acme\n2020 - 2022\n"
    assert parse_profile(text, today=TODAY).years_total == 10.0
    assert parse_profile(text.replace("10 years", "one year"), today=TODAY).years_total == 2.1


def test_profile_dict_keeps_contract_keys_and_adds_skill_years() -> None:
    profile = parse_profile("Skill Details\nJava- Exprience - 24 months\n").to_dict()
    assert profile["years_total"] == 2.0
    assert profile["skill_years"] == [{"skill": "Java", "years": 2.0}]
    for key in ("skills", "experience_count", "has_summary", "contact_info_complete"):
        assert key in profile


def test_eval_resumes_mostly_have_years() -> None:
    """Before this reader 66 of the 85 real eval CVs had years_total 0; the rest state none."""
    path = shared_path("eval", "resumes.jsonl")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_id = {row["id"]: parse_profile(row["text"]) for row in rows}
    zero = [key for key, profile in by_id.items() if not profile.years_total]
    assert len(zero) <= 20, zero
    if "r0084" in by_id:
        skills = {item.skill: item.years for item in by_id["r0084"].skill_years}
        assert skills["PYTHON"] == 9.08
