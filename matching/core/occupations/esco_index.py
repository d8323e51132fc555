"""The ESCO occupation index: occupations, ISCO groups, skill links and cached text vectors.

``read_esco_folder`` reads the official ESCO CSVs (``occupations_en.csv``,
``occupationSkillRelations.csv``, ``ISCOGroups_en.csv``) of one folder into an
``OccupationTaxonomy``; ``build_occupation_index`` adds one vector per occupation text and per
preferred label, encoded once and cached on disk as ``<cache_dir>/<esco version>-<model>.npz``
(the version is the release named in the folder's SOURCE.txt plus a digest of the CSVs, so an
edited taxonomy or another encoder never reads stale vectors). Pure Python: no Django.
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from matching.core.occupations.isco_domains import isco_domain_matrix
from matching.core.occupations.skill_votes import SkillVotes, build_skill_votes
from matching.core.occupations.title_lexicon import TitleLexicon, build_title_lexicon
from matching.core.skills.esco_csv import read_occupations, read_relations
from matching.core.skills.types import EscoOccupation, OccupationSkillRelation

OCCUPATIONS_FILE = "occupations_en.csv"
RELATIONS_FILE = "occupationSkillRelations.csv"
GROUPS_FILE = "ISCOGroups_en.csv"
SOURCE_FILE = "SOURCE.txt"
REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_ESCO_DIR = REPO_ROOT.parent / "shared" / "data" / "esco"
DEFAULT_CACHE_DIR = REPO_ROOT / "var" / "occupation-index"
ALT_LABELS_IN_TEXT = 6
CACHE_FORMAT = "fairmatch.occupation_index.v1"

ESCO_DIR_MISSING = "no ESCO folder: pass one holding {files} (the default {default} does not exist)"
ESCO_FILE_MISSING = "{folder}: missing {name} (an official ESCO CSV download is needed)"
GROUPS_COLUMNS_MISSING = "{path}: not an ESCO ISCO groups CSV (needs columns code, preferredLabel)"
NO_OCCUPATIONS = "{source}: no occupations with an ISCO group"
_VERSION = re.compile(r"ESCO\s+v?(\d+(?:\.\d+)+)", re.IGNORECASE)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

FloatArray = npt.NDArray[np.float32]


class TextEncoder(Protocol):
    """Anything that turns texts into L2-normalised vectors (``matching.core.encoding.encoder``)."""

    @property
    def model_id(self) -> str: ...

    def encode(self, texts: Sequence[str]) -> FloatArray: ...


@dataclass(frozen=True, slots=True)
class OccupationTaxonomy:
    """ESCO occupations with ISCO unit groups, their skill links and ISCO group titles."""

    version: str
    occupations: tuple[EscoOccupation, ...]
    relations: tuple[OccupationSkillRelation, ...]
    group_labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class OccupationIndex:
    """Everything occupation inference reads, row ``i`` of each array being occupation ``i``."""

    version: str
    model_id: str
    uris: tuple[str, ...]
    labels: tuple[str, ...]
    isco_codes: tuple[str, ...]
    vectors: FloatArray
    label_vectors: FloatArray
    domain_matrix: npt.NDArray[np.float64]
    skills: SkillVotes
    titles: TitleLexicon
    group_labels: dict[str, str]

    def __len__(self) -> int:
        return len(self.uris)

    def group_label(self, code: str) -> str:
        """The ISCO group's title, or the code itself when the taxonomy lacks it."""
        return self.group_labels.get(code, code)


def locate_esco_dir(folder: Path | None = None) -> Path:
    """The ESCO CSV folder: ``folder`` when given, else ``../shared/data/esco`` beside the repo.

    Raises:
        FileNotFoundError: When the folder or one of its CSVs is missing.
    """
    chosen = Path(folder) if folder is not None else DEFAULT_ESCO_DIR
    if folder is None and not chosen.is_dir():
        names = ", ".join((OCCUPATIONS_FILE, RELATIONS_FILE, GROUPS_FILE))
        raise FileNotFoundError(ESCO_DIR_MISSING.format(files=names, default=chosen))
    for name in (OCCUPATIONS_FILE, RELATIONS_FILE):
        if not (chosen / name).is_file():
            raise FileNotFoundError(ESCO_FILE_MISSING.format(folder=chosen, name=name))
    return chosen


def esco_version(folder: Path) -> str:
    """``esco-<release>-<digest>``: the release named in SOURCE.txt and a digest of the CSVs."""
    digest = hashlib.sha256()
    for name in (OCCUPATIONS_FILE, RELATIONS_FILE, GROUPS_FILE):
        path = folder / name
        if path.is_file():
            digest.update(path.read_bytes())
    source = folder / SOURCE_FILE
    match = _VERSION.search(source.read_text(encoding="utf-8")) if source.is_file() else None
    return f"esco-{match.group(1) if match else 'unknown'}-{digest.hexdigest()[:10]}"


