"""Template tags that show the matching engine's results inside other apps' pages."""

from typing import Any

from django import template
from django.utils.translation import gettext, gettext_noop

from matching.advice_i18n import advice_text, gap_label
from matching.occupation_selectors import (
    OccupationSummary,
    candidate_occupations,
    vacancy_occupations,
)
from matching.selectors import scoring_runs_in_progress, vacancy_scores
from matching.services.ranking_read import vacancy_applicants_pending

register = template.Library()

FEATURE_LABELS = {
    "skill_match_required": gettext_noop("Required skills"),
    "skill_match_preferred": gettext_noop("Preferred skills"),
    "keyword_match": gettext_noop("Keywords"),
    "formatting": gettext_noop("CV structure"),
    "experience": gettext_noop("Experience"),
    "semantic": gettext_noop("Semantic similarity"),
    "domain": gettext_noop("Domain"),
}
BUCKET_LABELS = {
    "strong": gettext_noop("Strong match"),
    "moderate": gettext_noop("Moderate match"),
    "weak": gettext_noop("Weak match"),
    "not_ats_friendly": gettext_noop("Not ATS-friendly"),
}
# The additive score's parts (matching.core.scoring.inputs labels), for `{% translate %}`.
CONTRIBUTION_LABELS = [
    gettext_noop("Occupation domain agreement"),
    gettext_noop("Same ESCO occupation / ISCO group"),
    gettext_noop("Required skills covered"),
    gettext_noop("Preferred skills covered"),
    gettext_noop("Years of experience vs requirement"),
    gettext_noop("Seniority"),
    gettext_noop("Years of the key skills vs requirement"),
    gettext_noop("Degree vs requirement"),
    gettext_noop("Named certifications"),
    gettext_noop("Best-matching experience passages"),
    gettext_noop("Overall text similarity"),
    gettext_noop("Held inside 0-100"),
]


register.filter("advice_text", advice_text)
register.filter("gap_label", gap_label)


@register.filter
def bucket_label(bucket: str) -> str:
    """A score bucket code ("strong") in words, in the active language."""
    label = BUCKET_LABELS.get(bucket)
    return gettext(label) if label else bucket


def feature_bars(features: dict[str, Any]) -> list[dict[str, Any]]:
    """(label, 0-100 value) for each feature score stored with a match."""
    bars = []
    for key, label in FEATURE_LABELS.items():
        value = features.get(key, {})
        if isinstance(value, dict) and "score" in value:
            bars.append(
                {"key": key, "label": gettext(label), "value": round(float(value["score"]), 1)}
            )
    return bars


def contribution_bars(features: dict[str, Any]) -> dict[str, Any] | None:
    """The additive score's parts as bars: baseline, each part's points (width: share of its
    most points), the sum, and the priced gaps; ``None`` for scores made before it."""
    breakdown = features.get("breakdown")
    if not isinstance(breakdown, dict):
        return None
    parts = []
    for part in breakdown.get("contributions", []):
        ceiling = float(part.get("max_points") or 0.0)
        points = float(part["points"])
        width = 100.0 * points / ceiling if ceiling > 0 else 0.0
        parts.append({**part, "width": round(min(max(width, 0.0), 100.0), 1)})
    total = round(float(breakdown["baseline"]) + sum(float(p["points"]) for p in parts), 2)
    return {
        "baseline": breakdown["baseline"],
        "parts": parts,
        "total": total,
        "version": breakdown.get("version", ""),
        "missing_items": features.get("missing_items", []),
    }


@register.inclusion_tag("matching/_ranked_list.html")
def vacancy_ranking(vacancy: Any) -> dict[str, Any]:
    """The vacancy's scored applicants, best first, each with its breakdown and "why"."""
    scores = vacancy_scores(vacancy_id=vacancy.pk)
    occupations = candidate_occupations(candidate_ids=[score.candidate_id for score in scores])
    rows = [
        {
            "position": position,
            "score": score,
            "occupations": occupations.get(score.candidate_id),
            "bars": feature_bars(score.features),
            "breakdown": contribution_bars(score.features),
        }
        for position, score in enumerate(scores, start=1)
    ]
    return {
        "vacancy": vacancy,
        "rows": rows,
        "ranking": vacancy_applicants_pending(vacancy=vacancy),
    }


@register.inclusion_tag("matching/_runs_in_progress.html")
def runs_in_progress() -> dict[str, Any]:
    """Scoring runs still working, with live progress bars."""
    return {"runs": list(scoring_runs_in_progress()[:10])}


@register.inclusion_tag("matching/_occupations.html")
def occupation_reading(summary: OccupationSummary | None) -> dict[str, Any]:
    """'reads as: Accountant (ESCO), 0.82 · ...': a stored reading's top occupations."""
    return {"summary": summary}


@register.inclusion_tag("matching/_occupations.html")
def vacancy_occupation(vacancy: Any) -> dict[str, Any]:
    """The vacancy's occupation: the recruiter's choice, and what the engine reads it as."""
    return {"summary": vacancy_occupations(vacancy=vacancy)}
