"""Templates for demo data, written by the team: roles, skills, CV and vacancy text."""

import random
from typing import TypedDict


class RoleTemplate(TypedDict):
    title: str
    department: str
    domain: str
    required: list[str]
    preferred: list[str]
    keywords: list[str]
    duties: list[str]


ROLES: list[RoleTemplate] = [
    {
        "title": "Backend Python Developer",
        "department": "Engineering",
        "domain": "technology",
        "required": ["Python", "Django", "PostgreSQL", "REST APIs"],
        "preferred": ["Celery", "Docker", "Kubernetes"],
        "keywords": ["microservices", "code review", "unit testing"],
        "duties": [
            "designed and built REST APIs in Django serving 2 million requests a day",
            "moved background jobs to Celery and cut page latency by 40%",
            "ran code review and unit testing practices for a team of six",
        ],
    },
    {
        "title": "Data Scientist",
        "department": "Data",
        "domain": "technology",
        "required": ["Python", "Machine Learning", "SQL", "Statistics"],
        "preferred": ["PyTorch", "scikit-learn", "Spark"],
        "keywords": ["A/B testing", "forecasting", "data visualisation"],
        "duties": [
            "built churn forecasting models with scikit-learn and gradient boosting",
            "designed A/B testing for pricing experiments",
            "presented data visualisation dashboards to the executive team",
        ],
    },
    {
        "title": "Registered Nurse",
        "department": "Care",
        "domain": "healthcare",
        "required": ["Patient Care", "Medication Administration", "Electronic Health Records"],
        "preferred": ["Intensive Care", "Wound Care"],
        "keywords": ["triage", "care plans", "patient safety"],
        "duties": [
            "provided patient care on a 30-bed surgical ward",
            "administered medication and kept electronic health records up to date",
            "wrote care plans and led triage during night shifts",
        ],
    },
    {
        "title": "Financial Analyst",
        "department": "Finance",
        "domain": "finance",
        "required": ["Financial Modelling", "Excel", "Budgeting", "Forecasting"],
        "preferred": ["SAP", "Power BI"],
        "keywords": ["variance analysis", "month-end close", "reporting"],
        "duties": [
            "built financial models for a 40 million euro budget",
            "ran variance analysis and month-end close reporting",
            "automated forecasting in Excel and Power BI",
        ],
    },
    {
        "title": "Digital Marketing Manager",
        "department": "Marketing",
        "domain": "marketing_sales",
        "required": ["Digital Marketing", "SEO", "Google Analytics", "Content Strategy"],
        "preferred": ["Salesforce", "Copywriting"],
        "keywords": ["campaigns", "lead generation", "conversion rate"],
        "duties": [
            "ran paid and organic campaigns that doubled lead generation",
            "set the content strategy and SEO roadmap",
            "tracked conversion rate in Google Analytics",
        ],
    },
    {
        "title": "HR Business Partner",
        "department": "People",
        "domain": "human_resources",
        "required": ["Recruitment", "Employee Relations", "Labour Law", "Onboarding"],
        "preferred": ["HRIS", "Workday"],
        "keywords": ["talent management", "performance reviews", "workforce planning"],
        "duties": [
            "led recruitment and onboarding for 120 hires a year",
            "handled employee relations cases under French labour law",
            "ran performance reviews and workforce planning",
        ],
    },
    {
        "title": "UX Designer",
        "department": "Product",
        "domain": "design",
        "required": ["User Research", "Figma", "Prototyping", "Interaction Design"],
        "preferred": ["Accessibility", "Design Systems"],
        "keywords": ["usability testing", "wireframes", "user journeys"],
        "duties": [
            "ran user research and usability testing with 60 participants",
            "designed wireframes and prototypes in Figma",
            "built an accessible design system used by four product teams",
        ],
    },
    {
        "title": "Site Manager",
        "department": "Construction",
        "domain": "construction_real_estate",
        "required": ["Construction Management", "Health and Safety", "Scheduling"],
        "preferred": ["AutoCAD", "Budgeting"],
        "keywords": ["subcontractors", "site inspections", "building regulations"],
        "duties": [
            "managed construction of a 12-storey residential building",
            "coordinated subcontractors and weekly site inspections",
            "kept health and safety records with zero lost-time incidents",
        ],
    },
]

REGIONS = [
    "Île-de-France",
    "Auvergne-Rhône-Alpes",
    "Occitanie",
    "Nouvelle-Aquitaine",
    "Hauts-de-France",
    "Provence-Alpes-Côte d'Azur",
]
CITIES = {
    "Île-de-France": "Paris",
    "Auvergne-Rhône-Alpes": "Lyon",
    "Occitanie": "Toulouse",
    "Nouvelle-Aquitaine": "Bordeaux",
    "Hauts-de-France": "Lille",
    "Provence-Alpes-Côte d'Azur": "Marseille",
}
ORGANISATIONS = ["Acme Santé", "Nordlys Finance", "Bleu Cobalt Software", "Atelier Vauban"]
SCHOOLS = ["Université de Lyon", "INSA Toulouse", "Sorbonne Université", "IUT de Bordeaux"]
DEGREES = ["Master's degree", "Bachelor's degree", "BTS", "Licence professionnelle"]
NATIONALITIES = ["FR", "FR", "FR", "MA", "DZ", "PT", "IT", "SN", "DE", "not_disclosed"]
GENDERS = ["female", "male", "female", "male", "non_binary", "not_disclosed"]

CV_TEMPLATE = """SUMMARY
{headline} with {years} years of experience. {summary_line}

EXPERIENCE
{experience}

EDUCATION
{degree}, {school} ({grad_year})

SKILLS
{skills}

LANGUAGES
French, English
"""

VACANCY_TEMPLATE = """{organisation} is hiring a {title} for its {department} team in {city}.

What you will do:
{duties}

What we look for: {required}. Nice to have: {preferred}.
We value {keywords}.
"""


def cv_text(rng: random.Random, template: RoleTemplate, email: str) -> str:
    """A plausible CV for a role: dated experience, a degree, some of its skills, contacts."""
    years = rng.randint(1, 14)
    skills = template["required"][: rng.randint(1, len(template["required"]))]
    skills += rng.sample(template["preferred"], k=rng.randint(0, len(template["preferred"])))
    start = 2026 - years
    experience = "\n".join(
        f"{template['title']}, {rng.choice(ORGANISATIONS)} ({start + i * years // 3} - "
        f"{'present' if i == 2 else start + (i + 1) * years // 3})\n- {duty.capitalize()}."
        for i, duty in enumerate(template["duties"])
    )
    text = CV_TEMPLATE.format(
        headline=template["title"],
        years=years,
        summary_line=f"Known for {rng.choice(template['keywords'])}.",
        experience=experience,
        degree=rng.choice(DEGREES),
        school=rng.choice(SCHOOLS),
        grad_year=start - 1,
        skills=", ".join(skills),
    )
    return f"CONTACT\n{email} | +33 6 12 34 56 {rng.randint(10, 99)}\n\n{text}"
