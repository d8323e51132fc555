"""The whole real ESCO taxonomy (3,007 occupations) read end to end, as the product reads CVs.

The index is the one cached on disk (``var/occupation-index``, built once per ESCO version and
encoder); where it is absent it is built into a temporary folder (minutes). It is loaded once
for the module. The CVs are in sectors the eval data lacks (aviation, culinary), laid out like
real resume PDFs: a title line, a summary, skills and a dated experience section. The reader
has every input the product gives it: the shipped domain classifier and the O*NET title index.
"""

from pathlib import Path

import pytest

from matching.core.encoding.registry import load_encoder
from matching.core.occupations.domains import load_domain_classifier
from matching.core.occupations.esco_index import (
    DEFAULT_CACHE_DIR,
    build_occupation_index,
    cache_path,
    read_esco_folder,
)
from matching.core.occupations.onet_titles import load_onet_title_index
from matching.core.occupations.profile import OccupationProfile
from matching.core.occupations.reader import OccupationReader, read_documents
from tests.requirements import require_shared

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]

PILOT_CV = """FIRST OFFICER
Summary
Airline pilot with 4,500 flight hours on the Airbus A320 family, ATPL holder, type rated.
Skills
Flight planning, crew resource management, instrument flight rules, weather briefing
Experience
First Officer 03/2017 to Current
Company Name City , State
Fly scheduled passenger flights; prepare flight plans and fuel calculations with dispatch;
perform pre-flight inspections of the aircraft; communicate with air traffic control.
Flight Instructor 01/2014 to 02/2017
Company Name City , State
Taught private pilot students in Cessna 172 aircraft, ground school and check rides.
Education
Bachelor of Science, Aeronautical Science 2013
"""
CHEF_CV = """SOUS CHEF
Summary
Culinary professional with eight years in hotel and restaurant kitchens.
Skills
Menu development, food cost control, HACCP, sauces, butchery, pastry, kitchen staff training
Experience
Sous Chef 05/2018 to Current
Company Name City , State
Run the line of a 150-cover restaurant; plan seasonal menus with the executive chef; order
from suppliers; train line cooks in food safety and plating.
Line Cook 06/2014 to 04/2018
Company Name City , State
Prepared grill and saute stations, stocks and sauces.
Education
Associate of Applied Science, Culinary Arts 2014
"""
PARALEGAL_CV = """PARALEGAL
Summary
Litigation paralegal supporting attorneys in civil court cases.
Skills
Legal research, Westlaw, drafting pleadings and motions, discovery, e-filing with the court
Experience
Litigation Paralegal 02/2016 to Current
Company Name City , State
Draft pleadings, motions and discovery requests for attorneys; manage case files and court
deadlines; prepare exhibits for depositions and trials.
Education
Paralegal Certificate 2015
"""
PATIENT_ADVOCATE_CV = """PATIENT ADVOCATE
Summary
Caring patient advocate helping patients through hospital admission, billing and insurance.
Skills
Patient care coordination, medical terminology, insurance verification, HIPAA
Experience
Patient Advocate 08/2016 to Current
Company Name City , State
Help patients and families understand treatment plans, schedule appointments with physicians
and nurses, resolve billing questions and coordinate care with the clinical team.
Education
Certified Nursing Assistant 2015
"""


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> OccupationReader:
    taxonomy = read_esco_folder(require_shared("esco"))
    encoder = load_encoder()
    cached = cache_path(DEFAULT_CACHE_DIR, taxonomy.version, encoder.model_id).is_file()
    cache_dir: Path = DEFAULT_CACHE_DIR if cached else tmp_path_factory.mktemp("occupation-index")
    return OccupationReader(
        index=build_occupation_index(taxonomy, encoder, cache_dir=cache_dir),
        encoder=encoder,
        classifier=load_domain_classifier(),
        onet_titles=load_onet_title_index(require_shared("onet")),
    )


@pytest.fixture(scope="module")
def profiles(reader: OccupationReader) -> dict[str, OccupationProfile]:
    names = ("pilot", "chef", "paralegal", "patient_advocate")
    texts = (PILOT_CV, CHEF_CV, PARALEGAL_CV, PATIENT_ADVOCATE_CV)
    return dict(zip(names, read_documents(texts, reader=reader), strict=True))


def test_the_whole_taxonomy_is_indexed(reader: OccupationReader) -> None:
    assert len(reader.index) == 3007
    assert reader.index.version.startswith("esco-1.1.1-")


def test_an_aviation_cv_reads_as_a_pilot(profiles: dict[str, OccupationProfile]) -> None:
    profile = profiles["pilot"]

    assert profile.top is not None
    assert profile.top.isco_code == "3153", profile.occupations  # aircraft pilots
    assert all(item.isco_code == "3153" for item in profile.occupations[:3])
    assert any("pilot" in item.label for item in profile.occupations[:3])
    assert profile.domain == "manufacturing_operations"  # transport, as O*NET's 53- codes


def test_a_culinary_cv_reads_as_a_chef(profiles: dict[str, OccupationProfile]) -> None:
    profile = profiles["chef"]

    assert profile.top is not None
    assert profile.top.isco_code == "3434", profile.occupations  # chefs
    assert "chef" in profile.top.label
    assert profile.domain == "retail_hospitality"


def test_law_work_reads_as_legal_and_an_advocate_of_patients_does_not(
    profiles: dict[str, OccupationProfile],
) -> None:
    paralegal, advocate = profiles["paralegal"], profiles["patient_advocate"]

    assert paralegal.top is not None
    assert paralegal.top.isco_code.startswith(("261", "3411")), paralegal.occupations
    assert paralegal.domain == "legal"
    assert advocate.domain == "healthcare", advocate.occupations


def test_confidences_are_calibrated_shares_in_order(
    profiles: dict[str, OccupationProfile],
) -> None:
    for profile in profiles.values():
        confidences = [item.confidence for item in profile.occupations]

        assert confidences == sorted(confidences, reverse=True)
        assert 0 < sum(confidences) <= 1.0 + 1e-9
        assert sum(profile.domain_probabilities) == pytest.approx(1.0)
        assert profile.domain_confidence == max(profile.domain_probabilities)
