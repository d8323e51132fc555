"""`manage.py import_candidates FILE [--json] [--async] [--workers N]`: bulk onboarding."""

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from ats_site.common.tabular import TabularFileError, read_records, row_errors_text
from candidates.services.imports import candidates_import


class Command(BaseCommand):
    help = "Import candidates (and their CVs: cv_path or cv_text) from a JSONL or CSV file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="print counts and errors as JSON")
        parser.add_argument(
            "--async", dest="enqueue", action="store_true", help="extract CVs in the worker"
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="processes reading the CVs (default: FAIRMATCH_EXTRACTION_WORKERS, else one "
            "per CPU); 1 reads them one after the other in this process",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            records = list(read_records(options["file"]))
        except TabularFileError as error:
            raise CommandError(str(error)) from error
        with (
            tqdm(total=len(records), unit="row", file=sys.stderr) as rows,
            tqdm(desc="CVs", unit="CV", file=sys.stderr, disable=options["enqueue"]) as cvs,
        ):
            report = candidates_import(
                records=records,
                base_dir=options["file"].resolve().parent,
                enqueue_extraction=options["enqueue"],
                workers=options["workers"],
                on_row=rows.update,
                on_document=cvs.update,
            )
        payload = {**asdict(report), "seconds": round(time.monotonic() - started, 2)}
        if options["json"]:
            self.stdout.write(json.dumps(payload))
            return
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, {report.documents} CVs "
            f"({report.documents_failed} unreadable), {len(report.errors)} rows with errors"
        )
        for line in row_errors_text(report.errors):
            self.stdout.write(line)
