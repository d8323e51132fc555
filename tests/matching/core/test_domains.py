"""The 13 domains: compatibility table, the shipped classifier, training helpers and metrics."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from matching.core.encoding.encoder import Encoder
from matching.core.encoding.registry import load_encoder
from matching.core.occupations.domain_metrics import classification_report
from matching.core.occupations.domain_training import (
    LabelledText,
    held_out_score,
    is_held_out,
    read_labelled_jsonl,
    split_items,
)
from matching.core.occupations.domains import (
    CLASSIFIER_FORMAT_ERROR,
    DOMAIN_KEYS,
    DomainClassifier,
    compatibility_matrix,
    domain_compatibility,
    load_domain_classifier,
    save_domain_classifier,
    soft_compatibility,
)
from matching.core.occupations.onet_domains import soc_to_domain

CONTRACT_KEYS = (
    "technology healthcare finance education legal marketing_sales manufacturing_operations "
    "design retail_hospitality construction_real_estate human_resources media_entertainment "
    "government_nonprofit"
)


@pytest.fixture(scope="session")
def encoder() -> Encoder:
    return load_encoder()


def test_domain_keys_are_the_contract_keys_in_order() -> None:
    assert " ".join(DOMAIN_KEYS) == CONTRACT_KEYS


def test_compatibility_table_is_symmetric_with_ones_on_the_diagonal() -> None:
    matrix = compatibility_matrix()

    assert matrix.shape == (13, 13)
    assert np.array_equal(matrix, matrix.T)
    assert np.array_equal(np.diag(matrix), np.ones(13))
    assert set(np.unique(matrix)) == {0.0, 0.5, 1.0}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        ("technology", "technology", 1.0),
        ("marketing_sales", "design", 0.5),
        ("design", "technology", 0.5),
        ("healthcare", "education", 0.5),
        ("legal", "finance", 0.5),
        ("human_resources", "government_nonprofit", 0.5),
        ("legal", "technology", 0.0),
        ("healthcare", "construction_real_estate", 0.0),
    ],
)
def test_domain_compatibility_values(first: str, second: str, expected: float) -> None:
    assert domain_compatibility(first, second) == expected
    assert domain_compatibility(second, first) == expected


def test_unknown_domain_is_rejected_with_the_valid_keys() -> None:
    with pytest.raises(ValueError, match="unknown domain 'plumbing'; expected one of: technology"):
        domain_compatibility("plumbing", "technology")


def test_soft_compatibility_is_the_expected_table_value() -> None:
    first = np.zeros((1, 13))
    first[0, DOMAIN_KEYS.index("design")] = 1.0
    second = np.zeros((1, 13))
    second[0, DOMAIN_KEYS.index("design")] = 0.5
    second[0, DOMAIN_KEYS.index("marketing_sales")] = 0.5

    assert soft_compatibility(first, second).tolist() == [0.75]


def test_shipped_classifier_loads_from_json() -> None:
    classifier = load_domain_classifier()

    assert set(classifier.labels) <= set(DOMAIN_KEYS)
    assert len(classifier.labels) == 13
    assert classifier.coef.shape == (13, 384)
    assert classifier.model_id.startswith("model:")


def test_classifier_round_trips_through_json(tmp_path: Path) -> None:
    classifier = DomainClassifier(
        labels=("legal", "technology"),
        coef=np.array([[1.0, 0.0], [0.0, 1.0]]),
        intercept=np.array([0.0, 0.5]),
        model_id="test-model",
        metadata={"C": 1.0},
    )
    path = tmp_path / "weights" / "classifier.json"
    save_domain_classifier(classifier, path)
    loaded = load_domain_classifier(path)
    embeddings = np.array([[2.0, 0.0], [0.0, 1.0]])

    assert loaded.labels == ("legal", "technology")
    assert np.allclose(loaded.predict_proba(embeddings), classifier.predict_proba(embeddings))
    assert [p.domain for p in loaded.predict(embeddings)] == ["legal", "technology"]
    assert loaded.predict(embeddings)[1].probabilities[DOMAIN_KEYS.index("finance")] == 0.0


def test_classifier_rejects_a_file_of_another_format(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text(json.dumps({"format": "something-else"}), encoding="utf-8")

    expected = CLASSIFIER_FORMAT_ERROR.format(path=path, found="something-else")
    with pytest.raises(ValueError, match=re.escape(expected)):
        load_domain_classifier(path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "domain"),
    [
        (
            "Registered nurse, 8 years on surgical wards. Patient care, medication "
            "administration, wound care, triage in the emergency department.",
            "healthcare",
        ),
        (
            "Java developer. Spring Boot microservices, REST APIs, SQL databases, Git, Jenkins "
            "CI pipelines, unit testing with JUnit.",
            "technology",
        ),
        (
            "Advocate practising at the High Court: civil litigation, drafting contracts and "
            "legal notices, court appearances for clients.",
            "legal",
        ),
        (
            "Chartered accountant: financial statements, audits, tax returns, budgeting and "
            "forecasting, accounts payable and receivable.",
            "finance",
        ),
    ],
)
def test_shipped_classifier_predicts_obvious_texts(
    text: str, domain: str, encoder: Encoder
) -> None:
    prediction = load_domain_classifier().classify_texts([text], encoder)[0]

    assert prediction.domain == domain
    assert prediction.confidence == max(prediction.probabilities)


@pytest.mark.parametrize(
    ("code", "domain"),
    [
        ("29-1141.00", "healthcare"),
        ("15-1252.00", "technology"),
        ("15-2011.00", "finance"),
        ("17-2051.00", "construction_real_estate"),
        ("17-2141.00", "manufacturing_operations"),
        ("13-1151.00", "human_resources"),
        ("41-2031.00", "retail_hospitality"),
        ("41-3021.00", "marketing_sales"),
        ("27-1024.00", "design"),
        ("33-9032.00", "government_nonprofit"),
        ("11-1011.00", None),
    ],
)
def test_soc_codes_map_to_domains_by_longest_prefix(code: str, domain: str | None) -> None:
    assert soc_to_domain(code) == domain


def test_split_is_a_stable_hash_of_the_id() -> None:
    items = [LabelledText(f"r{index:04d}", "text", "legal", "test") for index in range(200)]

    train, held_out = split_items(items, 0.3)

    assert len(train) + len(held_out) == 200
    assert [item.id for item in held_out] == [i.id for i in items if held_out_score(i.id) < 0.3]
    assert is_held_out("r0001", 0.3) == (held_out_score("r0001") < 0.3)
    assert 0.0 <= held_out_score("r0001") < 1.0
    assert held_out_score("r0001") == held_out_score("r0001")


def test_read_labelled_jsonl_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "resumes.jsonl"
    path.write_text(
        '{"id": "a", "text": "x", "domain": "legal"}\n'
        '{"id": "b", "text": "y", "domain": "cooking"}\n',
        encoding="utf-8",
    )

    with pytest.raises(ValueError, match=r"resumes.jsonl:2: not a JSON object with id, text"):
        read_labelled_jsonl(path)


def test_classification_report_exact_values() -> None:
    truth = ["legal", "legal", "technology", "finance"]
    predicted = ["legal", "technology", "technology", "finance"]

    report = classification_report(truth, predicted)

    assert report.accuracy == 0.75
    assert report.per_domain["legal"] == {
        "precision": 1.0,
        "recall": 0.5,
        "f1": 0.6667,
        "support": 2,
    }
    assert report.per_domain["technology"] == {
        "precision": 0.5,
        "recall": 1.0,
        "f1": 0.6667,
        "support": 1,
    }
    assert report.macro_f1 == round((0.6667 + 0.6667 + 1.0) / 3, 4)
    legal, technology = DOMAIN_KEYS.index("legal"), DOMAIN_KEYS.index("technology")
    assert report.confusion[legal][technology] == 1
    assert sum(map(sum, report.confusion)) == 4
    assert set(report.to_json()) == {
        "accuracy",
        "macro_f1",
        "per_domain",
        "confusion",
        "labels",
        "n",
    }
