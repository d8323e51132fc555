"""The fair pair classifier: the fairness term shrinks the gap on a biased synthetic dataset."""

import json

import numpy as np
import pytest
from django.core.management import CommandError, call_command

from fairness.training.classifier import FairTrainingConfig, class_weights, pair_inputs
from fairness.training.experiment import check_enough, compare_betas, group_ids, stratified_split
from tests.factories import ApplicationFactory, SensitiveAttributesFactory
from vacancies.workflow import ApplicationStatus


def _biased_dataset(n: int = 240, seed: int = 0):  # type: ignore[no-untyped-def]
    """Group 1 is hired three times as often; one input dimension is a proxy of the group."""
    rng = np.random.default_rng(seed)
    groups = np.arange(n, dtype=np.int64) % 2
    labels = (rng.random(n) < np.where(groups == 1, 0.6, 0.15)).astype(np.int64)
    resumes = rng.normal(0, 1, (n, 4)).astype(np.float32)
    resumes[:, 0] = labels + rng.normal(0, 0.8, n)
    resumes[:, 1] = groups + rng.normal(0, 0.1, n)
    jobs = np.zeros((n, 4), dtype=np.float32)
    return pair_inputs(resumes, jobs), labels, groups, [f"pair-{i}" for i in range(n)]


def test_fairness_gap_shrinks_with_beta() -> None:
    inputs, labels, groups, ids = _biased_dataset()
    config = FairTrainingConfig(
        beta=5.0, constraint="dp", epochs=80, batch_size=256, learning_rate=1e-2
    )

    report = compare_betas(inputs, labels, groups, ids, config, sweep=(1.0,))

    assert report["n_train"] + report["n_test"] == 240
    assert [row["beta"] for row in report["sweep"]] == [1.0]
    assert report["baseline"]["fairness_gap_soft"] > 0.3
    assert report["fair"]["fairness_gap_soft"] < report["baseline"]["fairness_gap_soft"] / 3
    assert report["fair"]["auc"] > 0.7


def test_pair_inputs_are_u_v_and_abs_difference() -> None:
    u = np.array([[1.0, -2.0]], dtype=np.float32)
    v = np.array([[0.5, 1.0]], dtype=np.float32)

    assert pair_inputs(u, v).tolist() == [[1.0, -2.0, 0.5, 1.0, 0.5, 3.0]]


def test_class_weights_are_inverse_frequency() -> None:
    weights = class_weights(np.array([0, 0, 0, 1], dtype=np.int64), 2)

    assert weights.tolist() == pytest.approx([4 / 6, 2.0])


def test_stratified_split_holds_out_every_class() -> None:
    labels = np.array([0] * 7 + [1] * 3, dtype=np.int64)

    train, test = stratified_split([f"p{i}" for i in range(10)], labels, 0.3)

    assert sorted(labels[test].tolist()) == [0, 0, 0, 1]
    assert sorted(train.tolist() + test.tolist()) == list(range(10))


def test_group_ids_map_unknown_to_minus_one() -> None:
    ids, names = group_ids(["male", None, "female", "male"])

    assert ids.tolist() == [1, -1, 0, 1]
    assert names == ["female", "male"]


def test_too_few_pairs_is_one_clear_line() -> None:
    with pytest.raises(ValueError, match=r"too few labelled pairs: 3 with class counts \[2, 1\]"):
        check_enough(np.array([0, 0, 1], dtype=np.int64), 2)


@pytest.mark.django_db
def test_command_fails_clearly_with_too_few_pairs() -> None:
    application = ApplicationFactory(status=ApplicationStatus.HIRED.value)
    SensitiveAttributesFactory(candidate=application.candidate)

    with pytest.raises(CommandError, match="too few labelled pairs: 1 with class counts"):
        call_command("train_fair_classifier", "--json")


@pytest.mark.slow
@pytest.mark.django_db
def test_command_reports_both_betas_on_held_out_pairs(capsys) -> None:  # type: ignore[no-untyped-def]
    for index in range(12):
        status = ApplicationStatus.HIRED if index % 3 == 0 else ApplicationStatus.REJECTED
        application = ApplicationFactory(status=status.value)
        SensitiveAttributesFactory(
            candidate=application.candidate, gender="female" if index % 2 else "male"
        )

    call_command("train_fair_classifier", "--beta", "2", "--epochs", "20", "--json")

    report = json.loads(capsys.readouterr().out)
    assert report["groups"] == {"female": 6, "male": 6}
    assert (report["n_train"], report["n_test"]) == (7, 5)  # ceil(30 %) of 4 hires and 8 rejections
    assert (report["baseline"]["beta"], report["fair"]["beta"]) == (0.0, 2.0)
    assert set(report["fair"]) == {
        "beta",
        "auc",
        "f1",
        "accuracy",
        "fairness_gap",
        "fairness_gap_soft",
    }
