"""The product's score for many (resume, job) text pairs at once, explained part by part.

Every command that scores raw texts (``evaluate_matching``, ``evaluate_sensitivity``,
``counterfactual_audit`` through ``matching.services.scoring.score_texts``, the benchmark) goes
through ``explain_text_pairs``: the CV is redacted, each distinct text is encoded once
(``pipeline.score_pairs`` for occupation fit and cosine, ``windows.window_fits`` for the best
passages), the feature scores are computed with the CV parser's facts, and the additive score
(or, without shipped weights, the seed's rule-based formula) turns them into points.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from matching.core.encoding.embedding_store import EmbeddingStore
from matching.core.encoding.encoder import Encoder
from matching.core.occupations.occupation_fit import OccupationFit
from matching.core.occupations.onet_titles import OnetTitleIndex
from matching.core.redaction import redact
from matching.core.scoring.additive import AdditiveScorer, ScoreBreakdown, load_default_scorer
from matching.core.scoring.feature_types import FeatureScores, ResumeFacts, VacancyFacts
from matching.core.scoring.features import compute_features
from matching.core.scoring.inputs import PairSignals, score_inputs
from matching.core.scoring.occupation_signal import OccupationReader, occupation_fit, read_profile
from matching.core.scoring.pair_features import parsed_resume_facts
from matching.core.scoring.pipeline import DomainModel, ScorerConfig, job_title, score_pairs
from matching.core.scoring.requirements import posting_years
from matching.core.scoring.rule_breakdown import rule_breakdown
from matching.core.scoring.windows import window_fits

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ExplainedPair:
    """One pair's score breakdown with the features and inputs behind it."""

    breakdown: ScoreBreakdown
    features: FeatureScores
    inputs: tuple[float, ...]
    occupation: OccupationFit | None = None

    @property
    def score(self) -> float:
        """The 0-100 score (baseline plus every part)."""
        return self.breakdown.score


@lru_cache(maxsize=4096)
def text_resume_facts(redacted: str) -> ResumeFacts:
    """The parser's facts of a redacted CV (years from dates, "N years" phrases, skill rows)."""
    return parsed_resume_facts(redacted)


@lru_cache(maxsize=1024)
def text_vacancy_facts(job: str) -> VacancyFacts:
    """A posting's facts from its text: title line and years asked (skills come from text)."""
    low, high = posting_years(job)
    return VacancyFacts(
        title=job_title(job), text=job, experience_min_years=low, experience_max_years=high
    )


def explain_features(
    features: Sequence[FeatureScores],
    signals: Sequence[PairSignals],
    scorer: AdditiveScorer | None,
    occupations: Sequence[OccupationFit | None] | None = None,
) -> list[ExplainedPair]:
    """Score feature rows with ``scorer`` (``None``: the seed's formula, also additive)."""
    rows = np.array([score_inputs(f, s) for f, s in zip(features, signals, strict=True)])
    if scorer is None:
        breakdowns = [rule_breakdown(item) for item in features]
    else:
        breakdowns = scorer.breakdowns(rows) if len(rows) else []
    fits = occupations if occupations is not None else [None] * len(features)
    return [
        ExplainedPair(breakdown, item, tuple(float(v) for v in row), fit)
        for breakdown, item, row, fit in zip(breakdowns, features, rows, fits, strict=True)
    ]


def explain_text_pairs(
    resumes: Sequence[str],
    jobs: Sequence[str],
    encoder: Encoder,
    *,
    domain_model: DomainModel | None = None,
    config: ScorerConfig | None = None,
    store: EmbeddingStore | None = None,
    title_index: OnetTitleIndex | None = None,
    scorer: AdditiveScorer | None = None,
    use_default_scorer: bool = True,
    occupations: OccupationReader | None = None,
) -> list[ExplainedPair]:
    """Score and explain every (resume, job) pair with the product's scorer.

    Args:
        resumes: Resume text of each pair (redacted here).
        jobs: Job text of each pair.
        encoder: The sentence encoder.
        domain_model: The domain model of the occupation fit (see ``pipeline.score_pairs``).
        config: Weights of the occupation fit and cosine (``pipeline.ScorerConfig``).
        store: Optional embedding cache.
        title_index: O*NET titles blended into each posting's domain.
        scorer: The additive score; ``None`` with ``use_default_scorer`` reads the shipped one.
        use_default_scorer: ``False`` scores with the rule-based formula when ``scorer`` is None.
        occupations: The ESCO occupation index; ``None`` leaves the graded occupation fit
            to its domain-level stand-in (``inputs.score_inputs``).

    Returns:
        One ``ExplainedPair`` per pair, in order.
    """
    pairs = score_pairs(
        resumes,
        jobs,
        encoder,
        domain_model=domain_model,
        config=config,
        store=store,
        title_index=title_index,
    )
    blind = {text: redact(text) for text in set(resumes)}
    redacted = [blind[text] for text in resumes]
    windows = window_fits(redacted, jobs, encoder, store)
    features, signals, fits = [], [], []
    for index, (resume, job) in enumerate(zip(redacted, jobs, strict=True)):
        cosine = float(pairs.semantic[index])
        vacancy = text_vacancy_facts(job)
        fit = None
        if occupations is not None:
            cv_profile = read_profile(occupations, resume)
            job_profile = read_profile(occupations, job, title=vacancy.title)
            fit = occupation_fit(cv_profile, job_profile)
            essential = tuple(sorted(occupations.essential_skills(job_profile)))
            vacancy = dataclasses.replace(vacancy, essential_skills=essential)
        item = compute_features(text_resume_facts(resume), vacancy, cosine=cosine)
        features.append(item)
        fits.append(fit)
        signals.append(
            PairSignals(
                float(pairs.domain[index]),
                cosine,
                float(windows[index]),
                occupation_match=fit.score if fit is not None else None,
            )
        )
    chosen = (
        scorer if scorer is not None else (load_default_scorer() if use_default_scorer else None)
    )
    return explain_features(features, signals, chosen, fits)


def input_matrix(explained: Sequence[ExplainedPair]) -> Matrix:
    """The additive score's input rows of explained pairs (for training and audits)."""
    return np.array([item.inputs for item in explained], dtype=np.float64)
