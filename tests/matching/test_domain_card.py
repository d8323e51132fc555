"""Model card of train_domain_classifier: the pure card builder and the --card-dir option."""

import json
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from matching.core.cards.domain_card import ALL_HELD_OUT, domain_classifier_card
from matching.core.cards.model_card import build_report
from matching.core.occupations.domain_metrics import classification_report
from matching.core.occupations.domain_training import DomainTrainingResult, LabelledText
from matching.core.occupations.domains import DOMAIN_KEYS, DomainClassifier
from tests.matching.test_domain_commands import TEXTS, _write_jsonl


def _probabilities(**top: float) -> tuple[float, ...]:
    row = np.zeros(len(DOMAIN_KEYS))
    for key, value in top.items():
        row[DOMAIN_KEYS.index(key)] = value
    return tuple(float(value) for value in row)


def _result() -> DomainTrainingResult:
    """Four held-out items from two sources: three right, one legal text read as technology."""
    items = (
        LabelledText("a", "x", "technology", "resumes"),
        LabelledText("b", "x", "technology", "jobs"),
        LabelledText("c", "x", "healthcare", "resumes"),
        LabelledText("d", "x", "legal", "jobs"),
    )
    probabilities = (
        _probabilities(technology=0.9, legal=0.1),
        _probabilities(technology=0.7, healthcare=0.3),
        _probabilities(healthcare=0.8, technology=0.2),
        _probabilities(technology=0.6, legal=0.4),
    )
    truth = [item.domain for item in items]
    predicted = ["technology", "technology", "healthcare", "technology"]
    classifier = DomainClassifier(
        labels=("healthcare", "legal", "technology"),
        coef=np.zeros((3, 2)),
        intercept=np.zeros(3),
        model_id="test",
        metadata={"C": 4.0},
    )
    return DomainTrainingResult(
        classifier,
        n_train=10,
        n_held_out=4,
        held_out=classification_report(truth, predicted),
        held_out_by_source={},
        held_out_items=items,
        held_out_probabilities=probabilities,
    )


def test_card_reports_the_split_fit_consistently_with_the_command() -> None:
    result = _result()
    card = domain_classifier_card(result, command="cmd", data={}, command_report={})

    report = build_report(card)["classification"]

    assert list(report) == [ALL_HELD_OUT, "held out (jobs)", "held out (resumes)"]
    overall = report[ALL_HELD_OUT]
    assert overall["labels"] == ["technology", "healthcare", "legal"]  # DOMAIN_KEYS order
    assert result.held_out is not None
    assert overall["accuracy"] == result.held_out.accuracy == 0.75
    assert overall["macro_f1"] == result.held_out.macro_f1
    assert overall["per_class"]["legal"] == {
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
        "support": 1,
    }
    # ECE over 10 bins of the top probability: |1-0.9|, |1-0.7|, |1-0.8| and |0-0.6|, / 4.
    assert overall["calibration"]["ece"] == pytest.approx((0.1 + 0.3 + 0.2 + 0.6) / 4)
    assert overall["calibration"]["n_bins"] == 10
    assert report["held out (jobs)"]["accuracy"] == 0.5
    assert any("Domains neither in the held-out truth" in text for text in card.caveats)


@pytest.mark.slow
def test_train_domain_classifier_writes_a_model_card(tmp_path: Path) -> None:
    rows = [
        {"id": f"{domain}-{index}", "text": text, "domain": domain}
        for domain, texts in TEXTS.items()
        for index, text in enumerate(texts)
    ]
    resumes = _write_jsonl(tmp_path / "resumes.jsonl", rows)
    card_dir = tmp_path / "card"
    out = StringIO()

    call_command(
        "train_domain_classifier",
        "--resumes",
        str(resumes),
        "--no-onet",
        "--held-out-fraction",
        "0.5",
        "--out",
        str(tmp_path / "weights"),
        "--card-dir",
        str(card_dir),
        "--json",
        stdout=out,
        stderr=StringIO(),
    )

    payload = json.loads(out.getvalue())
    assert payload["model_card"] == str(card_dir / "model_card.md")
    assert payload["weights"] == str(tmp_path / "weights" / "domain_classifier.json")
    report = json.loads((card_dir / "report.json").read_text(encoding="utf-8"))
    overall = report["classification"][ALL_HELD_OUT]
    assert overall["n"] == payload["n_held_out"] > 0
    assert overall["accuracy"] == payload["held_out"]["accuracy"]
    assert overall["macro_f1"] == payload["held_out"]["macro_f1"]
    assert 0.0 <= overall["calibration"]["ece"] <= 1.0
    assert report["command_report"]["held_out"] == payload["held_out"]
    for name in ("reliability", "confusion"):
        assert (card_dir / f"{name}_held-out-all-sources.png").stat().st_size > 0
    markdown = (card_dir / "model_card.md").read_text(encoding="utf-8")
    assert "# Model card: domain classifier (13 domains)" in markdown
    assert "--card-dir " + str(card_dir) in markdown
