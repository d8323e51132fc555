"""Human oversight: a recruiter overrides a score with a reason; every override is logged."""

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from django.db import transaction

from ats_site.accounts.audit import audit_event_record
from ats_site.accounts.models import AuditEvent, User
from ats_site.exceptions import ApplicationError
from matching.core.scoring.scoring import bucket_for
from matching.models import MatchScore
from matching.selectors import ScoreOverride
from matching.services.scoring import ScoredCandidate

OVERRIDE_REASON_REQUIRED = "An override needs a reason."
OVERRIDE_OUT_OF_RANGE = "An overridden score must be between 0 and 100."


@transaction.atomic
def match_score_override(
    *, match_score: MatchScore, score: float | None, reason: str, overridden_by: User
) -> MatchScore:
    """Set (or with `score=None` clear) a human override of an automated score."""
    if not reason.strip():
        raise ApplicationError(OVERRIDE_REASON_REQUIRED)
    if score is not None and not 0 <= score <= 100:
        raise ApplicationError(OVERRIDE_OUT_OF_RANGE, {"score": score})
    previous = match_score.override_score
    match_score.override_score = score
    match_score.override_reason = reason.strip()
    match_score.override_by = overridden_by
    match_score.save(
        update_fields=["override_score", "override_reason", "override_by", "updated_at"]
    )
    audit_event_record(
        actor=overridden_by,
        action=AuditEvent.Action.SCORE_OVERRIDE,
        target_type="match_score",
        target_id=match_score.pk,
        detail={
            "model_score": match_score.score,
            "previous_override": previous,
            "override": score,
            "reason": reason.strip(),
            "model_version": match_score.model_version,
        },
    )
    return match_score


Row = TypeVar("Row")


def ranking_with_overrides(
    order: Sequence[tuple[Row, ScoredCandidate]],
    overrides: Mapping[int, ScoreOverride],
) -> list[tuple[Row, ScoredCandidate]]:
    """Apply overrides to a ranked list: the score and bucket become the override's, and each
    overridden candidate moves just above the first model-scored candidate below its override.

    Without a re-ranker the result is ordered by effective score, like the vacancy page.
    """
    kept = [pair for pair in order if pair[1].candidate_id not in overrides]
    overridden = [
        (row, _overridden(item, overrides[item.candidate_id]))
        for row, item in order
        if item.candidate_id in overrides
    ]
    overridden.sort(key=lambda pair: (-pair[1].score, pair[1].candidate_id))
    result: list[tuple[Row, ScoredCandidate]] = []
    for pair in kept:
        while overridden and overridden[0][1].score > pair[1].score:
            result.append(overridden.pop(0))
        result.append(pair)
    return result + overridden


def _overridden(item: ScoredCandidate, override: ScoreOverride) -> ScoredCandidate:
    return replace(item, score=override.score, bucket=str(bucket_for(override.score)))
