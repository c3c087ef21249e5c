"""Clear pairs at article level (issue 19): a cell that beats every other cell of its row
and column by ``CLEAR_MARGIN`` pairs even out of order; no split or merge joins two
articles."""

from __future__ import annotations

import random

import pytest
from _treaties import CUSTOMS, DISPUTES, MORALS
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.align import aligner, edges, tuning
from treatycmp.align.aligner import align_clauses
from treatycmp.align.clear import (
    clear_cells,
    clear_runs,
    holds,
    run_cells,
    unpaired_clear,
    unpaired_runs,
    whole_articles,
)
from treatycmp.align.gate import gated
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import Edge
from treatycmp.model import Clause
from treatycmp.text import normalize


def _articles(*texts: str) -> list[Clause]:
    return [Clause(str(k + 1), t, k + 1, str(k + 1)) for k, t in enumerate(texts)]


def test_whole_articles_means_every_clause_an_article_of_its_own() -> None:
    arts = _articles(CUSTOMS, DISPUTES)
    assert whole_articles(arts, arts)
    paragraphs = [Clause("1.1", CUSTOMS, 1, "1"), Clause("1.2", DISPUTES, 2, "1")]
    assert not whole_articles(paragraphs, arts)
    loose = [Clause("1", CUSTOMS, 1), Clause("2", DISPUTES, 2)]
    assert not whole_articles(arts, loose)  # no articles on one side
    preamble = [Clause("preamble.1", MORALS, 1), *arts]
    assert whole_articles(preamble, arts)  # clauses outside articles may be there too


def test_a_clear_cell_is_the_unique_best_of_its_row_and_column_by_the_margin() -> None:
    texts = [CUSTOMS, DISPUTES, MORALS]
    space = Space(texts, texts[::-1])
    clear = clear_cells(space, _articles(*texts), _articles(*texts[::-1]))
    assert clear == {(0, 2): 1.0, (1, 1): 1.0, (2, 0): 1.0}
    # Only between articles: a clause outside articles is no one's clear partner.
    preamble = [Clause("preamble.1", CUSTOMS, 1), *_articles(DISPUTES, MORALS)]
    assert clear_cells(space, preamble, _articles(*texts[::-1])) == {(1, 1): 1.0, (2, 0): 1.0}
    # Two equal best cells in a row: neither is clear.
    tied = Space([CUSTOMS], [CUSTOMS, CUSTOMS])
    assert clear_cells(tied, _articles(CUSTOMS), _articles(CUSTOMS, CUSTOMS)) == {}
    # Unrelated texts score under the floor: nothing is clear.
    assert clear_cells(Space([CUSTOMS], [MORALS]), _articles(CUSTOMS), _articles(MORALS)) == {}


def test_clear_pairs_are_left_over_pairs_only_once_the_texts_are_related() -> None:
    clear = {(0, 0): 0.3, (1, 1): 0.3}
    assert unpaired_clear([Edge(0.9, (1,), (1,))], clear) == [Edge(0.3, (0,), (0,))]
    assert unpaired_clear([Edge(0.3, (1,), (1,))], clear) == []  # no pair at MOVED_FLOOR
    assert holds(Edge(0.3, (0,), (0,)), clear)
    assert not holds(Edge(0.3, (0,), (0, 1)), clear)


def test_no_split_joins_two_articles_at_article_level() -> None:
    left = _articles(f"{CUSTOMS} {DISPUTES}", MORALS)
    right = _articles(CUSTOMS, DISPUTES, MORALS)
    for a, b in ((left, right), (right, left)):
        pairs = align_clauses(a, b)
        assert all(len(p.left) <= 1 and len(p.right) <= 1 for p in pairs)
        assert {p.kind for p in pairs} <= {"changed", "same", "added", "removed"}


