"""Audit-study counterfactuals: re-score CVs under other names, pronouns and titles."""

import importlib
import json
import sys
from argparse import ArgumentParser
from typing import Any, Final

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from fairness.core.counterfactual import NAMES, CounterfactualSummary, summarise_deltas
from fairness.core.counterfactual_audit import (
    Scorer,
    TextRecord,
    deltas_from_scores,
    plan_counterfactual_pairs,
    read_text_records,
    score_in_batches,
)
from fairness.selectors import open_vacancy_texts
from fairness.services import json_safe

SCORER_MODULE: Final = "matching.services.scoring"
SCORER_FUNCTION: Final = "score_texts"
ERROR_NO_SCORER: Final = (
    "the matching scorer matching.services.scoring.score_texts is not available ({error})"
)
ERROR_NO_JOBS: Final = "no jobs to score against: pass --jobs FILE or open a vacancy"
ERROR_LIMIT: Final = "{option} must be at least 1, got {value}"
ERROR_SWAPS: Final = "unknown --swaps group {swap!r}; choose from {choices}"


def load_scorer() -> Scorer:
    """Import the matching engine's ``score_texts`` or fail with a one-line error."""
    try:
        module = importlib.import_module(SCORER_MODULE)
        scorer: Scorer = getattr(module, SCORER_FUNCTION)
    except (ImportError, AttributeError) as error:
        raise CommandError(ERROR_NO_SCORER.format(error=str(error).splitlines()[0])) from error
    return scorer


class Command(BaseCommand):
    help = (
        "Give each CV a name line from every gender and origin group (or swap its own), swap "
        "pronouns and gendered titles, re-score against each job and report the score changes."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        """A parser whose errors are one line: no usage block before the message."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.print_usage = lambda file=None: None  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--resumes", required=True, help='JSONL {"id", "text"} per CV')
        parser.add_argument("--jobs", help='JSONL {"id", "text"} per job (default: open vacancies)')
        parser.add_argument("--limit", type=int, help="audit only the first N CVs")
        parser.add_argument("--job-limit", type=int, help="score against only the first N jobs")
        parser.add_argument("--swaps", help="comma-separated groups, e.g. african_female")
        parser.add_argument("--batch-size", type=int, default=256, help="pairs per scorer call")
        parser.add_argument(
            "--max-mean-abs-delta",
            type=float,
            help="flag when the mean absolute change exceeds this (default: setting)",
        )
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        for option in ("limit", "job_limit", "batch_size"):
            if options[option] is not None and options[option] < 1:
                name = "--" + option.replace("_", "-")
                raise CommandError(ERROR_LIMIT.format(option=name, value=options[option]))
        swaps = _swaps(options["swaps"])
        resumes = _read(options["resumes"], kind="resumes")[: options["limit"]]
        jobs = _jobs(options["jobs"])[: options["job_limit"]]
        scorer = load_scorer()
        plan = plan_counterfactual_pairs(resumes, jobs, swaps=swaps)
        with tqdm(
            total=len(plan.resume_texts), unit="pair", file=sys.stderr, disable=None
        ) as progress:
            try:
                scores = score_in_batches(
                    scorer,
                    plan,
                    batch_size=options["batch_size"],
                    on_progress=lambda done, _: progress.update(done - progress.n),
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
        limit = options["max_mean_abs_delta"]
        if limit is None:
            limit = settings.FAIRNESS_COUNTERFACTUAL_MAX_MEAN_DELTA
        summary = summarise_deltas(deltas_from_scores(plan, scores), max_mean_abs_delta=limit)
        if options["json"]:
            self.stdout.write(json.dumps(json_safe(summary.to_dict()), allow_nan=False))
        else:
            self.stdout.write(_render(summary))


def _swaps(value: str | None) -> list[str] | None:
    swaps = [swap.strip() for swap in (value or "").split(",") if swap.strip()]
    for swap in swaps:
        if swap not in NAMES:
            raise CommandError(ERROR_SWAPS.format(swap=swap, choices=", ".join(NAMES)))
    return swaps or None


def _read(path: str, *, kind: str) -> tuple[TextRecord, ...]:
    try:
        return read_text_records(path, kind=kind)
    except ValueError as error:
        raise CommandError(str(error)) from error


def _jobs(path: str | None) -> tuple[TextRecord, ...]:
    if path:
        return _read(path, kind="jobs")
    jobs = tuple(TextRecord(id=str(pk), text=text) for pk, text in open_vacancy_texts())
    if not jobs:
        raise CommandError(ERROR_NO_JOBS)
    return jobs


def _render(summary: CounterfactualSummary) -> str:
    lines = [
        f"pairs scored: {summary.n} (text changed: {summary.n_changed})",
        f"mean |delta| {summary.mean_abs_delta:.3f}, p95 {summary.p95_abs_delta:.3f}, "
        f"max {summary.max_abs_delta:.3f} score points (0-100)",
        f"{'group':<18}{'n':>7}{'mean delta':>12}{'mean |delta|':>14}{'max |delta|':>13}",
    ]
    for swap, group in summary.by_swap.items():
        lines.append(
            f"{swap:<18}{group.n:>7}{group.mean_delta:>12.3f}"
            f"{group.mean_abs_delta:>14.3f}{group.max_abs_delta:>13.3f}"
        )
    verdict = "FLAGGED" if summary.is_flagged else "within"
    lines.append(f"{verdict}: limit on mean |delta| is {summary.max_mean_abs_delta}")
    return "\n".join(lines)