def read_isco_groups(path: Path) -> dict[str, str]:
    """ISCO code -> title from ``ISCOGroups_en.csv`` (empty when the file is absent)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if not {"code", "preferredLabel"} <= set(reader.fieldnames or ()):
            raise ValueError(GROUPS_COLUMNS_MISSING.format(path=path))
        return {row["code"].strip(): row["preferredLabel"].strip() for row in reader}


def read_esco_folder(folder: Path | None = None) -> OccupationTaxonomy:
    """Read the occupations, relations and ISCO groups of an official ESCO CSV folder.

    Occupations without a valid four-digit ISCO unit group are left out.

    Raises:
        FileNotFoundError: When the folder or a CSV is missing.
        ValueError: When a CSV lacks the ESCO columns or holds no usable occupation.
    """
    root = locate_esco_dir(folder)
    occupations = tuple(
        occupation
        for occupation in read_occupations(root / OCCUPATIONS_FILE)
        if len(occupation.isco_group) == 4 and occupation.isco_group.isdigit()
    )
    if not occupations:
        raise ValueError(NO_OCCUPATIONS.format(source=root / OCCUPATIONS_FILE))
    return OccupationTaxonomy(
        version=esco_version(root),
        occupations=occupations,
        relations=read_relations(root / RELATIONS_FILE),
        group_labels=read_isco_groups(root / GROUPS_FILE),
    )


def occupation_text(occupation: EscoOccupation) -> str:
    """The text encoded for an occupation: its label, a few alternative labels, its description."""
    alternatives = ", ".join(occupation.alt_labels[:ALT_LABELS_IN_TEXT])
    parts = [occupation.label, alternatives, occupation.description]
    return ". ".join(part.strip().rstrip(".") for part in parts if part.strip()) + "."


def cache_path(cache_dir: Path, version: str, model_id: str) -> Path:
    """``<cache_dir>/<version>-<model id made file-safe>.npz``."""
    return Path(cache_dir) / f"{version}-{_UNSAFE.sub('_', model_id).strip('_')}.npz"


def _load_cached(path: Path, uris: tuple[str, ...]) -> tuple[FloatArray, FloatArray] | None:
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        if str(data["format"]) != CACHE_FORMAT or tuple(data["uris"].tolist()) != uris:
            return None
        return data["vectors"].astype(np.float32), data["label_vectors"].astype(np.float32)


def _save_cache(path: Path, uris: tuple[str, ...], vectors: FloatArray, labels: FloatArray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.npz")
    np.savez_compressed(
        partial,
        format=np.array(CACHE_FORMAT),
        uris=np.array(uris),
        vectors=vectors.astype(np.float16),
        label_vectors=labels.astype(np.float16),
    )
    partial.replace(path)


def _normalise_rows(matrix: FloatArray) -> FloatArray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return (matrix / np.where(norms == 0, 1.0, norms)).astype(np.float32)


def build_occupation_index(
    taxonomy: OccupationTaxonomy,
    encoder: TextEncoder,
    *,
    cache_dir: Path | None = DEFAULT_CACHE_DIR,
) -> OccupationIndex:
    """Index ``taxonomy`` for inference, encoding occupation texts once per version and model.

    Args:
        taxonomy: From ``read_esco_folder`` (or built in code for tests).
        encoder: The sentence encoder the document passages will be encoded with.
        cache_dir: Where the vectors are cached; ``None`` encodes every time.
    """
    occupations = taxonomy.occupations
    uris = tuple(occupation.uri for occupation in occupations)
    path = cache_path(cache_dir, taxonomy.version, encoder.model_id) if cache_dir else None
    cached = _load_cached(path, uris) if path is not None else None
    if cached is None:
        vectors = encoder.encode([occupation_text(occupation) for occupation in occupations])
        labels = encoder.encode([occupation.label for occupation in occupations])
        if path is not None:
            _save_cache(path, uris, vectors, labels)
    else:
        vectors, labels = cached
    codes = tuple(occupation.isco_group for occupation in occupations)
    return OccupationIndex(
        version=taxonomy.version,
        model_id=encoder.model_id,
        uris=uris,
        labels=tuple(occupation.label for occupation in occupations),
        isco_codes=codes,
        vectors=_normalise_rows(np.asarray(vectors, dtype=np.float32)),
        label_vectors=_normalise_rows(np.asarray(labels, dtype=np.float32)),
        domain_matrix=isco_domain_matrix(codes),
        skills=build_skill_votes(uris, taxonomy.relations),
        titles=build_title_lexicon(occupations),
        group_labels=dict(taxonomy.group_labels),
    )
