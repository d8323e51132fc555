"""Occupation agreement where labels exist: top-1 / top-3 ISCO group, exact ESCO occupation.

A labelled item may carry an ISCO-08 code of any level (``"2411"`` unit group, ``"24"``
sub-major group) and / or an ESCO occupation URI. A profile's ISCO ranking is its unit groups
ordered by summed confidence over its occupations; an item agrees at rank k when one of the
first k groups starts with the label's code (so a two-digit label is checked at that level).
Pure Python: no Django.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from matching.core.occupations.domain_metrics import classification_report
from matching.core.occupations.profile import OccupationProfile

ECE_BINS = 10
ISCO_LABEL_INVALID = "not an ISCO-08 code: {code!r} (expected 1 to 4 digits)"


@dataclass(frozen=True, slots=True)
class OccupationLabel:
    """What is known about one item: any of its ISCO code, ESCO occupation and domain."""

    id: str
    isco: str | None = None
    esco_uri: str | None = None
    domain: str | None = None

    def __post_init__(self) -> None:
        if self.isco is not None and not (1 <= len(self.isco) <= 4 and self.isco.isdigit()):
            raise ValueError(ISCO_LABEL_INVALID.format(code=self.isco))


def expected_calibration_error(
    confidence: Sequence[float], correct: Sequence[bool], bins: int = ECE_BINS
) -> float:
    """ECE over ``bins`` equal-width bins (as ``matching.core.cards.model_card.reliability``)."""
    members: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for value, hit in zip(confidence, correct, strict=True):
        members[min(int(value * bins), bins - 1)].append((value, hit))
    total = max(len(confidence), 1)
    error = 0.0
    for rows in members.values():
        accuracy = sum(hit for _, hit in rows) / len(rows)
        mean = sum(value for value, _ in rows) / len(rows)
        error += len(rows) / total * abs(accuracy - mean)
    return round(error, 4)


def isco_ranking(profile: OccupationProfile) -> list[str]:
    """The profile's ISCO unit groups, most confident first (confidence summed per group)."""
    totals: dict[str, float] = defaultdict(float)
    for candidate in profile.occupations:
        totals[candidate.isco_code] += candidate.confidence
    return sorted(totals, key=lambda code: (-totals[code], code))


def _agreement(hits: list[tuple[bool, bool]]) -> dict[str, float | int] | None:
    if not hits:
        return None
    return {
        "n": len(hits),
        "top1": round(sum(top1 for top1, _ in hits) / len(hits), 4),
        "top3": round(sum(top3 for _, top3 in hits) / len(hits), 4),
    }


def occupation_report(
    labels: Sequence[OccupationLabel], profiles: Sequence[OccupationProfile]
) -> dict[str, object]:
    """Top-1 / top-3 agreement on the labelled parts, and domain accuracy with its ECE."""
    isco_hits, uri_hits, truth, predicted, confidence = [], [], [], [], []
    for label, profile in zip(labels, profiles, strict=True):
        if label.isco is not None:
            ranking = isco_ranking(profile)
            matches = [code.startswith(label.isco) for code in ranking]
            isco_hits.append((any(matches[:1]), any(matches[:3])))
        if label.esco_uri is not None:
            uris = [candidate.uri for candidate in profile.occupations]
            uri_hits.append((label.esco_uri in uris[:1], label.esco_uri in uris[:3]))
        if label.domain is not None:
            truth.append(label.domain)
            predicted.append(profile.domain)
            confidence.append(profile.domain_confidence)
    domain: dict[str, object] | None = None
    if truth:
        report = classification_report(truth, predicted)
        correct = [a == b for a, b in zip(truth, predicted, strict=True)]
        domain = {
            "n": report.n,
            "accuracy": report.accuracy,
            "macro_f1": report.macro_f1,
            "ece": expected_calibration_error(confidence, correct),
        }
    return {
        "n": len(labels),
        "isco": _agreement(isco_hits),
        "occupation": _agreement(uri_hits),
        "domain": domain,
    }
