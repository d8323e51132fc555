"""Model cards: what each shipped model is, how it was trained and how it scored.

Public names: ``__all__``; those in ``_LAZY`` load on first use (``matching.core.lazy_exports``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matching.core.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from matching.core.cards.domain_card import domain_classifier_card
    from matching.core.cards.model_card import (
        ClassifierEval,
        FairnessEval,
        ModelCard,
        RankingEval,
        write_model_card,
    )

# Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "ClassifierEval": "matching.core.cards.model_card",
    "FairnessEval": "matching.core.cards.model_card",
    "ModelCard": "matching.core.cards.model_card",
    "RankingEval": "matching.core.cards.model_card",
    "domain_classifier_card": "matching.core.cards.domain_card",
    "write_model_card": "matching.core.cards.model_card",
}


__all__ = [
    "ClassifierEval",
    "FairnessEval",
    "ModelCard",
    "RankingEval",
    "domain_classifier_card",
    "write_model_card",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
