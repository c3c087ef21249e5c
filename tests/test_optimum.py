"""The optimum's check (``OPTIMUM_MARGIN``, off; issue 19's ninth round): at article level
a one-to-one pair stays where the optimum assignment of the lexical matrix agrees, or
where it beats the optimum's cells of its two articles by the margin."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from _treaties import CUSTOMS, DISPUTES, MORALS

from treatycmp.align import tuning
from treatycmp.align.aligner import align_clauses
from treatycmp.align.lexical import Space
from treatycmp.align.optimum import agreeing, optimum
from treatycmp.align.pairs import ClausePair, Edge
from treatycmp.model import Clause
from treatycmp.text import normalize


def test_the_optimum_is_the_maximum_weight_assignment() -> None:
    rng = np.random.default_rng(19)
    for shape in ((3, 3), (3, 5), (5, 2)):
        mat = rng.random(shape)
        best = optimum(mat)
        weight = sum(mat[i, j] for i, j in best.items())
        n, m = shape
        brute = max(
            sum(mat[i, j] for i, j in zip(rows, cols, strict=False))
            for rows in itertools.permutations(range(n), min(n, m))
            for cols in itertools.permutations(range(m), min(n, m))
        )
        assert len(best) == min(n, m)
        assert weight == pytest.approx(brute)


def _space() -> Space:
    texts = [normalize(t) for t in (CUSTOMS, DISPUTES, MORALS)]
    return Space(texts, texts[::-1])


def test_a_pair_the_optimum_disagrees_with_is_dropped_and_the_chain_renumbered() -> None:
    space = _space()  # the optimum: 0-2, 1-1, 2-0 (each text with itself)
    chosen = [Edge(0.1, (0,), (0,)), Edge(1.0, (1,), (1,)), Edge(1.0, (2,), (0,))]
    kept, chain = agreeing(chosen, {0, 1}, space, 0.05)
    assert kept == chosen[1:]
    assert chain == {0}
    # A split or merge is never checked.
    run = [Edge(0.5, (0,), (0, 1))]
    assert agreeing(run, {0}, space, 0.05) == (run, {0})


def test_the_margin_is_over_the_optimums_cells_of_both_clauses() -> None:
    space = _space()
    pair = [Edge(0.1, (0,), (0,))]  # customs / morals, under both optimum cells (1.0)
    assert agreeing(pair, {0}, space, -1.0) == (pair, {0})
    assert agreeing(pair, {0}, space, 0.0) == ([], set())


def _links(pairs: tuple[ClausePair, ...]) -> list[tuple[str, str]]:
    return sorted((p.left[0].id, p.right[0].id) for p in pairs if p.left and p.right)


def test_off_by_default_and_only_at_article_level(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tuning.OPTIMUM_MARGIN is None
    # Greedy pairs the two equal texts (1.0); the optimum pairs each with the other
    # side's part (two cells of about 0.7, more in all): a disagreement by about 0.3.
    both = f"{CUSTOMS} {DISPUTES}"
    left = [Clause("1", both, 1, "1"), Clause("2", DISPUTES, 2, "2")]
    right = [Clause("1", both, 1, "1"), Clause("2", CUSTOMS, 2, "2")]
    assert _links(align_clauses(left, right)) == [("1", "1")]
    monkeypatch.setattr(tuning, "OPTIMUM_MARGIN", 0.05)
    assert _links(align_clauses(left, right)) == [("1", "1")]  # it beats the optimum by more
    monkeypatch.setattr(tuning, "OPTIMUM_MARGIN", 0.5)
    assert _links(align_clauses(left, right)) == []
    # Paragraph level (two paragraphs of one article): never checked.
    paras_l = [Clause("1.1", both, 1, "1"), Clause("1.2", DISPUTES, 2, "1")]
    paras_r = [Clause("1.1", both, 1, "1"), Clause("1.2", CUSTOMS, 2, "1")]
    assert _links(align_clauses(paras_l, paras_r)) == [("1.1", "1.1")]
