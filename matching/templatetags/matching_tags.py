"""Template tags that show the matching engine's results inside other apps' pages."""

from typing import Any

from django import template

from matching.selectors import scoring_runs_in_progress, vacancy_scores

register = template.Library()

FEATURE_LABELS = {
    "skill_match_required": "Required skills",
    "skill_match_preferred": "Preferred skills",
    "keyword_match": "Keywords",
    "formatting": "CV structure",
    "experience": "Experience",
    "semantic": "Semantic similarity",
    "domain": "Domain",
}


def feature_bars(features: dict[str, Any]) -> list[dict[str, Any]]:
    """(label, 0-100 value) for each feature score stored with a match."""
    bars = []
    for key, label in FEATURE_LABELS.items():
        value = features.get(key, {})
        if isinstance(value, dict) and "score" in value:
            bars.append({"key": key, "label": label, "value": round(float(value["score"]), 1)})
    return bars


@register.inclusion_tag("matching/_ranked_list.html")
def vacancy_ranking(vacancy: Any) -> dict[str, Any]:
    """The vacancy's scored applicants, best first, each with its breakdown and "why"."""
    scores = vacancy_scores(vacancy_id=vacancy.pk)
    rows = [
        {"position": position, "score": score, "bars": feature_bars(score.features)}
        for position, score in enumerate(scores, start=1)
    ]
    return {"vacancy": vacancy, "rows": rows}


@register.inclusion_tag("matching/_runs_in_progress.html")
def runs_in_progress() -> dict[str, Any]:
    """Scoring runs still working, with live progress bars."""
    return {"runs": list(scoring_runs_in_progress()[:10])}
