"""Hypothesis fuzzing of the text parsers that read untrusted CV and vacancy text.

Skill extraction must never crash on any unicode text and every span it returns must lie inside
the text and fold back to a term of the skill it names. The profile parser (with the skill
matcher plugged in, as the CV pipeline runs it) must never raise, whatever the text, and only
report contact details that are in the text.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from candidates.extraction import SEED_FEATURES, parse_profile
from matching.core.skills.aliases import ALIASES, ESCO_SKILL
from matching.core.skills.matcher import SkillMatcher
from matching.core.skills.normalise import normalise_term
from matching.core.skills.types import EscoSkill
from matching.core.skills.vocabulary import Vocabulary, build_vocabulary

# Modest budgets: the whole file runs in a few seconds.
_FUZZ = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
ESCO = (
    EscoSkill(ESCO_SKILL + "python", "Python (computer programming)", ("Python programming",)),
    EscoSkill(ESCO_SKILL + "ml", "machine learning", ("ML",)),
    EscoSkill(ESCO_SKILL + "music-staff", "manage musical staff", ("direct musical staff",)),
    EscoSkill(ESCO_SKILL + "swift", "Swift (computer programming)"),
    EscoSkill(ESCO_SKILL + "less", "LESS"),
    EscoSkill(ESCO_SKILL + "spanish", "Spanish", ("español",)),
)
# Surface forms that the vocabulary knows, so the fuzzer reaches real matches, mixed with
# characters that change length or meaning when folded (dotted I, sharp s, ligatures,
# combining marks, full-width letters, right-to-left text, NUL, emoji).
_SKILL_WORDS = [
    "Python", "python", "PYTHON", "C++", "C#", "c", "C", "R", "Go", "go", "Swift", "swift",
    "LESS", "less", "ML", "machine learning", "Machine-Learning", "js", "JavaScript", "React.js",
    "ReactJS", "k8s", "B.Tech", "b-tech", "postgres", "Postgre-SQL", "español", "Español",
    "programming", "developer", "Django", "docker", ".NET", "Node.js", "AWS", "amazon web services",
]  # fmt: skip
_TRICKY = [
    "İ", "ı", "ß", "ẞ", "ﬁ", "ﬀ", "Å", "e\u0301", "\u0301", "Ｐｙｔｈｏｎ", "\u200b", "\u200d",
    "\u202e", "\x00", "\ufeff", "😀", "𝐏𝐲𝐭𝐡𝐨𝐧", "ǅ", "ŉ", "\U0001e900", "עברית", "日本語",
    " ", "  ", "\n", "\t", "\r\n", ".", "+", "#", "-", "/", "(", ")",
]  # fmt: skip
_PIECES = st.one_of(st.sampled_from(_SKILL_WORDS), st.sampled_from(_TRICKY), st.text(max_size=8))
FUZZ_TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(_PIECES, max_size=60).map("".join),
    st.lists(_PIECES, max_size=60).map(" ".join),
)


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return build_vocabulary(ESCO, ALIASES)


@pytest.fixture(scope="module")
def matcher(vocabulary: Vocabulary) -> SkillMatcher:
    return SkillMatcher(vocabulary)


def _check_spans(matcher: SkillMatcher, vocabulary: Vocabulary, text: str) -> None:
    target_of = {target.uri: index for index, target in enumerate(vocabulary.targets)}
    for match in matcher.extract(text):
        assert match.spans, match
        for start, end in match.spans:
            assert 0 <= start < end <= len(text), (match, text)
            surface = text[start:end]
            key = normalise_term(surface)
            terms = vocabulary.terms.get(key, ())
            assert target_of[match.uri] in {term.target for term in terms}, (surface, match)


@_FUZZ
@given(text=FUZZ_TEXT)
@example(text="İPython")  # dotted capital I lowers to two characters
@example(text="ﬁ Python ß ML\x00")
@example(text="Python\u0301 programming")
def test_skill_extraction_never_crashes_and_spans_match_their_surface(
    matcher: SkillMatcher, vocabulary: Vocabulary, text: str
) -> None:
    _check_spans(matcher, vocabulary, text)


@_FUZZ
@given(text=FUZZ_TEXT)
def test_skill_extraction_is_stable_under_surrounding_noise(
    matcher: SkillMatcher, vocabulary: Vocabulary, text: str
) -> None:
    # The same text inside other text: spans shift by the prefix and still hold.
    wrapped = f"\x00 ¿{text}? \U0001f600"
    _check_spans(matcher, vocabulary, wrapped)


_CV_LINES = st.sampled_from(
    [
        "Experience", "EXPERIENCE", "Expérience professionnelle", "Education", "Formation",
        "Skills: Python, C++, ML", "Compétences : Python; Go", "Certifications", "Languages",
        "2019 - 2021", "03/2020 – présent", "janvier 2018 à aujourd'hui", "since 1899",
        "9999 - 0000", "13/2020 - 00/2021", "jane@example.com", "a@b", "@@@.@", "+33 6 12 34 56 78",
        "+" + "9" * 60, "http://", "www." + "a" * 300 + ".com", "Master of Science", "PhD",
        "Anglais (courant)", "•", "-", "\x00", "\ufeff", "İ", "ß" * 50,
    ]
)  # fmt: skip
CV_TEXT = st.one_of(
    st.text(max_size=2000),
    st.lists(st.one_of(_CV_LINES, _PIECES), max_size=80).map("\n".join),
    st.lists(st.one_of(_CV_LINES, _PIECES), max_size=80).map(" ".join),
)


@_FUZZ
@given(text=CV_TEXT)
@example(text="Experience\n\x00\n2019 - 2021 Python developer\njane@example.com")
def test_parse_profile_never_raises_on_any_text(matcher: SkillMatcher, text: str) -> None:
    def skills(value: str) -> list[str]:
        return [match.label for match in matcher.extract(value)]

    profile = parse_profile(text, skill_extractor=skills, today=date(2026, 1, 15))
    as_dict = profile.to_dict()

    assert set(SEED_FEATURES) <= set(as_dict)
    json.dumps(as_dict)  # storable as the document's JSON profile
    assert as_dict["raw_text_length"] == len(text)
    assert 0 <= as_dict["years_total"] < 200
    assert as_dict["experience_count"] == len(as_dict["experience"])
    for entry in profile.experience:
        assert entry.start <= entry.end
        assert entry.months >= 0
    folded = text.casefold()
    for email in profile.emails:
        assert email.casefold() in folded or email.casefold().replace(" ", "") in folded
