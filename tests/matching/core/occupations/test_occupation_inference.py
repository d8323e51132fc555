"""Occupation inference on the synthetic taxonomy: evidence, calibration, ties, domains."""

import re
from dataclasses import replace

import numpy as np
import pytest

from matching.core.occupations.domains import DOMAIN_KEYS
from matching.core.occupations.esco_index import OccupationIndex, build_occupation_index
from matching.core.occupations.inference import (
    DEFAULT_WEIGHTS,
    DocumentEvidence,
    OccupationWeights,
    balance_domains,
    domain_distribution,
    evidence_scores,
    profile_from_evidence,
)
from matching.core.occupations.lookup import infer_occupations, split_passages
from matching.core.occupations.profile import OccupationProfile
from tests.matching.core.occupations.synthetic_esco import (
    ROWS,
    BagOfWordsEncoder,
    skill,
    synthetic_taxonomy,
    uri,
)

PILOT_CV = (
    "Captain, 8,000 flight hours on the A320. I prepare flight plans, check the aircraft before "
    "every flight and brief the crew."
)
CHEF_CV = "Executive Chef. Ran a busy kitchen: planned menus, controlled food costs, trained cooks."


@pytest.fixture(scope="module")
def encoder() -> BagOfWordsEncoder:
    return BagOfWordsEncoder()


@pytest.fixture(scope="module")
def index(encoder: BagOfWordsEncoder) -> OccupationIndex:
    return build_occupation_index(synthetic_taxonomy(), encoder, cache_dir=None)


def test_a_pilot_cv_reads_as_a_pilot(index: OccupationIndex, encoder: BagOfWordsEncoder) -> None:
    profile = infer_occupations(
        PILOT_CV, index, encoder=encoder, skills=[skill("flight-plans"), skill("aircraft-checks")]
    )

    assert profile.top is not None
    assert profile.top.uri == uri("pilot")
    assert profile.top.isco_code == "3153"
    assert profile.top.isco_label.startswith("Aircraft pilots")
    assert profile.domain == "manufacturing_operations"
    assert re.fullmatch(r"airline pilot \(ESCO\), [01]\.\d\d", profile.reads_as())


def test_a_chef_cv_reads_as_a_chef(index: OccupationIndex, encoder: BagOfWordsEncoder) -> None:
    profile = infer_occupations(CHEF_CV, index, encoder=encoder, skills=[skill("menu-planning")])

    assert profile.top is not None
    assert profile.top.uri == uri("chef")
    assert profile.domain == "retail_hospitality"
    assert {name for name, _ in profile.top.evidence} == {
        "semantic",
        "label",
        "skills",
        "titles",
        "body_titles",
        "job_titles",
    }


