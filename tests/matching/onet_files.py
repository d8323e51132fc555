"""Tiny O*NET title folders for tests: only the columns ``load_onet_title_index`` reads."""

from pathlib import Path

from matching.core.occupations.onet_titles import ALTERNATE_FILE, OCCUPATIONS_FILE


def write_onet_folder(folder: Path, titles: dict[str, str]) -> Path:
    """Write ``title -> SOC code`` rows as O*NET alternate titles (plus one occupation row)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / OCCUPATIONS_FILE).write_text(
        "O*NET-SOC Code\tTitle\tDescription\n15-1252.00\tSoftware Developers\tWrite software.\n",
        encoding="utf-8",
    )
    rows = "".join(f"{code}\t{title}\tn/a\t08\n" for title, code in titles.items())
    (folder / ALTERNATE_FILE).write_text(
        "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)\n" + rows, encoding="utf-8"
    )
    return folder
