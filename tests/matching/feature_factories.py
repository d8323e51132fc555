"""Feature scores of one pair for the score's unit tests: only the requirements vary."""

from matching.core.scoring.feature_types import (
    DomainFit,
    ExperienceAlignment,
    FeatureScores,
    FormattingScore,
    SemanticSimilarity,
    TermMatch,
)


def requirement_features(
    required: tuple[str, ...], missing: tuple[str, ...], years: float | None = 5.0
) -> FeatureScores:
    """A same-domain pair whose CV covers ``required`` and lacks ``missing`` (3 years asked)."""
    share = 100.0 * len(required) / max(len(required) + len(missing), 1)
    return FeatureScores(
        skill_match_required=TermMatch(share, required, missing),
        skill_match_preferred=TermMatch(100.0, (), ()),
        keyword_match=TermMatch(50.0, (), ()),
        formatting=FormattingScore(80.0, ("education",), (), True, 2000),
        experience=ExperienceAlignment(100.0, years, 3.0, None, "", "senior"),
        semantic=SemanticSimilarity(50.0, 0.4, None),
        domain=DomainFit(100.0, "technology", "technology", "same"),
    )
