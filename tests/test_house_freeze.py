"""A refactoring changes no answer: every bundled pair's diff JSON, and the aligner's
pairs on the ToTA benchmark (slow tier), digest for digest against the reviewed state.

The digests come from bench/house_freeze.py; after a change that is meant to change
answers, review the diffs it makes (``treatycmp diff A B -f json`` before and after) and
rewrite the golden with ``python bench/house_freeze.py bundled --write
tests/golden/house/freeze.json`` (and ``tota`` likewise).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
import house_freeze  # type: ignore[import-not-found]  # noqa: E402

GOLDEN = Path(__file__).resolve().parent / "golden" / "house" / "freeze.json"


def _golden(part: str) -> dict[str, str]:
    data: dict[str, Any] = json.loads(GOLDEN.read_text(encoding="utf-8"))
    return dict(data[part])


def _changed(found: dict[str, str], wanted: dict[str, str]) -> list[str]:
    return sorted(k for k in found.keys() | wanted.keys() if found.get(k) != wanted.get(k))


def test_every_bundled_pair_answers_as_reviewed() -> None:
    found = house_freeze.bundled_digests()
    assert len(found) >= 2 * 400
    assert _changed(found, _golden("bundled")) == []


@pytest.mark.slow
def test_tota_alignment_answers_as_reviewed(tota_xml: Path) -> None:
    found = house_freeze.tota_digests(tota_xml)
    assert len(found) >= 200
    assert _changed(found, _golden("tota")) == []
