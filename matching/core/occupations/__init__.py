"""Occupations: the 13 domains and their classifier, O*NET titles, ESCO occupation inference,
the occupation affinity and their training.

Public names: ``__all__``; those in ``_LAZY`` load on first use (``matching.core.lazy_exports``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from matching.core.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from matching.core.occupations.domain_metrics import classification_report
    from matching.core.occupations.domain_training import (
        DomainTrainingResult,
        LabelledText,
        read_labelled_jsonl,
        train_domain_model,
    )
    from matching.core.occupations.domains import (
        DEFAULT_CLASSIFIER_PATH,
        WEIGHTS_DIR,
        DomainClassifier,
        DomainPrediction,
        load_domain_classifier,
        save_domain_classifier,
    )
    from matching.core.occupations.occupation_affinity import (
        AFFINITY_WEIGHTS_NAME,
        save_occupation_affinity,
    )
    from matching.core.occupations.occupation_affinity_training import (
        AffinityFit,
        affinity_from_pairs,
        read_resume_categories,
    )
    from matching.core.occupations.onet_domains import read_onet_occupations
    from matching.core.occupations.onet_titles import (
        OnetTitleIndex,
        blend_prediction,
        load_onet_title_index,
    )

# Public name -> the module that defines it (imported on first access).
_LAZY: dict[str, str] = {
    "AFFINITY_WEIGHTS_NAME": "matching.core.occupations.occupation_affinity",
    "AffinityFit": "matching.core.occupations.occupation_affinity_training",
    "DEFAULT_CLASSIFIER_PATH": "matching.core.occupations.domains",
    "DomainClassifier": "matching.core.occupations.domains",
    "DomainPrediction": "matching.core.occupations.domains",
    "DomainTrainingResult": "matching.core.occupations.domain_training",
    "LabelledText": "matching.core.occupations.domain_training",
    "OnetTitleIndex": "matching.core.occupations.onet_titles",
    "WEIGHTS_DIR": "matching.core.occupations.domains",
    "affinity_from_pairs": "matching.core.occupations.occupation_affinity_training",
    "blend_prediction": "matching.core.occupations.onet_titles",
    "classification_report": "matching.core.occupations.domain_metrics",
    "load_domain_classifier": "matching.core.occupations.domains",
    "load_onet_title_index": "matching.core.occupations.onet_titles",
    "read_labelled_jsonl": "matching.core.occupations.domain_training",
    "read_onet_occupations": "matching.core.occupations.onet_domains",
    "read_resume_categories": "matching.core.occupations.occupation_affinity_training",
    "save_domain_classifier": "matching.core.occupations.domains",
    "save_occupation_affinity": "matching.core.occupations.occupation_affinity",
    "train_domain_model": "matching.core.occupations.domain_training",
}


__all__ = [
    "AFFINITY_WEIGHTS_NAME",
    "AffinityFit",
    "DEFAULT_CLASSIFIER_PATH",
    "DomainClassifier",
    "DomainPrediction",
    "DomainTrainingResult",
    "LabelledText",
    "OnetTitleIndex",
    "WEIGHTS_DIR",
    "affinity_from_pairs",
    "blend_prediction",
    "classification_report",
    "load_domain_classifier",
    "load_onet_title_index",
    "read_labelled_jsonl",
    "read_onet_occupations",
    "read_resume_categories",
    "save_domain_classifier",
    "save_occupation_affinity",
    "train_domain_model",
]

__getattr__, __dir__ = lazy_exports(__name__, _LAZY, __all__)
