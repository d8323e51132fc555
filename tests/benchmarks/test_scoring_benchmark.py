"""The scoring benchmark's one-CV-per-application load and its batched naive baseline.

No timing is asserted; the figures live in docs/evaluation/matching.md and docs/performance.md.
"""

import numpy as np
import pytest

from benchmarks import corpus, scoring
from benchmarks.corpus import TOO_FEW_DISTINCT, distinct_cvs

SHARED_MISSING = "../shared/data/eval is absent: the one-CV load reads its real CVs"


class CountingModel:
    """A stand-in for the seed model: a fixed vector per text, counting the texts it encodes."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: str | list[str], **_: object) -> np.ndarray:
        batch = [texts] if isinstance(texts, str) else list(texts)
        self.encoded += batch
        rows = np.array([[len(text), 1.0] for text in batch], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_distinct_cvs_keep_the_real_ones_then_interleave_pairs_of_them() -> None:
    real = ("a1\na2\na3", "b1\nb2", "c1\nc2\nc3")

    texts, real_count = distinct_cvs(real, 6)

    assert texts[:3] == list(real)
    assert real_count == 3
    assert len(set(texts)) == 6
    assert texts[3] == "a1\nb1\na2\nb2"  # alternating lines, as many as the shorter one has
    real_lines = {line for text in real for line in text.splitlines()}
    assert all(set(text.splitlines()) <= real_lines for text in texts)


def test_distinct_cvs_refuse_more_than_can_be_made() -> None:
    # Two one-line CVs: themselves, then "a\nb" and "b\na".
    with pytest.raises(ValueError, match=TOO_FEW_DISTINCT.format(made=4, asked=5)):
        distinct_cvs(("a", "b"), 5)


def test_the_batched_naive_loop_encodes_each_distinct_text_once() -> None:
    model = CountingModel()
    pairs = [("cv one", "job"), ("cv two", "job"), ("cv one", "job")]

    per_second, seconds = scoring.naive_batched_rate(model, pairs)

    assert model.encoded == ["warm up", "cv one", "cv two", "job"]
    assert per_second > 0
    assert seconds > 0


@pytest.mark.skipif(not corpus.shared_present(), reason=SHARED_MISSING)
def test_the_one_cv_load_gives_every_application_its_own_real_based_cv() -> None:
    resumes, jobs, source = scoring.one_cv_texts(400, 20)

    assert len(resumes) == len(set(resumes)) == len(jobs) == 400
    assert len(set(jobs)) == 20
    assert "325 real CVs as they are, 75 made by interleaving" in source


def test_the_one_cv_load_says_when_shared_is_absent(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(corpus, "shared_present", lambda: False)

    resumes, jobs, source = scoring.one_cv_texts(5, 2)

    assert corpus.SHARED_ABSENT in capsys.readouterr().out
    assert len(set(resumes)) == 5
    assert source.startswith("synthetic")
