"""Top-k most similar treaties, blockwise: the local path and the Dask path share it.

The same exact Jaccard index as ``matrix``, computed a pair of blocks at a time so
memory holds two blocks' intersections, never n x n.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from treatycmp.errors import TreatycmpError
from treatycmp.model import Level, Treaty
from treatycmp.similarity.forms import Progress, treaty_text
from treatycmp.similarity.matrix import MATRIX_METHOD, check_distinct, intersections
from treatycmp.similarity.shingles import SHINGLE_SIZE, shingle_texts

if TYPE_CHECKING:
    from typing import TypeAlias

    from treatycmp.arrays import Float64Array, Int64Array, UInt64Array

    Candidates: TypeAlias = tuple[Int64Array, Int64Array, Float64Array]
    """Flat (row, column, Jaccard) arrays in corpus positions."""


@dataclass(frozen=True)
class TopSimilar:
    """For each treaty, the ``k`` most similar others, best first (ties by corpus order).

    What ``matrix --top-k`` shows: on a corpus of hundreds of thousands of treaties
    the full matrix (n**2 cells) is out of reach, the top k per treaty is not.
    """

    ids: tuple[str, ...]
    similar: tuple[tuple[tuple[str, float], ...], ...]
    k: int
    method: str = MATRIX_METHOD


# Treaties per block of the blockwise top-k (a block pair holds 2 x this many sets).
TOP_K_BLOCK = 1000


def block_top_k(
    left: Sequence[UInt64Array],
    left_at: int,
    right: Sequence[UInt64Array] | None,
    right_at: int,
    k: int,
) -> Candidates:
    """Top-k candidates between two blocks of shingle sets, both ways (``right`` None: a
    block against itself, each set's own pair left out).

    Returns flat (row, column, Jaccard) arrays in corpus positions: for each row, its
    best ``k`` columns of the other block, ties to the earlier column.
    """
    if right is None:
        inter = intersections(left)
        sizes = np.array([s.size for s in left], dtype=np.float64)
        jac = _jaccard(inter, sizes, sizes)
        np.fill_diagonal(jac, -np.inf)
        at = np.arange(left_at, left_at + len(left))
        parts = [_row_top_k(jac, at, at, k)]
    else:
        inter = intersections([*left, *right], split=len(left))
        ls = np.array([s.size for s in left], dtype=np.float64)
        rs = np.array([s.size for s in right], dtype=np.float64)
        jac = _jaccard(inter, ls, rs)
        la = np.arange(left_at, left_at + len(left))
        ra = np.arange(right_at, right_at + len(right))
        parts = [_row_top_k(jac, la, ra, k), _row_top_k(jac.T, ra, la, k)]
    rows, cols, scores = (np.concatenate(x) for x in zip(*parts, strict=True))
    keep = np.isfinite(scores)
    return rows[keep], cols[keep], scores[keep]


def _jaccard(inter: Float64Array, left: Float64Array, right: Float64Array) -> Float64Array:
    union = left[:, None] + right[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        out: Float64Array = np.where(union > 0, inter / union, 0.0)
    return out


def _row_top_k(scores: Float64Array, rows: Int64Array, cols: Int64Array, k: int) -> Candidates:
    """Each row's best ``k`` columns by (-score, column)."""
    take = min(k, scores.shape[1])
    if not take or not scores.shape[0]:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float64)
    col_keys = np.broadcast_to(cols[None, :], scores.shape)
    order = np.lexsort((col_keys, -scores), axis=-1)[:, :take]
    picked = np.take_along_axis(scores, order, axis=1)
    return np.repeat(rows, take), cols[order].ravel(), picked.ravel()


def merge_top_k(
    n: int,
    parts: Sequence[Candidates],
    k: int,
) -> list[list[tuple[int, float]]]:
    """Each row's best ``k`` (column, score) among the candidates of every block pair."""
    out: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    if not parts:
        return out
    rows, cols, scores = best_k(parts, k)
    for r, c, v in zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True):
        out[r].append((c, v))
    return out


def best_k(parts: Sequence[Candidates], k: int) -> Candidates:
    """Each row's best ``k`` candidates among ``parts``, sorted by (row, -score, column).

    In numpy only, so a caller that merges as results arrive (the Dask client) keeps
    arrays between merges instead of n Python lists.
    """
    rows, cols, scores = (np.concatenate(x) for x in zip(*parts, strict=True))
    order = np.lexsort((cols, -scores, rows))
    rows, cols, scores = rows[order], cols[order], scores[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = (np.arange(rows.size) - starts) < k
    return rows[keep], cols[keep], scores[keep]


def block_ranges(n: int, block: int) -> list[tuple[int, int]]:
    """[lo, hi) of each block of ``block`` positions."""
    return [(lo, min(lo + block, n)) for lo in range(0, n, max(1, block))]


def top_similar(
    ids: Sequence[str], merged: Sequence[Sequence[tuple[int, float]]], k: int
) -> TopSimilar:
    return TopSimilar(
        tuple(ids),
        tuple(tuple((ids[c], round(float(v), 6)) for c, v in row) for row in merged),
        k,
    )


def treaty_top_k(
    treaties: Sequence[Treaty],
    k: int = 10,
    *,
    level: Level = "paragraph",
    size: int = SHINGLE_SIZE,
    block: int = TOP_K_BLOCK,
    progress: Progress | None = None,
) -> TopSimilar:
    """The ``k`` treaties most similar to each treaty (exact Jaccard, as ``treaty_matrix``).

    Computed blockwise over blocks of ``block`` treaties, pair of blocks by pair of
    blocks, so memory holds two blocks' intersections at a time, never n x n; the
    Dask path (``treatycmp.similarity.dask``) runs the same block functions on a
    cluster and gives the same result.
    """
    if k < 1:
        raise TreatycmpError(f"k must be at least 1, not {k}")
    ids = _distinct_ids(treaties)
    ranges = block_ranges(len(treaties), block)
    sets = [
        shingle_texts([treaty_text(t, level) for t in treaties[lo:hi]], size) for lo, hi in ranges
    ]
    return top_k_of_sets(ids, [s for part in sets for s in part], k, block=block, progress=progress)


def top_k_of_sets(
    ids: Sequence[str],
    sets: Sequence[UInt64Array],
    k: int = 10,
    *,
    block: int = TOP_K_BLOCK,
    progress: Progress | None = None,
) -> TopSimilar:
    """``treaty_top_k`` from the treaties' shingle sets (made there, or stored: ``sets_store``)."""
    if k < 1:
        raise TreatycmpError(f"k must be at least 1, not {k}")
    check_distinct(ids)
    ranges = block_ranges(len(ids), block)
    pairs = [(a, b) for a in range(len(ranges)) for b in range(a, len(ranges))]
    parts = []
    for done, (a, b) in enumerate(pairs, start=1):
        (alo, ahi), (blo, bhi) = ranges[a], ranges[b]
        right = None if a == b else sets[blo:bhi]
        parts.append(block_top_k(sets[alo:ahi], alo, right, blo, k))
        if progress is not None:
            progress(done, len(pairs))
    return top_similar(ids, merge_top_k(len(ids), parts, k), k)


def _distinct_ids(treaties: Sequence[Treaty]) -> list[str]:
    ids = [t.id for t in treaties]
    check_distinct(ids)
    return ids
