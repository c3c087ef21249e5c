"""Clear pairs: at article level, a cell that beats every other cell of its row and of
its column by a margin pairs even where the order prior would not have it.

Issue 19's error analysis on the seed-9 ToTA pairs (docs/alignment.md, "Clear pairs"):
of the gold article links the default aligner missed and TF-IDF + Hungarian found,
most were such cells, left unpaired because they cross the in-order chain and score
under ``MOVED_FLOOR``, or under the threshold. Of the clear cells among the articles
left over, scoring 0.25-0.40 with a margin of 0.1, 0.88 were right, far above the 0.45
a link needs to raise F1. Only at article level, where every clause in an article is
the whole article (measured there; paragraphs of one article share their wording too
much for a margin over the whole matrix to mean the same), and only once the texts are
related (some pair reaches ``MOVED_FLOOR``), as for the character tier.

``CLEAR_PARAGRAPHS`` (off; issue 19's seventh round measured it) gives the paragraph
level the same for whole articles: the margin is taken over the articles pooled as the
article step pools them (``clear_runs``), never over single paragraphs; paragraphs of a
clear pair of articles hold out of order, and pair among themselves at ``CLEAR_FLOOR``
when neither article is paired.
"""

from __future__ import annotations

from collections.abc import Sequence

from treatycmp.align import tuning
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import Edge
from treatycmp.model import Clause

Cells = dict[tuple[int, int], float]
Runs = tuple[list[list[int]], list[list[int]], Cells]
"""Both sides' article runs and the clear pairs of runs (by run index)."""


def whole_articles(left: Sequence[Clause], right: Sequence[Clause]) -> bool:
    """Whether each side has articles and every clause in an article is that whole
    article (article level; clauses outside articles, a preamble, may be there too)."""
    for side in (left, right):
        inside = [c.article for c in side if c.article is not None]
        if not inside or len(set(inside)) != len(inside):
            return False
    return True


def article_runs(clauses: Sequence[Clause]) -> list[list[int]]:
    """Runs of clauses of one article; a clause outside articles is a run of its own."""
    out: list[list[int]] = []
    last: str | None = None
    for k, c in enumerate(clauses):
        if c.article is not None and c.article == last and out:
            out[-1].append(k)
        else:
            out.append([k])
        last = c.article
    return out


def clear_cells(space: Space, left: Sequence[Clause], right: Sequence[Clause]) -> Cells:
    """The cells at ``CLEAR_FLOOR`` or above that beat every other cell of their row and
    of their column by ``CLEAR_MARGIN`` (so each is the unique best of both), between
    two articles: a short preamble paragraph ("The Parties to this Treaty,") is no
    article's clear partner (it dropped a right move of the US-Japan / US-ROK diff)."""
    n, m = len(left), len(right)
    if not n or not m or n * m > tuning.LEXICAL_TIER_CELLS:
        return {}
    rows = space.rows(range(n), range(m))
    row_top = [_top_two(r) for r in rows]
    col_top = [_top_two([rows[i][j] for i in range(n)]) for j in range(m)]
    out: Cells = {}
    for i, (best, second, j) in enumerate(row_top):
        _, c_second, ci = col_top[j]
        margin = best - max(second, c_second)
        articles = left[i].article is not None and right[j].article is not None
        if ci == i and articles and best >= tuning.CLEAR_FLOOR and margin >= tuning.CLEAR_MARGIN:
            out[i, j] = best
    return out


def clear_runs(space: Space, left: Sequence[Clause], right: Sequence[Clause]) -> Runs:
    """The paragraph level's clear cells: ``clear_cells`` between whole articles (the
    runs of one article's paragraphs, pooled as the article step pools them), as the
    runs of both sides and the clear pairs of runs (``CLEAR_PARAGRAPHS``)."""
    gl, gr = article_runs(left), article_runs(right)
    heads_l, heads_r = [left[g[0]] for g in gl], [right[g[0]] for g in gr]
    return gl, gr, clear_cells(space.grouped(gl, gr), heads_l, heads_r)


def run_cells(runs: Runs) -> Cells:
    """Every paragraph cell inside a clear pair of runs, with the pair's score: such a
    one-to-one pair holds out of order, as a clear cell does at article level."""
    gl, gr, clear = runs
    return {(i, j): s for (a, b), s in clear.items() for i in gl[a] for j in gr[b]}


def unpaired_runs(chosen: Sequence[Edge], runs: Runs) -> list[tuple[list[int], list[int]]]:
    """The clear pairs of runs none of whose paragraphs a chosen edge holds, once the
    texts are related (some chosen pair reaches ``MOVED_FLOOR``): their paragraphs are
    then aligned among themselves (``aligner``), each pair on its own words."""
    gl, gr, clear = runs
    sides = [(gl[a], gr[b]) for a, b in sorted(clear)]
    return [sides[k] for k in _unheld(chosen, sides)]


def _top_two(values: Sequence[float]) -> tuple[float, float, int]:
    """The best value, the second best (0 if none) and the first position of the best."""
    best, second, at = -1.0, 0.0, -1
    for k, x in enumerate(values):
        if x > best:
            best, second, at = x, max(best, second, 0.0), k
        elif x > second:
            second = x
    return best, second, at


def holds(e: Edge, clear: Cells) -> bool:
    """Whether a one-to-one edge is a clear cell (kept even out of order)."""
    return len(e.lefts) == len(e.rights) == 1 and (e.lefts[0], e.rights[0]) in clear


def unpaired_clear(chosen: Sequence[Edge], clear: Cells) -> list[Edge]:
    """The clear cells whose two clauses no chosen edge holds, once the texts are
    related (some chosen pair reaches ``MOVED_FLOOR``)."""
    cells = sorted(clear.items())
    free = _unheld(chosen, [((i,), (j,)) for (i, j), _ in cells])
    return [Edge(s, (i,), (j,)) for (i, j), s in (cells[k] for k in free)]


def _unheld(
    chosen: Sequence[Edge], sides: Sequence[tuple[Sequence[int], Sequence[int]]]
) -> list[int]:
    """The positions of the ``sides`` (left and right clauses) none of whose clauses a
    chosen edge holds; none until the texts are related (a chosen pair at
    ``MOVED_FLOOR``): what is left over for the clear cells (or runs) to pair."""
    if not any(e.score >= tuning.MOVED_FLOOR for e in chosen):
        return []
    used_l = {i for e in chosen for i in e.lefts}
    used_r = {j for e in chosen for j in e.rights}
    return [
        k
        for k, (ls, rs) in enumerate(sides)
        if not used_l.intersection(ls) and not used_r.intersection(rs)
    ]
