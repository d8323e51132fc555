"""Templates of the synthetic training-example generator: roles, their skill sets, names.

Every role belongs to one of the contract's domain keys and has a sibling role of the same
domain with another "stack" (the wrong-tech-stack edge case draws from it) and legacy skills
(the legacy-skills edge case). All names, employers and contact details are invented; phone
numbers use the UK's drama range (020 7946 0xxx), addresses the example.com domain.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Role:
    """One job family: title, domain, skills the posting asks for, duties to write about."""

    key: str
    sibling: str
    domain: str
    title: str
    required: tuple[str, ...]
    preferred: tuple[str, ...]
    keywords: tuple[str, ...]
    legacy: tuple[str, ...]
    duties: tuple[str, ...]
    degree: str
    certification: str


ROLES: tuple[Role, ...] = (
    Role(
        key="python_backend",
        sibling="java_backend",
        domain="technology",
        title="Backend Developer",
        required=("Python", "Django", "PostgreSQL", "Docker", "REST APIs", "Celery"),
        preferred=("Kubernetes", "Redis", "Terraform", "GraphQL"),
        keywords=("microservices", "scalability", "code review", "unit testing", "agile"),
        legacy=("Perl", "CGI scripts", "Subversion", "Zope"),
        duties=(
            "Designed and shipped {skill} services used by thousands of customers.",
            "Led the move of a monolith to {skill} with zero downtime.",
            "Mentored two junior engineers on {skill} and clean code.",
        ),
        degree="BSc Computer Science",
        certification="AWS Certified Developer",
    ),
    Role(
        key="java_backend",
        sibling="python_backend",
        domain="technology",
        title="Java Developer",
        required=("Java", "Spring Boot", "Hibernate", "Oracle Database", "Maven", "JUnit"),
        preferred=("Kafka", "Jenkins", "OpenShift", "Gradle"),
        keywords=("enterprise integration", "performance tuning", "design patterns", "scrum"),
        legacy=("Enterprise JavaBeans", "Struts", "CORBA", "Applets"),
        duties=(
            "Built order processing services in {skill} for a retail bank.",
            "Cut batch run time by a third by profiling {skill} code.",
            "Owned the {skill} build and release pipeline.",
        ),
        degree="BSc Software Engineering",
        certification="Oracle Certified Professional Java Programmer",
    ),
    Role(
        key="financial_accountant",
        sibling="management_accountant",
        domain="finance",
        title="Financial Accountant",
        required=("IFRS", "month-end close", "reconciliations", "SAP", "VAT returns", "audit"),
        preferred=("consolidation", "Power BI", "ACCA", "treasury"),
        keywords=("statutory accounts", "internal controls", "ledger", "accruals"),
        legacy=("Lotus 1-2-3", "Sage Line 50", "manual ledgers", "Quattro Pro"),
        duties=(
            "Prepared {skill} packs for the group's twelve entities.",
            "Reduced the close timetable from ten to five days through {skill}.",
            "Was the main contact for external auditors on {skill}.",
        ),
        degree="BA Accounting and Finance",
        certification="ACCA Qualified Accountant",
    ),
    Role(
        key="management_accountant",
        sibling="financial_accountant",
        domain="finance",
        title="Management Accountant",
        required=("budgeting", "forecasting", "variance analysis", "Excel", "cost control", "KPI"),
        preferred=("Oracle Hyperion", "business partnering", "CIMA", "Tableau"),
        keywords=("monthly management accounts", "cash flow", "margin analysis", "planning"),
        legacy=("Lotus 1-2-3", "Pegasus Opera", "paper ledgers", "Quattro Pro"),
        duties=(
            "Built the annual {skill} model used by the leadership team.",
            "Presented {skill} findings to budget holders every month.",
            "Automated {skill} reports, saving two days per cycle.",
        ),
        degree="BSc Economics",
        certification="CIMA Chartered Management Accountant",
    ),
    Role(
        key="ward_nurse",
        sibling="theatre_nurse",
        domain="healthcare",
        title="Registered Nurse",
        required=(
            "patient care",
            "medication administration",
            "wound care",
            "triage",
            "care planning",
            "infection control",
        ),
        preferred=("phlebotomy", "cannulation", "mentoring students", "electronic health records"),
        keywords=("patient safety", "multidisciplinary team", "NMC", "discharge planning"),
        legacy=("paper charting", "fax referrals", "manual drug rounds", "carbon-copy notes"),
        duties=(
            "Delivered {skill} on a 28-bed acute medical ward.",
            "Led the ward's audit of {skill} standards.",
            "Trained healthcare assistants in {skill}.",
        ),
        degree="BSc Adult Nursing",
        certification="NMC Registered Nurse",
    ),
    Role(
        key="theatre_nurse",
        sibling="ward_nurse",
        domain="healthcare",
        title="Theatre Nurse",
        required=(
            "perioperative care",
            "surgical instruments",
            "anaesthetic support",
            "recovery care",
            "sterile technique",
            "WHO checklist",
        ),
        preferred=("laparoscopic surgery", "orthopaedics", "scrub practice", "team leadership"),
        keywords=("theatre list", "patient safety", "surgical team", "sterile field"),
        legacy=("paper charting", "manual instrument counts", "fax referrals", "carbon-copy notes"),
        duties=(
            "Provided {skill} for general and orthopaedic lists.",
            "Coordinated {skill} for a busy day-surgery unit.",
            "Updated the unit's guidance on {skill}.",
        ),
        degree="BSc Adult Nursing",
        certification="NMC Registered Nurse",
    ),
    Role(
        key="digital_marketer",
        sibling="sales_executive",
        domain="marketing_sales",
        title="Digital Marketing Manager",
        required=(
            "SEO",
            "Google Analytics",
            "content strategy",
            "email marketing",
            "PPC",
            "social media",
        ),
        preferred=("HubSpot", "A/B testing", "copywriting", "marketing automation"),
        keywords=("brand awareness", "conversion rate", "campaigns", "customer journey"),
        legacy=("print advertising", "fax marketing", "Flash banners", "directory listings"),
        duties=(
            "Ran {skill} campaigns that doubled qualified leads.",
            "Owned the {skill} budget of a national retailer.",
            "Reported {skill} results to the board every quarter.",
        ),
        degree="BA Marketing",
        certification="Google Ads Certification",
    ),
    Role(
        key="sales_executive",
        sibling="digital_marketer",
        domain="marketing_sales",
        title="Sales Executive",
        required=(
            "B2B sales",
            "Salesforce",
            "lead generation",
            "negotiation",
            "account management",
            "pipeline management",
        ),
        preferred=("cold calling", "SaaS", "contract renewals", "sales forecasting"),
        keywords=("revenue targets", "new business", "client relationships", "quota"),
        legacy=("Rolodex", "cold mailing", "Lotus Notes", "fax orders"),
        duties=(
            "Exceeded annual targets through {skill}.",
            "Opened forty new accounts using {skill}.",
            "Coached the team on {skill}.",
        ),
        degree="BA Business Management",
        certification="Certified Sales Professional",
    ),
)

ROLES_BY_KEY = {role.key: role for role in ROLES}

FIRST_NAMES = (
    "Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Robin", "Jamie", "Avery", "Riley",
    "Charlie", "Drew", "Quinn", "Rowan", "Kai", "Noor", "Ari", "Sasha", "Remi", "Eden",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Okafor", "Nguyen", "Kowalski", "Garcia", "Patel", "Haddad", "Jensen", "Rossi",
    "Tanaka", "Murphy", "Silva", "Novak", "Ahmed", "Dubois", "Kim", "Evans", "Lopez",
)  # fmt: skip
EMPLOYERS = (
    "Northwind Ltd", "Bluebell Group", "Harbour & Co", "Kestrel Systems", "Oakfield plc",
    "Meridian Partners", "Larch Health", "Brightside Retail", "Granite Works", "Vela Labs",
)  # fmt: skip
UNIVERSITIES = ("University of Leeds", "University of Glasgow", "Open University",
                "University of Bristol", "Cardiff University")  # fmt: skip
