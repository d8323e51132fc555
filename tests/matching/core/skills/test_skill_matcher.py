import pytest

from matching.core.skills.aliases import ALIASES, ESCO_SKILL
from matching.core.skills.matcher import SkillMatcher, build_matcher, extract_skills
from matching.core.skills.types import EscoSkill

ESCO = (
    EscoSkill(
        ESCO_SKILL + "0005c151-5b5a-4a66-8aac-60e734beb1ab",
        "manage musical staff",
        ("manage staff of music", "direct musical staff"),
    ),
    EscoSkill(ESCO_SKILL + "web-services", "web services", ("web service",)),
    EscoSkill(ESCO_SKILL + "3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43", "machine learning", ("ML",)),
    EscoSkill(ESCO_SKILL + "ml-language", "ML (computer programming)", ("ML",)),
    EscoSkill(ESCO_SKILL + "swift", "Swift (computer programming)"),
    EscoSkill(ESCO_SKILL + "eclipse", "Eclipse (integrated development environment software)"),
    EscoSkill(ESCO_SKILL + "less", "LESS"),
)


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return build_matcher(ESCO, ALIASES)


def _labels(matcher: SkillMatcher, text: str) -> list[str]:
    return [match.label for match in matcher.extract(text)]


def _surfaces(matcher: SkillMatcher, text: str) -> dict[str, list[str]]:
    return {m.label: [text[start:end] for start, end in m.spans] for m in matcher.extract(text)}


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("js", "JavaScript"),
        ("javascript", "JavaScript"),
        ("react js", "React"),
        ("ReactJS", "React"),
        ("ML", "Machine Learning"),
        ("aws cloud", "Amazon Web Services (AWS)"),
        ("amazon web services", "Amazon Web Services (AWS)"),
        ("AWS", "Amazon Web Services (AWS)"),
        ("b-tech", "Bachelor of Technology"),
        ("btech", "Bachelor of Technology"),
        ("B.Tech", "Bachelor of Technology"),
        ("python", "Python"),
        ("Django", "Django"),
        ("postgres", "PostgreSQL"),
        ("Postgre-SQL", "PostgreSQL"),
        ("docker", "Docker"),
        ("k8s", "Kubernetes"),
        ("apprentissage automatique", "Machine Learning"),
        ("gestion de projet", "project management"),
        ("intelligence artificielle", "Artificial Intelligence"),
    ],
)
def test_alias_normalises_to_canonical_skill(matcher: SkillMatcher, text: str, label: str) -> None:
    assert _labels(matcher, f"Skills: {text}.") == [label]


def test_alias_with_esco_uri_keeps_the_esco_uri(matcher: SkillMatcher) -> None:
    (match,) = matcher.extract("ML")

    assert match.uri == ESCO_SKILL + "3a2d5b45-56e4-4f5a-a55a-4a4a65afdc43"


def test_java_is_not_found_inside_javascript(matcher: SkillMatcher) -> None:
    assert _labels(matcher, "JavaScript developer") == ["JavaScript"]
    assert _surfaces(matcher, "Java and JavaScript") == {
        "Java": ["Java"],
        "JavaScript": ["JavaScript"],
    }


def test_c_is_not_found_inside_cpp_or_csharp(matcher: SkillMatcher) -> None:
    assert _labels(matcher, "Expert in C++ and C# with .NET") == ["C++", "C#", ".NET"]


def test_short_ambiguous_terms_make_no_false_hits_in_prose(matcher: SkillMatcher) -> None:
    text = (
        "I go to work every day. She got a C in maths and R. Smith signed the report. "
        "Write to contact@example.net or visit the Go-Kart track. The swift reply was "
        "a total eclipse of the usual delays, and less is more. My name is Ruby Jones."
    )

    assert matcher.extract(text) == []


def test_short_terms_are_kept_in_a_technical_context(matcher: SkillMatcher) -> None:
    assert _labels(matcher, "Programming languages: C, R, Go") == ["C", "R", "Go"]
    assert _labels(matcher, "Python, R and SQL") == ["Python", "R", "SQL"]
    assert _labels(matcher, "Python and Swift; CSS with LESS") == ["Python", "Swift", "CSS", "LESS"]


def test_lowercase_short_terms_never_match(matcher: SkillMatcher) -> None:
    assert _labels(matcher, "python, r, go, c") == ["Python"]


def test_spans_are_exact_offsets_of_every_mention(matcher: SkillMatcher) -> None:
    text = "Docker  and\nKUBERNETES; later docker-compose and Docker."
    matches = {m.label: m.spans for m in matcher.extract(text)}

    assert matches == {"Docker": ((0, 6), (30, 44), (49, 55)), "Kubernetes": ((12, 22),)}
    assert text[30:44] == "docker-compose"


def test_longest_term_wins_where_terms_overlap(matcher: SkillMatcher) -> None:
    assert _labels(matcher, "Amazon Web Services and web services") == [
        "Amazon Web Services (AWS)",
        "web services",
    ]


def test_esco_alternative_labels_find_the_preferred_label(matcher: SkillMatcher) -> None:
    text = "I direct musical staff and manage staff of music."

    assert _surfaces(matcher, text) == {
        "manage musical staff": ["direct musical staff", "manage staff of music"]
    }


def test_case_and_punctuation_insensitive(matcher: SkillMatcher) -> None:
    assert _labels(matcher, "MACHINE-LEARNING, Node JS, NODE.JS") == ["Machine Learning", "Node.js"]


def test_extract_skills_uses_the_packaged_esco_by_default() -> None:
    text = "Python developer: Django REST framework, PostgreSQL and machine learning."

    labels = [match.label for match in extract_skills(text)]

    assert labels == ["Python", "Django", "PostgreSQL", "Machine Learning"]
