"""`manage.py score_applications [--vacancy ID] [--json]`: (re)score through Celery.

Enqueues one task per batch and follows the run with a progress bar. When no worker has
started the run after `--start-timeout` seconds, the remaining batches are scored in this
process (batches are idempotent, so a late worker simply finds them done).
"""

import json
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from matching.models import ScoringBatch, ScoringRun
from matching.services.batches import scoring_batch_run
from matching.services.runs import scoring_run_start
from vacancies.models import Vacancy

VACANCY_NOT_FOUND = "No vacancy with id {id}."


class Command(BaseCommand):
    help = "Re-score applications (all, or one vacancy's) through Celery, showing progress."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--vacancy", type=int, help="only this vacancy's applications")
        parser.add_argument("--json", action="store_true", help="print counts as JSON")
        parser.add_argument("--no-wait", action="store_true", help="enqueue and return")
        parser.add_argument("--start-timeout", type=float, default=20.0)
        parser.add_argument("--timeout", type=float, default=3600.0)

    def handle(self, *args: Any, **options: Any) -> None:
        vacancy = None
        if options["vacancy"] is not None:
            vacancy = Vacancy.objects.filter(pk=options["vacancy"]).first()
            if vacancy is None:
                raise CommandError(VACANCY_NOT_FOUND.format(id=options["vacancy"]))
        started = time.monotonic()
        run = scoring_run_start(vacancy=vacancy)
        if not options["no_wait"]:
            self._follow(run, options["start_timeout"], options["timeout"])
        run.refresh_from_db()
        payload = {
            "run": run.pk,
            "status": run.status,
            "applications": run.total,
            "scored": run.done,
            "batches": run.batches_total,
            "model_version": run.model_version,
            "seconds": round(time.monotonic() - started, 2),
        }
        if options["json"]:
            self.stdout.write(json.dumps(payload))
        else:
            self.stdout.write(
                f"Run #{run.pk}: {run.done}/{run.total} applications scored ({run.status})"
            )

    def _follow(self, run: ScoringRun, start_timeout: float, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        start_deadline = time.monotonic() + start_timeout
        with tqdm(total=run.total, unit="application", file=sys.stderr) as bar:
            while time.monotonic() < deadline:
                run.refresh_from_db()
                bar.n = run.done
                bar.refresh()
                if run.batches_done >= run.batches_total:
                    return
                if run.status == ScoringRun.Status.PENDING and time.monotonic() > start_deadline:
                    self.stderr.write("No worker started the run; scoring in this process.")
                    self._score_here(run, bar)
                    return
                time.sleep(0.5)
        raise CommandError(f"Run #{run.pk} did not finish within {timeout:.0f} s.")

    def _score_here(self, run: ScoringRun, bar: "tqdm[Any]") -> None:
        pending = run.batches.exclude(status=ScoringBatch.Status.DONE).values_list("pk", flat=True)
        for batch_id in list(pending):
            scoring_batch_run(batch_id=batch_id)
            run.refresh_from_db()
            bar.n = run.done
            bar.refresh()
