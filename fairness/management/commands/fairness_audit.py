"""Fairness audit of FairMatch's own applications, or of any tool's decision log (CSV/JSONL)."""

import json
import sys
from argparse import ArgumentParser
from dataclasses import asdict
from typing import Any, Final

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from ats_site.exceptions import ApplicationError, GroupTooSmall
from fairness.core.audit import decision_log_audit
from fairness.core.decision_log import DecisionLog, DecisionLogError, read_decision_log
from fairness.core.mitigation import CONSTRAINTS, threshold_what_if
from fairness.core.reports import render_attribute_table
from fairness.group_size import min_group_size_resolve
from fairness.models import AuditReport
from fairness.services import (
    DEFAULT_DATABASE_ATTRIBUTES,
    audit_report_create,
    audit_run_database,
    json_safe,
)

ERROR_NO_ATTRIBUTE: Final = "--attribute is required with --decisions (for example race,gender)"
ERROR_MIN_GROUP_SIZE: Final = "--min-group-size must be at least 1, got {value}"
ERROR_SHORTLIST_K: Final = "--shortlist-k must be at least 1, got {value}"
ERROR_BOOTSTRAP: Final = "--bootstrap must be 0 or more, got {value}"
ERROR_WHAT_IF_NEEDS: Final = "--what-if needs --score, --truth and --threshold"
ERROR_LOG_ONLY_OPTION: Final = "{option} applies only to --decisions audits"
WARNING_NOT_STORED: Final = "fairness_audit: report not stored ({error})"


def _attribute_list(value: str | None) -> list[str]:
    return [name.strip() for name in (value or "").split(",") if name.strip()]


