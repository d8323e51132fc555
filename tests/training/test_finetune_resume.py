"""Resumable fine-tuning on a tiny model, the --device option, and the encoder's model card."""

import json
from pathlib import Path

import pytest
import torch
from django.core.management import CommandError, call_command
from safetensors.torch import load_file
from sentence_transformers import SentenceTransformer, models
from transformers import AutoTokenizer, BertConfig, BertModel

from matching.core.encoding.encoder import default_model_path
from matching.core.training.devices import resolve_device
from matching.core.training.finetune import FinetuneConfig, finetune_model, latest_checkpoint
from matching.core.training.finetune_data import build_examples
from matching.core.training.synthetic import GeneratorConfig, generate_examples, pairs_line
from matching.core.types import LabelledPair


class Killed(Exception):
    """Stands for the process being killed mid-run."""


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1-layer, 16-dimension BERT with MiniLM's tokenizer: trains in well under a second."""
    root = tmp_path_factory.mktemp("tiny")
    tokenizer = AutoTokenizer.from_pretrained(str(default_model_path()), local_files_only=True)
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=16,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=32,
        max_position_embeddings=64,
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(root / "bert")
    tokenizer.save_pretrained(root / "bert")
    transformer = models.Transformer(str(root / "bert"), max_seq_length=48)
    model = SentenceTransformer(modules=[transformer, models.Pooling(16)], device="cpu")
    model.save(str(root / "model"))
    return root / "model"


@pytest.fixture(scope="module")
def pairs() -> list[LabelledPair]:
    records = generate_examples(GeneratorConfig(n=24, seed=1, resumes_per_job=6))
    return [
        LabelledPair(p["id"], p["resume"], p["job"], p["job_id"], float(p["label"]))
        for p in map(pairs_line, records)
    ]


def test_killed_run_resumed_equals_an_uninterrupted_one(
    tiny_model: Path, pairs: list[LabelledPair], tmp_path: Path
) -> None:
    examples = build_examples(pairs, "cosine", max_examples=12)
    config = FinetuneConfig(epochs=2, batch_size=4, max_seq_length=32, device="cpu")
    steps_per_epoch = 3

    def kill_in_second_epoch(done: int, total: int) -> None:
        if done > steps_per_epoch:
            raise Killed

    full = finetune_model(tiny_model, examples, tmp_path / "full", config)
    with pytest.raises(Killed):
        finetune_model(tiny_model, examples, tmp_path / "cut", config,
                       on_progress=kill_in_second_epoch)  # fmt: skip
    assert latest_checkpoint(tmp_path / "cut") == tmp_path / "cut" / "checkpoints" / "epoch-1"
    resumed = finetune_model(tiny_model, examples, tmp_path / "cut", config, resume=True)

    assert resumed == pytest.approx(full, abs=1e-6)
    expected = load_file(str(tmp_path / "full" / "model.safetensors"))
    found = load_file(str(tmp_path / "cut" / "model.safetensors"))
    assert expected.keys() == found.keys()
    for name, tensor in expected.items():
        torch.testing.assert_close(found[name], tensor, rtol=0, atol=1e-6)


def test_checkpoint_state_loads_with_weights_only(
    tiny_model: Path, pairs: list, tmp_path: Path
) -> None:  # type: ignore[type-arg]
    examples = build_examples(pairs, "cosine", max_examples=4)
    config = FinetuneConfig(epochs=2, batch_size=4, max_seq_length=32, device="cpu")
    finetune_model(tiny_model, examples, tmp_path, config)

    state = torch.load(tmp_path / "checkpoints" / "epoch-2" / "training_state.pt",
                       weights_only=True)  # fmt: skip
    assert state["epoch"] == 2
    assert len(state["epoch_losses"]) == 2
    assert state["optimizer"]["state"]


def test_device_option_resolves_and_rejects() -> None:
    assert resolve_device("cpu") == "cpu"
    assert resolve_device("auto") in {"cpu", "cuda", "mps"}
    with pytest.raises(ValueError, match="must be one of"):
        resolve_device("tpu")


@pytest.mark.parametrize(
    "command", ["finetune_encoder", "train_ranker", "train_score_mapper", "train_fair_classifier"]
)
def test_every_training_command_rejects_a_bad_device(command: str) -> None:
    with pytest.raises(CommandError, match="--device"):
        call_command(command, "--device", "tpu", "--pairs", "x.jsonl")


def test_finetune_command_resumes_and_writes_a_card(
    tiny_model: Path,
    pairs: list[LabelledPair],
    tmp_path: Path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(
        json.dumps({"id": p.id, "resume": p.resume, "job": p.job, "job_id": p.job_id,
                    "label": p.label}) + "\n" for p in pairs))  # fmt: skip
    out = tmp_path / "model"
    common = ["--pairs", str(data), "--base-model", str(tiny_model), "--out", str(out),
              "--epochs", "2", "--max-examples", "8", "--max-seq-length", "32",
              "--device", "cpu", "--json"]  # fmt: skip

    call_command("finetune_encoder", *common)
    first = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    call_command("finetune_encoder", *common, "--resume")
    second = json.loads(capsys.readouterr().out.strip().splitlines()[-1])

    assert second["resumed_from"] == str(out / "checkpoints" / "epoch-2")
    assert second["train_loss"] == first["train_loss"]  # nothing left to train
    report = json.loads((out / "model_card" / "report.json").read_text())
    assert report["ranking"]["before (base model)"]["@10"]["ndcg"] == first["before"]["ndcg@10"]
    assert report["ranking"]["after (fine-tuned)"]["@10"]["ndcg"] == second["after"]["ndcg@10"]
    assert "| after (fine-tuned) | @10 |" in (out / "model_card" / "model_card.md").read_text()
