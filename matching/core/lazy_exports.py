"""Lazy re-exports for the subpackages' ``__init__``: a public name loads its module on first use.

So ``from matching.core.scoring import score_pairs`` works while ``import matching.core.scoring``
stays as light as it was (no torch, scikit-learn or FAISS until something needs them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from importlib import import_module
from typing import Any

NO_ATTRIBUTE = "module {module!r} has no attribute {name!r}"


def lazy_exports(
    package: str, names: Mapping[str, str], public: Iterable[str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package`` for ``names`` (name -> defining module).

    A resolved name is stored in the package's namespace, so later lookups skip ``__getattr__``.
    """
    namespace = vars(import_module(package))
    listed = frozenset(public)

    def getattr_(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(NO_ATTRIBUTE.format(module=package, name=name))
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    def dir_() -> list[str]:
        return sorted(set(namespace) | listed)

    return getattr_, dir_