def test_each_kind_of_evidence_moves_the_result(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    text = "Ten years of work."
    vectors = encoder.encode([text, text])
    titles_only = OccupationWeights(semantic=0, label=0, skills=0, titles=1)
    skills_only = OccupationWeights(semantic=0, label=0, skills=8, titles=0)

    by_title = infer_occupations(
        "Registered nurse", index, passage_vectors=vectors, weights=titles_only
    )
    by_skill = infer_occupations(
        text, index, passage_vectors=vectors, skills=[skill("ledger")], weights=skills_only
    )

    assert by_title.top is not None
    assert by_title.top.uri == uri("nurse")
    assert by_skill.top is not None
    assert by_skill.top.uri == uri("bookkeeper")


def test_a_given_title_outweighs_a_title_in_the_body(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    body = "We also need to talk to our accountant now and then. " * 10
    profile = infer_occupations(body, index, encoder=encoder, title="Registered Nurse")

    assert profile.top is not None
    assert profile.top.uri == uri("nurse")


def test_confidences_are_ordered_and_sum_to_at_most_one(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    everything = replace(DEFAULT_WEIGHTS, top_k=len(ROWS))
    profile = infer_occupations(CHEF_CV, index, encoder=encoder, weights=everything)
    confidences = [item.confidence for item in profile.occupations]

    assert confidences == sorted(confidences, reverse=True)
    assert sum(confidences) == pytest.approx(1.0)  # all occupations kept: a full softmax
    short = infer_occupations(CHEF_CV, index, encoder=encoder)
    assert len(short.occupations) == DEFAULT_WEIGHTS.top_k
    assert sum(item.confidence for item in short.occupations) <= 1.0 + 1e-9
    assert sum(profile.domain_probabilities) == pytest.approx(1.0)
    assert profile.domain_confidence == max(profile.domain_probabilities)


def test_a_higher_temperature_flattens_without_reordering(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    sharp = infer_occupations(
        CHEF_CV, index, encoder=encoder, weights=replace(DEFAULT_WEIGHTS, temperature=0.5)
    )
    flat = infer_occupations(
        CHEF_CV, index, encoder=encoder, weights=replace(DEFAULT_WEIGHTS, temperature=4.0)
    )

    assert [o.uri for o in sharp.occupations] == [o.uri for o in flat.occupations]
    assert sharp.occupations[0].confidence > flat.occupations[0].confidence
    assert flat.occupations[-1].confidence > sharp.occupations[-1].confidence


def test_ties_are_broken_by_uri_the_same_way_every_time(encoder: BagOfWordsEncoder) -> None:
    twins = tuple(
        (name, "deck hand", (), "8350", "Deck hands work on ships.", ("ropes",), ())
        for name in ("zeta", "alpha", "mid")
    )
    index = build_occupation_index(synthetic_taxonomy(twins), encoder, cache_dir=None)

    profile = infer_occupations("deck hand, ropes", index, encoder=encoder, skills=[skill("ropes")])

    assert [item.uri for item in profile.occupations] == [uri("alpha"), uri("mid"), uri("zeta")]
    assert len({item.confidence for item in profile.occupations}) == 1


def test_cross_sector_mass_goes_to_the_domain_classifier(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    text = "Office clerk: filing, administrative clerk duties."
    prior = tuple(1.0 if key == "legal" else 0.0 for key in DOMAIN_KEYS)

    without = infer_occupations(text, index, encoder=encoder, skills=[skill("filing")])
    with_prior = infer_occupations(
        text, index, encoder=encoder, skills=[skill("filing")], domain_prior=prior
    )

    assert with_prior.top is not None
    assert with_prior.top.uri == uri("clerk")
    assert with_prior.top.domain is None
    assert with_prior.domain == "legal"
    assert without.domain != "legal"


def test_an_onet_title_distribution_is_blended_in(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    onet = tuple(1.0 if key == "healthcare" else 0.0 for key in DOMAIN_KEYS)
    weights = replace(DEFAULT_WEIGHTS, onet=0.5, domain_temperature=1.0)
    base = infer_occupations(CHEF_CV, index, encoder=encoder, weights=weights)
    blended = infer_occupations(CHEF_CV, index, encoder=encoder, weights=weights, onet_domains=onet)

    health = DOMAIN_KEYS.index("healthcare")
    assert blended.domain_probabilities[health] == pytest.approx(
        0.5 * base.domain_probabilities[health] + 0.5
    )


def test_a_job_title_in_the_experience_section_outweighs_one_in_passing(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    text = (
        "Summary\nTen years of work; I supported the registered nurse team with paperwork and "
        "answered patients' questions.\nExperience\nWeb Developer 03/2019 to Current\n"
        "Company Name\nBuilt pages.\nEducation\nDiploma 2018\n"
    )
    vectors = encoder.encode([text[:300], text])
    titles = OccupationWeights(semantic=0, label=0, skills=0, titles=1, body_titles=1, job_titles=0)

    without = infer_occupations(text, index, passage_vectors=vectors, weights=titles)
    with_jobs = infer_occupations(
        text, index, passage_vectors=vectors, weights=replace(titles, job_titles=2)
    )
    scores = evidence_scores(index, DocumentEvidence(text, vectors))

    assert without.top is not None
    assert without.top.uri == uri("nurse")
    assert with_jobs.top is not None
    assert with_jobs.top.uri == uri("web")
    assert scores["job_titles"][[o == uri("web") for o in index.uris].index(True)] > 0
    assert scores["job_titles"].sum() == scores["job_titles"].max()  # only the header's title


def test_domain_balance_evens_out_domains_with_many_occupations(
    index: OccupationIndex,
) -> None:
    flat = np.full(len(index), 1.0 / len(index))
    mass = flat @ index.domain_matrix  # in proportion to each domain's occupation count
    technology, healthcare = DOMAIN_KEYS.index("technology"), DOMAIN_KEYS.index("healthcare")

    even = balance_domains(mass, index, 1.0)
    half = balance_domains(mass, index, 0.5)

    assert mass[technology] == pytest.approx(2 * mass[healthcare])  # two developers, one nurse
    assert even[technology] == pytest.approx(even[healthcare])
    assert mass[technology] / mass[healthcare] > half[technology] / half[healthcare] > 1.0
    assert even.sum() == pytest.approx(mass.sum())  # the cross-sector share is left alone
    assert balance_domains(mass, index, 0.0) == pytest.approx(mass)
    evidence = DocumentEvidence("t", np.ones((1, 128)) / 128**0.5)
    balanced = domain_distribution(
        index, flat, evidence, replace(DEFAULT_WEIGHTS, domain_balance=1.0)
    )
    assert balanced[technology] == pytest.approx(balanced[healthcare])
    assert sum(balanced) == pytest.approx(1.0)


def test_domain_calibration_sharpens_without_changing_the_domain(
    index: OccupationIndex, encoder: BagOfWordsEncoder
) -> None:
    raw = replace(DEFAULT_WEIGHTS, domain_temperature=1.0)
    sharp = replace(DEFAULT_WEIGHTS, domain_temperature=0.5)

    before = infer_occupations(CHEF_CV, index, encoder=encoder, weights=raw)
    after = infer_occupations(CHEF_CV, index, encoder=encoder, weights=sharp)

    assert after.domain == before.domain
    assert after.domain_confidence > before.domain_confidence
    squared = np.square(before.domain_probabilities)
    assert after.domain_probabilities == pytest.approx(tuple(squared / squared.sum()))
    assert [o.confidence for o in after.occupations] == [o.confidence for o in before.occupations]


def test_bad_inputs_are_refused(index: OccupationIndex) -> None:
    with pytest.raises(ValueError, match="needs an encoder or passage_vectors"):
        infer_occupations("text", index)
    with pytest.raises(ValueError, match="passage vectors must have shape"):
        infer_occupations("text", index, passage_vectors=np.zeros((1, 3)))
    with pytest.raises(ValueError, match="domain_prior must hold 13"):
        profile_from_evidence(
            index, DocumentEvidence("t", np.ones((1, 128)) / 128**0.5, domain_prior=(1.0,))
        )
    for bad in (
        {"temperature": 0},
        {"skills": -1},
        {"classifier": 2},
        {"top_k": 0},
        {"job_titles": -1},
        {"domain_balance": -0.5},
    ):
        with pytest.raises(ValueError, match="occupation weights"):
            OccupationWeights(**bad)


def test_split_passages_cover_the_text() -> None:
    text = "word " * 600

    passages = split_passages(text, size=1000)

    assert len(passages) == 3
    assert sum(len(passage.split()) for passage in passages) == 600
    assert split_passages("") == []


def test_profile_json_round_trip(index: OccupationIndex, encoder: BagOfWordsEncoder) -> None:
    profile = infer_occupations(CHEF_CV, index, encoder=encoder)

    again = OccupationProfile.from_json(profile.to_json())

    assert again.top is not None
    assert profile.top is not None
    assert again.top.uri == profile.top.uri
    assert again.domain == profile.domain
    assert again.esco_version == "esco-test-1"
    with pytest.raises(ValueError, match="not an occupation profile"):
        OccupationProfile.from_json({"format": "other"})
