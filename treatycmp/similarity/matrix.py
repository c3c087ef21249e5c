"""How alike are two whole treaties: the treaty similarity matrix.

The Jaccard index of their sets of 5-character shingles of normalised text
(``shingles``), as the treaty text-as-data literature does (Alschner and
Skougarevskiy). It is exact, not a MinHash estimate: shingles are hashed to 64 bits
with numpy, shingles found in a single treaty are counted but dropped, and the
intersections of all pairs come from products of 0/1 column blocks of bounded size for
shingles most treaties share and from counting pairs (``np.bincount``) for the rare
ones, so memory grows with the corpus, never with the square of the number of clauses.
Chosen by measurement (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from typing import TYPE_CHECKING

import numpy as np

from treatycmp.errors import LookupProblem, Problem, TreatycmpError
from treatycmp.model import Level, Treaty
from treatycmp.similarity.forms import Progress, treaty_text
from treatycmp.similarity.shingles import SHINGLE_SIZE, shingle_texts

if TYPE_CHECKING:
    from treatycmp.arrays import Float64Array, Int32Array, Int64Array, UInt64Array

MATRIX_METHOD = "Jaccard index of 5-character shingle sets of the normalised whole text"

# Bytes of one 0/1 column block in the matrix product: bounds memory whatever the corpus.
_BLOCK_BYTES = 64 << 20
# Owner pairs counted in one np.bincount call (int64 each): bounds that memory too.
_PAIR_CHUNK = 1 << 22


@dataclass(frozen=True)
class TreatyMatrix:
    """Pairwise similarity 0-1 of whole treaties; symmetric, 1 on the diagonal."""

    ids: tuple[str, ...]
    scores: tuple[tuple[float, ...], ...]
    shingle_counts: tuple[int, ...]
    method: str = MATRIX_METHOD

    def score(self, left: str, right: str) -> float:
        """The similarity of the treaties with ids ``left`` and ``right``."""
        try:
            return self.scores[self.ids.index(left)][self.ids.index(right)]
        except ValueError:
            missing = left if left not in self.ids else right
            raise LookupProblem(f"no treaty '{missing}' in this matrix") from None


def jaccard_matrix(
    sets: Sequence[UInt64Array], *, progress: Progress | None = None
) -> Float64Array:
    """Exact Jaccard index of every pair of sorted distinct uint64 arrays (float64, n x n)."""
    n = len(sets)
    sizes = np.array([s.size for s in sets], dtype=np.float64)
    inter = intersections(sets, progress=progress)
    union = sizes[:, None] + sizes[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(union > 0, inter / union, 0.0)
    if n:
        np.fill_diagonal(out, 1.0)
    return out


def shared_items(
    sets: Sequence[UInt64Array],
) -> tuple[Int32Array, Int64Array]:
    """The items found in two sets or more, grouped: (owners, group sizes).

    ``owners`` lists, item by item in hash order, the indexes of the sets holding
    it (ascending within an item); ``sizes[g]`` is how many sets hold item ``g``.
    """
    n = len(sets)
    if not n:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
    items = np.concatenate(sets)
    owner = np.repeat(np.arange(n, dtype=np.int32), [s.size for s in sets])
    order = np.argsort(items, kind="stable")  # stable: owners ascend within an item
    items, owner = items[order], owner[order]
    del order
    if not items.size:
        return owner, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], items[1:] != items[:-1])))
    del items
    counts = np.diff(np.append(starts, owner.size))
    keep = np.repeat(counts >= 2, counts)
    return owner[keep], counts[counts >= 2]


def intersections(
    sets: Sequence[UInt64Array],
    *,
    split: int | None = None,
    progress: Progress | None = None,
    work: dict[str, int] | None = None,
) -> Float64Array:
    """``|A_i & A_j|`` for every pair of sorted distinct uint64 arrays (float64, n x n).

    With ``split``: only the cross block, sets ``[:split]`` against ``[split:]``
    (split x (n - split)), a quarter of the work when the halves are equal.

    Items held by many sets (``df`` at least ``dense_from``) are counted with dense
    0/1 block products (BLAS; each block at most ``_BLOCK_BYTES``); items held by a
    few sets add one to each of their ``df**2`` pairs with ``np.bincount``, which
    costs far less than a column of a dense product. Counts are exact either way.
    ``work``, when given, counts what was done (shared items, pairs counted, dense cells),
    so tests bound the work on any machine (tests/test_work_counts.py).
    """
    tally = work if work is not None else {}
    n = len(sets)
    top = n if split is None else split
    width_out = n if split is None else n - split
    owners, df = shared_items(sets)
    tally["shared"] = tally.get("shared", 0) + owners.size
    ends = np.cumsum(df)
    dense_from = max(2, _dense_from(n))
    # Rare items: group by how many sets hold them, so each group is a 2-d array.
    sparse_counts = np.zeros(top * width_out, dtype=np.int64)
    is_rare = df < dense_from
    starts = ends - df
    for d in np.unique(df[is_rare]).tolist():
        groups = np.flatnonzero(df == d)
        step = max(1, _PAIR_CHUNK // (d * d))
        for lo in range(0, groups.size, step):
            first = starts[groups[lo : lo + step]]
            block = owners[first[:, None] + np.arange(d)[None, :]].astype(np.int64)
            a = np.broadcast_to(block[:, :, None], (block.shape[0], d, d)).ravel()
            b = np.broadcast_to(block[:, None, :], (block.shape[0], d, d)).ravel()
            if split is not None:
                keep = (a < split) & (b >= split)
                a, b = a[keep], b[keep] - split
            sparse_counts += np.bincount(a * width_out + b, minlength=top * width_out)
            tally["pairs"] = tally.get("pairs", 0) + a.size
    inter = sparse_counts.reshape(top, width_out).astype(np.float64)
    # Common items: dense 0/1 columns, a bounded block at a time.
    common = np.flatnonzero(~is_rare)
    width = max(1, _BLOCK_BYTES // (4 * max(n, 1)))
    blocks = -(-common.size // width) if common.size else 0
    for b_index in range(blocks):
        chosen = common[b_index * width : (b_index + 1) * width]
        lengths = df[chosen]
        rows = owners[np.repeat(starts[chosen], lengths) + _ranges(lengths)]
        cols = np.repeat(np.arange(chosen.size), lengths)
        dense = np.zeros((n, chosen.size), dtype=np.float32)
        tally["dense_cells"] = tally.get("dense_cells", 0) + n * chosen.size
        dense[rows, cols] = 1.0
        if split is None:
            inter += dense @ dense.T
        else:
            inter += dense[:split] @ dense[split:].T
        if progress is not None:
            progress(b_index + 1, blocks)
    if progress is not None and not blocks:
        progress(1, 1)
    if split is None:
        # A set's own items held by no other set still count on the diagonal.
        inter[np.diag_indices(n)] = [s.size for s in sets]
    return inter


def _ranges(lengths: Int64Array) -> Int64Array:
    """``concatenate([arange(k) for k in lengths])``, vectorised."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    out: Int64Array = np.arange(total) - np.repeat(starts, lengths)
    return out


