"""Encoder fine-tuning: training examples per loss, and a tiny run writing a loadable folder."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from matching.core.encoding.sentence_transformer import SentenceTransformerEncoder
from matching.core.training.finetune_data import build_examples, distinct_anchor_batches
from matching.core.types import LabelledPair

PAIRS = [
    LabelledPair("a1", "Python Django developer", "Backend developer", "a", 2.0),
    LabelledPair("a2", "Nurse, patient care", "Backend developer", "a", 0.0),
    LabelledPair("a3", "Java developer", "Backend developer", "a", 1.0),
    LabelledPair("b1", "Registered nurse", "Nurse", "b", 2.0),
]


def test_cosine_examples_scale_labels_to_unit_range() -> None:
    examples = build_examples(PAIRS, "cosine")

    assert sorted(example.target for example in examples) == [0.0, 0.5, 1.0, 1.0]


def test_mnrl_examples_are_best_fit_pairs() -> None:
    examples = build_examples(PAIRS, "mnrl")

    assert sorted(example.texts[1] for example in examples) == [
        "Python Django developer",
        "Registered nurse",
    ]


def test_mnrl_batches_never_repeat_a_job() -> None:
    examples = build_examples(PAIRS, "cosine")

    batches = distinct_anchor_batches(examples, batch_size=4)

    assert [len(batch) for batch in batches] == [2, 1, 1]
    assert all(len({ex.texts[0] for ex in batch}) == len(batch) for batch in batches)


def test_triplets_come_from_one_job_with_adaptive_margins() -> None:
    fixed = build_examples(PAIRS, "triplet", margin=0.4)
    adaptive = build_examples(PAIRS, "triplet", adaptive=True, margin=0.4)

    assert {example.texts[0] for example in fixed} == {"Backend developer"}
    assert sorted(example.target for example in fixed) == [0.4, 0.4, 0.4]
    assert sorted(example.target for example in adaptive) == pytest.approx([0.2, 0.2, 0.4])


def test_triplet_without_graded_job_fails_clearly() -> None:
    with pytest.raises(ValueError, match="no job with two different labels"):
        build_examples(PAIRS[3:], "triplet")


@pytest.mark.slow
def test_finetune_encoder_writes_a_loadable_model(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    rows = [
        {"id": f"p{i}", "resume": resume, "job": job, "job_id": job_id, "label": label}
        for i, (resume, job, job_id, label) in enumerate(
            [
                ("Python Django developer", "Backend developer", "a", 2),
                ("Nurse, patient care", "Backend developer", "a", 0),
                ("Accountant, tax", "Backend developer", "a", 0),
                ("Registered nurse", "Ward nurse", "b", 2),
                ("Python developer", "Ward nurse", "b", 0),
                ("Auditor", "Accountant", "c", 2),
                ("Welder", "Accountant", "c", 0),
                ("Nurse", "Accountant", "c", 0),
            ]
        )
    ]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("".join(json.dumps(row) + "\n" for row in rows))
    out = tmp_path / "model"

    call_command(
        "finetune_encoder",
        *("--pairs", str(pairs), "--out", str(out), "--batch-size", "4"),
        *("--max-seq-length", "32", "--device", "cpu", "--json"),
    )

    report = json.loads(capsys.readouterr().out)
    assert report["n_test_jobs"] == 1
    assert report["n_train_examples"] == 6
    assert set(report["after"]) == {"ndcg@10", "mrr@10", "map@10"}
    assert SentenceTransformerEncoder(out, device="cpu").encode(["nurse"]).shape == (1, 384)
