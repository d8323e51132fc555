"""Build the compact ESCO copy shipped in matching/taxonomy/data/esco from the official CSVs.

Keeps only the columns FairMatch reads (values byte-for-byte as in the official files, under
the official column names), xz-compresses each file and writes MANIFEST.json (release, rows,
columns, sha256 of each uncompressed CSV) and ATTRIBUTION.md. Deterministic: the same input
gives the same bytes.

    .venv/bin/python scripts/build_esco_package_data.py [--source ../shared/data/esco]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import lzma
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from matching.taxonomy.esco_files import (  # noqa: E402
    ATTRIBUTION,
    GROUPS_FILE,
    MANIFEST_FILE,
    MANIFEST_FORMAT,
    OCCUPATIONS_FILE,
    RELATIONS_FILE,
    SHARED_ESCO_DIR,
    SHIPPED_ESCO_DIR,
    SKILLS_FILE,
    SOURCE_FILE,
)

COLUMNS = {
    SKILLS_FILE: ("conceptUri", "skillType", "preferredLabel", "altLabels", "description"),
    OCCUPATIONS_FILE: (
        "conceptUri",
        "iscoGroup",
        "preferredLabel",
        "altLabels",
        "description",
        "code",
    ),
    RELATIONS_FILE: ("occupationUri", "relationType", "skillUri"),
    GROUPS_FILE: ("conceptUri", "code", "preferredLabel"),
}
_VERSION = re.compile(r"ESCO\s+v?(\d+(?:\.\d+)+)", re.IGNORECASE)
ATTRIBUTION_TEXT = """# ESCO taxonomy (compact copy)

This folder holds a compact copy of the official ESCO classification, English, release
{version}: the columns FairMatch reads from `{files}`, values unchanged, xz-compressed.

Source: {source}

Attribution: **{attribution}**. ESCO is published by the European Commission and may be
reused free of charge with acknowledgement of the source (Commission Decision 2011/833/EU on
the reuse of Commission documents). The European Commission does not endorse FairMatch.

Rebuild with `python scripts/build_esco_package_data.py --source <folder of the official CSVs>`.
"""


def _compact(path: Path, columns: tuple[str, ...]) -> tuple[bytes, int]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in columns if name not in (reader.fieldnames or ())]
        if missing:
            raise SystemExit(f"{path}: missing columns {missing}")
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        rows = 0
        for row in reader:
            writer.writerow([row[name] for name in columns])
            rows += 1
    return buffer.getvalue().encode("utf-8"), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SHARED_ESCO_DIR)
    parser.add_argument("--out", type=Path, default=SHIPPED_ESCO_DIR)
    args = parser.parse_args()
    source_note = (args.source / SOURCE_FILE).read_text(encoding="utf-8")
    match = _VERSION.search(source_note)
    if match is None:
        raise SystemExit(f"{args.source / SOURCE_FILE}: no 'ESCO vX.Y.Z' release line")
    args.out.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, columns in COLUMNS.items():
        data, rows = _compact(args.source / name, columns)
        compressed = lzma.compress(data, preset=9 | lzma.PRESET_EXTREME)
        (args.out / f"{name}.xz").write_bytes(compressed)
        files[name] = {
            "rows": rows,
            "columns": list(columns),
            "sha256": hashlib.sha256(data).hexdigest(),
        }
        print(f"{name}: {rows} rows, {len(data) / 1e6:.1f} MB -> {len(compressed) / 1e6:.2f} MB")
    first_lines = " ".join(line.strip() for line in source_note.splitlines()[:3])
    manifest = {
        "format": MANIFEST_FORMAT,
        "esco_version": match.group(1),
        "source": first_lines,
        "attribution": ATTRIBUTION,
        "files": files,
    }
    (args.out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    (args.out / "ATTRIBUTION.md").write_text(
        ATTRIBUTION_TEXT.format(
            version=match.group(1),
            files="`, `".join(COLUMNS),
            source=first_lines,
            attribution=ATTRIBUTION,
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
