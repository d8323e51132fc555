"""O*NET title lookup: title cleaning, longest-title matching and the domain distribution."""

from pathlib import Path

import numpy as np
import pytest

from matching.core.occupations.domains import DOMAIN_KEYS, DomainPrediction
from matching.core.occupations.onet_titles import (
    ALTERNATE_FILE,
    OCCUPATIONS_FILE,
    REPORTED_FILE,
    blend_prediction,
    blend_title_domains,
    build_index,
    clean_title,
    load_onet_title_index,
    read_title_rows,
)
from tests.requirements import require_shared


def _write(path: Path, header: str, rows: list[str]) -> None:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


@pytest.fixture
def onet_dir(tmp_path: Path) -> Path:
    _write(
        tmp_path / OCCUPATIONS_FILE,
        "O*NET-SOC Code\tTitle\tDescription",
        [
            "15-1252.00\tSoftware Developers\tWrite software.",
            "49-3031.00\tBus and Truck Mechanics and Diesel Engine Specialists\tFix engines.",
            "99-9999.00\tUnmapped Workers\tNo domain.",
        ],
    )
    _write(
        tmp_path / ALTERNATE_FILE,
        "O*NET-SOC Code\tAlternate Title\tShort Title\tSource(s)",
        [
            "49-3031.00\tDiesel Mechanic\tn/a\t08",
            "15-1252.00\tJava Developer\tn/a\t08",
            "27-2012.00\tProduction Supervisor\tn/a\t08",
            "51-1011.00\tProduction Supervisor\tn/a\t08",
            "51-1011.01\tProduction Supervisor\tn/a\t08",
            "99-9999.00\tDiesel Mechanic Helper\tn/a\t08",
        ],
    )
    _write(
        tmp_path / REPORTED_FILE,
        "O*NET-SOC Code\tReported Job Title\tShown in My Next Move",
        ["29-1141.00\tRegistered Nurse (RN)\tY"],
    )
    return tmp_path


def _probability(probabilities: tuple[float, ...], domain: str) -> float:
    return probabilities[DOMAIN_KEYS.index(domain)]


def test_clean_title_drops_employer_monster_suffix_and_notes() -> None:
    raw = (
        "Central Parts LLC Job Application for Diesel Mechanic (Nights) | Monster.com var "
        'MONS_LOG_VARS = {"JobID":'
    )
    assert clean_title(raw) == "diesel mechanic"
    assert clean_title("Jr. Staff Accountant (part time)") == "jr staff accountant"
    assert clean_title("\n  Registered Nurse - RN\nbody text") == "registered nurse rn"


def test_longest_contained_title_wins(onet_dir: Path) -> None:
    index = load_onet_title_index(onet_dir)
    match = index.lookup("Acme Job Application for Senior Java Developer | Monster.com")
    assert match is not None
    assert (match.onet_title, match.n_words, match.exact) == ("java developer", 2, False)
    assert match.domain == "technology"
    assert _probability(match.probabilities, "technology") == 1.0


def test_reported_titles_are_indexed_without_parentheses(onet_dir: Path) -> None:
    match = load_onet_title_index(onet_dir).lookup("Registered Nurse")
    assert match is not None
    assert match.exact
    assert match.domain == "healthcare"


def test_title_shared_by_several_codes_splits_the_probability(onet_dir: Path) -> None:
    probabilities = load_onet_title_index(onet_dir).probabilities("Production Supervisor")
    assert probabilities is not None
    assert _probability(probabilities, "manufacturing_operations") == pytest.approx(2 / 3)
    assert _probability(probabilities, "media_entertainment") == pytest.approx(1 / 3)
    assert sum(probabilities) == pytest.approx(1.0)


def test_unmapped_codes_and_one_word_titles_give_none(onet_dir: Path) -> None:
    index = load_onet_title_index(onet_dir)
    assert index.lookup("Unmapped Workers") is None  # its SOC code maps to no domain
    assert index.lookup("Mechanic") is None  # shorter than MIN_WORDS
    assert index.lookup("") is None


def test_min_words_one_allows_single_word_titles() -> None:
    index = build_index([("23-2011.00", "Paralegal")], min_words=1)
    match = index.lookup("Paralegal - Immigration")
    assert match is not None
    assert match.domain == "legal"


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="none of"):
        read_title_rows(tmp_path)


def test_real_onet_titles() -> None:
    index = load_onet_title_index(require_shared("onet"))
    assert len(index.titles) > 10_000
    for title, domain in [
        ("Java Developer", "technology"),
        ("Registered Nurse - RN", "healthcare"),
        ("Acme Job Application for Diesel Mechanic | Monster.com var", "manufacturing_operations"),
    ]:
        match = index.lookup(title)
        assert match is not None, title
        assert match.domain == domain, title


def _row(**domains: float) -> list[float]:
    return [domains.get(key, 0.0) for key in DOMAIN_KEYS]


def test_blend_mixes_the_matched_title_into_each_posting_row(onet_dir: Path) -> None:
    index = load_onet_title_index(onet_dir)
    rows = np.array([_row(technology=1.0), _row(technology=0.5, healthcare=0.5), _row(legal=1.0)])
    texts = ["Registered Nurse\nward", "Production Supervisor | Monster", "Head chef\nkitchen"]

    blended = blend_title_domains(rows, texts, index, 0.9)

    assert blended[0] == pytest.approx(_row(technology=0.1, healthcare=0.9))
    # 0.1 * classifier + 0.9 * (2/3 manufacturing, 1/3 media)
    assert blended[1] == pytest.approx(
        _row(
            technology=0.05, healthcare=0.05, manufacturing_operations=0.6, media_entertainment=0.3
        )
    )
    assert blended[2] == pytest.approx(_row(legal=1.0))  # no O*NET title: unchanged
    assert blended.sum(axis=1) == pytest.approx([1.0, 1.0, 1.0])
    assert rows[0] == pytest.approx(_row(technology=1.0))  # the input is not modified


def test_blend_without_index_or_weight_changes_nothing(onet_dir: Path) -> None:
    rows = np.array([_row(technology=1.0)])
    assert blend_title_domains(rows, ["Registered Nurse"], None, 0.9) == pytest.approx(rows)
    index = load_onet_title_index(onet_dir)
    assert blend_title_domains(rows, ["Registered Nurse"], index, 0.0) == pytest.approx(rows)
    assert blend_title_domains(rows, ["Registered Nurse"], index, 1.0)[0] == pytest.approx(
        _row(healthcare=1.0)
    )


def test_blend_rejects_bad_weights_and_shapes(onet_dir: Path) -> None:
    index = load_onet_title_index(onet_dir)
    with pytest.raises(ValueError, match="between 0 and 1"):
        blend_title_domains(np.array([_row(legal=1.0)]), ["x"], index, 1.5)
    with pytest.raises(ValueError, match="2 domain rows for 1 posting texts"):
        blend_title_domains(np.array([_row(legal=1.0)] * 2), ["x"], index, 0.9)


def test_blend_prediction_takes_the_new_argmax(onet_dir: Path) -> None:
    index = load_onet_title_index(onet_dir)
    before = DomainPrediction("technology", 0.8, tuple(_row(technology=0.8, healthcare=0.2)))

    after = blend_prediction(before, "Registered Nurse (RN)\nNight shifts", index, 0.9)

    assert after.domain == "healthcare"
    assert after.confidence == pytest.approx(0.1 * 0.2 + 0.9)
    assert after.probabilities == pytest.approx(_row(technology=0.08, healthcare=0.92))
    assert blend_prediction(before, "Head chef", index, 0.9) == before