def _dense_from(n: int) -> int:
    """Items held by at least this many of ``n`` sets go to the dense product.

    A dense column costs about n**2 multiply-adds in BLAS, a rare item d**2
    increments in bincount, each far dearer: measured on English ToTA (n = 424) and
    on blocks of 2,000 synthetic treaties (bench/bench_matrix.py, bench_dask.py),
    n / 16 is near the best for both.
    """
    return n // 16


def treaty_matrix(
    treaties: Sequence[Treaty],
    *,
    level: Level = "paragraph",
    size: int = SHINGLE_SIZE,
    progress: Progress | None = None,
) -> TreatyMatrix:
    """Similarity of every pair of whole treaties (see the module docstring for the method).

    Args:
        treaties: the treaties, each once; their order is the matrix's order.
        level: which clauses make up the whole text (the same words either way).
        size: shingle length in characters.
        progress: called with (done, total) as shingling and then counting proceed.

    Returns:
        A ``TreatyMatrix`` with scores 0-1 (1: the same set of shingles).
    """
    if size < 1:
        raise TreatycmpError(f"shingle size must be at least 1, not {size}")
    check_distinct([t.id for t in treaties])
    n = len(treaties)
    sets: list[UInt64Array] = []
    for i, treaty in enumerate(treaties, start=1):
        sets.append(shingle_texts([treaty_text(treaty, level)], size)[0])
        if progress is not None:
            progress(i, 2 * n)

    def counting(done: int, total: int) -> None:
        if progress is not None:
            progress(n + round(n * done / max(total, 1)), 2 * n)

    return matrix_of_sets([t.id for t in treaties], sets, progress=counting)


def matrix_of_sets(
    ids: Sequence[str], sets: Sequence[UInt64Array], *, progress: Progress | None = None
) -> TreatyMatrix:
    """``treaty_matrix`` from the treaties' shingle sets (made here, or stored: ``sets_store``)."""
    check_distinct(ids)
    scores = jaccard_matrix(sets, progress=progress)
    if progress is not None:
        progress(1, 1)
    return TreatyMatrix(
        ids=tuple(ids),
        scores=tuple(tuple(map(round, row, repeat(6))) for row in scores.tolist()),
        shingle_counts=tuple(int(s.size) for s in sets),
    )


def check_distinct(ids: Sequence[str]) -> None:
    """Refuse a treaty named twice: its row would be scored against itself."""
    if len(set(ids)) < len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise TreatycmpError(
            Problem(
                "",
                None,
                f"treaty given twice: {', '.join(duplicates)}",
                "name each treaty once",
            )
        )
