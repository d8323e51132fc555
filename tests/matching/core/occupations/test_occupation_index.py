"""The occupation index: reading the ESCO CSVs, the on-disk vector cache, skills and titles."""

from pathlib import Path

import numpy as np
import pytest

from matching.core.occupations.esco_index import (
    build_occupation_index,
    cache_path,
    esco_version,
    locate_esco_dir,
    occupation_text,
    read_esco_folder,
)
from tests.matching.core.occupations.synthetic_esco import (
    BagOfWordsEncoder,
    skill,
    synthetic_taxonomy,
    uri,
    write_esco_folder,
)


def test_reads_an_official_csv_folder(tmp_path: Path) -> None:
    taxonomy = read_esco_folder(write_esco_folder(tmp_path / "esco"))

    assert len(taxonomy.occupations) == 9
    assert taxonomy.occupations[0].isco_group == "3153"
    assert taxonomy.group_labels == {"3434": "Chefs"}
    assert taxonomy.version.startswith("esco-9.9.9-")


def test_the_version_changes_with_the_csvs(tmp_path: Path) -> None:
    folder = write_esco_folder(tmp_path / "esco")
    before = esco_version(folder)
    with (folder / "occupations_en.csv").open("a", encoding="utf-8") as handle:
        handle.write(f"{uri('extra')},2411,auditor,,Audits.\n")

    assert esco_version(folder) != before


def test_a_missing_folder_or_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="missing occupations_en.csv"):
        locate_esco_dir(tmp_path)
    folder = write_esco_folder(tmp_path / "esco")
    (folder / "occupationSkillRelations.csv").unlink()
    with pytest.raises(FileNotFoundError, match="missing occupationSkillRelations.csv"):
        read_esco_folder(folder)


def test_vectors_are_encoded_once_and_cached_by_version_and_model(tmp_path: Path) -> None:
    taxonomy, encoder = synthetic_taxonomy(), BagOfWordsEncoder()

    first = build_occupation_index(taxonomy, encoder, cache_dir=tmp_path)
    second = build_occupation_index(taxonomy, encoder, cache_dir=tmp_path)

    assert encoder.calls == 2  # occupation texts and labels, the first time only
    path = cache_path(tmp_path, "esco-test-1", encoder.model_id)
    assert path.is_file()
    assert path.name == "esco-test-1-test-bag-of-words-128.npz"
    assert np.allclose(first.vectors, second.vectors, atol=1e-3)
    assert np.allclose(np.linalg.norm(second.vectors, axis=1), 1.0, atol=1e-3)


def test_a_changed_taxonomy_does_not_read_stale_vectors(tmp_path: Path) -> None:
    encoder = BagOfWordsEncoder()
    build_occupation_index(synthetic_taxonomy(), encoder, cache_dir=tmp_path)
    smaller = synthetic_taxonomy()
    smaller = type(smaller)(smaller.version, smaller.occupations[:3], smaller.relations)

    index = build_occupation_index(smaller, encoder, cache_dir=tmp_path)

    assert len(index) == 3
    assert encoder.calls == 4


def test_occupation_text_holds_label_alternatives_and_description() -> None:
    text = occupation_text(synthetic_taxonomy().occupations[0])

    assert text.startswith("airline pilot. aircraft pilot, airline captain. Airline pilots fly")


def test_skill_votes_prefer_essential_links_and_rare_skills() -> None:
    index = build_occupation_index(synthetic_taxonomy(), BagOfWordsEncoder(), cache_dir=None)
    chef, cook = index.uris.index(uri("chef")), index.uris.index(uri("cook"))

    votes = index.skills.scores([skill("menu-planning")])
    assert votes[chef] > votes[cook] > 0  # essential for the chef, optional for the cook
    assert index.skills.idf[skill("spreadsheets")] < index.skills.idf[skill("flight-plans")]
    assert index.skills.scores(["http://unknown"]).sum() == 0.0
    assert 0.0 <= votes.max() <= 1.0


def test_title_lexicon_finds_whole_labels_longest_first() -> None:
    index = build_occupation_index(synthetic_taxonomy(), BagOfWordsEncoder(), cache_dir=None)

    hits = index.titles.find("Worked as Executive Chef; before that a line-cook. Cookery.")

    assert [hit.term for hit in hits] == ["executive chef", "line cook"]
    assert hits[0].rows == (index.uris.index(uri("chef")),)


def test_a_one_word_label_votes_for_its_family() -> None:
    index = build_occupation_index(synthetic_taxonomy(), BagOfWordsEncoder(), cache_dir=None)

    (hit,) = index.titles.find("Chef")

    rows = {index.uris[row] for row in hit.rows}
    assert rows == {uri("chef")}  # "chef" ends "executive chef" and "head chef" only
    (developer,) = index.titles.find("developer")
    assert {index.uris[row] for row in developer.rows} == {uri("developer"), uri("web")}
