"""FairMatch's pair scorer: blind, whole-document, domain-aware, each text encoded once."""

from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from matching.core.encoding.encoder import Encoder
from matching.core.encoding.registry import load_encoder
from matching.core.occupations.domains import DOMAIN_KEYS
from matching.core.occupations.onet_titles import build_index
from matching.core.scoring.pipeline import (
    PrototypeDomainModel,
    ScorerConfig,
    job_title,
    prototype_domain_model,
    score_pairs,
)

JAVA_JOB = "Senior Java Developer | Acme\nBuild Spring Boot microservices on Kubernetes."
NURSE_JOB = "Registered Nurse\nCare for patients on a hospital ward, night shifts."
JAVA_CV = "Skills: Java, Spring Boot, Hibernate, Docker.\nSoftware developer at Acme, 5 years."
NURSE_CV = "Registered nurse, 6 years in intensive care. Patient care, medication."


@pytest.fixture(scope="session")
def minilm() -> Encoder:
    return load_encoder()


def test_job_title_is_the_first_line_before_a_bar() -> None:
    assert job_title("\n  Senior Java Developer | Acme | Monster\nText") == "Senior Java Developer"
    assert job_title("") == ""


def test_matching_pairs_score_higher_than_crossed_pairs(minilm: Encoder) -> None:
    result = score_pairs(
        [JAVA_CV, NURSE_CV, JAVA_CV, NURSE_CV], [JAVA_JOB, NURSE_JOB, NURSE_JOB, JAVA_JOB], minilm
    )

    assert result.scores.shape == (4,)
    assert all(0.0 <= score <= 100.0 for score in result.scores)
    assert min(result.scores[:2]) > max(result.scores[2:])
    assert min(result.domain[:2]) > 0.5
    assert result.chunk_counts == (1, 1, 1, 1)


def test_the_name_line_does_not_change_the_score(minilm: Encoder) -> None:
    names = ["Name: Emily Walsh", "Name: Lakisha Washington", "Name: Mohamed Diallo"]
    resumes = [f"{name}\n{JAVA_CV}" for name in names]

    result = score_pairs(resumes, [JAVA_JOB] * 3, minilm)

    assert result.scores[0] == result.scores[1] == result.scores[2]


def test_without_blinding_the_name_reaches_the_encoder(minilm: Encoder) -> None:
    resumes = [f"Name: Emily Walsh\n{JAVA_CV}", f"Name: Lakisha Washington\n{JAVA_CV}"]

    result = score_pairs(resumes, [JAVA_JOB] * 2, minilm, config=ScorerConfig(is_blind=False))

    assert result.semantic[0] != result.semantic[1]


def test_long_cvs_are_chunked_not_truncated(minilm: Encoder) -> None:
    filler = "Managed inventory and stock rotation in a warehouse. " * 60
    resume = filler + "Now a Java Spring Boot developer building microservices."

    result = score_pairs([resume, filler], [JAVA_JOB, JAVA_JOB], minilm)

    assert result.chunk_counts[0] > 1
    assert result.semantic[0] > result.semantic[1]


def test_prototype_domains_are_distributions(minilm: Encoder) -> None:
    model = prototype_domain_model(minilm)

    probabilities = model.domain_probabilities(minilm.encode([JAVA_CV, NURSE_CV]))

    assert isinstance(model, PrototypeDomainModel)
    assert probabilities.shape == (2, 13)
    assert probabilities.sum(axis=1) == pytest.approx([1.0, 1.0])
    assert int(np.argmax(probabilities[0])) == 0  # technology
    assert int(np.argmax(probabilities[1])) == 1  # healthcare


def test_pairs_need_one_job_per_resume(minilm: Encoder) -> None:
    with pytest.raises(ValueError, match="Got 2 resumes and 1 jobs"):
        score_pairs(["a", "b"], ["c"], minilm)


class TechnologyEverywhere:
    """A domain model that reads every document as technology (makes the blend's math exact)."""

    def domain_probabilities(
        self, embeddings: npt.NDArray[np.floating[Any]]
    ) -> npt.NDArray[np.float64]:
        rows = np.zeros((len(embeddings), len(DOMAIN_KEYS)))
        rows[:, DOMAIN_KEYS.index("technology")] = 1.0
        return rows


def test_title_index_blends_the_job_domain_only(minilm: Encoder) -> None:
    index = build_index([("29-1141.00", "Registered Nurse")])
    resumes, jobs = [JAVA_CV, JAVA_CV, NURSE_CV], [NURSE_JOB, JAVA_JOB, NURSE_JOB]
    model = TechnologyEverywhere()

    plain = score_pairs(resumes, jobs, minilm, domain_model=model)
    blended = score_pairs(resumes, jobs, minilm, domain_model=model, title_index=index)
    half = score_pairs(
        resumes,
        jobs,
        minilm,
        domain_model=model,
        title_index=index,
        config=ScorerConfig(onet_title_weight=0.5),
    )

    assert plain.domain == pytest.approx([1.0, 1.0, 1.0])
    # Nurse job: 0.1 * technology + 0.9 * healthcare; the resume side stays technology.
    assert blended.domain == pytest.approx([0.1, 1.0, 0.1])
    assert half.domain == pytest.approx([0.5, 1.0, 0.5])
    assert blended.semantic == pytest.approx(plain.semantic)
    assert blended.scores[1] == pytest.approx(plain.scores[1])
    assert blended.scores[0] < plain.scores[0]
