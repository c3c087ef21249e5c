"""Clear pairs at article level (issue 19): a cell that beats every other cell of its row
and column by ``CLEAR_MARGIN`` pairs even out of order; no split or merge joins two
articles."""

from __future__ import annotations

import pytest

from treatycmp.align import edges, tuning
from treatycmp.align.aligner import align_clauses
from treatycmp.align.clear import clear_cells, holds, unpaired_clear, whole_articles
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import Edge
from treatycmp.model import Clause

CUSTOMS = (
    "The customs authorities of each Party shall exchange information on tariff "
    "classification and valuation of imported goods."
)
DISPUTES = (
    "Disputes concerning the interpretation of this chapter shall be settled by "
    "consultations between the competent ministries within ninety days."
)
MORALS = (
    "Nothing in this Agreement shall prevent a Party from adopting measures necessary "
    "to protect public morals or human health."
)


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


def test_a_clear_pair_out_of_order_is_kept_where_the_moved_floor_drops_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    left = _articles(CUSTOMS, DISPUTES, MORALS)
    right = _articles(DISPUTES, MORALS, CUSTOMS.replace("tariff", "customs"))
    # A floor no move reaches: the moved pair stays only as a clear cell.
    monkeypatch.setattr(edges, "MOVED_FLOOR", 1.1)
    pairs = align_clauses(left, right)
    moved = [(p.left[0].id, p.right[0].id) for p in pairs if p.kind == "moved"]
    assert moved == [("1", "3")]
    monkeypatch.setattr(tuning, "CLEAR_MARGIN", 2.0)
    pairs = align_clauses(left, right)
    assert not [p for p in pairs if p.left and p.right and p.left[0].id == "1"]
