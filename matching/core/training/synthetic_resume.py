"""Write one synthetic CV for a job, from a "quality" between 0 and 1 and an optional edge case.

Quality drives how many of the job's required and preferred skills and keywords the CV names,
which sections it has, how long it is and how its years sit against the job's range. Only
terms the CV really claims appear in its text, so the rule-based features read them back.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from matching.core.training.synthetic_templates import (
    EMPLOYERS,
    FIRST_NAMES,
    LAST_NAMES,
    ROLES,
    ROLES_BY_KEY,
    UNIVERSITIES,
    Role,
)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MINIMAL_MAX_CHARS = 499
OFF_STACK = {"wrong_tech_stack", "career_changer"}


@dataclass(frozen=True, slots=True)
class CvPlan:
    """What the CV must be: for which role and bucket, with which edge case and quality."""

    role: Role
    bucket: str
    edge_case: str | None
    quality: float
    min_years: float
    max_years: float


def write_cv(plan: CvPlan, rng: random.Random, today: date) -> tuple[str, Role]:
    """The CV text and the role its experience is in (another one for off-stack edge cases)."""
    cv_role = _cv_role(plan, rng)
    skills, keywords = _claimed_terms(plan, cv_role, rng)
    years = _years(plan, rng)
    name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    contact = _contact(name, plan, rng)
    if plan.edge_case == "minimal_resume":
        return _minimal(name, contact, cv_role, skills, years, today), cv_role
    quality = plan.quality + rng.uniform(-0.1, 0.1)
    parts = [name, *([contact] if contact else [])]
    if quality > 0.3 or plan.edge_case == "career_changer":
        parts += ["", "Summary", _summary(plan, cv_role, years, keywords)]
        keywords = keywords[2:]
    parts += ["", "Experience", *_experience(cv_role, skills, keywords, years, quality, rng, today)]
    if quality > 0.2:
        parts += ["", "Education", f"{cv_role.degree}, {rng.choice(UNIVERSITIES)}"]
    parts += ["", "Skills", ", ".join(skills) if skills else "Microsoft Word"]
    if quality > 0.55 or plan.edge_case == "career_changer":
        parts += ["", "Projects", *_projects(plan, skills, cv_role)]
    if quality > 0.65:
        parts += ["", "Certifications", cv_role.certification]
    return "\n".join(parts) + "\n", cv_role


def _cv_role(plan: CvPlan, rng: random.Random) -> Role:
    if plan.edge_case == "wrong_tech_stack":
        return ROLES_BY_KEY[plan.role.sibling]
    if plan.edge_case == "career_changer":
        return rng.choice([role for role in ROLES if role.domain != plan.role.domain])
    return plan.role


def _count(total: int, share: float) -> int:
    return max(0, min(total, round(total * share)))


def _claimed_terms(plan: CvPlan, cv_role: Role, rng: random.Random) -> tuple[list[str], list[str]]:
    """Skills (the job's, the CV role's own, legacy ones) and the job keywords the CV uses."""
    target, quality = plan.role, plan.quality
    n_required = _count(len(target.required), quality + rng.uniform(-0.08, 0.08))
    n_keywords = _count(len(target.keywords), quality + rng.uniform(-0.1, 0.1))
    n_preferred = _count(len(target.preferred), 1.3 * quality - 0.35 + rng.uniform(-0.1, 0.1))
    if plan.edge_case in OFF_STACK:
        n_required, n_keywords, n_preferred = min(n_required, 2), min(n_keywords, 2), 0
    if plan.edge_case == "legacy_skills":
        n_required = min(n_required, len(target.required) - 2)
    skills = rng.sample(target.required, n_required) + rng.sample(target.preferred, n_preferred)
    if cv_role is not target:
        skills = [*cv_role.required[:4], *skills]
    if plan.edge_case == "legacy_skills":
        skills += rng.sample(target.legacy, 3)
    return list(dict.fromkeys(skills)), rng.sample(target.keywords, n_keywords)


def _years(plan: CvPlan, rng: random.Random) -> float:
    low, high, quality = plan.min_years, plan.max_years, plan.quality
    if plan.edge_case == "overqualified":
        return high + rng.uniform(5.0, 10.0)
    if plan.edge_case == "underqualified":
        return low * rng.uniform(0.2, 0.6)
    if plan.edge_case == "career_changer":
        return rng.uniform(low, high + 3.0)  # years, but in another field
    if quality >= 0.75:
        return rng.uniform(low, high)
    if quality >= 0.5:
        return rng.uniform(0.7 * low, high)
    if quality >= 0.3:
        return low * rng.uniform(0.35, 0.8)
    return low * rng.uniform(0.0, 0.4)


def _contact(name: str, plan: CvPlan, rng: random.Random) -> str:
    if plan.edge_case == "missing_contact_info":
        return ""
    email = name.lower().replace(" ", ".") + "@example.com"
    if plan.quality < 0.3 and rng.random() < 0.5:
        return email
    return f"{email} | +44 20 7946 0{rng.randint(100, 999)}"


def _summary(plan: CvPlan, cv_role: Role, years: float, keywords: list[str]) -> str:
    known = f" Known for {' and '.join(keywords[:2])}." if keywords else ""
    if plan.edge_case == "career_changer":
        return (
            f"{cv_role.title} with {int(years)} years of experience, now moving into a "
            f"{plan.role.title} role.{known}"
        )
    return f"{cv_role.title} with {int(years)} years of experience.{known}"


def _experience(
    cv_role: Role,
    skills: list[str],
    keywords: list[str],
    years: float,
    quality: float,
    rng: random.Random,
    today: date,
) -> list[str]:
    """Dated entries that add up to ``years``, ending last December (never "present")."""
    months = round(years * 12)
    if months < 1:
        return [f"Volunteer helper, {rng.choice(EMPLOYERS)}"]
    sizes = _split(months, 1 if months < 24 else rng.choice((2, 3)), rng)
    end_index, lines = (today.year - 1) * 12 + 11, []
    bullets = 1 + round(max(quality, 0.0) * 3)
    pending = list(keywords)
    for position, size in enumerate(sizes):
        start_index = end_index - size + 1
        (start_year, start_month), (end_year, end_month) = (
            divmod(start_index, 12),
            divmod(end_index, 12),
        )
        title = f"Senior {cv_role.title}" if position == 0 and years > 6 else cv_role.title
        lines += [
            "",
            f"{title}, {rng.choice(EMPLOYERS)}",
            f"{MONTHS[start_month]} {start_year} - {MONTHS[end_month]} {end_year}",
        ]
        for _ in range(bullets):
            duty = rng.choice(cv_role.duties)
            lines.append("- " + duty.format(skill=rng.choice(skills) if skills else "daily tasks"))
        if pending:
            lines.append(f"- Worked on {pending.pop()} across the team.")
        end_index = start_index - 1
    lines += [f"- Also worked on {word}." for word in pending]
    return lines


def _split(months: int, parts: int, rng: random.Random) -> list[int]:
    cuts = sorted(rng.sample(range(1, months), parts - 1)) if parts > 1 else []
    edges = [0, *cuts, months]
    return [edges[i + 1] - edges[i] for i in range(parts)]


def _projects(plan: CvPlan, skills: list[str], cv_role: Role) -> list[str]:
    if plan.edge_case == "career_changer":
        learnt = [skill for skill in skills if skill in plan.role.required]
        course = ", ".join(learnt) if learnt else "the basics of the field"
        return [f"- Completed a part-time course in {course}."]
    used = skills[0] if skills else "spreadsheets"
    return [f"- Internal tool for the {cv_role.title.lower()} team, built with {used}."]


def _minimal(
    name: str, contact: str, cv_role: Role, skills: list[str], years: float, today: date
) -> str:
    """Under 500 characters: name, contact, one skills line, one dated job line."""
    start = today.year - 1 - max(int(years), 1)
    job = f"{cv_role.title}, {EMPLOYERS[0]}, Jan {start} - Dec {today.year - 1}"
    kept = list(skills)
    while True:
        lines = [name, contact, f"Skills: {', '.join(kept)}", job]
        text = "\n".join(line for line in lines if line) + "\n"
        if len(text) <= MINIMAL_MAX_CHARS or not kept:
            return text
        kept.pop()
