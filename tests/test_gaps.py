"""Gaps of the chain (``GAP_FLOOR``, off; issue 19's tenth round): at article level,
articles left unpaired between two consecutive chain pairs, with every clause between
them free on both sides, pair in order at the floor."""

from __future__ import annotations

import pytest
from _treaties import CUSTOMS, DISPUTES, MORALS

from treatycmp.align import tuning
from treatycmp.align.aligner import align_clauses
from treatycmp.align.gaps import boxes, filled
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import ClausePair, Edge
from treatycmp.model import Clause
from treatycmp.text import normalize

FISH = "Each Party shall inform the other Party of its measures on fisheries and on ports."


def test_a_gap_is_between_chain_pairs_with_every_clause_free() -> None:
    chain = [Edge(1.0, (0,), (0,)), Edge(1.0, (3,), (2,))]
    assert boxes(chain, {0, 1}, 5, 4) == [(range(1, 3), range(1, 2)), (range(4, 5), range(3, 4))]
    # A moved pair holding a clause of a gap closes it; no chain, no gap.
    moved = [*chain, Edge(0.5, (4,), (1,))]
    assert boxes(moved, {0, 1}, 5, 4) == []
    assert boxes([Edge(0.5, (1,), (1,))], set(), 3, 3) == []


def test_the_gaps_cells_pair_in_order_best_first() -> None:
    texts = [normalize(t) for t in (CUSTOMS, DISPUTES, MORALS, FISH)]
    space = Space(texts, [texts[0], texts[3], texts[2], texts[1]])
    chosen = [Edge(1.0, (0,), (0,))]
    out, chain = filled(chosen, {0}, space, 0.5)
    # 1-3, 2-2 and 3-1 are equal texts: the first taken is the earliest of the equal
    # cells, and the others cross it.
    assert out == [*chosen, Edge(1.0, (1,), (3,))]
    assert chain == {0, 1}
    assert filled(chosen, {0}, space, 1.01) == (chosen, {0})


def _links(pairs: tuple[ClausePair, ...]) -> list[tuple[str, str]]:
    return sorted((p.left[0].id, p.right[0].id) for p in pairs if p.left and p.right)


def test_off_by_default_and_only_at_article_level(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tuning.GAP_FLOOR is None
    # The last two articles, after the chain's last pair: a gap up to the texts' ends.
    left = [Clause(str(k), t, k, str(k)) for k, t in enumerate((CUSTOMS, MORALS, FISH), 1)]
    right = [Clause(str(k), t, k, str(k)) for k, t in enumerate((CUSTOMS, MORALS, DISPUTES), 1)]
    space = Space([normalize(c.text) for c in left], [normalize(c.text) for c in right])
    cell = space.score(2, 2)
    assert 0.05 < cell < 0.1  # far under the threshold: left unpaired by default
    assert _links(align_clauses(left, right)) == [("1", "1"), ("2", "2")]
    monkeypatch.setattr(tuning, "GAP_FLOOR", 0.05)
    pairs = align_clauses(left, right)
    assert _links(pairs) == [("1", "1"), ("2", "2"), ("3", "3")]
    assert [p.kind for p in pairs] == ["same", "same", "changed"]
    monkeypatch.setattr(tuning, "GAP_FLOOR", 0.1)
    assert _links(align_clauses(left, right)) == [("1", "1"), ("2", "2")]
    # Paragraphs of one article: never filled.
    monkeypatch.setattr(tuning, "GAP_FLOOR", 0.05)
    paras_l = [replace_article(c) for c in left]
    paras_r = [replace_article(c) for c in right]
    assert ("1.3", "1.3") not in _links(align_clauses(paras_l, paras_r))


def replace_article(c: Clause) -> Clause:
    return Clause(f"1.{c.id}", c.text, c.line, "1")
