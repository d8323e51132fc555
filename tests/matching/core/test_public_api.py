"""Each matching.core subpackage names its public API in ``__all__``, and stays light to import."""

import importlib
import subprocess
import sys

import pytest

SUBPACKAGES = (
    "cards",
    "encoding",
    "evaluation",
    "occupations",
    "retrieval",
    "scoring",
    "skills",
    "training",
)
# Imported only when a model is loaded or trained, never by importing a subpackage.
HEAVY_MODULES = (
    "torch",
    "sentence_transformers",
    "transformers",
    "sklearn",
    "faiss",
    "onnxruntime",
)


@pytest.mark.parametrize("subpackage", SUBPACKAGES)
def test_every_public_name_is_the_defining_module_object(subpackage):
    package = importlib.import_module(f"matching.core.{subpackage}")
    lazy = getattr(package, "_LAZY", {})

    assert list(package.__all__) == sorted(package.__all__)
    assert set(lazy) <= set(package.__all__)
    for name in package.__all__:
        value = getattr(package, name)
        if name in lazy:
            assert value is getattr(importlib.import_module(lazy[name]), name)


@pytest.mark.parametrize("subpackage", SUBPACKAGES)
def test_importing_a_subpackage_loads_no_model_library(subpackage):
    probe = (
        f"import sys, matching.core.{subpackage}; "
        f"print(','.join(m for m in {HEAVY_MODULES!r} if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == ""


def test_unknown_name_raises_attribute_error():
    package = importlib.import_module("matching.core.scoring")
    with pytest.raises(AttributeError, match="no attribute 'not_a_public_name'"):
        package.not_a_public_name  # noqa: B018
