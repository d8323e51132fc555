"""The job-header lines of a CV's experience section (where its own job titles are written)."""

from matching.core.occupations.cv_sections import (
    MAX_ENTRIES,
    experience_section,
    job_header_lines,
)

CV = """EXECUTIVE CHEF
Summary
Chef with ten years in hotel kitchens; worked alongside the sommelier and the pastry chef.
Skills
Menu planning, food cost control
Experience
Executive Chef 01/2016 to Current
Company Name City , State
Ran a 120-cover kitchen and trained line cooks in food safety and plating for banquets.
03/2012 to 12/2015
Sous Chef Company Name City , State
Prepared sauces and grilled fish.
Line Cook
June 2008 to February 2012 Company Name
Education
Culinary Arts Diploma 2008 Culinary Institute
"""


def test_the_section_runs_from_its_heading_to_the_next_heading() -> None:
    section = experience_section(CV)

    assert section[0] == "Executive Chef 01/2016 to Current"
    assert section[-1] == "June 2008 to February 2012 Company Name"
    assert not any("Culinary Arts" in line for line in section)


def test_each_dated_line_is_read_with_the_title_beside_it_most_recent_first() -> None:
    headers = job_header_lines(CV)

    assert headers == [
        "Executive Chef 01/2016 to Current Company Name City , State",
        "03/2012 to 12/2015 Sous Chef Company Name City , State",
        "Line Cook June 2008 to February 2012 Company Name",
    ]


def test_other_headings_name_the_section_too() -> None:
    for heading in ("Work History", "PROFESSIONAL EXPERIENCE", "Employment History:"):
        text = f"Summary\nNurse.\n{heading}\nStaff Nurse 2019 to Present\nEducation\nBSN 2018\n"

        assert job_header_lines(text) == ["Staff Nurse 2019 to Present"]


def test_no_experience_heading_no_lines_and_long_lines_are_prose() -> None:
    assert job_header_lines("We are hiring a sous chef from 2024.\nApply now.") == []
    prose = "Experience\n" + "Led the kitchen team through a refit and a new menu in 2019. " * 3
    assert job_header_lines(prose) == []


def test_only_the_first_entries_are_kept() -> None:
    entries = "\n".join(f"Cook {2000 + year} to {2001 + year}" for year in range(10))

    assert len(job_header_lines(f"Experience\n{entries}")) == MAX_ENTRIES
