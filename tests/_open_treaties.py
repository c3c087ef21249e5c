"""The open-treaties dataset beside the checkout, and its converter, for tests.

The dataset (CC0; English and Traditional Chinese, 28 treaties) is looked for at
``../shared/corpora/open-treaties`` next to the checkout, or ``$TREATYCMP_OPEN_TREATIES``;
tests that need it skip, saying so, when it is absent.
"""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.model import Treaty

ROOT = Path(__file__).resolve().parents[1]


def open_treaties_dir() -> Path | None:
    """The dataset's folder (holding ``data/``), or None when this checkout has none."""
    env = os.environ.get("TREATYCMP_OPEN_TREATIES")
    path = Path(env) if env else ROOT.parent / "shared" / "corpora" / "open-treaties"
    return path if (path / "data").is_dir() else None


def require_data() -> Path:
    """The dataset's ``data/`` folder, or skip the test with the reason."""
    path = open_treaties_dir()
    if path is None:
        pytest.skip(
            "open-treaties not found: check out ../shared/corpora/open-treaties beside "
            "this checkout or set TREATYCMP_OPEN_TREATIES"
        )
    return path / "data"


def raw(key: str) -> dict[str, Any]:
    """One treaty of the dataset as its JSON data."""
    data = json.loads((require_data() / f"{key}.json").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _script(path: Path) -> ModuleType:
    """A script of the checkout as a module, loaded once (scripts are not a package)."""
    name = path.stem
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def converter() -> ModuleType:
    """scripts/open_treaties.py as a module."""
    return _script(ROOT / "scripts" / "open_treaties.py")


def measure_rules() -> ModuleType:
    """bench/measure_rules.py as a module: its label units read from the dataset."""
    return _script(ROOT / "bench" / "measure_rules.py")


def converted(folder: Path, key: str, language: str) -> Treaty:
    """A dataset treaty converted to a treaty file in ``folder`` and loaded back."""
    data = raw(key)
    ot = converter()
    treaty = ot.convert(data, key, language)
    path = folder / ot.file_name(treaty["id"])
    path.write_text(ot.to_yaml(treaty), encoding="utf-8")
    return load_treaty(path)
