"""Occupation affinity: back-off and smoothing of the table, the category classifier, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from matching.core.occupations.category_classifier import (
    CategoryClassifier,
    fit_category_classifier,
    leave_one_out_probabilities,
)
from matching.core.occupations.occupation_affinity import (
    BROAD_LEVELS,
    AffinityTable,
    OccupationAffinity,
    affinity_input,
    fit_affinity_table,
    load_occupation_affinity,
    save_occupation_affinity,
)

SOFTWARE, WEB, NURSE = "15-1252.00", "15-1254.00", "29-1141.00"
# (category, posting codes, strong): prior 2 / 8 = 0.25.
PAIRS = [
    ("Java", {SOFTWARE}, True),
    ("Java", {SOFTWARE}, True),
    ("Java", {WEB}, False),
    ("Java", {WEB}, False),
    *[("Java", {NURSE}, False)] * 4,
]


def _table(pairs: list[tuple[str, set[str], bool]] = PAIRS, **options: object) -> AffinityTable:
    categories, codes, strong = zip(*pairs, strict=True)
    return fit_affinity_table(list(categories), list(codes), list(strong), **options)  # type: ignore[arg-type]


def test_affinity_backs_off_from_code_to_minor_to_major_group_to_prior() -> None:
    table = _table()
    major = (2 + 0.25) / (4 + 1)  # "15": 2 strong of 4, shrunk to the prior
    minor = (2 + major) / (4 + 1)  # "15-12"
    assert table.prior == 0.25
    assert table.code_affinity("Java", SOFTWARE) == pytest.approx((2 + minor) / (2 + 1))
    assert table.code_affinity("Java", WEB) == pytest.approx(minor / 3)
    assert table.code_affinity("Java", "15-1299.08") == pytest.approx(minor)  # unseen code
    assert table.code_affinity("Java", "15-2051.00") == pytest.approx(major)  # unseen minor
    assert table.code_affinity("Java", "27-1024.00") == pytest.approx(0.25)  # unseen major
    assert table.code_affinity("Nurse", SOFTWARE) == pytest.approx(0.25)  # unseen category
    assert table.code_affinity("Java", NURSE) == pytest.approx(((0.25 / 5) / 5) / 5)


def test_broad_variant_skips_the_detailed_code() -> None:
    table = _table(levels=BROAD_LEVELS)
    minor = (2 + (2 + 0.25) / 5) / 5
    assert table.code_affinity("Java", SOFTWARE) == pytest.approx(minor)
    assert table.code_affinity("Java", WEB) == pytest.approx(minor)


def test_alpha_sets_the_pull_towards_the_parent() -> None:
    table = _table(alpha=3.0)
    major = (2 + 3 * 0.25) / (4 + 3)
    minor = (2 + 3 * major) / (4 + 3)
    assert table.code_affinity("Java", SOFTWARE) == pytest.approx((2 + 3 * minor) / (2 + 3))


def test_a_posting_with_several_codes_shares_one_pair_among_them() -> None:
    table = _table([("Java", {SOFTWARE, WEB}, True), ("Java", {NURSE}, False)])
    assert table.counts["Java"][SOFTWARE] == (0.5, 0.5)
    assert table.counts["Java"]["15-12"] == (1.0, 1.0)
    assert table.counts["Java"]["29"] == (0.0, 1.0)
    both = table.affinity("Java", [WEB, SOFTWARE])
    assert both == pytest.approx(np.mean([table.code_affinity("Java", c) for c in (SOFTWARE, WEB)]))
    assert table.affinity("Java", []) == 0.5  # no code: the prior


def test_affinity_input_weights_categories_by_their_probability() -> None:
    table = _table([*PAIRS, ("Nurse", {NURSE}, True)])
    rows = np.array([[0.75, 0.25], [0.0, 1.0]])
    values = affinity_input(rows, ("Java", "Nurse"), [{SOFTWARE}, {SOFTWARE}], table)
    java, nurse = table.code_affinity("Java", SOFTWARE), table.code_affinity("Nurse", SOFTWARE)
    assert values.tolist() == pytest.approx([0.75 * java + 0.25 * nurse, nurse])


def test_table_only_counts_the_pairs_it_is_given() -> None:
    train = _table()
    with_held_out = _table([*PAIRS, ("Java", {WEB}, True)])
    assert train.code_affinity("Java", WEB) != with_held_out.code_affinity("Java", WEB)
    assert _table(PAIRS).to_json() == train.to_json()


def test_levels_must_run_from_specific_to_coarse() -> None:
    with pytest.raises(ValueError, match="most specific first"):
        _table(levels=(2, 5))


def _clusters() -> tuple[np.ndarray, list[str]]:
    rng = np.random.default_rng(0)
    centres = np.eye(3, 5) * 4.0
    vectors = np.vstack([centre + rng.normal(0, 0.3, (4, 5)) for centre in centres])
    return vectors, [name for name in ("a", "b", "c") for _ in range(4)]


def test_category_classifier_separates_clusters() -> None:
    vectors, labels = _clusters()
    fitted = fit_category_classifier(vectors, labels, c=1.0)
    probabilities = fitted.probabilities(vectors)
    assert fitted.classes == ("a", "b", "c")
    assert [fitted.classes[i] for i in probabilities.argmax(axis=1)] == labels
    assert probabilities.sum(axis=1) == pytest.approx(np.ones(12))


def test_leave_one_out_row_comes_from_a_fit_without_it() -> None:
    vectors, labels = _clusters()
    classes, loo = leave_one_out_probabilities(vectors, labels, c=1.0)
    without_first = fit_category_classifier(vectors[1:], labels[1:], c=1.0)
    assert classes == ("a", "b", "c")
    np.testing.assert_allclose(loo[0], without_first.probabilities(vectors[0])[0])
    relabelled = ["c", *labels[1:]]  # the left-out row's own label never reaches its fit
    np.testing.assert_allclose(leave_one_out_probabilities(vectors, relabelled)[1][0], loo[0])


def test_json_round_trip_gives_equal_predictions(tmp_path: Path) -> None:
    vectors, labels = _clusters()
    model = OccupationAffinity(fit_category_classifier(vectors, labels), _table())
    again = CategoryClassifier.from_json(json.loads(json.dumps(model.classifier.to_json())))
    np.testing.assert_array_equal(
        again.probabilities(vectors), model.classifier.probabilities(vectors)
    )
    path = tmp_path / "affinity.json"
    save_occupation_affinity(model, path)
    loaded = load_occupation_affinity(path)
    codes = [{SOFTWARE}, {WEB, NURSE}, set()] * 4
    np.testing.assert_array_equal(loaded.inputs(vectors, codes), model.inputs(vectors, codes))
    assert loaded.table == model.table


def test_from_json_rejects_another_format() -> None:
    with pytest.raises(ValueError, match="not a fairmatch.occupation_affinity.v1"):
        AffinityTable.from_json({"format": "other"})


def test_the_shipped_affinity_loads_and_reads_a_cv_vector() -> None:
    from matching.core.occupations.domains import WEIGHTS_DIR
    from matching.core.occupations.occupation_affinity import AFFINITY_WEIGHTS_NAME

    model = load_occupation_affinity(WEIGHTS_DIR / AFFINITY_WEIGHTS_NAME)
    vector = np.zeros((1, 384))  # all-MiniLM-L6-v2's dimension
    vector[0, 0] = 1.0

    (value,) = model.inputs(vector, [frozenset({"15-1252.00"})])

    assert len(model.classifier.classes) == 23  # the eval resumes' training categories
    assert model.table.levels == (10, 5, 2)
    assert 0.0 <= value <= 1.0
