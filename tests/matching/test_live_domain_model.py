"""Live scores use the shipped domain classifier, the model `evaluate_matching` measures."""

from dataclasses import replace

import numpy as np
import pytest

from matching.core.domains import DomainClassifier
from matching.core.pipeline import (
    PrototypeDomainModel,
    ScorerConfig,
    default_domain_model,
    prototype_domain_model,
    score_pairs,
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
    with_classifier = score_pairs(
        resumes,
        jobs,
        encoder,
        domain_model=default_domain_model(encoder),
        config=config,
        title_index=lookup.index,
    ).scores
    with_prototypes = score_pairs(
        resumes,
        jobs,
        encoder,
        domain_model=prototype_domain_model(encoder),
        config=config,
        title_index=lookup.index,
    ).scores

    np.testing.assert_allclose(live, with_classifier, atol=1e-4)
    assert np.abs(live - with_prototypes).max() > 1.0  # the two models really differ here
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


def test_the_score_version_names_the_classifier_based_scorer() -> None:
    assert current_model_version().endswith("/fairmatch-score-2")
