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
        return "no dates or 'N years' figure"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _skill_items(pair: ExplainedPair, scorer: AdditiveScorer | None) -> list[MissingItem]:
    items = []
    features = pair.features
    for name, match, kind in (
        ("required_skills", features.skill_match_required, "required skill"),
        ("preferred_skills", features.skill_match_preferred, "preferred skill"),
    ):
        total = match.total_weight or float(len(match.matched) + len(match.missing))
        weights = match.missing_weights or (1.0,) * len(match.missing)
        for skill, weight in zip(match.missing, weights, strict=True):
            step = weight / total if total else 0.0
            points = _gain(scorer, pair, name, _value(pair, name) + step)
            asks = "asks for" if kind == "required skill" else "would welcome"
            advice = f"the role {asks} {skill}; the CV does not show it (+{points:g} pts)"
            items.append(MissingItem(kind, skill, points, advice))
    return items


def _requirement_items(pair: ExplainedPair, scorer: AdditiveScorer | None) -> list[MissingItem]:
    items = []
    experience, evidence = pair.features.experience, pair.features.requirements
    years_points = _gain(scorer, pair, "years", 1.0)
    if experience.min_years is not None and years_points >= MIN_POINTS:
        asked = _years_text(experience.min_years)
        advice = (
            f"the role asks {asked}+ years of experience; the CV shows "
            f"{_years_text(experience.years)} (+{years_points:g} pts)"
        )
        items.append(MissingItem("years", f"{asked}+ years of experience", years_points, advice))
    gaps = [gap for gap in evidence.skill_years if (gap.shown or 0.0) < gap.asked]
    for gap in gaps:
        share = (1.0 - min((gap.shown or 0.0) / gap.asked, 1.0)) / len(evidence.skill_years)
        points = _gain(scorer, pair, "skill_years", _value(pair, "skill_years") + share)
        shown = _years_text(gap.shown) if gap.shown is not None else "none"
        advice = (
            f"the role asks {gap.asked:g}+ years of {gap.skill}; the CV shows {shown} "
            f"(+{points:g} pts)"
        )
        items.append(
            MissingItem("skill years", f"{gap.asked:g}+ years of {gap.skill}", points, advice)
        )
    degree_points = _gain(scorer, pair, "education", 1.0)
    if evidence.degree_asked and degree_points >= MIN_POINTS:
        held = f"a {evidence.degree_held} degree" if evidence.degree_held else "no degree"
        advice = (
            f"the role asks a {evidence.degree_asked} degree; the CV shows {held} "
            f"(+{degree_points:g} pts)"
        )
        items.append(
            MissingItem("degree", f"{evidence.degree_asked} degree", degree_points, advice)
        )
    missing = evidence.certifications_missing
    for certification in missing:
        share = 1.0 / len(evidence.certifications_asked)
        points = _gain(scorer, pair, "certifications", _value(pair, "certifications") + share)
        advice = f"the role names {certification}; the CV does not (+{points:g} pts)"
        items.append(MissingItem("certification", certification, points, advice))
    return items


def missing_items(pair: ExplainedPair, scorer: AdditiveScorer | None) -> tuple[MissingItem, ...]:
    """The gaps of one pair, most expensive first (at most ``MAX_ITEMS``)."""
    items = _skill_items(pair, scorer) + _requirement_items(pair, scorer)
    items = [item for item in items if item.points >= MIN_POINTS]
    items.sort(key=lambda item: (-item.points, item.kind, item.label))
    return tuple(items[:MAX_ITEMS])


def advice(items: tuple[MissingItem, ...]) -> tuple[str, ...]:
    """Plain-word advice, one line per gap, most points first."""
    return tuple(item.advice for item in items)
