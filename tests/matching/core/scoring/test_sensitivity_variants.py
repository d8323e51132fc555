"""Sensitivity variants, years read from text, and identity swaps that redaction neutralises."""

from datetime import date

import pytest

from candidates.extraction.profile import parse_profile
from matching.core.redaction import redact
from matching.core.scoring.identity import swap_identity
from matching.core.scoring.requirements import posting_years
from matching.core.scoring.sensitivity import (
    cut_experience,
    remove_skills,
    summarise,
    variant_text,
)
from matching.core.skills.matcher import extract_skills

JOB = "Python Developer\nWe need 3+ years of experience with Python, Django and PostgreSQL."
CV = (
    "Software developer\nPython and Django developer at Acme, March 2016 - June 2021.\n"
    "Built PostgreSQL schemas. 5 years of experience in web development.\nHe led a team."
)
TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3+ years of experience", 3.0),
        ("at least two years in sales", 2.0),
        ("3-5 years of Spring", 3.0),
        ("minimum of 5 years", 5.0),
        ("no requirement here", None),
    ],
)
def test_posting_min_years(text: str, expected: float | None) -> None:
    assert posting_years(text)[0] == expected


def cv_years(text: str) -> float:
    return parse_profile(text, today=TODAY).years_total


def test_cv_years_merge_date_ranges_and_fall_back_to_phrases() -> None:
    text = "Jan 2015 - Dec 2016 at A\n2016 - 2018 at B\n06/2020 - present at C"
    # Jan 2015 - Jun 2018 merged (42 months) + Jun 2020 - Dec 2026 (79 months), ends included
    assert cv_years(text) == 10.1
    assert cv_years("7 years of professional experience") == 7.0
    assert cv_years("no dates") == 0.0


def test_skills_removed_deletes_every_mention_of_the_required_skills() -> None:
    changed = variant_text("skills_removed", CV, JOB)
    assert changed is not None
    found = {match.label.lower() for match in extract_skills(changed)}
    assert not found & {"python", "django", "postgresql"}
    assert "Acme" in changed
    assert remove_skills("no skills", ["python"]) == "no skills"


def test_experience_cut_leaves_fewer_years_than_required() -> None:
    changed = variant_text("experience_cut", CV, JOB)
    assert changed is not None
    assert cv_years(changed) < 3.0
    assert cut_experience("2015 - 2020", 6.0) == "2015 - 2015"


@pytest.mark.parametrize(
    ("text", "min_years", "expected"),
    [
        ("2015 - 2020", 6.0, "2015 - 2015"),
        ("since 2015 at X; 2016 onwards; Jul-2016 to Jan-2018", 2.0,
         "2015 - 2015 at X; 2016 - 2016; Jul-2016 - Jul-2016"),
        ("5 years of Java, 3+ yrs. of SQL, two years in sales", 3.0,
         "1 years of Java, 1+ yrs. of SQL, 1 years in sales"),
        ("thirteen years of experience", 5.0, "1.7 years of experience"),
        ("6 months of Java, 2 years of SQL", 3.0, "6 months of Java, 1 years of SQL"),
        ("PYTHON- Exprience - 109 monthsCompany Details", 1.0,
         "PYTHON- Exprience - 4 monthsCompany Details"),
        ("Sql- Exprience - Less than 1 year months", 1.0, "Sql- Exprience - 4 months"),
        ("Sql- Exprience - Less than 1 year months", 3.0,
         "Sql- Exprience - Less than 1 year months"),
    ],
    ids=["range_case", "open_ranges_case", "phrases_case", "word_number_case", "never_raised_case",
         "glued_row_case", "less_than_a_year_cut_case", "less_than_a_year_kept_case"],
)  # fmt: skip
def test_experience_cut_shrinks_every_duration_the_parser_reads(
    text: str, min_years: float, expected: str
) -> None:
    assert cut_experience(text, min_years) == expected


@pytest.mark.parametrize(
    ("cv", "min_years"),
    [
        ("Analyst\nJava- Exprience - 109 months\nSQL- Exprience - 43 monthsCompany Details", 1.0),
        ("Nurse since 2012; 2016 onwards at St Mary; 10 years of experience", 3.0),
        ("Clerk\nJul-2010 to Jan-2018 at A\nExperience:- 8 Years 3 Months", 5.0),
        ("Teacher\nLess than 1 year months\n2019 - present", 2.0),
    ],
    ids=["month_rows_case", "open_ranges_case", "stated_total_case", "less_than_a_year_case"],
)
def test_experience_cut_reads_below_the_requirement_and_never_above_the_original(
    cv: str, min_years: float
) -> None:
    cut = cut_experience(cv, min_years)
    assert 0.0 < cv_years(cut) < min_years
    assert cv_years(cut) <= cv_years(cv)


def test_a_posting_without_requirement_gets_no_experience_variant() -> None:
    assert variant_text("experience_cut", CV, "Python Developer\nPython, Django.") is None


def test_identity_swap_changes_name_and_pronouns_but_not_the_redacted_text() -> None:
    named = "Jane Doe\n" + CV + "\nJane Doe | jane@example.org | +1 555 010 0100"
    swapped = swap_identity(named, index=1)
    assert "Jane" not in swapped
    assert "Mamadou Diallo" in swapped
    assert swapped != named
    assert redact(swapped) == redact(named)


def test_gendered_titles_are_neutral_after_redaction() -> None:
    assert redact("Head waitress; she trained staff") == redact("Head waiter; he trained staff")


def test_summaries_carry_the_contract_keys() -> None:
    assert summarise("skills_removed", [50.0, 40.0], [30.0, 38.0]) == {
        "n": 2, "mean_drop": 11.0, "median_drop": 11.0, "share_dropping_5pts": 0.5,
    }  # fmt: skip
    keys = set(summarise("identity_swapped", [1.0], [1.2]))
    assert keys == {"n", "mean_abs_delta", "p95_abs_delta"}
