"""Occupation inference on the official ESCO CSVs in ../shared with the real encoder.

To stay fast, the index holds a slice of the real taxonomy: every occupation of a few ISCO
unit groups (pilots, cabin crew, chefs, cooks, accountants, software developers, nurses,
lawyers, teachers, mechanics) and every 15th of the others (about 400 texts to encode, a few
seconds), with the real skill relations and labels. Sectors the eval data lacks (aviation,
culinary) must read as the right occupation.
"""

import pytest

from matching.core.encoding.encoder import Encoder
from matching.core.encoding.registry import load_encoder
from matching.core.occupations.esco_index import (
    OccupationIndex,
    OccupationTaxonomy,
    build_occupation_index,
    read_esco_folder,
)
from matching.core.occupations.isco_domains import isco_to_domain
from matching.core.occupations.lookup import infer_occupations
from matching.core.skills.matcher import extract_skills
from tests.conftest import shared_path

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

KEPT_GROUPS = {"3153", "5111", "3434", "5120", "2411", "2512", "2221", "2611", "2341", "7231"}
PILOT_CV = """Jane Doe
Airline Captain
Summary: Airline transport pilot with 9,000 flight hours on Airbus A320 and Boeing 737.
Experience: Captain, regional airline, 2015-2024. Performed pre-flight inspections, prepared
flight plans with dispatch, communicated with air traffic control, led the cabin crew and
handled emergency procedures. First Officer 2010-2015.
Licences: ATPL, type ratings A320 and B737, instrument rating."""
CHEF_CV = """John Smith
Sous Chef
Ran the kitchen of a 120-cover restaurant: menu planning, food cost control, ordering from
suppliers, HACCP food safety, training line cooks and pastry. Prepared sauces, grilled meat and
fish, designed seasonal dishes. Previously Chef de Partie in a hotel kitchen."""


@pytest.fixture(scope="module")
def taxonomy() -> OccupationTaxonomy:
    folder = shared_path("esco")
    return read_esco_folder(folder)


@pytest.fixture(scope="module")
def encoder() -> Encoder:
    return load_encoder()


@pytest.fixture(scope="module")
def index(
    taxonomy: OccupationTaxonomy, encoder: Encoder, tmp_path_factory: pytest.TempPathFactory
) -> OccupationIndex:
    kept = tuple(
        occupation
        for number, occupation in enumerate(taxonomy.occupations)
        if occupation.isco_group in KEPT_GROUPS or number % 15 == 0
    )
    sliced = OccupationTaxonomy(
        f"{taxonomy.version}-slice", kept, taxonomy.relations, taxonomy.group_labels
    )
    return build_occupation_index(sliced, encoder, cache_dir=tmp_path_factory.mktemp("index"))


def test_the_real_taxonomy_reads_whole(taxonomy: OccupationTaxonomy) -> None:
    assert len(taxonomy.occupations) == 3007
    assert len(taxonomy.relations) == 123_855
    assert taxonomy.version.startswith("esco-1.1.1-")
    assert taxonomy.group_labels["3153"] == "Aircraft pilots and related associate professionals"


def test_almost_every_real_occupation_gets_a_domain(taxonomy: OccupationTaxonomy) -> None:
    unmapped = [o for o in taxonomy.occupations if isco_to_domain(o.isco_group) is None]

    assert len(unmapped) / len(taxonomy.occupations) < 0.03  # clerks, secretaries, executives
    for code in {o.isco_group for o in taxonomy.occupations}:
        isco_to_domain(code)  # every real unit group is a valid code


def test_an_aviation_cv_reads_as_a_pilot(index: OccupationIndex, encoder: Encoder) -> None:
    skills = [match.uri for match in extract_skills(PILOT_CV)]

    profile = infer_occupations(PILOT_CV, index, encoder=encoder, skills=skills)

    assert profile.top is not None
    assert profile.top.isco_code == "3153", profile.occupations
    assert profile.domain == "manufacturing_operations"  # transport, as in O*NET's 53- codes


def test_a_culinary_cv_reads_as_a_chef(index: OccupationIndex, encoder: Encoder) -> None:
    skills = [match.uri for match in extract_skills(CHEF_CV)]

    profile = infer_occupations(CHEF_CV, index, encoder=encoder, skills=skills)

    assert profile.top is not None
    assert profile.top.isco_code == "3434", profile.occupations
    assert "chef" in profile.top.label
    assert profile.domain == "retail_hospitality"


def test_a_vacancy_title_decides_between_close_occupations(
    index: OccupationIndex, encoder: Encoder
) -> None:
    text = "We are hiring. You will keep the books, prepare financial statements and tax returns."

    profile = infer_occupations(text, index, encoder=encoder, title="Accountant")

    assert profile.top is not None
    assert profile.top.isco_code == "2411"
    assert profile.domain == "finance"


def test_the_index_is_keyed_by_version_and_model(index: OccupationIndex) -> None:
    assert index.version.startswith("esco-1.1.1-")
    assert index.model_id == load_encoder().model_id
