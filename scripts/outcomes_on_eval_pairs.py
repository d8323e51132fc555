"""Run `evaluate_outcomes` on real labelled data loaded into a fresh database.

Each pair of `../shared/data/eval/pairs.jsonl` from the held-out jobs (the project-wide job
split, `matching.core.evaluation.splits.held_out_groups`) becomes an application with a
recruiter's outcome: label 2 (same occupation) hired, 1 (same domain) talent pool, 0 rejected.
Vacancies carry the posting, candidates a parsed CV document, as uploads would. The database is
a throw-away SQLite file in a temporary var dir, never the product's.

    python scripts/outcomes_on_eval_pairs.py [--pairs F] [--all-jobs]
"""

import argparse
import hashlib
import json
import os
import sys
import tempfile
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PAIRS = ROOT.parent / "shared" / "data" / "eval" / "pairs.jsonl"
STATUS_OF_LABEL = {2: "hired", 1: "talent_pool", 0: "rejected"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--all-jobs", action="store_true", help="every job, not only held-out")
    args = parser.parse_args()
    if not args.pairs.is_file():
        print(f"{args.pairs}: not found (the shared data is absent); nothing run", file=sys.stderr)
        return 1
    os.environ["FAIRMATCH_VAR_DIR"] = tempfile.mkdtemp(prefix="fairmatch-outcomes-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ats_site.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from matching.core.evaluation.evaluation import read_pairs
    from matching.core.evaluation.splits import held_out_groups

    call_command("migrate", verbosity=0)
    call_command("import_esco", verbosity=0, stdout=StringIO(), stderr=StringIO())
    pairs = read_pairs(args.pairs)
    if not args.all_jobs:
        kept = held_out_groups([pair.job_id for pair in pairs])
        pairs = [pair for pair in pairs if pair.job_id in kept]
    _load(pairs)
    report = {}
    for flag in ("", "--three-class"):
        out = StringIO()
        call_command("evaluate_outcomes", "--json", *([flag] if flag else []), stdout=out)
        report[flag or "binary"] = json.loads(out.getvalue())
    for name, result in report.items():
        result.pop("vacancies")
        print(name, json.dumps(result, indent=1))
    return 0


def _load(pairs) -> None:  # type: ignore[no-untyped-def]
    from candidates.extraction.profile import parse_profile
    from candidates.models import Candidate, CandidateDocument
    from matching.taxonomy.selectors import skill_matcher_get
    from vacancies.models import Application, Vacancy

    vacancies: dict[str, Vacancy] = {}
    candidates: dict[str, Candidate] = {}
    applications = []
    for pair in pairs:
        if pair.job_id not in vacancies:
            title = pair.job.split("\n", 1)[0][:200]
            vacancies[pair.job_id] = Vacancy.objects.create(
                title=title, description=pair.job, external_id=pair.job_id, status="open"
            )
        resume_id = pair.id.rsplit("-", 1)[-1]
        if resume_id not in candidates:
            candidate = Candidate.objects.create(
                first_name="Eval", last_name=resume_id, email=f"{resume_id}@eval.example"
            )
            CandidateDocument.objects.create(
                candidate=candidate,
                file=f"eval/{resume_id}.txt",
                original_name=f"{resume_id}.txt",
                content_type="text/plain",
                size=len(pair.resume),
                sha256=hashlib.sha256(pair.resume.encode()).hexdigest(),
                extracted_text=pair.resume,
                profile=parse_profile(
                    pair.resume,
                    skill_extractor=lambda text: [
                        match.label for match in skill_matcher_get().extract(text)
                    ],
                ).to_dict(),
                parse_status="parsed",
            )
            candidates[resume_id] = candidate
        applications.append(
            Application(
                candidate=candidates[resume_id],
                vacancy=vacancies[pair.job_id],
                status=STATUS_OF_LABEL[int(pair.label)],
            )
        )
    Application.objects.bulk_create(applications)
    print(
        f"loaded {len(applications)} applications, {len(vacancies)} vacancies, "
        f"{len(candidates)} candidates",
        file=sys.stderr,
    )


if __name__ == "__main__":
    sys.exit(main())
