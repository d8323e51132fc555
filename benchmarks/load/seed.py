"""Seed a load-test database through FairMatch's own services, and write a manifest for locust.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fairmatch_load \
        python benchmarks/load/seed.py --manifest var/load/manifest.json \
        [--vacancies 20] [--applications 50] [--spare 300] [--recruiters 10]

Creates recruiter logins (`user_create`), open vacancies (`vacancy_create`, from the demo role
templates), candidates with plain-text CVs (`candidates_import`: upload, extraction and parsing in
this process), `--applications` applications per vacancy (`application_create`, some moved along
the pipeline with `application_move`) and stores their explained scores (a scoring run's batches,
run in this process as `score_applications` does without a worker). `--spare` candidates apply
nowhere: the load test's POSTs pair them with vacancies, so no create is ever a duplicate.

Meant for a freshly migrated database, optionally with `seed_demo`'s rows (`benchmarks/load/run.sh`
drops and recreates it first).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats_site.settings.base")

import django  # noqa: E402

django.setup()

from ats_site.accounts.models import Role, User  # noqa: E402
from ats_site.accounts.services import user_create  # noqa: E402
from ats_site.demo_content import (  # noqa: E402
    CITIES,
    ORGANISATIONS,
    REGIONS,
    ROLES,
    VACANCY_TEMPLATE,
    RoleTemplate,
    cv_text,
)
from candidates.models import Candidate  # noqa: E402
from candidates.services.imports import candidates_import  # noqa: E402
from matching.models import MatchScore  # noqa: E402
from matching.services.batches import scoring_batch_run  # noqa: E402
from matching.services.runs import scoring_run_start  # noqa: E402
from vacancies.models import Application, Vacancy  # noqa: E402
from vacancies.services import application_create, application_move, vacancy_create  # noqa: E402
from vacancies.workflow import ApplicationStatus  # noqa: E402

RECRUITER_PASSWORD = "load-recruiter-pass"  # noqa: S105 - a throwaway load-test database
S = ApplicationStatus
# Legal paths from "new"; applications cycle through them so the pipeline is not all "new".
STATUS_PATHS: list[list[ApplicationStatus]] = [
    [],
    [],
    [S.SCREENING],
    [S.SCREENING, S.INTERVIEW],
    [S.REJECTED],
    [S.SCREENING, S.TALENT_POOL],
]
FIRST_NAMES = ["Camille", "Léa", "Hugo", "Yasmine", "Karim", "Inès", "Lucas", "Aïcha", "Jules"]
LAST_NAMES = ["Martin", "Bernard", "Haddad", "Diallo", "Moreau", "Benali", "Rossi", "Nguyen"]


def _vacancy_fields(template: RoleTemplate, index: int, rng: random.Random) -> dict[str, Any]:
    region = REGIONS[index % len(REGIONS)]
    organisation = ORGANISATIONS[index % len(ORGANISATIONS)]
    minimum = rng.choice([0, 2, 3, 5])
    description = VACANCY_TEMPLATE.format(
        organisation=organisation,
        title=template["title"],
        department=template["department"],
        city=CITIES[region],
        duties="\n".join(f"- {duty.capitalize()}." for duty in template["duties"]),
        required=", ".join(template["required"]),
        preferred=", ".join(template["preferred"]),
        keywords=", ".join(template["keywords"]),
    )
    return {
        "organisation": organisation,
        "department": template["department"],
        "description": description,
        "required_skills": template["required"],
        "preferred_skills": template["preferred"],
        "keywords": template["keywords"],
        "seniority": ["junior", "mid", "mid", "senior"][minimum % 4],
        "experience_min_years": minimum,
        "experience_max_years": minimum + 5,
        "location": CITIES[region],
        "region": region,
        "status": Vacancy.Status.OPEN,
        "external_id": f"load-vacancy-{index}",
    }


def _candidate_record(index: int, template: RoleTemplate, rng: random.Random) -> dict[str, Any]:
    email = f"load.candidate{index}@fairmatch.example"
    region = rng.choice(REGIONS)
    return {
        "email": email,
        "first_name": FIRST_NAMES[index % len(FIRST_NAMES)],
        "last_name": LAST_NAMES[(index * 7) % len(LAST_NAMES)],
        "city": CITIES[region],
        "region": region,
        "mobility_regions": rng.sample(REGIONS, k=2),
        "headline": template["title"],
        "cv_text": cv_text(rng, template, email),
    }


def seed(
    *, vacancies: int, applications: int, spare: int, recruiters: int, rng: random.Random
) -> dict[str, Any]:
    """Create the rows; returns the manifest (logins and ids) the locustfile reads."""
    timings: dict[str, float] = {}
    started = time.monotonic()
    users = [
        user_create(
            username=f"load_recruiter_{n}",
            password=RECRUITER_PASSWORD,
            role=Role.RECRUITER,
            email=f"load_recruiter_{n}@fairmatch.example",
        )
        for n in range(recruiters)
    ]
    created_vacancies = [
        vacancy_create(
            owner=users[index % len(users)],
            title=ROLES[index % len(ROLES)]["title"],
            **_vacancy_fields(ROLES[index % len(ROLES)], index, rng),
        )
        for index in range(vacancies)
    ]
    # Most applicants fit the vacancy's role; a third come from any role (a realistic mix).
    templates = [
        ROLES[(index // applications) % len(ROLES)] if rng.random() < 0.67 else rng.choice(ROLES)
        for index in range(vacancies * applications)
    ]
    templates += [rng.choice(ROLES) for _ in range(spare)]
    records = [(n, _candidate_record(n, t, rng)) for n, t in enumerate(templates, start=1)]
    report = candidates_import(records=records, base_dir=REPO_ROOT, enqueue_extraction=False)
    if report.errors or report.documents_failed:
        raise SystemExit(f"candidate import failed: {report.errors[:3]}")
    timings["candidates_s"] = round(time.monotonic() - started, 1)
    by_email = dict(Candidate.objects.values_list("email", "pk"))
    candidate_ids = [by_email[record["email"]] for _, record in records]
    application_ids: list[int] = []
    for index, candidate_id in enumerate(candidate_ids[: vacancies * applications]):
        vacancy = created_vacancies[index // applications]
        recruiter = users[(index // applications) % len(users)]
        application = application_create(
            candidate=Candidate.objects.get(pk=candidate_id), vacancy=vacancy, created_by=recruiter
        )
        for step in STATUS_PATHS[index % len(STATUS_PATHS)]:
            application_move(application=application, to_status=step, moved_by=recruiter)
        application_ids.append(application.pk)
    scoring_started = time.monotonic()
    run = scoring_run_start(requested_by=users[0])
    for batch_id in run.batches.order_by("index").values_list("pk", flat=True):
        scoring_batch_run(batch_id=batch_id)
    timings["scoring_s"] = round(time.monotonic() - scoring_started, 1)
    timings["total_s"] = round(time.monotonic() - started, 1)
    counts = {
        "recruiters": User.objects.filter(username__startswith="load_recruiter_").count(),
        "vacancies": Vacancy.objects.count(),
        "candidates": Candidate.objects.count(),
        "applications": Application.objects.count(),
        "match_scores": MatchScore.objects.count(),
    }
    return {
        "counts": counts,
        "timings": timings,
        "password": RECRUITER_PASSWORD,
        "recruiters": [user.username for user in users],
        "vacancy_ids": [vacancy.pk for vacancy in created_vacancies],
        "application_ids": application_ids,
        "spare_candidate_ids": candidate_ids[vacancies * applications :],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--vacancies", type=int, default=20)
    parser.add_argument("--applications", type=int, default=50, help="per vacancy")
    parser.add_argument("--spare", type=int, default=300, help="candidates with no application")
    parser.add_argument("--recruiters", type=int, default=10)
    parser.add_argument("--seed", type=int, default=20261125)
    args = parser.parse_args(argv)
    if Vacancy.objects.filter(external_id__startswith="load-vacancy-").exists():
        print("this database is already seeded (run.sh recreates it)", file=sys.stderr)
        return 2
    manifest = seed(
        vacancies=args.vacancies,
        applications=args.applications,
        spare=args.spare,
        recruiters=max(1, args.recruiters),
        rng=random.Random(args.seed),
    )
    args.manifest.parent.mkdir(parents=True, exist_ok=True)
    args.manifest.write_text(json.dumps(manifest))
    print(json.dumps({"counts": manifest["counts"], "timings": manifest["timings"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
