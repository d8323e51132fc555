"""The end-to-end reader and the occupation agreement metrics, on the synthetic taxonomy."""

import numpy as np
import pytest

from matching.core.occupations.domains import DOMAIN_KEYS, DomainClassifier
from matching.core.occupations.esco_index import OccupationIndex, build_occupation_index
from matching.core.occupations.occupation_metrics import (
    OccupationLabel,
    isco_ranking,
    occupation_report,
)
from matching.core.occupations.profile import OccupationCandidate, OccupationProfile
from matching.core.occupations.reader import (
    OccupationReader,
    document_domain,
    read_documents,
    title_line,
)
from tests.matching.core.occupations.synthetic_esco import (
    BagOfWordsEncoder,
    synthetic_taxonomy,
    uri,
)

PILOT_CV = "Airline Captain\nI prepare flight plans and check the aircraft before every flight."
CHEF_CV = "Head Chef\nRan a busy kitchen: planned menus, controlled food costs, trained cooks."


@pytest.fixture(scope="module")
def encoder() -> BagOfWordsEncoder:
    return BagOfWordsEncoder()


@pytest.fixture(scope="module")
def index(encoder: BagOfWordsEncoder) -> OccupationIndex:
    return build_occupation_index(synthetic_taxonomy(), encoder, cache_dir=None)


def _classifier_for(domain: str, dimension: int) -> DomainClassifier:
    """A classifier that always says ``domain`` (a constant intercept)."""
    intercept = np.array([8.0 if key == domain else 0.0 for key in DOMAIN_KEYS])
    coef = np.zeros((len(DOMAIN_KEYS), dimension))
    return DomainClassifier(DOMAIN_KEYS, coef, intercept, "t", {})


def test_a_cv_reads_as_its_occupation_and_the_domain_follows(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    reader = OccupationReader(index=index, encoder=encoder)

    pilot, chef = read_documents([PILOT_CV, CHEF_CV], reader=reader)

    assert pilot.top is not None
    assert pilot.top.uri == uri("pilot")
    assert chef.top is not None
    assert chef.top.uri == uri("chef")
    assert chef.domain == "retail_hospitality"
    assert document_domain(CHEF_CV, reader=reader).domain == "retail_hospitality"
    assert encoder.calls >= 1


def test_the_classifier_is_one_input_not_the_source_of_truth(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    plain = OccupationReader(index=index, encoder=encoder)
    legal = OccupationReader(
        index=index, encoder=encoder, classifier=_classifier_for("legal", encoder.dimension)
    )

    without = document_domain(CHEF_CV, reader=plain)
    with_prior = document_domain(CHEF_CV, reader=legal)

    assert (
        with_prior.probabilities[DOMAIN_KEYS.index("legal")]
        > without.probabilities[DOMAIN_KEYS.index("legal")]
    )
    assert sum(with_prior.probabilities) == pytest.approx(1.0)


def test_an_index_of_another_encoder_is_refused(index: OccupationIndex) -> None:
    class Other(BagOfWordsEncoder):
        model_id = "another-model"

    with pytest.raises(ValueError, match="built with test-bag-of-words-128"):
        OccupationReader(index=index, encoder=Other())


def test_title_line_is_the_first_line_cut_at_a_bar() -> None:
    assert title_line("\n  Sous Chef | Hotel Name\nbody") == "Sous Chef"
    assert title_line("") == ""


def _profile(*occupations: tuple[str, str, float], domain: str = "finance") -> OccupationProfile:
    candidates = tuple(
        OccupationCandidate(uri(name), name, code, "", None, confidence)
        for name, code, confidence in occupations
    )
    probabilities = tuple(0.9 if key == domain else 0.1 / 12 for key in DOMAIN_KEYS)
    return OccupationProfile(candidates, domain, 0.9, probabilities)


def test_isco_ranking_sums_confidence_per_unit_group() -> None:
    profile = _profile(("a", "2411", 0.4), ("b", "4311", 0.35), ("c", "4311", 0.2))

    assert isco_ranking(profile) == ["4311", "2411"]


def test_agreement_at_the_label_level_and_on_unlabelled_parts() -> None:
    profiles = [
        _profile(("a", "2411", 0.6), ("b", "4311", 0.3)),
        _profile(("c", "5120", 0.5), ("d", "3434", 0.4), domain="retail_hospitality"),
        _profile(("e", "2512", 0.9), domain="technology"),
    ]
    labels = [
        OccupationLabel("1", isco="24", domain="finance"),  # sub-major level: top-1 agrees
        OccupationLabel("2", isco="3434", esco_uri=uri("d"), domain="retail_hospitality"),
        OccupationLabel("3"),  # no label: counted in n only
    ]

    report = occupation_report(labels, profiles)

    assert report["n"] == 3
    assert report["isco"] == {"n": 2, "top1": 0.5, "top3": 1.0}
    assert report["occupation"] == {"n": 1, "top1": 0.0, "top3": 1.0}
    domain = report["domain"]
    assert isinstance(domain, dict)
    assert domain["n"] == 2
    assert domain["accuracy"] == 1.0
    assert domain["ece"] == pytest.approx(0.1)  # both right at confidence 0.9


def test_a_bad_isco_label_is_refused() -> None:
    with pytest.raises(ValueError, match="not an ISCO-08 code"):
        OccupationLabel("x", isco="24x")
