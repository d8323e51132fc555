"""What a CV misses for a posting, each gap priced in points of the additive score.

Every price is read off the score's own shape functions: the points the score would gain if
that one gap were closed, everything else unchanged (``AdditiveScorer.gain``). Missing items are
sorted by price, so the first ones cost the most; advice names the gap and its price.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from matching.core.scoring.additive import AdditiveScorer
from matching.core.scoring.bulk import ExplainedPair
from matching.core.scoring.inputs import INPUT_NAMES
from matching.core.scoring.scoring import RULE_WEIGHTS

MAX_ITEMS = 8
MIN_POINTS = 0.01


@dataclass(frozen=True, slots=True)
class MissingItem:
    """One gap and the points closing it would add."""

    kind: str
    label: str
    points: float
    advice: str

    def to_json(self) -> dict[str, Any]:
        """JSON form for the API and the why panel."""
        return {
            "kind": self.kind,
            "label": self.label,
            "points": self.points,
            "advice": self.advice,
        }


def _value(pair: ExplainedPair, name: str) -> float:
    return pair.inputs[INPUT_NAMES.index(name)]


def _gain(scorer: AdditiveScorer | None, pair: ExplainedPair, name: str, target: float) -> float:
    current = _value(pair, name)
    if scorer is None:
        rule = {
            "required_skills": "skill_match_required",
            "preferred_skills": "skill_match_preferred",
        }
        weight = RULE_WEIGHTS.get(rule.get(name, "experience"), 0.0)
        return round(100.0 * weight * max(target - current, 0.0), 2)
    return scorer.gain(name, current, min(target, 1.0))


def _years_text(value: float | None) -> str:
    if value is None:
        return "no dates"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def missing_items(pair: ExplainedPair, scorer: AdditiveScorer | None) -> tuple[MissingItem, ...]:
    """The gaps of one pair, most expensive first (at most ``MAX_ITEMS``)."""
    items: list[MissingItem] = []
    features = pair.features
    for name, match, kind in (
        ("required_skills", features.skill_match_required, "required skill"),
        ("preferred_skills", features.skill_match_preferred, "preferred skill"),
    ):
        total = len(match.matched) + len(match.missing)
        step = 1.0 / total if total else 0.0
        for skill in match.missing:
            points = _gain(scorer, pair, name, _value(pair, name) + step)
            items.append(
                MissingItem(
                    kind, skill, points, f"add evidence of {skill} ({kind}, +{points:g} points)"
                )
            )
    experience = features.experience
    years_points = _gain(scorer, pair, "years", 1.0)
    if experience.min_years is not None and years_points >= MIN_POINTS:
        label = f"{_years_text(experience.min_years)}+ years of experience"
        advice = (
            f"the role asks at least {_years_text(experience.min_years)} years; the CV shows "
            f"{_years_text(experience.years)} (+{years_points:g} points when met: give start and "
            "end dates for each role)"
        )
        items.append(MissingItem("years", label, years_points, advice))
    credential_points = _gain(scorer, pair, "credentials", 1.0)
    if credential_points >= MIN_POINTS:
        advice = (
            "show your education and certifications in their own sections "
            f"(+{credential_points:g} points)"
        )
        items.append(
            MissingItem("credentials", "education / certifications", credential_points, advice)
        )
    items = [item for item in items if item.points >= MIN_POINTS]
    items.sort(key=lambda item: (-item.points, item.kind, item.label))
    return tuple(items[:MAX_ITEMS])


def advice(items: tuple[MissingItem, ...]) -> tuple[str, ...]:
    """Plain-word advice, one line per gap, most points first."""
    return tuple(item.advice for item in items)
