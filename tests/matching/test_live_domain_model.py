"""Live scores use the shipped domain classifier, the model `evaluate_matching` measures."""

from dataclasses import replace

import numpy as np
import pytest

from matching.core.occupations.domains import DomainClassifier
from matching.core.scoring.additive import load_default_scorer
from matching.core.scoring.bulk import explain_text_pairs, input_matrix
from matching.core.scoring.inputs import INPUT_NAMES
from matching.core.scoring.pipeline import (
    PrototypeDomainModel,
    ScorerConfig,
    default_domain_model,
    prototype_domain_model,
)
from matching.services import scoring
from matching.services.encoders import default_encoder
from matching.services.onet import title_lookup_get
from matching.services.scoring import live_domain_model, score_texts
from matching.services.versions import current_model_version

RESUMES = [
    "Registered nurse, 8 years in intensive care units. Patient assessment, medication "
    "administration, ventilator care.",
    "Java developer, 5 years building Spring Boot microservices, REST APIs and PostgreSQL.",
]
JOBS = [
    "Senior Software Engineer (Java)\nBuild backend services in Java and Spring.",
    "ICU Registered Nurse\nProvide critical care nursing to adult patients.",
]


def test_live_domain_model_is_the_shipped_classifier_for_the_default_encoder() -> None:
    model = live_domain_model()

    assert isinstance(model, DomainClassifier)
    shipped = default_domain_model(default_encoder())
    assert isinstance(shipped, DomainClassifier)
    assert model.model_id == shipped.model_id


def test_score_texts_equals_the_pipeline_with_the_classifier_not_the_prototypes() -> None:
    encoder = default_encoder()
    lookup = title_lookup_get()
    config = ScorerConfig(onet_title_weight=lookup.weight)
    resumes = [RESUMES[0], RESUMES[0], RESUMES[1], RESUMES[1]]
    jobs = [JOBS[0], JOBS[1], JOBS[0], JOBS[1]]

    live = np.array(score_texts(resumes, jobs))
    with_classifier, with_prototypes = (
        explain_text_pairs(
            resumes, jobs, encoder, domain_model=model, config=config, title_index=lookup.index
        )
        for model in (default_domain_model(encoder), prototype_domain_model(encoder))
    )

    np.testing.assert_allclose(live, [item.score for item in with_classifier], atol=1e-4)
    fit = INPUT_NAMES.index("occupation_fit")
    classifier_fit = input_matrix(with_classifier)[:, fit]
    prototype_fit = input_matrix(with_prototypes)[:, fit]
    assert np.abs(classifier_fit - prototype_fit).max() > 0.01  # the two models really differ
    assert live[1] > live[0]
    assert live[2] > live[3]


def test_a_classifier_trained_on_another_encoder_falls_back_to_the_prototypes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = live_domain_model()
    assert isinstance(shipped, DomainClassifier)
    foreign = replace(shipped, model_id="some-other-encoder")
    monkeypatch.setattr(scoring, "_domain_classifier", lambda: foreign)

    assert isinstance(live_domain_model(), PrototypeDomainModel)


def test_the_score_version_names_the_scorer_and_its_weights() -> None:
    scorer = load_default_scorer()
    assert scorer is not None
    assert current_model_version().endswith(f"/fairmatch-score-3:{scorer.version}")
