"""Options and provenance the training commands share (model card folder, O*NET titles)."""

import hashlib
from pathlib import Path

from django.core.management.base import CommandParser


def add_card_dir_argument(parser: CommandParser) -> None:
    """``--card-dir DIR``: where a command writes its model card, report and plots."""
    parser.add_argument(
        "--card-dir", type=Path, help="write model_card.md, report.json and plots here"
    )


def add_no_onet_titles_argument(parser: CommandParser) -> None:
    """``--no-onet-titles``: job domains without the O*NET title lookup."""
    parser.add_argument(
        "--no-onet-titles",
        action="store_true",
        help="build job domains without the O*NET title lookup (MATCHING_ONET_DIR)",
    )


def file_digest(path: Path) -> str:
    """First 12 hex digits of the file's SHA-256: which data a model was trained on."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
