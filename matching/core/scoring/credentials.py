"""Degree levels and named certifications, read the same way from postings and from CVs.

A posting asks for the *lowest* degree level it names ("Bachelor's required, Master's a plus"
asks a bachelor); a CV holds the *highest* it names. Certifications are a curated list of
widely used credentials (accounting, project management, IT, security, health, HR, finance,
trades), matched as whole words so "PMP" is never found inside another word.
"""

from __future__ import annotations

import re
from functools import lru_cache

DEGREE_LEVELS = ("secondary", "associate", "bachelor", "master", "doctorate")
_DEGREE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("doctorate", re.compile(r"\b(?:ph\.?\s?d|doctorate|doctoral degree|d\.?phil)\b", re.I)),
    (
        "master",
        re.compile(
            r"\b(?:master'?s?|m\.?\s?sc|m\.s\.|mba|m\.a\.|m\.?\s?eng|m\.?\s?tech|mca|m\.?com"
            r"|llm|ll\.m|graduate degree)\b",
            re.I,
        ),
    ),
    (
        "bachelor",
        re.compile(
            r"\b(?:bachelor'?s?|b\.?\s?sc|b\.s\.|b\.\s?a\.|b\.?\s?eng|b\.?\s?tech|bba|bca|b\.?com"
            r"|b\.\s?e\b\.?|ll\.?\s?b|undergraduate degree|4[- ]year degree|college degree"
            r"|university degree)",
            re.I,
        ),
    ),
    (
        "associate",
        re.compile(r"\b(?:associate'?s?(?: degree| of)|a\.a\.s?|two[- ]year degree)\b", re.I),
    ),
    (
        "secondary",
        re.compile(
            r"\b(?:high school(?: diploma)?|ged|secondary school|hsc|ssc|12th|a-levels?)\b", re.I
        ),
    ),
)
# (label, pattern): whole-word, case-sensitive for acronyms so "cna" in a word never counts.
_CERTIFICATIONS: tuple[tuple[str, str], ...] = (
    ("CPA", r"\bCPA\b|certified public accountant"),
    ("CFA", r"\bCFA\b|chartered financial analyst"),
    ("ACCA", r"\bACCA\b"),
    ("CMA", r"\bCMA\b|certified management accountant"),
    ("CIA", r"certified internal auditor"),
    ("PMP", r"\bPMP\b|project management professional"),
    ("PRINCE2", r"\bPRINCE\s?2\b"),
    ("Scrum Master", r"\bCSM\b|certified scrum master|\bPSM\b|scrum master certifi"),
    ("ITIL", r"\bITIL\b"),
    ("Six Sigma", r"six sigma"),
    ("CISSP", r"\bCISSP\b"),
    ("CISA", r"\bCISA\b"),
    ("CISM", r"\bCISM\b"),
    ("CEH", r"\bCEH\b|certified ethical hacker"),
    ("CompTIA Security+", r"security\+"),
    ("CCNA", r"\bCCNA\b"),
    ("CCNP", r"\bCCNP\b"),
    ("AWS certification", r"\bAWS certifi|\bAWS Certified|\bAWS Solutions Architect"),
    ("Azure certification", r"\bAzure certifi|Microsoft Certified: Azure|\bAZ-\d{3}\b"),
    ("OCP (Oracle)", r"\bOCP\b|oracle certified"),
    ("RN licence", r"\bRN\b|registered nurse"),
    ("LPN licence", r"\bLPN\b|licensed practical nurse"),
    ("CNA", r"\bCNA\b|certified nursing assistant"),
    ("BLS", r"\bBLS\b|basic life support"),
    ("ACLS", r"\bACLS\b|advanced cardiac life support"),
    ("CPR", r"\bCPR\b"),
    ("LCSW", r"\bLCSW\b|licensed clinical social worker"),
    ("LPC", r"\bLPC\b|licensed professional counselor"),
    ("LMFT", r"\bLMFT\b"),
    ("SHRM-CP", r"\bSHRM-(?:CP|SCP)\b"),
    ("PHR", r"\bS?PHR\b"),
    ("Series 7", r"series\s?7\b"),
    ("CDL", r"\bCDL\b|commercial driver'?s licen[cs]e"),
    ("OSHA", r"\bOSHA\s?(?:10|30)\b|OSHA certifi"),
    ("bar admission", r"admitted to (?:the|practice)|member of the bar|bar admission"),
    ("teaching licence", r"teaching (?:licen[cs]e|certificat)"),
    ("ServSafe", r"servsafe"),
)
_COMPILED = tuple(
    (label, re.compile(pattern, 0 if pattern.split("|")[0].startswith(r"\b") else re.I))
    for label, pattern in _CERTIFICATIONS
)


def degree_rank(level: str | None) -> int | None:
    """The level's rank in ``DEGREE_LEVELS`` (0 secondary ... 4 doctorate), None if unknown."""
    return DEGREE_LEVELS.index(level) if level in DEGREE_LEVELS else None


def degree_levels(text: str) -> tuple[str, ...]:
    """Every degree level ``text`` names, lowest first."""
    return tuple(level for level, pattern in reversed(_DEGREE_PATTERNS) if pattern.search(text))


@lru_cache(maxsize=2048)
def asked_degree(posting: str) -> str | None:
    """The lowest degree level a posting names in a sentence that asks for one, else None."""
    asked = [
        level
        for sentence in re.split(r"(?<=[.!?;:])\s+|\n+", posting)
        if re.search(r"degree|diploma|graduate|bachelor|master|ph\.?d|ged", sentence, re.I)
        for level in degree_levels(sentence)
    ]
    return min(asked, key=DEGREE_LEVELS.index) if asked else None


@lru_cache(maxsize=4096)
def held_degree(cv: str) -> str | None:
    """The highest degree level a CV names, else None."""
    levels = degree_levels(cv)
    return levels[-1] if levels else None


@lru_cache(maxsize=4096)
def certifications_in(text: str) -> tuple[str, ...]:
    """The curated certifications ``text`` names, in list order."""
    return tuple(label for label, pattern in _COMPILED if pattern.search(text))


def degree_fit(held: str | None, asked: str | None) -> float:
    """1 when nothing is asked or the CV holds the level; one third less per level short."""
    asked_rank, held_rank = degree_rank(asked), degree_rank(held)
    if asked_rank is None:
        return 1.0
    if held_rank is None:
        return 0.0
    return max(0.0, 1.0 - max(asked_rank - held_rank, 0) / 3.0)


def certification_fit(held: tuple[str, ...], asked: tuple[str, ...]) -> float:
    """Share of the posting's named certifications the CV names (1 when none is named)."""
    if not asked:
        return 1.0
    return sum(label in held for label in asked) / len(asked)
