"""Optimised paths give the same output as before, byte for byte.

The golden files under tests/golden/speed/ were written by the implementations
that came before the speed work (issue 15): the treaty matrix, nearest clauses and
a long synthetic diff, on the bundled corpus and on seeded synthetic corpora
(bench/synth.py). Any change to them must be a deliberate ``--update-golden``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from treatycmp.analysis import compare
from treatycmp.corpus import Corpus
from treatycmp.model import Treaty
from treatycmp.render.corpus_scale import matrix_json, nearest_json
from treatycmp.render.diff.json import render_json
from treatycmp.similarity.matrix import treaty_matrix
from treatycmp.similarity.nearest import ClauseIndex

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from synth import synth_corpus, synth_pair  # type: ignore[import-not-found]

Golden = Callable[[str, str], None]


@pytest.fixture(scope="module")
def synthetic() -> list[Treaty]:
    treaties: list[Treaty] = synth_corpus(60, 25, seed=11)
    return treaties


def _nearest(treaties: list[Treaty], picks: int, level: str = "paragraph") -> str:
    index = ClauseIndex.build(treaties, level="article" if level == "article" else "paragraph")
    step = max(1, len(index) // picks)
    out = []
    for treaty_id, clause in index.entries[::step][:picks]:
        found = index.nearest_to(treaty_id, clause.id, 8)
        out.append(json.loads(nearest_json(f"{treaty_id}:{clause.id}", found)))
    return json.dumps(out, indent=1, ensure_ascii=False) + "\n"


def test_matrix_bundled(corpus: Corpus, golden: Golden) -> None:
    golden("speed/matrix-bundled.json", matrix_json(treaty_matrix(corpus.treaties)))


def test_matrix_synthetic(synthetic: list[Treaty], golden: Golden) -> None:
    golden("speed/matrix-synth-60.json", matrix_json(treaty_matrix(synthetic)))


def test_nearest_bundled(corpus: Corpus, golden: Golden) -> None:
    golden("speed/nearest-bundled.json", _nearest(list(corpus.treaties), 12))


def test_nearest_synthetic(synthetic: list[Treaty], golden: Golden) -> None:
    golden("speed/nearest-synth-60.json", _nearest(synthetic, 12, "article"))


def test_long_synthetic_diff(golden: Golden) -> None:
    pair = synth_pair(40, seed=3)
    golden("speed/diff-synth-40.json", render_json(compare(pair.left, pair.right)))
