"""Shared by ``evaluate_domains`` and ``evaluate_occupations``: input checks and batched reading."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import CommandError, OutputWrapper
from tqdm import tqdm

from matching.core.occupations.profile import OccupationProfile
from matching.core.occupations.reader import OccupationReader, read_documents
from matching.services.occupation_reader import build_reader, occupation_reader_get

FILE_MISSING = "{path}: no such file"
TAXONOMY_UNUSABLE = "the ESCO taxonomy cannot be read: {reason}"
BATCH = 16


def check_files(*paths: Path | None) -> None:
    """Stop with a one-line error naming the first given path that is not a file."""
    for path in paths:
        if path is not None and not path.is_file():
            raise CommandError(FILE_MISSING.format(path=path))


def reader_for(classifier_path: Path | None) -> OccupationReader:
    """The process-wide reader, or one with another domain classifier file."""
    try:
        if classifier_path is None:
            return occupation_reader_get()
        return build_reader(classifier_path=classifier_path)
    except (OSError, ValueError) as error:
        raise CommandError(TAXONOMY_UNUSABLE.format(reason=error)) from None


def read_profiles(
    reader: OccupationReader,
    texts: list[str],
    stderr: OutputWrapper,
    titles: list[str | None] | None = None,
) -> list[OccupationProfile]:
    """Every text's profile, read in batches of ``BATCH`` with a progress bar on ``stderr``."""
    chosen = titles if titles is not None else [None] * len(texts)
    profiles: list[OccupationProfile] = []
    with tqdm(total=len(texts), desc="reading", disable=None, file=stderr) as bar:
        for start in range(0, len(texts), BATCH):
            batch = slice(start, start + BATCH)
            profiles += read_documents(texts[batch], reader=reader, titles=chosen[batch])
            bar.update(len(texts[batch]))
    return profiles
