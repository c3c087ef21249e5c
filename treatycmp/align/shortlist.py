"""Candidate cells of a large lexical block, found without scoring every pair.

Above ``tuning.LEXICAL_TIER_CELLS`` cells the lexical tier scores only candidates
(docs/performance.md, "Issue 22"): each clause's ``k`` best partners both ways by a
blocking score, the clauses with the same text, and the diagonal neighbours of each
clause's best candidate (the order prior pairs a reworded clause between two kept ones).
The blocking score counts shared *informative* features only: words and runs of up to
four words that at most ``BLOCK_DF`` clauses of the block hold (rarer is heavier), so
that its sparse product costs at most ``BLOCK_DF`` cells per feature a clause holds:
linear in the clauses, whatever their number. A text of few distinct words (every word
common) still has rare runs.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from treatycmp.align.lexical import CHUNK_CELLS, Space, words

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from treatycmp.arrays import Float64Array, Int64Array

# A feature held by more clauses of the block than this does not propose candidates.
BLOCK_DF = 48
# Word n-grams used for blocking: single words up to runs of four (with triples only,
# the synthetic pair of 2,000 articles of bench/synth.py lost recall: F1 0.9925,
# against 0.9991 with runs of four and 0.9989 scoring every cell).
BLOCK_N = 4


def _features(text: str) -> set[str]:
    ws = words(text)
    out: set[str] = set()
    for n in range(1, BLOCK_N + 1):
        out.update("\x1f".join(ws[k : k + n]) for k in range(len(ws) - n + 1))
    return out


def candidates(
    space: Space, lefts: Sequence[int], rights: Sequence[int], k: int
) -> tuple[Int64Array, Int64Array]:
    """Candidate cells of ``lefts`` x ``rights`` as positions (a, b) into them, unique and
    sorted by (a, b): each row's and each column's ``k`` best by the blocking score,
    equal texts (at most ``k`` a row), and the diagonal neighbours of each row's and each
    column's best."""
    import numpy as np

    n, m = len(lefts), len(rights)
    feats = [_features(space.left[i]) for i in lefts] + [_features(space.right[j]) for j in rights]
    df = Counter(f for fs in feats for f in fs)
    keep = {f: x for x, f in enumerate(f for f, c in df.items() if c <= BLOCK_DF)}
    weight = np.array([math.log((n + m) / df[f]) + 1.0 for f in keep], dtype=np.float64)
    left_m = _block_matrix(feats[:n], keep, weight)
    right_t = _block_matrix(feats[n:], keep, weight).T.tocsr()
    found = _top_both_ways(left_m, right_t, k)
    keys = [a * m + b for a, b, _ in found]
    keys.append(_equal(space, lefts, rights, k, m))
    for a, b, rank in found:
        for d in (-1, 1):
            na, nb = a[rank == 0] + d, b[rank == 0] + d
            ok = (na >= 0) & (na < n) & (nb >= 0) & (nb < m)
            keys.append(na[ok] * m + nb[ok])
    cells = np.unique(np.concatenate(keys))
    return cells // m, cells % m


def _block_matrix(feats: list[set[str]], keep: dict[str, int], weight: Float64Array) -> csr_matrix:
    """Clauses by informative features, weighted by rarity, rows of unit length."""
    import numpy as np
    from scipy.sparse import csr_matrix

    cols: list[int] = []
    ptr = [0]
    for fs in feats:
        cols.extend(keep[f] for f in fs if f in keep)
        ptr.append(len(cols))
    col = np.array(cols, dtype=np.int64)
    data = weight[col] if len(col) else np.zeros(0, dtype=np.float64)
    mat = csr_matrix((data, col, np.array(ptr)), shape=(len(feats), max(1, len(keep))))
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    mat.data *= np.repeat(1.0 / norms, np.diff(mat.indptr))
    return mat


Found = tuple["Int64Array", "Int64Array", "Int64Array"]
"""Cells (row positions, column positions) and each one's rank in its row or column."""


def _top_both_ways(left_m: csr_matrix, right_t: csr_matrix, k: int) -> list[Found]:
    """The ``k`` best cells of every row and of every column of ``left_m @ right_t``,
    taken a chunk of rows at a time (the product of a chunk holds at most ``BLOCK_DF``
    cells per feature of its rows); the columns' best are merged chunk by chunk."""
    import numpy as np

    row_parts: list[Found] = []
    empty = np.zeros(0, dtype=np.int64)
    col: tuple[Int64Array, Int64Array, Float64Array] = (empty, empty, np.zeros(0))
    n = left_m.shape[0]
    step = max(1, CHUNK_CELLS // (BLOCK_DF * 64))
    for a0 in range(0, n, step):
        prod = (left_m[a0 : a0 + step] @ right_t).tocoo()
        a = prod.row.astype(np.int64) + a0
        b = prod.col.astype(np.int64)
        v = prod.data
        keep, rank = _top(a, b, v, k)
        row_parts.append((a[keep], b[keep], rank))
        ca, cb, cv = (np.concatenate([c, x]) for c, x in zip(col, (a, b, v), strict=True))
        keep, _ = _top(cb, ca, cv, k)
        col = (ca[keep], cb[keep], cv[keep])
    ca, cb, cv = col
    keep, rank = _top(cb, ca, cv, k)
    rows = (
        tuple(np.concatenate([p[x] for p in row_parts]) for x in range(3))
        if row_parts
        else (
            empty,
            empty,
            empty,
        )
    )
    return [(rows[0], rows[1], rows[2]), (ca[keep], cb[keep], rank)]


def _top(
    group: Int64Array, other: Int64Array, value: Float64Array, k: int
) -> tuple[Int64Array, Int64Array]:
    """Indexes of the ``k`` best values of every group (ties to the lower ``other``),
    and their ranks in it."""
    import numpy as np

    order = np.lexsort((other, -value, group))
    g = group[order]
    start = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if len(g) else np.zeros(0, dtype=np.int64)
    first = np.repeat(start, np.diff(np.r_[start, len(g)]))
    rank = np.arange(len(g)) - first
    ok = rank < k
    return order[ok], rank[ok]


def _equal(space: Space, lefts: Sequence[int], rights: Sequence[int], k: int, m: int) -> Int64Array:
    """Cells whose two texts are equal (each left clause's first ``k``), as a * m + b."""
    import numpy as np

    where: dict[str, list[int]] = {}
    for b, j in enumerate(rights):
        where.setdefault(space.right[j], []).append(b)
    keys = [a * m + b for a, i in enumerate(lefts) for b in where.get(space.left[i], ())[:k]]
    return np.array(keys, dtype=np.int64)
