"""The encoding benchmark runs end to end on a tiny load and reports every precision it ran.

No timing is asserted (speed figures live in docs/evaluation/matching.md); this keeps the
benchmark runnable and its quality figures meaningful.
"""

import json
from pathlib import Path

import pytest

from benchmarks import encoding


def test_the_benchmark_compares_int8_with_fp32(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["--json", "--docs", "2", "--rounds", "1", "--precisions", "int8"]
    assert encoding.main([*argv, "--onnx-dir", str(tmp_path)]) == 0

    report = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert report["docs"] == 2
    assert report["chunks_per_round"] >= 2
    assert set(report["models"]) == {"fp32", "int8"}
    assert report["models"]["int8"] == report["models"]["fp32"] + "@int8"
    assert report["int8_cosine_min"] >= 0.98
    assert report["int8_docs_per_s"] > 0
    assert report["int8_dtype"] == "float32"
    assert "bf16_speedup" not in report
    assert any(tmp_path.glob("*-int8.onnx"))


def test_an_unknown_precision_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        encoding.main(["--precisions", "fp8"])
    assert exit_info.value.code == 2
    assert "fp8" in capsys.readouterr().err
