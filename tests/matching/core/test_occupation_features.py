"""Occupation inputs: SOC codes from titles and text, SOC agreement, occupation similarity."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matching.core.occupations.occupation_features import (
    OCCUPATION_FEATURE_NAMES,
    OccupationSpace,
    occupation_similarity,
    pair_occupation_features,
    read_occupations,
    soc_prefix,
    soc_share,
)
from matching.core.occupations.onet_titles import build_index, load_onet_title_index
from tests.requirements import require_shared

ONET_DIR = Path(__file__).resolve().parents[4] / "shared" / "data" / "onet"
SOFTWARE, WEB, NETWORK, NURSE = "15-1252.00", "15-1254.00", "15-1244.00", "29-1141.00"
ROWS = [
    (SOFTWARE, "Software Developers"),
    (SOFTWARE, "Senior Software Developer"),
    (WEB, "Web Developers"),
    (WEB, "Software Developer"),  # carried by two codes
    (SOFTWARE, "Software Developer"),
    (NETWORK, "Network Administrator (LAN)"),
    (NURSE, "Registered Nurses"),
    ("99-9999.00", "Made Up Title"),  # no domain: left out
    (NURSE, "Nurse"),  # one word: too short
]


def _write(folder: Path, name: str, header: str, lines: list[str]) -> None:
    (folder / name).write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")


def test_posting_codes_take_the_longest_title_in_the_cleaned_title() -> None:
    index = build_index(ROWS)
    raw = "Acme Job Application for Senior Software Developer (remote) | Monster.com var x"
    assert index.posting_codes(raw) == frozenset({SOFTWARE})
    assert index.posting_codes("Software Developer") == frozenset({SOFTWARE, WEB})
    assert index.posting_codes("Network Administrator") == frozenset({NETWORK})
    assert index.posting_codes("Made Up Title") == frozenset()
    assert index.posting_codes("Nurse") == frozenset()


def test_text_codes_count_each_occurrence_longest_first_without_overlap() -> None:
    index = build_index(ROWS)
    text = "Senior Software Developer at X. Before: software developer; registered nurses."
    codes = index.text_codes(text)
    assert codes == pytest.approx({SOFTWARE: 1.5, WEB: 0.5, NURSE: 1.0})
    assert index.text_codes("nothing relevant here") == {}


def test_soc_prefix_levels_and_errors() -> None:
    assert [soc_prefix(SOFTWARE, d) for d in (2, 4, 6, 8)] == ["15", "1512", "151252", "15125200"]
    with pytest.raises(ValueError, match="SOC digits"):
        soc_prefix(SOFTWARE, 3)


def test_soc_share_is_the_matching_share_of_the_cv_weight() -> None:
    resume = {SOFTWARE: 3.0, NURSE: 1.0}
    assert soc_share(resume, {WEB}, 6) == 0.0
    assert soc_share(resume, {WEB}, 4) == pytest.approx(0.75)
    assert soc_share(resume, {SOFTWARE, NURSE}, 8) == pytest.approx(1.0)
    assert soc_share({}, {SOFTWARE}, 2) == 0.0


def _space() -> OccupationSpace:
    vectors = np.array([[1.0, 0.0, 0.0], [0.8, 0.6, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 1.0]])
    return OccupationSpace.build([SOFTWARE, WEB, NETWORK, NURSE], vectors)


def test_space_normalises_rows_and_knows_domains() -> None:
    space = _space()
    assert np.allclose(np.linalg.norm(space.vectors, axis=1), 1.0)
    assert space.domains[0] == space.domains[1] == space.domains[2] != space.domains[3]
    with pytest.raises(ValueError, match="occupation vectors"):
        OccupationSpace.build([SOFTWARE], np.ones((2, 3)))


def test_similarity_compares_the_posting_occupation_with_its_domain_siblings() -> None:
    space = _space()
    cv = np.array([1.0, 0.0, 0.0])
    close = occupation_similarity(cv, {SOFTWARE}, space, temperature=0.1)
    assert close.cosine == pytest.approx(1.0)
    assert close.domain_margin == pytest.approx(0.2)  # WEB is the best sibling at 0.8
    weights = np.exp((np.array([1.0, 0.8, 0.0, 0.0]) - 1.0) / 0.1)
    assert close.log_probability == pytest.approx(np.log(weights[0] / weights.sum()), abs=1e-6)
    assert close.domain_log_probability == pytest.approx(
        np.log(weights[0] / weights[:3].sum()), abs=1e-6
    )
    far = occupation_similarity(cv, {NETWORK}, space, temperature=0.1)
    assert far.domain_margin == pytest.approx(-1.0)
    assert far.log_probability < close.log_probability
    unknown = occupation_similarity(cv, {"11-1011.00"}, space)
    assert (unknown.cosine, unknown.domain_margin) == (0.0, 0.0)
    assert unknown.log_probability == pytest.approx(np.log(0.25))


def test_pair_features_row_follows_the_names() -> None:
    features = pair_occupation_features(
        {SOFTWARE: 1.0, NURSE: 1.0}, frozenset({SOFTWARE}), np.array([1.0, 0.0, 0.0]), _space()
    )
    row = features.row()
    assert len(row) == len(OCCUPATION_FEATURE_NAMES)
    named = dict(zip(OCCUPATION_FEATURE_NAMES, row, strict=True))
    assert named["posting_has_soc"] == 1.0
    assert named["resume_title_hits"] == pytest.approx(np.log(3.0))
    assert named["soc_share_2"] == named["soc_share_6"] == pytest.approx(0.5)
    empty = pair_occupation_features({}, frozenset(), np.zeros(3), _space()).row()
    assert empty[:6] == (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)


def test_loaders_read_tiny_onet_files(tmp_path: Path) -> None:
    header = "O*NET-SOC Code\tTitle\tDescription"
    _write(
        tmp_path,
        "Occupation_Data.txt",
        header,
        [
            f"{SOFTWARE}\tSoftware Developers\tWrite software.",
            "99-9999.00\tMade Up\tNo domain.",
        ],
    )
    _write(
        tmp_path,
        "Alternate_Titles.txt",
        "O*NET-SOC Code\tAlternate Title\tShort Title",
        [
            f"{SOFTWARE}\tApplication Developer\tn/a",
        ],
    )
    occupations = read_occupations(tmp_path)
    assert [(o.code, o.text) for o in occupations] == [
        (SOFTWARE, "Software Developers. Write software.")
    ]
    index = load_onet_title_index(tmp_path)
    assert index.posting_codes("Senior Application Developer") == frozenset({SOFTWARE})
    assert index.posting_codes("Software Developers") == frozenset({SOFTWARE})


def test_real_onet_files_map_common_titles() -> None:
    require_shared("onet", "Occupation_Data.txt")
    index = load_onet_title_index(ONET_DIR)
    # O*NET files "Java Developer" under Computer Programmers.
    assert "15-1251.00" in index.posting_codes("Acme Job Application for Java Developer | Monster")
    assert NURSE in index.text_codes("Worked as a registered nurse in the ICU.")
    occupations = read_occupations(ONET_DIR)
    assert len(occupations) > 800
    assert SOFTWARE in {occupation.code for occupation in occupations}
