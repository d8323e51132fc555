"""Fitting the occupation affinity for the bucket classifier: no training value sees its label."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from matching.core.evaluation.splits import fold_of_groups
from matching.core.occupations.category_classifier import leave_one_out_probabilities
from matching.core.occupations.category_prototypes import PrototypeCategoryClassifier
from matching.core.occupations.occupation_affinity import affinity_input, fit_affinity_table
from matching.core.occupations.occupation_affinity_training import (
    C_GRID,
    choose_category_c,
    fit_occupation_affinity,
    read_resume_categories,
)

SOFTWARE, NURSING = "15-1252.00", "29-1141.00"


def _resumes() -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """Eight CV vectors in two tight clusters: four Java developers, four nurses."""
    generator = np.random.default_rng(3)
    vectors, categories = {}, {}
    for index in range(8):
        centre = np.eye(6)[0 if index < 4 else 1]
        vectors[f"r{index}"] = centre + 0.05 * generator.standard_normal(6)
        categories[f"r{index}"] = "Java Developer" if index < 4 else "Nurse"
    return vectors, categories


def _pairs() -> tuple[list[str], list[str], list[frozenset[str]], list[bool]]:
    """Every resume against six postings (three software, three nursing)."""
    resumes, jobs, codes, strong = [], [], [], []
    for job in range(6):
        code = SOFTWARE if job % 2 == 0 else NURSING
        for index in range(8):
            resumes.append(f"r{index}")
            jobs.append(f"j{job}")
            codes.append(frozenset({code}))
            strong.append((index < 4) == (code == SOFTWARE))
    return resumes, jobs, codes, strong


def test_training_values_are_cross_fitted_and_the_others_read_the_shipped_model() -> None:
    vectors, categories = _resumes()
    resumes, jobs, codes, strong = _pairs()
    # Resumes r3 and r7 with jobs j4 and j5 are "held out"; everything else trains.
    held = np.array(
        [r in {"r3", "r7"} and j in {"j4", "j5"} for r, j in zip(resumes, jobs, strict=True)]
    )
    train = np.array(
        [
            r not in {"r3", "r7"} and j not in {"j4", "j5"}
            for r, j in zip(resumes, jobs, strict=True)
        ]
    )

    fit = fit_occupation_affinity(vectors, categories, resumes, jobs, codes, strong, train)

    shipped = fit.model.inputs(
        np.array([vectors[r] for r in np.array(resumes)[held]]),
        [c for c, h in zip(codes, held, strict=True) if h],
    )
    assert np.allclose(fit.values[held], shipped)
    truth = np.array(strong)
    assert fit.values[held & truth].min() > 0.6 > 0.2 > fit.values[held & ~truth].max()
    # Rebuild the training column by hand: leave-one-out categories, other-fold tables.
    train_ids = sorted({r for r, t in zip(resumes, train, strict=True) if t})
    classes, loo = leave_one_out_probabilities(
        np.array([vectors[r] for r in train_ids]),
        [categories[r] for r in train_ids],
        c=float(fit.report["category_c"]),  # type: ignore[arg-type]
    )
    rows = np.flatnonzero(train)
    folds = fold_of_groups([jobs[i] for i in rows], 4, 0)
    first = folds == folds[0]
    table = fit_affinity_table(
        [categories[resumes[i]] for i in rows[~first]],
        [codes[i] for i in rows[~first]],
        [strong[i] for i in rows[~first]],
    )
    probabilities = np.array([loo[train_ids.index(resumes[i])] for i in rows[first]])
    expected = affinity_input(probabilities, classes, [codes[i] for i in rows[first]], table)
    assert np.allclose(fit.values[rows[first]], expected)
    assert fit.report["training_resumes"] == 6
    assert fit.report["categories"] == 2
    assert fit.report["category_c"] in C_GRID


def test_choose_category_c_reports_leave_one_out_figures() -> None:
    vectors, categories = _resumes()
    keys = sorted(vectors)
    c, classes, loo, report = choose_category_c(
        np.array([vectors[k] for k in keys]), [categories[k] for k in keys]
    )

    assert classes == ("Java Developer", "Nurse")
    assert loo.shape == (8, 2)
    assert report["loo_accuracy"] == 1.0  # two well separated clusters
    assert c in C_GRID


def test_bad_columns_and_too_few_resumes_are_refused() -> None:
    vectors, categories = _resumes()
    resumes, jobs, codes, strong = _pairs()
    train = np.ones(len(resumes), dtype=bool)

    with pytest.raises(ValueError, match="differ in length"):
        fit_occupation_affinity(vectors, categories, resumes, jobs[:-1], codes, strong, train)
    with pytest.raises(ValueError, match="two training resumes"):
        fit_occupation_affinity(vectors, {"r0": "Nurse"}, resumes, jobs, codes, strong, train)


def test_with_name_vectors_the_category_classifier_is_the_prototypes() -> None:
    vectors, categories = _resumes()
    resumes, jobs, codes, strong = _pairs()
    held = np.array([r == "r7" and j == "j5" for r, j in zip(resumes, jobs, strict=True)])
    train = np.array([r != "r7" and j != "j5" for r, j in zip(resumes, jobs, strict=True)])
    names = {"Java Developer": np.eye(6)[0], "Nurse": np.eye(6)[1]}

    fit = fit_occupation_affinity(
        vectors, categories, resumes, jobs, codes, strong, train, category_name_vectors=names
    )

    assert isinstance(fit.model.classifier, PrototypeCategoryClassifier)
    assert fit.report["category_classifier"] == "prototypes"
    assert fit.report["loo_accuracy"] == 1.0
    shipped = fit.model.inputs(vectors["r7"][None, :], [codes[int(np.flatnonzero(held)[0])]])
    assert fit.values[held] == pytest.approx(shipped)


def test_resume_categories_are_read_where_a_line_has_one(tmp_path: Path) -> None:
    path = tmp_path / "resumes.jsonl"
    path.write_text(
        '{"id": "r1", "text": "a", "category": "Java Developer"}\n\n'
        '{"id": "r2", "text": "b"}\n{"id": "r3", "text": "c", "category": ""}\n',
        encoding="utf-8",
    )

    assert read_resume_categories(path) == {"r1": "Java Developer"}
