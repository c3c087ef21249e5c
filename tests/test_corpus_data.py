"""Where the bundled data is found."""

from __future__ import annotations

import importlib.resources
import importlib.util
from pathlib import Path

import pytest

from treatycmp import corpus


def test_a_source_checkout_reads_its_own_data_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from the repository (the source folder shadows the installed package, which
    alone maps ``treatycmp.data``), the data is the checkout's ``data/``, not a traceback."""
    real = importlib.util.find_spec

    def no_data_package(name: str, package: str | None = None) -> object:
        return None if name == "treatycmp.data" else real(name, package)

    def not_installed(package: str) -> object:
        raise ModuleNotFoundError(f"No module named {package!r}")

    checkout = Path(__file__).resolve().parent.parent  # this repository: it holds data/
    monkeypatch.setattr(importlib.util, "find_spec", no_data_package)
    monkeypatch.setattr(importlib.resources, "files", not_installed)
    # The module as the source folder holds it (CI tests an installed wheel instead).
    monkeypatch.setattr(corpus, "__file__", str(checkout / "treatycmp" / "corpus.py"))
    found = corpus.data_dir()
    assert found == checkout / "data"
    assert (found / "treaties" / "dprk-russia-2024.yaml").is_file()
