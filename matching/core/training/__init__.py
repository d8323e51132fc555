"""Training helpers of the matching engine: text variants, synthetic examples, the ranker and
encoder fine-tuning.

Pure Python (no Django): the Django side (``matching.training``) reads the database and calls
these.

Public names: ``__all__``; those in ``_LAZY`` load on first use (``matching.core.lazy_exports``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matching.core.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from matching.core.training.devices import DEVICE_CHOICES, resolve_device
    from matching.core.training.finetune import (
        FinetuneConfig,
        cosine_ranking_metrics,
        cosine_scores,
        finetune_model,
        latest_checkpoint,
    )
    from matching.core.training.finetune_data import DEFAULT_MARGIN, LOSS_NAMES, build_examples
    from matching.core.training.ranker import (
        DEFAULT_RANKER_PATH,
        DEFAULT_ROUNDS,
        Ranker,
        RankerResult,
        load_ranker,
        ranker_row,
        save_ranker,
        train_ranker,
    )
    from matching.core.training.ranker_inputs import ranker_inputs
    from matching.core.training.synthetic import (
        GeneratorConfig,
        generate_examples,
        pairs_line,
        parse_distribution,
        parse_edge_cases,
        summary,
    )
    from matching.core.training.texts import (
        candidate_standardised,
        profile_as_text,
        vacancy_standardised,
    )

# Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "DEFAULT_MARGIN": "matching.core.training.finetune_data",
    "DEFAULT_RANKER_PATH": "matching.core.training.ranker",
    "DEFAULT_ROUNDS": "matching.core.training.ranker",
    "DEVICE_CHOICES": "matching.core.training.devices",
    "FinetuneConfig": "matching.core.training.finetune",
    "GeneratorConfig": "matching.core.training.synthetic",
    "LOSS_NAMES": "matching.core.training.finetune_data",
    "Ranker": "matching.core.training.ranker",
    "RankerResult": "matching.core.training.ranker",
    "build_examples": "matching.core.training.finetune_data",
    "candidate_standardised": "matching.core.training.texts",
    "cosine_ranking_metrics": "matching.core.training.finetune",
    "cosine_scores": "matching.core.training.finetune",
    "finetune_model": "matching.core.training.finetune",
    "generate_examples": "matching.core.training.synthetic",
    "latest_checkpoint": "matching.core.training.finetune",
    "load_ranker": "matching.core.training.ranker",
    "pairs_line": "matching.core.training.synthetic",
    "parse_distribution": "matching.core.training.synthetic",
    "parse_edge_cases": "matching.core.training.synthetic",
    "profile_as_text": "matching.core.training.texts",
    "ranker_inputs": "matching.core.training.ranker_inputs",
    "ranker_row": "matching.core.training.ranker",
    "resolve_device": "matching.core.training.devices",
    "save_ranker": "matching.core.training.ranker",
    "summary": "matching.core.training.synthetic",
    "train_ranker": "matching.core.training.ranker",
    "vacancy_standardised": "matching.core.training.texts",
}


__all__ = [
    "DEFAULT_MARGIN",
    "DEFAULT_RANKER_PATH",
    "DEFAULT_ROUNDS",
    "DEVICE_CHOICES",
    "FinetuneConfig",
    "GeneratorConfig",
    "LOSS_NAMES",
    "Ranker",
    "RankerResult",
    "build_examples",
    "candidate_standardised",
    "cosine_ranking_metrics",
    "cosine_scores",
    "finetune_model",
    "generate_examples",
    "latest_checkpoint",
    "load_ranker",
    "pairs_line",
    "parse_distribution",
    "parse_edge_cases",
    "profile_as_text",
    "ranker_inputs",
    "ranker_row",
    "resolve_device",
    "save_ranker",
    "summary",
    "train_ranker",
    "vacancy_standardised",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
