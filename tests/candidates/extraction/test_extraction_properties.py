"""Property tests: extraction raises only ExtractionError; profile parsing never raises."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from candidates.extraction import (
    SEED_FEATURES,
    ExtractionError,
    ExtractionLimits,
    extract_text,
    parse_profile,
)
from tests.candidates.extraction.cv_files import build_docx, build_pdf

_PDF = build_pdf([["Jane Doe", "Experience 2019 - 2021"]])
_DOCX = build_docx(["Jane Doe", "Skills: Python"])
_PREFIXES = [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"{\\rtf1 ", b"\xef\xbb\xbf", b"\xff\xfe", b"MZ"]
_LIMITS = ExtractionLimits(timeout_s=5.0)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mutated(original: bytes) -> st.SearchStrategy[bytes]:
    """Real files with a slice overwritten or cut off, to reach the parsers' error paths."""
    return st.tuples(st.integers(0, len(original)), st.binary(max_size=64), st.booleans()).map(
        lambda args: original[: args[0]] + args[1] + (b"" if args[2] else original[args[0] + 64 :])
    )


_ANY_FILE = st.one_of(
    st.binary(max_size=2048),
    st.tuples(st.sampled_from(_PREFIXES), st.binary(max_size=1024)).map(
        lambda pair: b"".join(pair)
    ),
    _mutated(_PDF),
    _mutated(_DOCX),
)


def _only_extraction_errors(data: bytes) -> None:
    try:
        document = extract_text(data, limits=_LIMITS)
    except ExtractionError:
        return
    assert document.text.strip() == document.text
    assert document.text


@_SETTINGS
@given(_ANY_FILE)
def test_extract_text_raises_only_extraction_errors(data: bytes) -> None:
    _only_extraction_errors(data)


_CV_WORDS = st.sampled_from(
    [
        "Experience",
        "Education",
        "Skills:",
        "Compétences",
        "Formation",
        "2019",
        "03/2020",
        "janvier 2018",
        "à",
        "to",
        "present",
        "aujourd'hui",
        "-",
        "–",
        "Jan",
        "depuis",
        "since",
        "Certifications",
        "PhD",
        "Master",
        "jane@example.com",
        "+33 6 12 34 56 78",
        "\n",
        "\n\n",
        ",",
        ";",
        "•",
        ":",
        "1999",
        "2049",
        "13/2020",
        "www.example.com",
        "Languages",
        "Anglais",
    ]
)
_CV_LIKE = st.lists(st.one_of(_CV_WORDS, st.text(max_size=12)), max_size=80).map(" ".join)


@_SETTINGS
@given(st.one_of(st.text(max_size=3000), _CV_LIKE))
def test_parse_profile_never_raises(text: str) -> None:
    profile = parse_profile(text, today=date(2026, 1, 15))
    as_dict = profile.to_dict()
    assert set(SEED_FEATURES) <= set(as_dict)
    assert as_dict["raw_text_length"] == len(text)
    assert as_dict["years_total"] >= 0
    assert as_dict["certifications_count"] == len(as_dict["certifications"])
