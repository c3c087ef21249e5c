"""Chapters as a prior for the article step (issue 19): an article pairs sooner with an
article of the matching chapter than with one elsewhere.

Real treaties print their chapters ("Chapter 5: Customs Procedures"), and the model keeps
them (``Article.chapter``, ``Clause.chapter``). On ToTA's title gold (docs/alignment.md,
"Chapters as a prior") 92 % of the right links the aligner makes lie inside a pair of
chapters aligned one-to-one by their pooled text, against two thirds of its wrong ones,
and where two partners compete, "in the aligned chapter" points at the gold far more
often than any signal of the two articles' words.

The chapters of the two texts are aligned by the TF-IDF cosine of their pooled articles
(``Space.grouped``, the aligner's own score), one to one by an exact assignment, pairs
at ``CHAPTER_FLOOR`` or more kept. A cell between two articles of aligned chapters then
ranks ``CHAPTER_INSIDE`` higher in the greedy choice, one between two chaptered articles
of chapters not aligned ``CHAPTER_OUTSIDE`` lower; a clause outside any chapter
(preamble, closing, an article without one) is left as it was. With
``CHAPTER_ADMITS`` false (shipped) the prior only re-orders: a cell is still admitted by
its own rank against the threshold and keeps its own score, so nothing pairs that did
not pass on its words. Only which chapter holds an article is read, never the words of
its heading: the pooled articles say what a chapter is about in the words the aligner
scores, while headings are numbered and worded by each drafter. A text with fewer than
two chapters, or whose chapters align with none of the other's, gets no prior, so it
aligns exactly as without chapters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from treatycmp.align import tuning
from treatycmp.align.lexical import Space

if TYPE_CHECKING:
    from treatycmp.arrays import Float64Array, Int64Array


@dataclass(frozen=True)
class ChapterPrior:
    """The chapter of each row and column of an article space (-1: none), the aligned
    chapter pairs, and how much a cell inside / outside them moves in the ranking."""

    left: tuple[int, ...]
    right: tuple[int, ...]
    pairs: frozenset[tuple[int, int]]
    inside: float
    outside: float
    admits: bool

    def bias(self, i: int, j: int) -> float:
        """The prior's term for cell (i, j) of the space."""
        a, b = self.left[i], self.right[j]
        if a < 0 or b < 0:
            return 0.0
        return self.inside if (a, b) in self.pairs else -self.outside

    def rank(self, x: float, i: int, j: int) -> tuple[float, float]:
        """Cell (i, j) of rank ``x``: its rank in the greedy order, and the rank its
        admission tests against the threshold."""
        y = x + self.bias(i, j)
        return y, y if self.admits else x

    def ranks(
        self, x: Float64Array, li: Int64Array, ri: Int64Array
    ) -> tuple[Float64Array, Float64Array]:
        """``rank`` of the cells (li, ri) of ranks ``x``, vectorised; ``li`` and ``ri``
        broadcast to ``x``'s shape (a column of rows and a row of columns for a block)."""
        y = x + self.biases(li, ri)
        return y, y if self.admits else x

    def biases(self, li: Int64Array, ri: Int64Array) -> Float64Array:
        """``bias`` of the cells (li, ri), vectorised (the two broadcast together)."""
        import numpy as np

        ca = np.asarray(self.left, dtype=np.int64)[li]
        cb = np.asarray(self.right, dtype=np.int64)[ri]
        pick = np.zeros((max(self.left) + 1, max(self.right) + 1), dtype=bool)
        for a, b in self.pairs:
            pick[a, b] = True
        chaptered = (ca >= 0) & (cb >= 0)
        inside = chaptered & pick[np.maximum(ca, 0), np.maximum(cb, 0)]
        out: Float64Array = np.where(inside, self.inside, np.where(chaptered, -self.outside, 0.0))
        return out


def chapter_prior(
    left: Sequence[str | None], right: Sequence[str | None], space: Space
) -> ChapterPrior | None:
    """The prior over ``space``, whose rows and columns are articles in the chapters
    ``left`` and ``right`` (``None``: in none); ``None`` when it would not apply."""
    ua = list(dict.fromkeys(c for c in left if c is not None))
    ub = list(dict.fromkeys(c for c in right if c is not None))
    if len(ua) < 2 or len(ub) < 2:
        return None
    ia = tuple(-1 if c is None else ua.index(c) for c in left)
    ib = tuple(-1 if c is None else ub.index(c) for c in right)
    ga = [[k for k, x in enumerate(ia) if x == u] for u in range(len(ua))]
    gb = [[k for k, x in enumerate(ib) if x == u] for u in range(len(ub))]
    # Sparse products even for a few chapters: pooled chapters hold thousands of terms.
    sim: list[list[float]] = space.grouped(ga, gb).matrix(range(len(ga)), range(len(gb))).tolist()
    pairs = frozenset((a, b) for a, b in assignment(sim) if sim[a][b] >= tuning.CHAPTER_FLOOR)
    if pairs and tuning.CHAPTER_SECOND_FLOOR is not None:
        pairs |= second_partners(sim, pairs, tuning.CHAPTER_SECOND_FLOOR)
    if not pairs:
        return None
    return ChapterPrior(
        ia, ib, pairs, tuning.CHAPTER_INSIDE, tuning.CHAPTER_OUTSIDE, tuning.CHAPTER_ADMITS
    )


def second_partners(
    sim: Sequence[Sequence[float]], pairs: frozenset[tuple[int, int]], floor: float
) -> frozenset[tuple[int, int]]:
    """One to two: a chapter the assignment left without a partner pairs with its best
    chapter on the other side (already paired: one text split what the other keeps
    whole) when their pooled score reaches ``floor``."""
    rows, cols = {a for a, _ in pairs}, {b for _, b in pairs}
    out = set()
    for a, row in enumerate(sim):
        b = max(range(len(row)), key=row.__getitem__)
        if a not in rows and row[b] >= floor:
            out.add((a, b))
    for b in range(len(sim[0])):
        a = max(range(len(sim)), key=lambda k: sim[k][b])
        if b not in cols and sim[a][b] >= floor:
            out.add((a, b))
    return frozenset(out)


def assignment(sim: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """The one-to-one (row, column) pairs of greatest total score, exact (the Hungarian
    method by shortest augmenting paths, O(n^2 m)): chapter matrices are small, and the
    package needs no scipy.optimize for it."""
    n, m = len(sim), len(sim[0]) if sim else 0
    flip = n > m
    cost = (
        [[-x for x in col] for col in zip(*sim, strict=True)]
        if flip
        else [[-x for x in r] for r in sim]
    )
    if flip:
        n, m = m, n
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0], j0 = i, 0
        low, used = [inf] * (m + 1), [False] * (m + 1)
        while owner[j0]:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < low[j]:
                        low[j], way[j] = cur, j0
                    if low[j] < delta:
                        delta, j1 = low[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    low[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    got = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    return sorted((b, a) if flip else (a, b) for a, b in got)
