"""`manage.py import_vacancies FILE [--json]`: bulk import from JSONL or CSV."""

import json
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ats_site.common.tabular import TabularFileError, read_records, row_errors_text
from vacancies.imports import vacancies_import


class Command(BaseCommand):
    help = "Import vacancies from a JSONL or CSV file (idempotent on external_id)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="print counts and errors as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        try:
            records = list(read_records(options["file"]))
        except TabularFileError as error:
            raise CommandError(str(error)) from error
        report = vacancies_import(records=records)
        payload = {**asdict(report), "seconds": round(time.monotonic() - started, 2)}
        if options["json"]:
            self.stdout.write(json.dumps(payload))
            return
        self.stdout.write(
            f"{report.created} created, {report.updated} updated, "
            f"{len(report.errors)} rows with errors"
        )
        for line in row_errors_text(report.errors):
            self.stdout.write(line)