class Command(BaseCommand):
    help = (
        "Audit selection rates, impact ratios (four-fifths rule of thumb) and scoring rates per "
        "group and intersection, on FairMatch's applications or on a decision log (--decisions)."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        """A parser whose errors are one line: no usage block before the message."""
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.print_usage = lambda file=None: None  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--decisions", help="a CSV or JSONL decision log, one row per decision")
        parser.add_argument(
            "--attribute", help="comma-separated attribute columns, e.g. race,gender"
        )
        parser.add_argument("--outcome", help="0/1 outcome column of the log (default: selected)")
        parser.add_argument("--score", help="optional numeric score column of the log")
        parser.add_argument(
            "--truth", help="optional 0/1 ground-truth column (equal opportunity, equalized odds)"
        )
        parser.add_argument(
            "--what-if",
            choices=CONSTRAINTS,
            help="propose per-group thresholds on --score under this constraint (needs --truth)",
        )
        parser.add_argument("--threshold", type=float, help="the current score threshold")
        parser.add_argument("--vacancy", type=int, help="audit one vacancy (database mode)")
        parser.add_argument(
            "--shortlist-k",
            type=int,
            default=10,
            help="model shortlist size per vacancy (database)",
        )
        parser.add_argument(
            "--min-group-size", type=int, help="suppress smaller groups (default: setting)"
        )
        parser.add_argument("--bootstrap", type=int, default=1000, help="bootstrap resamples")
        parser.add_argument("--seed", type=int, default=0, help="bootstrap random seed")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        self._check_common(options)
        if options["decisions"]:
            report = _run_decision_log_audit(options)
        else:
            report = _run_database_audit(options)
        if options["json"]:
            self.stdout.write(json.dumps(json_safe(report), allow_nan=False))
        else:
            self.stdout.write(_render(report))

    def _check_common(self, options: dict[str, Any]) -> None:
        if options["min_group_size"] is not None and options["min_group_size"] < 1:
            raise CommandError(ERROR_MIN_GROUP_SIZE.format(value=options["min_group_size"]))
        if options["shortlist_k"] < 1:
            raise CommandError(ERROR_SHORTLIST_K.format(value=options["shortlist_k"]))
        if options["bootstrap"] < 0:
            raise CommandError(ERROR_BOOTSTRAP.format(value=options["bootstrap"]))
        if not options["decisions"]:
            for option in ("outcome", "score", "truth", "what_if"):
                if options[option]:
                    name = "--" + option.replace("_", "-")
                    raise CommandError(ERROR_LOG_ONLY_OPTION.format(option=name))
        if options["what_if"] and (
            not options["score"] or not options["truth"] or options["threshold"] is None
        ):
            raise CommandError(ERROR_WHAT_IF_NEEDS)


def _min_group_size(options: dict[str, Any]) -> int:
    try:
        return min_group_size_resolve(requested=options["min_group_size"])
    except GroupTooSmall as error:
        raise CommandError(error.message) from error


def _run_decision_log_audit(options: dict[str, Any]) -> dict[str, Any]:
    """Audit a decision log; store the report when the database is available."""
    attributes = _attribute_list(options["attribute"])
    if not attributes:
        raise CommandError(ERROR_NO_ATTRIBUTE)
    outcome = options["outcome"] or "selected"
    try:
        log = read_decision_log(
            options["decisions"],
            attributes=attributes,
            outcome=outcome,
            score=options["score"],
            truth=options["truth"],
        )
    except DecisionLogError as error:
        raise CommandError(str(error)) from error
    report = decision_log_audit(
        log,
        min_group_size=_min_group_size(options),
        n_bootstrap=options["bootstrap"],
        random_state=options["seed"],
    )
    if options["what_if"]:
        report["what_if"] = _what_if(log, options, min_group_size=report["min_group_size"])
    parameters = {
        "decisions": log.path,
        "attributes": attributes,
        "outcome": outcome,
        "score": options["score"],
        "truth": options["truth"],
        "what_if": options["what_if"],
        "threshold": options["threshold"],
        "min_group_size": report["min_group_size"],
        "n_bootstrap": options["bootstrap"],
        "random_state": options["seed"],
    }
    _store_decision_log_report(scope=log.path, parameters=parameters, report=report)
    return report


def _what_if(log: DecisionLog, options: dict[str, Any], *, min_group_size: int) -> dict[str, Any]:
    """Per-group thresholds proposed on the intersection of the named attributes."""
    try:
        what_if = threshold_what_if(
            log.truths or (),
            log.scores or (),
            sensitive_features=dict(log.attributes),
            current_threshold=options["threshold"],
            constraint=options["what_if"],
            min_group_size=min_group_size,
        )
    except ValueError as error:
        raise CommandError(str(error)) from error
    return asdict(what_if)


def _store_decision_log_report(
    *, scope: str, parameters: dict[str, Any], report: dict[str, Any]
) -> None:
    try:
        audit_report_create(
            scope=scope[-255:],
            source=AuditReport.Source.DECISION_LOG,
            parameters=parameters,
            report=report,
        )
    except DatabaseError as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        sys.stderr.write(WARNING_NOT_STORED.format(error=first_line) + "\n")


def _run_database_audit(options: dict[str, Any]) -> dict[str, Any]:
    """Audit FairMatch's own applications per stage reached, through the fairness service."""
    attributes = _attribute_list(options["attribute"]) or list(DEFAULT_DATABASE_ATTRIBUTES)
    try:
        audit_report = audit_run_database(
            vacancy_id=options["vacancy"],
            attributes=attributes,
            min_group_size=_min_group_size(options),
            n_bootstrap=options["bootstrap"],
            random_state=options["seed"],
            shortlist_k=options["shortlist_k"],
        )
    except ApplicationError as error:
        raise CommandError(error.message) from error
    except DatabaseError as error:
        raise CommandError(f"the database is not available: {error}") from error
    return {"report_id": audit_report.pk, **audit_report.report}


def _render(report: dict[str, Any]) -> str:
    header = f"n={report['n']}  min_group_size={report['min_group_size']}"
    if "outcomes" not in report:
        tables = [
            render_attribute_table(name, audit) for name, audit in report["attributes"].items()
        ]
        if "what_if" in report:
            tables.append(_render_what_if(report["what_if"]))
        return "\n\n".join([f"{header}  outcome={report['outcome']}", *tables])
    sections = [f"{header}  scope={report['scope']}  report #{report.get('report_id')}"]
    for outcome, outcome_report in report["outcomes"].items():
        total = outcome_report.get("n", report["n"])
        sections.append(f"== {outcome} ({outcome_report['selected']} of {total})")
        sections += [
            render_attribute_table(name, audit)
            for name, audit in outcome_report["attributes"].items()
        ]
    return "\n\n".join(sections)


def _render_what_if(what_if: dict[str, Any]) -> str:
    lines = [
        f"what-if ({what_if['constraint']}): current threshold {what_if['current_threshold']}, "
        f"accuracy {what_if['current_accuracy']:.3f} -> {what_if['proposed_accuracy']:.3f} "
        f"(cost {what_if['utility_cost']:+.3f})",
        f"  selection-rate gap {what_if['current_selection_rate_difference']:.3f} -> "
        f"{what_if['proposed_selection_rate_difference']:.3f}; true-positive-rate gap "
        f"{what_if['current_true_positive_rate_difference']:.3f} -> "
        f"{what_if['proposed_true_positive_rate_difference']:.3f}",
    ]
    for group in what_if["groups"]:
        lines.append(
            f"  {group['group']}: threshold {group['threshold']:.2f}, selection rate "
            f"{group['current_selection_rate']:.3f} -> {group['proposed_selection_rate']:.3f}"
        )
    left_out = [*what_if["suppressed_groups"], *what_if["excluded_groups"]]
    lines.append(f"  left out (suppressed, or one outcome class): {', '.join(left_out) or 'none'}")
    lines.append("  a proposal only: nothing is applied without an HR admin's explicit action")
    return "\n".join(lines)
