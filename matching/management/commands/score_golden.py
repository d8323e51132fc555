"""`manage.py score_golden --scorer-version VERSION`: regenerate the golden scores.

The golden file (``tests/matching/golden/ats_score_golden.json``) pins the shipped score's
outputs on a few real pairs; it changes only when the score does, so the command asks for the
new version by name and refuses any other than the one that ships.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from matching.services.score_golden import (
    EVAL_DIR,
    GOLDEN_PATH,
    score_golden_compute,
    score_golden_write,
    shipped_scorer_version,
)

WRONG_VERSION = (
    "--scorer-version {given!r} is not the shipped score's version {shipped!r} "
    "(matching/weights/ats_score.json): the golden file is made with the score that ships."
)
NO_EVAL_DATA = "{path} is absent: the golden pairs are read from ../shared/data/eval in place."


class Command(BaseCommand):
    help = "Regenerate the golden scores of the shipped additive score (states its version)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scorer-version", required=True, help="the shipped score's version, stated"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        shipped = shipped_scorer_version()
        if options["scorer_version"] != shipped:
            raise CommandError(
                WRONG_VERSION.format(given=options["scorer_version"], shipped=shipped)
            )
        if not (EVAL_DIR / "resumes.jsonl").is_file():
            raise CommandError(NO_EVAL_DATA.format(path=EVAL_DIR))
        payload = score_golden_compute()
        score_golden_write(payload)
        self.stdout.write(
            f"scorer version {shipped}: {len(payload['pairs'])} golden pairs written to "
            f"{GOLDEN_PATH}"
        )
