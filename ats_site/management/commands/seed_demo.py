"""`manage.py seed_demo [--json]`: demo data on the current database and one login per role."""

import json
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ats_site.demo import demo_seed


class Command(BaseCommand):
    help = "Create demo vacancies, candidates, applications and one login per role."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print counts and logins as JSON")
        parser.add_argument("--candidates", type=int, default=60, help="demo candidates to create")

    def handle(self, *args: Any, **options: Any) -> None:
        result = demo_seed(candidates_count=options["candidates"])
        payload = {"counts": result.counts, "logins": [asdict(login) for login in result.logins]}
        if options["json"]:
            self.stdout.write(json.dumps(payload))
            return
        self.stdout.write(
            "Demo data ready: " + ", ".join(f"{v} {k}" for k, v in result.counts.items())
        )
        self.stdout.write("Demo logins:")
        for login in result.logins:
            self.stdout.write(f"  {login.role:<11} {login.username:<16} {login.password}")