@pytest.mark.parametrize("tier_first", [False, True])
def test_a_clear_pair_out_of_order_is_kept_where_the_moved_floor_drops_it(
    tier_first: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The clear move holds with the character tier first (CHAR_TIER_FIRST) too: the
    tier does not touch it; a margin no cell beats drops it either way."""
    left = _articles(CUSTOMS, DISPUTES, MORALS)
    right = _articles(DISPUTES, MORALS, CUSTOMS.replace("tariff", "customs"))
    # A floor no move reaches: the moved pair stays only as a clear cell.
    monkeypatch.setattr(edges, "MOVED_FLOOR", 1.1)
    monkeypatch.setattr(tuning, "CHAR_TIER_FIRST", tier_first)
    pairs = align_clauses(left, right)
    moved = [(p.left[0].id, p.right[0].id) for p in pairs if p.kind == "moved"]
    assert moved == [("1", "3")]
    monkeypatch.setattr(tuning, "CLEAR_MARGIN", 2.0)
    pairs = align_clauses(left, right)
    assert not [p for p in pairs if p.left and p.right and p.left[0].id == "1"]


# ---- the paragraph level's articles (CLEAR_PARAGRAPHS, issue 19's seventh round) -------

GOODS = (
    "Each Party shall accord national treatment to the goods of the other Party in "
    "accordance with Article III of the GATT 1994."
)
SUBSIDIES = (
    "The rights and obligations of the Parties relating to subsidies and countervailing "
    "measures shall be governed by the WTO Agreement."
)
POOL = (CUSTOMS, DISPUTES, MORALS, GOODS, SUBSIDIES)


def _paragraphs(*articles: tuple[str, ...]) -> list[Clause]:
    out: list[Clause] = []
    for a, texts in enumerate(articles, start=1):
        for p, t in enumerate(texts, start=1):
            out.append(Clause(f"{a}.{p}", t, len(out) + 1, str(a)))
    return out


def test_clear_runs_pool_each_article_and_cover_its_paragraphs() -> None:
    left = _paragraphs((CUSTOMS, GOODS), (DISPUTES,), (MORALS, SUBSIDIES))
    right = _paragraphs((MORALS, SUBSIDIES), (DISPUTES,), (CUSTOMS, GOODS))
    space = Space([c.text for c in left], [c.text for c in right])
    runs = clear_runs(space, left, right)
    assert runs[0] == [[0, 1], [2], [3, 4]]
    assert runs[1] == [[0, 1], [2], [3, 4]]
    assert set(runs[2]) == {(0, 2), (1, 1), (2, 0)}
    cells = run_cells(runs)
    assert (0, 3) in cells
    assert (1, 4) in cells
    assert (0, 0) not in cells
    # Every paragraph of a clear pair is used: nothing left to pair among themselves.
    used = [Edge(0.9, (k,), (k,)) for k in range(5)]
    assert unpaired_runs(used, runs) == []
    assert unpaired_runs([Edge(0.9, (2,), (2,))], runs) == [([0, 1], [3, 4]), ([3, 4], [0, 1])]
    assert unpaired_runs([Edge(0.3, (2,), (2,))], runs) == []  # no pair at MOVED_FLOOR


def test_paragraphs_of_a_clear_pair_of_articles_hold_out_of_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    left = _paragraphs((CUSTOMS, GOODS), (DISPUTES,), (MORALS,))
    right = _paragraphs((DISPUTES,), (MORALS,), (CUSTOMS.replace("tariff", "customs"), GOODS))
    monkeypatch.setattr(edges, "MOVED_FLOOR", 1.1)  # no move stands on its score alone

    def paired() -> set[tuple[str, str]]:
        return {
            (p.left[0].id, p.right[0].id) for p in align_clauses(left, right) if p.left and p.right
        }

    assert ("1.1", "3.1") not in paired()  # the default: the moved paragraphs drop
    monkeypatch.setattr(tuning, "CLEAR_PARAGRAPHS", True)
    assert {("1.1", "3.1"), ("1.2", "3.2")} <= paired()


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=3), min_size=1, max_size=4),
    st.randoms(use_true_random=False),
    st.lists(st.sampled_from(("shall", "may", "the", "Party")), max_size=3),
)
def test_clear_paragraphs_admit_nothing_under_the_floor_on_its_own_words(
    arts: list[list[str]], rnd: random.Random, noise: list[str]
) -> None:
    """Every pair that CLEAR_PARAGRAPHS adds scores CLEAR_FLOOR or more by its own two
    texts (the lexical cell of the two paragraphs), whatever the articles around it."""
    left = _paragraphs(*map(tuple, arts))
    shuffled = [[f"{t} {' '.join(noise)}".strip() for t in a] for a in arts]
    rnd.shuffle(shuffled)
    right = _paragraphs(*map(tuple, shuffled))
    before = {(p.left, p.right) for p in align_clauses(left, right)}
    old = tuning.CLEAR_PARAGRAPHS
    tuning.CLEAR_PARAGRAPHS = True
    try:
        after = align_clauses(left, right)
    finally:
        tuning.CLEAR_PARAGRAPHS = old
    space = Space([normalize(c.text) for c in left], [normalize(c.text) for c in right])
    for p in after:
        if (p.left, p.right) in before or len(p.left) != 1 or len(p.right) != 1:
            continue
        own = space.rows([left.index(p.left[0])], [right.index(p.right[0])])[0][0]
        assert own >= tuning.CLEAR_FLOOR, (p.left[0].id, p.right[0].id, own)


# ---- the character tier before the clear pairs (CHAR_TIER_FIRST, eighth round) ---------


def test_tier_first_pairs_what_the_lexical_passes_leave_before_any_clear_pair() -> None:
    """A clear pair out of order no longer takes a clause the character tier would pair
    in order: the tier sees the leftovers it sees without clear pairs."""
    ln = [normalize(t) for t in (CUSTOMS, GOODS, MORALS, DISPUTES)]
    rn = [normalize(t) for t in (CUSTOMS, GOODS, MORALS, DISPUTES, SUBSIDIES)]
    kept = [Edge(0.9, (0,), (0,)), Edge(0.9, (2,), (2,)), Edge(0.9, (3,), (3,))]
    held = Edge(0.3, (1,), (4,))
    chosen, chain, clear = [kept[0], held, *kept[1:]], {0, 2, 3}, {(1, 4): 0.3}
    # Clear pairs first (the default order), the held pair takes left 1: no tier pair.
    assert edges.char_tier(ln, rn, [*kept, held]) == []
    got, tier = aligner._tier_first(chosen, chain, clear, ln, rn, Space(ln, rn))
    assert tier == [Edge(1.0, (1,), (1,))]
    assert got == [*kept, *tier]
    # The tier's own pair out of order is dropped, as without clear pairs: the clear
    # pair holds as before.
    rn = [normalize(t) for t in (CUSTOMS, SUBSIDIES, MORALS, DISPUTES, GOODS)]
    got, tier = aligner._tier_first(chosen, chain, clear, ln, rn, Space(ln, rn))
    assert tier == []
    assert got == [*kept, held]


def test_the_tier_gate_drops_a_pair_whose_words_are_best_elsewhere_both_ways() -> None:
    """CHAR_TIER_GATE: a tier pair stays where its lexical cell is the best of its row or
    of its column, and is left unpaired where it is the best of neither."""
    ln = [normalize(t) for t in (DISPUTES, CUSTOMS)]
    rn = [normalize(t) for t in (CUSTOMS, f"{DISPUTES} {MORALS}")]
    space = Space(ln, rn)
    crossed, along = Edge(0.6, (1,), (1,)), Edge(0.6, (0,), (1,))
    assert gated([crossed, along], space) == [along]
    # Best one way only (its row) is enough.
    one_way = Space(ln, rn[:1])
    assert gated([Edge(0.6, (1,), (0,))], one_way) == [Edge(0.6, (1,), (0,))]


def test_the_tier_gate_is_read_by_the_tier(monkeypatch: pytest.MonkeyPatch) -> None:
    ln = [normalize(t) for t in (CUSTOMS, DISPUTES, MORALS)]
    rn = [normalize(t) for t in (CUSTOMS, DISPUTES, MORALS)]
    chosen = [Edge(0.9, (0,), (0,))]
    seen: list[list[Edge]] = []

    def spy(tier: list[Edge], space: Space) -> list[Edge]:
        seen.append(tier)
        return []

    monkeypatch.setattr(edges, "gated", spy)
    tier = edges.char_tier(ln, rn, chosen, Space(ln, rn))
    assert tier  # off: the tier as shipped
    assert not seen
    monkeypatch.setattr(tuning, "CHAR_TIER_GATE", True)
    assert edges.char_tier(ln, rn, chosen, Space(ln, rn)) == []
    assert seen == [tier]
