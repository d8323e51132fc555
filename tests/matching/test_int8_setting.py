"""MATCHING_PRECISION=int8 end to end: the app loads the ONNX encoder and versions scores by it."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from matching.core.encoding.onnx_encoder import OnnxInt8Encoder
from matching.models import MatchScore
from matching.services.ats_score import scorer_method
from matching.services.batches import scoring_batch_run
from matching.services.encoders import default_encoder, onnx_cache_dir
from matching.services.runs import scoring_run_start
from matching.services.versions import SCORER_VERSION
from tests.factories import ApplicationFactory
from tests.matching.test_scoring_services import (  # noqa: F401 (fixture)
    NURSE_CV,
    PYTHON_CV,
    _with_cv,
    python_vacancy,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def int8_settings(tmp_path: Path) -> Iterator[Path]:
    default_encoder.cache_clear()
    with override_settings(MATCHING_PRECISION="int8", MATCHING_ONNX_DIR=str(tmp_path)):
        yield tmp_path
    default_encoder.cache_clear()


def test_the_onnx_folder_defaults_to_the_var_dir() -> None:
    with override_settings(MATCHING_ONNX_DIR=""):
        assert onnx_cache_dir() == str(Path(settings.VAR_DIR) / "onnx")


def test_int8_setting_scores_with_the_onnx_encoder(
    int8_settings: Path,
    python_vacancy,  # noqa: F811 (fixture)
) -> None:
    developer = ApplicationFactory(candidate=_with_cv(PYTHON_CV), vacancy=python_vacancy)
    nurse = ApplicationFactory(candidate=_with_cv(NURSE_CV), vacancy=python_vacancy)

    run = scoring_run_start(vacancy=python_vacancy)
    scoring_batch_run(batch_id=run.batches.get().pk)

    encoder = default_encoder()
    assert isinstance(encoder.inner, OnnxInt8Encoder)
    assert encoder.inner.model_file.parent == int8_settings
    assert run.model_version == f"{encoder.inner.model_id}/{SCORER_VERSION}:{scorer_method()}"
    assert encoder.model_id.endswith("@int8")
    developer_score = MatchScore.objects.get(application=developer)
    assert developer_score.model_version == run.model_version
    assert developer_score.score > MatchScore.objects.get(application=nurse).score
