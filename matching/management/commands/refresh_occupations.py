"""`manage.py refresh_occupations [--enqueue] [--json]`: read stale occupation readings again.

Stale: a candidate's scored CV or a vacancy without a reading, with one of another occupation
engine version (ESCO release, encoder, weights), or older than its text. Read in this process
with a progress bar, or with ``--enqueue`` sent to the worker (queue "gpu").
"""

import json
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from matching.services.occupation_jobs import occupations_refresh


class Command(BaseCommand):
    help = "Read the ESCO occupations of CVs and vacancies whose reading is missing or stale."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enqueue", action="store_true", help="send to the worker instead")
        parser.add_argument("--json", action="store_true", help="print counts as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with tqdm(total=0, unit="reading", file=sys.stderr, disable=options["json"]) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.n = done
                bar.refresh()

            result = occupations_refresh(enqueue=options["enqueue"], on_progress=progress)
        payload = {
            "engine_version": result.engine_version,
            "candidates": result.candidates,
            "vacancies": result.vacancies,
            "enqueued": result.enqueued,
            "seconds": round(time.monotonic() - started, 2),
        }
        if options["json"]:
            self.stdout.write(json.dumps(payload))
        else:
            action = "enqueued" if result.enqueued else "read"
            self.stdout.write(
                f"{result.candidates} candidates and {result.vacancies} vacancies {action} "
                f"({result.engine_version})"
            )
