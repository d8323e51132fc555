"""A small synthetic ESCO taxonomy and a bag-of-words encoder, for fast occupation tests."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from matching.core.occupations.esco_index import OccupationTaxonomy
from matching.core.skills.types import EscoOccupation, OccupationSkillRelation

OCC = "http://data.europa.eu/esco/occupation/"
SKILL = "http://data.europa.eu/esco/skill/"
_WORD = re.compile(r"[a-z]+")

# (id, label, alt labels, ISCO unit group, description, essential skills, optional skills)
ROWS = (
    (
        "pilot",
        "airline pilot",
        ("aircraft pilot", "airline captain"),
        "3153",
        "Airline pilots fly aircraft, prepare flight plans, check the aircraft before flight.",
        ("flight-plans", "aircraft-checks"),
        ("radio",),
    ),
    (
        "chef",
        "head chef",
        ("executive chef", "chef de cuisine"),
        "3434",
        "Head chefs run the kitchen, plan menus, control food costs and supervise cooks.",
        ("menu-planning", "food-safety"),
        ("food-costs",),
    ),
    (
        "cook",
        "cook",
        ("line cook",),
        "5120",
        "Cooks prepare and cook food in restaurants and canteens.",
        ("food-safety",),
        ("menu-planning",),
    ),
    (
        "accountant",
        "accountant",
        ("chartered accountant",),
        "2411",
        "Accountants audit accounts, prepare financial statements and tax returns.",
        ("financial-statements", "tax"),
        ("spreadsheets",),
    ),
    (
        "bookkeeper",
        "bookkeeper",
        ("accounts clerk",),
        "4311",
        "Bookkeepers record financial transactions in the ledger.",
        ("ledger",),
        ("spreadsheets", "tax"),
    ),
    (
        "developer",
        "software developer",
        ("programmer",),
        "2512",
        "Software developers write, test and maintain computer programs.",
        ("programming", "testing"),
        ("spreadsheets",),
    ),
    (
        "web",
        "web developer",
        ("frontend developer",),
        "2513",
        "Web developers build websites and web applications.",
        ("programming",),
        ("testing",),
    ),
    (
        "nurse",
        "registered nurse",
        ("staff nurse",),
        "2221",
        "Nurses care for patients, give medication and monitor vital signs.",
        ("patient-care",),
        ("medication",),
    ),
    (
        "clerk",
        "office clerk",
        ("administrative clerk",),
        "4110",
        "Office clerks file documents, answer the telephone and keep records.",
        ("filing",),
        ("spreadsheets",),
    ),
)


def uri(name: str) -> str:
    """The synthetic occupation URI of ``name``."""
    return OCC + name


def skill(name: str) -> str:
    """The synthetic skill URI of ``name``."""
    return SKILL + name


def synthetic_taxonomy(
    rows: Sequence[tuple] = ROWS, version: str = "esco-test-1"
) -> OccupationTaxonomy:
    """The taxonomy of ``rows`` (see ``ROWS``) with ISCO group titles."""
    occupations = tuple(
        EscoOccupation(uri(name), label, alts, code, description)
        for name, label, alts, code, description, _, _ in rows
    )
    relations = tuple(
        OccupationSkillRelation(uri(name), skill(s), kind)
        for name, *_, essential, optional in rows
        for kind, skills in (("essential", essential), ("optional", optional))
        for s in skills
    )
    groups = {"3153": "Aircraft pilots and related associate professionals", "3434": "Chefs"}
    return OccupationTaxonomy(version, occupations, relations, groups)


class BagOfWordsEncoder:
    """Hashes words into a small vector: similar words, similar vectors; no model needed."""

    model_id = "test-bag-of-words-128"
    dimension = 128

    def __init__(self) -> None:
        self.calls = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls += 1
        matrix = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in _WORD.findall(text.lower()):
                slot = int(hashlib.sha256(word.encode()).hexdigest()[:8], 16) % self.dimension
                matrix[row, slot] += 1.0
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        return matrix / np.where(norms == 0, 1.0, norms)


def write_esco_folder(folder: Path, rows: Sequence[tuple] = ROWS) -> Path:
    """The official CSV layout of ``rows`` in ``folder`` (occupations, relations, groups)."""
    import csv

    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "occupations_en.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description"])
        for name, label, alts, code, description, _, _ in rows:
            writer.writerow([uri(name), code, label, "\n".join(alts), description])
    with (folder / "occupationSkillRelations.csv").open(
        "w", newline="", encoding="utf-8"
    ) as handle:
        writer = csv.writer(handle)
        writer.writerow(["occupationUri", "relationType", "skillType", "skillUri"])
        for name, *_, essential, optional in rows:
            for kind, skills in (("essential", essential), ("optional", optional)):
                for s in skills:
                    writer.writerow([uri(name), kind, "skill/competence", skill(s)])
    with (folder / "ISCOGroups_en.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["conceptUri", "code", "preferredLabel"])
        writer.writerow(["x", "3434", "Chefs"])
    (folder / "SOURCE.txt").write_text("ESCO v9.9.9 (synthetic)\n", encoding="utf-8")
    return folder
