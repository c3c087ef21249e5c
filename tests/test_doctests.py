"""The examples in docstrings run: every module of the package, and the corpus script."""

from __future__ import annotations

import doctest
import importlib
import pkgutil
from types import ModuleType

import pytest
from _open_treaties import converter

import treatycmp

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(treatycmp.__path__, "treatycmp.")
    if not m.name.endswith("__main__")
)


def _run(module: ModuleType) -> None:
    result = doctest.testmod(module, report=True, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest(s) failed in {module.__name__}"


@pytest.mark.parametrize("name", MODULES)
def test_module_doctests(name: str) -> None:
    _run(importlib.import_module(name))


def test_open_treaties_script_doctests() -> None:
    module = converter()
    assert doctest.testmod(module).attempted >= 3
    _run(module)
