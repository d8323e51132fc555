"""Where the official ESCO CSVs are: one resolver for the import, the web side and the engine.

``official_esco_dir()`` returns a folder holding the official ESCO CSV files under their own
names (``skills_en.csv``, ``occupations_en.csv``, ``occupationSkillRelations.csv``,
``ISCOGroups_en.csv``) plus a ``SOURCE.txt`` naming the release:

1. ``MATCHING_ESCO_DIR`` when set (a folder that lacks the files is an error);
2. else ``../shared/data/esco`` beside the checkout, when it holds the files;
3. else the compact copy shipped in ``matching/taxonomy/data/esco`` (the columns FairMatch
   reads, xz-compressed, built by ``scripts/build_esco_package_data.py``), expanded once into
   ``$FAIRMATCH_VAR_DIR/esco/<release>-<digest>/`` and checked against its manifest.

Pure Python (no Django), so ``matching.core`` callers may use it as well.
ESCO is (c) the European Union, reused with attribution: "ESCO, European Commission".
"""

from __future__ import annotations

import hashlib
import json
import lzma
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SKILLS_FILE = "skills_en.csv"
OCCUPATIONS_FILE = "occupations_en.csv"
RELATIONS_FILE = "occupationSkillRelations.csv"
GROUPS_FILE = "ISCOGroups_en.csv"
SOURCE_FILE = "SOURCE.txt"
REQUIRED_FILES = (SKILLS_FILE, OCCUPATIONS_FILE, RELATIONS_FILE)
PACKAGED_FILES = (*REQUIRED_FILES, GROUPS_FILE)
MANIFEST_FILE = "MANIFEST.json"
MANIFEST_FORMAT = "fairmatch.esco_package.v1"
ATTRIBUTION = "ESCO, European Commission"

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_ESCO_DIR = REPO_ROOT.parent / "shared" / "data" / "esco"
SHIPPED_ESCO_DIR = Path(__file__).resolve().parent / "data" / "esco"
ENV_DIR = "MATCHING_ESCO_DIR"

CONFIGURED_UNUSABLE = "MATCHING_ESCO_DIR={path} cannot be used: missing {names}"
SHIPPED_BROKEN = "{path}: the shipped ESCO copy is damaged ({reason}); reinstall FairMatch"


@dataclass(frozen=True, slots=True)
class EscoFolder:
    """A folder of official ESCO CSVs and where it came from."""

    path: Path
    origin: str  # "configured" | "shared" | "shipped"

    def file(self, name: str) -> Path:
        """One CSV of the folder (``SKILLS_FILE``, ...)."""
        return self.path / name


def _missing(folder: Path) -> list[str]:
    return [name for name in REQUIRED_FILES if not (folder / name).is_file()]


def _var_dir() -> Path:
    configured = os.environ.get("FAIRMATCH_VAR_DIR", "").strip()
    return Path(configured).expanduser() if configured else REPO_ROOT / "var"


def read_manifest(shipped_dir: Path = SHIPPED_ESCO_DIR) -> dict[str, Any]:
    """The shipped copy's manifest (release, files, row counts, sha256 of each CSV).

    Raises:
        FileNotFoundError: When there is no shipped copy.
        ValueError: When the manifest is not FairMatch's.
    """
    manifest = json.loads((shipped_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    if manifest.get("format") != MANIFEST_FORMAT:
        raise ValueError(SHIPPED_BROKEN.format(path=shipped_dir, reason="unknown manifest"))
    return dict(manifest)


def _manifest_digest(shipped_dir: Path) -> str:
    return hashlib.sha256((shipped_dir / MANIFEST_FILE).read_bytes()).hexdigest()[:12]


def _expand(shipped_dir: Path, manifest: dict[str, Any], target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=".partial-", dir=target.parent))
    try:
        for name, meta in manifest["files"].items():
            digest = hashlib.sha256()
            with (
                lzma.open(shipped_dir / f"{name}.xz", "rb") as source,
                (partial / name).open("wb") as sink,
            ):
                while chunk := source.read(1 << 20):
                    digest.update(chunk)
                    sink.write(chunk)
            if digest.hexdigest() != meta["sha256"]:
                raise ValueError(SHIPPED_BROKEN.format(path=shipped_dir, reason=f"{name} sha256"))
        source_text = f"ESCO v{manifest['esco_version']} (English). {manifest['source']}\n"
        (partial / SOURCE_FILE).write_text(source_text, encoding="utf-8")
        try:
            partial.rename(target)
        except OSError:
            if not target.is_dir():  # another process may have finished first
                raise
    finally:
        if partial.exists():
            shutil.rmtree(partial, ignore_errors=True)


def shipped_esco_dir(
    *, shipped_dir: Path = SHIPPED_ESCO_DIR, cache_dir: Path | None = None
) -> Path:
    """The shipped compact copy, expanded (once per release and content) into ``cache_dir``.

    Raises:
        FileNotFoundError: When the shipped copy is absent.
        ValueError: When a file does not match the manifest.
    """
    manifest = read_manifest(shipped_dir)
    root = cache_dir if cache_dir is not None else _var_dir() / "esco"
    target = root / f"esco-{manifest['esco_version']}-{_manifest_digest(shipped_dir)}"
    if _missing(target):
        _expand(shipped_dir, manifest, target)
    return target


def official_esco_folder(
    *,
    configured: str | None = None,
    shared_dir: Path = SHARED_ESCO_DIR,
    shipped_dir: Path = SHIPPED_ESCO_DIR,
    cache_dir: Path | None = None,
) -> EscoFolder:
    """Resolve the ESCO folder: MATCHING_ESCO_DIR, else ``../shared/data/esco``, else shipped.

    Args:
        configured: overrides the ``MATCHING_ESCO_DIR`` environment variable (``""``: unset).
        shared_dir, shipped_dir, cache_dir: overrides for tests.

    Raises:
        FileNotFoundError: When MATCHING_ESCO_DIR is set but lacks a CSV, or nothing is found.
    """
    chosen = os.environ.get(ENV_DIR, "") if configured is None else configured
    if chosen.strip():
        folder = Path(chosen.strip()).expanduser()
        missing = _missing(folder)
        if missing:
            names = ", ".join(missing)
            raise FileNotFoundError(CONFIGURED_UNUSABLE.format(path=folder, names=names))
        return EscoFolder(folder, "configured")
    if shared_dir.is_dir() and not _missing(shared_dir):
        return EscoFolder(shared_dir, "shared")
    return EscoFolder(shipped_esco_dir(shipped_dir=shipped_dir, cache_dir=cache_dir), "shipped")


def official_esco_dir() -> Path:
    """The folder of official ESCO CSVs to read (see ``official_esco_folder``)."""
    return official_esco_folder().path
