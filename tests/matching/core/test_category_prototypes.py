"""Prototype category classifier: exact prototypes, leave-one-out fits, settings, JSON."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matching.core.occupations.category_prototypes import (
    NAME_WEIGHTS,
    TEMPERATURES,
    PrototypeCategoryClassifier,
    choose_prototype_settings,
    fit_prototype_classifier,
    leave_one_out_prototype_probabilities,
)
from matching.core.occupations.occupation_affinity import (
    OccupationAffinity,
    fit_affinity_table,
    load_occupation_affinity,
    save_occupation_affinity,
)

NAMES = {
    "Java": np.array([1.0, 0.0, 0.0]),
    "Nurse": np.array([0.0, 2.0, 0.0]),
    "Chef": np.eye(3)[2],
}
VECTORS = np.array(
    [[0.9, 0.1, 0.0], [0.8, 0.0, 0.2], [0.1, 0.9, 0.0], [0.0, 0.7, 0.3], [0.2, 0.1, 0.9]]
)
CATEGORIES = ["Java", "Java", "Nurse", "Nurse", "Chef"]


def _unit(row: np.ndarray) -> np.ndarray:
    return row / np.linalg.norm(row)


def test_prototypes_are_the_unit_name_plus_the_mean_unit_cv() -> None:
    model = fit_prototype_classifier(VECTORS, CATEGORIES, NAMES, temperature=0.1, name_weight=2.0)

    java = _unit(2.0 * np.eye(3)[0] + (_unit(VECTORS[0]) + _unit(VECTORS[1])) / 2)
    assert model.classes == ("Chef", "Java", "Nurse")
    assert np.allclose(model.prototypes[1], java)
    query = np.array([[3.0, 1.0, 0.0]])  # not unit: the classifier normalises it
    logits = _unit(query[0]) @ model.prototypes.T / 0.1
    expected = np.exp(logits - logits.max()) / np.exp(logits - logits.max()).sum()
    assert np.allclose(model.probabilities(query)[0], expected)


def test_leave_one_out_equals_a_fit_without_the_row() -> None:
    classes, loo = leave_one_out_prototype_probabilities(
        VECTORS, CATEGORIES, NAMES, temperature=0.05, name_weight=1.0
    )
    without_first = fit_prototype_classifier(
        VECTORS[1:], CATEGORIES[1:], NAMES, temperature=0.05, name_weight=1.0
    )
    columns = [classes.index(name) for name in without_first.classes]

    assert np.allclose(loo[0, columns], without_first.probabilities(VECTORS[:1])[0])
    # The only Chef CV left out: no Chef prototype exists in that fit.
    assert loo[4, classes.index("Chef")] == 0.0
    assert loo.sum(axis=1) == pytest.approx(np.ones(5))


def test_settings_come_from_the_grid_with_their_leave_one_out_figures() -> None:
    temperature, weight, loo, figures = choose_prototype_settings(VECTORS, CATEGORIES, NAMES)

    assert temperature in TEMPERATURES
    assert weight in NAME_WEIGHTS
    truth = [sorted(set(CATEGORIES)).index(name) for name in CATEGORIES]
    assert figures["loo_accuracy"] == round(float(np.mean(loo.argmax(axis=1) == truth)), 4)
    # Left out, the lone Chef CV has no prototype to match: 4 of 5 at best.
    assert figures["loo_accuracy"] == 0.8


def test_a_category_without_a_name_vector_is_refused() -> None:
    with pytest.raises(ValueError, match=r"no name vector for categories \['Chef'\]"):
        fit_prototype_classifier(
            VECTORS,
            CATEGORIES,
            {"Java": NAMES["Java"], "Nurse": NAMES["Nurse"]},
            temperature=0.1,
            name_weight=1.0,
        )


def test_json_round_trip_through_the_affinity_file(tmp_path: Path) -> None:
    model = fit_prototype_classifier(VECTORS, CATEGORIES, NAMES, temperature=0.02, name_weight=3.0)
    table = fit_affinity_table(
        CATEGORIES, [frozenset({"15-1252.00"})] * 5, [True] * 2 + [False] * 3
    )
    save_occupation_affinity(OccupationAffinity(model, table), tmp_path / "a.json")

    loaded = load_occupation_affinity(tmp_path / "a.json")

    assert isinstance(loaded.classifier, PrototypeCategoryClassifier)
    assert np.array_equal(loaded.classifier.probabilities(VECTORS), model.probabilities(VECTORS))
    assert (loaded.classifier.temperature, loaded.classifier.name_weight) == (0.02, 3.0)
    with pytest.raises(ValueError, match="not a prototype category classifier"):
        PrototypeCategoryClassifier.from_json({"format": "other"})
