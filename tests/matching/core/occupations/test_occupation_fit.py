"""Graded occupation fit: levels, values, the named occupations, ties."""

import pytest

from matching.core.occupations.domains import DOMAIN_KEYS
from matching.core.occupations.occupation_fit import FitLevel, graded_occupation_fit
from matching.core.occupations.profile import OccupationCandidate, OccupationProfile


def candidate(name: str, code: str, confidence: float = 0.6) -> OccupationCandidate:
    return OccupationCandidate(f"uri:{name}", name, code, "", None, confidence)


def profile(domain: str, *items: OccupationCandidate) -> OccupationProfile:
    probabilities = tuple(1.0 if key == domain else 0.0 for key in DOMAIN_KEYS)
    return OccupationProfile(items, domain, 1.0, probabilities)


ACCOUNTANT = candidate("accountant", "2411")
TAX_ADVISER = candidate("tax adviser", "2411")
FINANCIAL_ANALYST = candidate("financial analyst", "2413")
BOOKKEEPER = candidate("bookkeeper", "4311")
LAWYER = candidate("lawyer", "2611")
CHEF = candidate("head chef", "3434")


@pytest.mark.parametrize(
    ("cv", "job", "level", "score"),
    [
        (
            profile("finance", ACCOUNTANT),
            profile("finance", ACCOUNTANT),
            FitLevel.SAME_OCCUPATION,
            1.0,
        ),
        (
            profile("finance", ACCOUNTANT),
            profile("finance", TAX_ADVISER),
            FitLevel.SAME_UNIT_GROUP,
            0.8,
        ),
        (
            profile("finance", ACCOUNTANT),
            profile("finance", FINANCIAL_ANALYST),
            FitLevel.SAME_MINOR_GROUP,
            0.6,
        ),
        (profile("finance", ACCOUNTANT), profile("finance", BOOKKEEPER), FitLevel.SAME_DOMAIN, 0.4),
        (profile("finance", ACCOUNTANT), profile("legal", LAWYER), FitLevel.RELATED_DOMAINS, 0.2),
        (profile("finance", ACCOUNTANT), profile("retail_hospitality", CHEF), FitLevel.NONE, 0.0),
    ],
)
def test_levels_in_order(cv, job, level, score) -> None:  # type: ignore[no-untyped-def]
    fit = graded_occupation_fit(cv, job)

    assert fit.level is level
    assert fit.score == pytest.approx(score)


def test_a_runner_up_match_counts_less_than_a_leader_match() -> None:
    cv = profile(
        "finance", candidate("bookkeeper", "4311", 0.8), candidate("accountant", "2411", 0.2)
    )
    job = profile("finance", ACCOUNTANT)

    fit = graded_occupation_fit(cv, job)

    assert fit.level is FitLevel.SAME_OCCUPATION
    assert fit.score == pytest.approx((0.2 / 0.8) ** 0.5)
    assert fit.cv_occupation is not None
    assert fit.cv_occupation.label == "accountant"


def test_the_explanation_names_the_occupations() -> None:
    fit = graded_occupation_fit(profile("finance", ACCOUNTANT), profile("finance", TAX_ADVISER))

    assert "accountant" in fit.explanation()
    assert "tax adviser" in fit.explanation()
    assert "2411" in fit.explanation()
    same = graded_occupation_fit(profile("finance", ACCOUNTANT), profile("finance", ACCOUNTANT))
    assert same.explanation() == "both read as accountant (ESCO)"


def test_equal_pairs_keep_the_first_in_confidence_order() -> None:
    cv = profile("finance", candidate("a", "2411", 0.5), candidate("b", "2411", 0.5))
    job = profile("finance", candidate("c", "2411", 0.5))

    fit = graded_occupation_fit(cv, job)

    assert fit.cv_occupation is not None
    assert fit.cv_occupation.label == "a"


def test_empty_profiles_fall_back_to_domains() -> None:
    fit = graded_occupation_fit(profile("finance"), profile("finance", ACCOUNTANT))

    assert fit.level is FitLevel.SAME_DOMAIN
    assert fit.score == pytest.approx(0.4)
