"""Audit an uploaded decision log (CSV or JSONL) and store the report.

A candidate for `fairness.services`: it lives here until the fairness app takes it over, and
calls the same core functions as `fairness_audit --decisions`.
"""

import re
import tempfile
from pathlib import Path, PurePath
from typing import Any, Final

from django.db import transaction

from ats_site.accounts.models import User
from fairness.core.audit import decision_log_audit
from fairness.core.decision_log import DecisionLogError, read_decision_log
from fairness.group_size import min_group_size_resolve
from fairness.models import AuditReport
from fairness.services import AuditError, audit_report_create

DECISION_LOG_MAX_BYTES: Final = 20 * 1024 * 1024
DECISION_LOG_TOO_LARGE: Final = "The decision log is {size} bytes; the limit is {limit} bytes."
_UNSAFE_CHARACTERS: Final = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_name(original_name: str) -> str:
    name = _UNSAFE_CHARACTERS.sub("_", PurePath(original_name).name)[-100:].lstrip(".")
    return name or "decisions"


@transaction.atomic
def decision_log_audit_upload(
    *,
    data: bytes,
    original_name: str,
    attributes: list[str],
    outcome: str,
    score: str | None,
    min_group_size: int | None,
    n_bootstrap: int,
    random_state: int,
    run_by: User | None,
) -> AuditReport:
    """Audit an uploaded decision log with `fairness.core` and store the report.

    Raises AuditError (a 400) with the reader's one-line message for a log that cannot be read,
    GroupTooSmall (a 400) for a `min_group_size` below the deployment's floor.
    """
    min_group_size = min_group_size_resolve(requested=min_group_size)
    if len(data) > DECISION_LOG_MAX_BYTES:
        limit = DECISION_LOG_MAX_BYTES
        raise AuditError(DECISION_LOG_TOO_LARGE.format(size=len(data), limit=limit))
    name = _safe_name(original_name)
    with tempfile.TemporaryDirectory(prefix="fairmatch-decisions-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            log = read_decision_log(path, attributes=attributes, outcome=outcome, score=score)
        except DecisionLogError as error:
            raise AuditError(str(error).replace(str(path), name)) from error
    report = decision_log_audit(
        log, min_group_size=min_group_size, n_bootstrap=n_bootstrap, random_state=random_state
    )
    parameters: dict[str, Any] = {
        "decisions": name,
        "attributes": attributes,
        "outcome": outcome,
        "score": score,
        "min_group_size": min_group_size,
        "n_bootstrap": n_bootstrap,
        "random_state": random_state,
    }
    return audit_report_create(
        scope=name,
        source=AuditReport.Source.DECISION_LOG,
        parameters=parameters,
        report=report,
        run_by=run_by,
    )
