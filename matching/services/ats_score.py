"""The additive ATS score on the worker: feature scores and pair signals -> explained scores.

``pairs_score`` (``matching.services.scoring``) computes the feature scores from the database's
facts; this module adds the window fits and years, scores them with the shipped additive score
(``matching/weights/ats_score.json``, else the seed's formula) and lays the explanation out as
the API, the why panel and the candidate's view show it.
"""

from collections.abc import Sequence
from typing import Any

from matching.core.encoding.embedding_store import EmbeddingStore
from matching.core.occupations.occupation_fit import FitLevel, OccupationFit
from matching.core.scoring.additive import (
    AdditiveScorer,
    bucket_rule,
    load_default_scorer,
    score_bucket,
)
from matching.core.scoring.buckets import GATE_LABELS
from matching.core.scoring.bulk import ExplainedPair, explain_features, text_resume_facts
from matching.core.scoring.explain import missing_items
from matching.core.scoring.feature_types import FeatureScores
from matching.core.scoring.inputs import PairSignals
from matching.core.scoring.occupation_signal import fit_sentence, occupation_fit, read_profile
from matching.core.scoring.requirements import posting_years
from matching.core.scoring.windows import window_fits
from matching.services.encoders import default_encoder
from matching.services.score_occupations import score_occupation_reader_get


def live_scorer() -> AdditiveScorer | None:
    """The shipped additive score (``None``: the rule-based formula scores)."""
    return load_default_scorer()


def scorer_method() -> str:
    """The version of the score in use: the additive score's, or ``rule_based``."""
    scorer = live_scorer()
    return scorer.version if scorer is not None else "rule_based"


def ats_bucket(score: float, inputs: Sequence[float] | None = None) -> str:
    """The bucket of a live score: the shipped score's edges, and for "strong" its gates on the
    pair's inputs (same occupation, requirements met) when they are known."""
    return score_bucket(score, live_scorer(), inputs)


def pair_bucket(explained: ExplainedPair) -> str:
    """The bucket of an explained pair."""
    return ats_bucket(explained.score, explained.inputs)


def strong_gaps(explained: ExplainedPair) -> list[str]:
    """Why a pair that scores in the strong range is not "strong", in words (empty otherwise)."""
    rule = bucket_rule(live_scorer())
    if explained.score < rule.edges[0]:
        return []
    return [GATE_LABELS[name] for name in rule.strong_gaps(explained.inputs)]


def explain_live(
    features: Sequence[FeatureScores],
    *,
    domains: Sequence[float],
    cosines: Sequence[float],
    redacted_resumes: Sequence[str],
    job_texts: Sequence[str],
    store: EmbeddingStore | None = None,
    job_titles: Sequence[str] | None = None,
) -> list[ExplainedPair]:
    """Explained scores of pairs whose feature scores are known."""
    windows = window_fits(redacted_resumes, job_texts, default_encoder(), store)
    fits = occupation_fits(redacted_resumes, job_texts, job_titles)
    signals = []
    for index, item in enumerate(features):
        # Profiles parsed before the years reader stored 0: read the CV text again (cached).
        years = item.experience.years or text_resume_facts(redacted_resumes[index]).years_total
        low = item.experience.min_years or posting_years(job_texts[index])[0]
        signals.append(
            PairSignals(
                float(domains[index]),
                float(cosines[index]),
                float(windows[index]),
                years,
                low,
                occupation_match=_fit_value(fits[index]),
            )
        )
    return explain_features(features, signals, live_scorer(), fits)


def _fit_value(fit: OccupationFit | None) -> float | None:
    return fit.score if fit is not None else None


def occupation_fits(
    redacted_resumes: Sequence[str],
    job_texts: Sequence[str],
    job_titles: Sequence[str] | None = None,
) -> list[OccupationFit | None]:
    """Each pair's graded ESCO occupation fit (None everywhere without the occupation index);
    each distinct document's occupations are inferred once."""
    reader = score_occupation_reader_get()
    if reader is None:
        return [None] * len(job_texts)
    titles: Sequence[str | None] = job_titles or [None] * len(job_texts)
    return [
        occupation_fit(read_profile(reader, resume), read_profile(reader, job, title=title))
        for resume, job, title in zip(redacted_resumes, job_texts, titles, strict=True)
    ]


def explanation_details(explained: ExplainedPair) -> dict[str, Any]:
    """What is stored next to a score: the breakdown and the priced gaps."""
    items = missing_items(explained, live_scorer())
    return {
        "breakdown": explained.breakdown.to_json(),
        "missing_items": [item.to_json() for item in items],
        "inputs": list(explained.inputs),
        "occupation": occupation_json(explained.occupation),
        "not_strong_because": strong_gaps(explained),
    }


def occupation_json(fit: OccupationFit | None) -> dict[str, Any] | None:
    """The occupations the score compared, for the why panel and the candidate's view."""
    if fit is None:
        return None
    return {
        "level": fit.level.value,
        "value": round(fit.score, 4),
        "cv_occupation": fit.cv_occupation.label if fit.cv_occupation else None,
        "job_occupation": fit.job_occupation.label if fit.job_occupation else None,
        "sentence": fit_sentence(fit),
    }


def advice_lines(explained: ExplainedPair) -> list[str]:
    """Advice naming each gap and its points, most points first; then, when the CV reads as
    another occupation than the posting, which two (no generic lines)."""
    lines = [item.advice for item in missing_items(explained, live_scorer())]
    fit = explained.occupation
    if fit is not None and fit.level is not FitLevel.SAME_OCCUPATION and fit.cv_occupation:
        lines.append(f"the CV {fit_sentence(fit)}: put the experience closest to this role first")
    return lines
