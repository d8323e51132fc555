"""Model cards: calibration, classification and fairness figures, files and plots."""

import json
import re
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command
from fairlearn.metrics import (
    demographic_parity_difference,
    equal_opportunity_difference,
    equalized_odds_difference,
)

from matching.core.cards.model_card import (
    ClassifierEval,
    FairnessEval,
    ModelCard,
    RankingEval,
    classification_metrics,
    fairness_metrics,
    reliability,
    write_model_card,
)
from matching.core.scoring.score_mapper_training import expected_calibration_error
from tests.factories import ApplicationFactory, SensitiveAttributesFactory
from vacancies.workflow import ApplicationStatus

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_ece_on_a_known_toy_case() -> None:
    # Bin 0.9-1.0: confidence 0.9, accuracy 0.5; bin 0.6-0.7: confidence 0.6, accuracy 1.0.
    result = reliability([0.9, 0.9, 0.6, 0.6], [True, False, True, True])

    assert result["ece"] == pytest.approx(0.5 * 0.4 + 0.5 * 0.4)
    assert [row["count"] for row in result["bins"]] == [0] * 6 + [2, 0, 0, 2]
    assert reliability([1.0, 0.5, 0.5], [True, True, False])["ece"] == 0.0


def test_ece_agrees_with_the_score_mapper_report() -> None:
    rng = np.random.default_rng(0)
    confidence = rng.uniform(0.25, 1.0, 200)
    correct = rng.random(200) < confidence

    expected = expected_calibration_error(confidence, correct)
    assert reliability(confidence.tolist(), correct.tolist())["ece"] == round(expected, 4)


def test_classification_metrics_and_confusion() -> None:
    result = classification_metrics([0, 0, 1, 1, 2], [0, 1, 1, 1, 0], ["a", "b", "c"])

    assert result["confusion"] == [[1, 1, 0], [0, 2, 0], [1, 0, 0]]
    assert result["accuracy"] == 0.6
    assert result["per_class"]["b"] == {"precision": 0.6667, "recall": 1.0, "f1": 0.8, "support": 2}


def test_fairness_differences_equal_fairlearns() -> None:
    rng = np.random.default_rng(1)
    truth, predicted = rng.integers(0, 2, 300), rng.integers(0, 2, 300)
    groups = rng.choice(["f", "m", "x"], 300)

    result = fairness_metrics(
        FairnessEval("m", "gender", tuple(truth), tuple(predicted), tuple(groups))
    )

    kwargs = {"sensitive_features": groups}
    assert result["demographic_parity_difference"] == pytest.approx(
        demographic_parity_difference(truth, predicted, **kwargs), abs=1e-4
    )
    assert result["equal_opportunity_difference"] == pytest.approx(
        equal_opportunity_difference(truth, predicted, **kwargs), abs=1e-4
    )
    assert result["equalized_odds_difference"] == pytest.approx(
        equalized_odds_difference(truth, predicted, **kwargs), abs=1e-4
    )


def test_card_files_plots_and_numbers_match_the_report(tmp_path: Path) -> None:
    card = ModelCard(
        title="toy",
        command="python manage.py toy",
        summary="A toy card.",
        data={"training pairs": 10},
        classifiers=(
            ClassifierEval(
                "clf",
                ("no", "yes"),
                (0, 1, 1, 0, 1),
                ((0.9, 0.1), (0.2, 0.8), (0.6, 0.4), (0.3, 0.7), (0.45, 0.55)),
            ),
        ),  # fmt: skip
        rankings=(RankingEval("r", (0.1, 0.9, 0.5, 0.3), (0, 2, 1, 0), ("a", "a", "b", "b")),),
        fairness=(
            FairnessEval(
                "clf", "gender", (0, 1, 1, 0, 1), (0, 1, 0, 1, 1), ("f", "m", "f", None, "m")
            ),
        ),  # fmt: skip
        sweep=(
            {"beta": 0.0, "auc": 0.8, "f1": 0.7, "fairness_gap": 0.5},
            {"beta": 2.0, "auc": 0.75, "f1": 0.66, "fairness_gap": 0.2},
        ),
    )

    files = write_model_card(card, tmp_path / "card")

    report = json.loads((tmp_path / "card" / "report.json").read_text())
    markdown = Path(files["card"]).read_text()
    assert set(report["plots"]) == {"reliability_clf", "confusion_clf", "sweep"}
    for name in report["plots"].values():
        assert (tmp_path / "card" / name).read_bytes()[:8] == PNG_MAGIC
        assert f"]({name})" in markdown
    clf = report["classification"]["clf"]
    assert _row(markdown, "accuracy") == f"{clf['accuracy']:.4f}"
    assert _row(markdown, "macro F1") == f"{clf['macro_f1']:.4f}"
    assert _row(markdown, r"ECE \(10 bins\)") == f"{clf['calibration']['ece']:.4f}"
    fair = report["fairness"]["clf"]
    assert _row(markdown, r"demographic parity \(selection rate\)") == (
        f"{fair['demographic_parity_difference']:.4f}"
    )
    assert f"| r | @10 | {report['ranking']['r']['@10']['ndcg']:.4f} |" in markdown


@pytest.mark.slow
@pytest.mark.django_db
def test_fair_classifier_writes_a_card_with_the_sweep(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    for index in range(12):
        status = ApplicationStatus.HIRED if index % 3 == 0 else ApplicationStatus.REJECTED
        application = ApplicationFactory(status=status.value)
        SensitiveAttributesFactory(
            candidate=application.candidate, gender="female" if index % 2 else "male"
        )

    call_command("train_fair_classifier", "--epochs", "20", "--sweep", "0.5,3", "--device",
                 "cpu", "--card-dir", str(tmp_path), "--json")  # fmt: skip

    printed = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    report = json.loads((tmp_path / "report.json").read_text())
    assert printed["model_card"] == str(tmp_path / "model_card.md")
    assert [point["beta"] for point in report["sweep"]["points"]] == [0.0, 0.5, 1.0, 3.0]
    assert set(report["fairness"]) == {"baseline (beta 0)", "fair (beta 1)"}
    fair = report["classification"]["fair (beta 1)"]
    assert fair["n"] == printed["n_test"] == 5
    assert fair["accuracy"] == printed["fair"]["accuracy"]
    assert (tmp_path / "sweep.png").read_bytes()[:8] == PNG_MAGIC


def _row(markdown: str, label: str) -> str:
    match = re.search(rf"^\| {label} \| ([^|]+) \|$", markdown, re.MULTILINE)
    assert match, label
    return match.group(1).strip()
