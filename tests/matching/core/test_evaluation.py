"""Ranking metrics against values computed by hand."""

import json
import math
from pathlib import Path

import pytest

from matching.core.evaluation.evaluation import (
    evaluate_ranking,
    graded,
    query_metrics,
    read_pairs,
    relevance_threshold,
)

# Ranked by score the grades read [0, 2, 1, 0]; the ideal order is [2, 1, 0, 0].
SCORES = [0.9, 0.8, 0.7, 0.6]
GRADES = [0.0, 2.0, 1.0, 0.0]


def test_query_metrics_at_3_match_hand_computed_values() -> None:
    metrics = query_metrics(SCORES, GRADES, k=3, threshold=0.0, max_grade=2.0)

    dcg = 3 / math.log2(3) + 1 / math.log2(4)
    ideal = 3 / math.log2(2) + 1 / math.log2(3)
    assert metrics.ndcg == pytest.approx(dcg / ideal)
    assert metrics.mrr == 0.5
    assert metrics.map == pytest.approx((1 / 2 + 2 / 3) / 2)
    assert metrics.err == pytest.approx(19 / 48)
    assert metrics.precision == pytest.approx(2 / 3)
    assert metrics.recall == 1.0
    assert metrics.accuracy == 1.0


def test_query_metrics_at_1_with_no_hit_in_the_top() -> None:
    metrics = query_metrics(SCORES, GRADES, k=1, threshold=0.0, max_grade=2.0)

    assert metrics.ndcg == 0.0
    assert metrics.mrr == 0.0
    assert metrics.map == 0.0
    assert metrics.precision == 0.0
    assert metrics.recall == 0.0
    assert metrics.accuracy == 0.0


def test_ties_keep_input_order() -> None:
    metrics = query_metrics([1.0, 1.0], [0.0, 1.0], k=1, threshold=0.0, max_grade=1.0)

    assert metrics.accuracy == 0.0


def test_evaluate_ranking_averages_jobs_and_names_keys_with_k() -> None:
    scores = [*SCORES, 0.1, 0.9]
    labels = [*GRADES, 1.0, 0.0]
    groups = ["a", "a", "a", "a", "b", "b"]

    result = evaluate_ranking(scores, labels, groups, k=3)

    job_a_ndcg = (3 / math.log2(3) + 1 / 2) / (3 + 1 / math.log2(3))
    job_b_ndcg = (1 / math.log2(3)) / 1
    assert list(result) == [
        "ndcg@3", "mrr@3", "map@3", "err@3",
        "precision@k", "recall@k", "accuracy@k", "spearman", "auc",
    ]  # fmt: skip
    assert result["ndcg@3"] == pytest.approx((job_a_ndcg + job_b_ndcg) / 2)
    assert result["mrr@3"] == pytest.approx((1 / 2 + 1 / 2) / 2)
    assert result["precision@k"] == pytest.approx((2 / 3 + 1 / 3) / 2)
    # Relevant scores 0.8, 0.7, 0.1 against irrelevant 0.9, 0.6, 0.9: 2 of 9 pairs ordered right.
    assert result["auc"] == pytest.approx(2 / 9)


def test_jobs_without_relevant_resumes_are_left_out() -> None:
    result = evaluate_ranking([0.2, 0.1, 0.5, 0.4], [1, 0, 0, 0], ["a", "a", "b", "b"], k=2)

    assert result["ndcg@2"] == 1.0
    assert result["accuracy@k"] == 1.0


def test_score_labels_use_the_median_and_quarter_grades() -> None:
    labels = [10.0, 90.0, 50.0, 70.0]

    assert relevance_threshold(labels) == 60.0
    assert graded(labels) == [0.4, 3.6, 2.0, 2.8]
    assert graded([0, 1, 2]) == [0.0, 1.0, 2.0]


def test_evaluate_ranking_rejects_empty_input() -> None:
    with pytest.raises(ValueError, match="No pairs to evaluate"):
        evaluate_ranking([], [], [], k=10)


def test_read_pairs_groups_by_job_text_without_job_id(tmp_path: Path) -> None:
    path = tmp_path / "pairs.jsonl"
    rows = [
        {"id": "p1", "resume": "r", "job": "Job A", "label": 1},
        {"id": "p2", "resume": "r", "job": "Job B", "job_id": "b", "label": 0},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n\n", encoding="utf-8")

    pairs = read_pairs(path)

    assert [(pair.id, pair.job_id, pair.label) for pair in pairs] == [
        ("p1", "text:Job A", 1.0),
        ("p2", "b", 0.0),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        ('{"id": "x", "resume": "r", "job": "j"}', "field 'label' must be a number"),
        ('{"id": 3, "resume": "r", "job": "j", "label": 1}', "field 'id' must be a string"),
        ('{"id": "x", "resume": "r", "job": "j", "label": true}', "field 'label' must be a number"),
    ],
)
def test_read_pairs_names_the_bad_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "pairs.jsonl"
    good = '{"id": "ok", "resume": "r", "job": "j", "label": 0}'
    path.write_text(f"{good}\n{line}\n", encoding="utf-8")

    with pytest.raises(ValueError, match=f"pairs.jsonl:2: {reason}"):
        read_pairs(path)


def test_read_pairs_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        read_pairs(tmp_path / "absent.jsonl")
