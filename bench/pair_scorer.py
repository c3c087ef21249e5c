"""A learnt pair scorer for the article step, measured and NOT adopted (docs/alignment.md,
"A learnt pair scorer (issue 19): measured, not adopted").

A logistic regression (weights fitted by ``bench/train_pair_scorer.py`` on the
article-title gold of ToTA treaty families) turns each candidate cell's features into a
probability; pairs are then chosen by one global one-to-one assignment
(``assign``) of the probabilities above the threshold. The features of cell (a, b):
word and 4-gram TF-IDF cosines, the margin of the cell's score over the best other
cell of its row and of its column, whether it is the best of both, the mean score of
its two diagonal neighbours (the order prior), the distance of the relative positions,
the ratio of the lengths, and the overlap of the numbers the two texts cite.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from treatycmp.align import edges
from treatycmp.align.chapters import assignment
from treatycmp.align.lexical import DIGITS, Space, _csr, _dot, words
from treatycmp.align.pairs import Edge

FEATURES = (
    "bias",
    "word",
    "gram",
    "row_margin",
    "col_margin",
    "mutual",
    "neighbours",
    "position",
    "length",
    "numbers",
)
# Cells below this mean cosine that are not among their row's or column's best few are
# never candidates (their probability is negligible; it keeps large blocks cheap).
CANDIDATE_FLOOR = 0.05
TOP = 3
# The probability a one-to-one pair needs (0.5, fixed before measuring).
THRESHOLD = 0.5

Model = dict[str, float]


@contextmanager
def scoring_with(weights: Model, threshold: float = THRESHOLD) -> Iterator[None]:
    """Within the block, ``align_clauses`` pairs articles with this scorer instead of
    ``edges.lexical_edges`` (everything after the article step is unchanged)."""

    def step(
        space: Space,
        lefts: Sequence[int],
        rights: Sequence[int],
        _: float,
        joins: bool = True,
        prior: object = None,
    ) -> list[Edge]:
        return learnt_edges(space, lefts, rights, threshold, weights)

    saved = edges.article_edges
    edges.article_edges = step
    try:
        yield
    finally:
        edges.article_edges = saved


def cosines(
    space: Space, lefts: Sequence[int], rights: Sequence[int]
) -> tuple[list[list[float]], list[list[float]]]:
    """The word and the 4-gram cosines of every ``lefts`` x ``rights`` cell apart (their
    mean is ``Space.rows``), from the space's own vectors."""
    if space.small(lefts, rights):
        vl = [space.left_vec(i) for i in lefts]
        vr = [space.right_vec(j) for j in rights]
        return (
            [[round(_dot(a[0], b[0]), DIGITS) for b in vr] for a in vl],
            [[round(_dot(a[1], b[1]), DIGITS) for b in vr] for a in vl],
        )
    import numpy as np

    mats = [_csr(space._counts[k], space._dfs[k], space._n) for k in (0, 1)]
    li = np.asarray(lefts, dtype=np.int64)
    ri = np.asarray(rights, dtype=np.int64) + len(space.left)
    word, gram = (np.round((m[li] @ m[ri].T).toarray(), DIGITS).tolist() for m in mats)
    return word, gram


def _numbers(text: str) -> frozenset[str]:
    return frozenset(w for w in words(text) if any(ch.isdigit() for ch in w))


def _top2(values: Sequence[float]) -> tuple[float, int, float]:
    best, at, second = -1.0, -1, -1.0
    for k, x in enumerate(values):
        if x > best:
            best, at, second = x, k, best
        elif x > second:
            second = x
    return best, at, second


def cell_features(
    space: Space, lefts: Sequence[int], rights: Sequence[int]
) -> tuple[list[tuple[int, int]], list[list[float]]]:
    """The candidate cells of a block (indexes into ``lefts`` / ``rights``) and their
    features, in ``FEATURES`` order."""
    n, m = len(lefts), len(rights)
    word, gram = cosines(space, lefts, rights)
    sim = [
        [(w + g) / 2 for w, g in zip(wr, gr, strict=True)]
        for wr, gr in zip(word, gram, strict=True)
    ]
    rows = [_top2(r) for r in sim]
    cols = [_top2(c) for c in zip(*sim, strict=True)]
    row_kth = [sorted(r, reverse=True)[min(TOP, m) - 1] for r in sim]
    col_kth = [sorted(c, reverse=True)[min(TOP, n) - 1] for c in zip(*sim, strict=True)]
    lw = [len(words(space.left[i])) for i in lefts]
    rw = [len(words(space.right[j])) for j in rights]
    ln = [_numbers(space.left[i]) for i in lefts]
    rn = [_numbers(space.right[j]) for j in rights]
    cells: list[tuple[int, int]] = []
    feats: list[list[float]] = []
    for a in range(n):
        r_best, r_at, r_second = rows[a]
        for b in range(m):
            s = sim[a][b]
            c_best, c_at, c_second = cols[b]
            if s < CANDIDATE_FLOOR and s < row_kth[a] and s < col_kth[b]:
                continue
            other_r = r_second if b == r_at else r_best
            other_c = c_second if a == c_at else c_best
            before = sim[a - 1][b - 1] if a and b else 0.0
            after = sim[a + 1][b + 1] if a + 1 < n and b + 1 < m else 0.0
            nums = ln[a] | rn[b]
            cells.append((a, b))
            feats.append(
                [
                    1.0,
                    word[a][b],
                    gram[a][b],
                    s - max(other_r, 0.0),
                    s - max(other_c, 0.0),
                    1.0 if b == r_at and a == c_at else 0.0,
                    (before + after) / 2,
                    abs((a + 0.5) / n - (b + 0.5) / m),
                    min(lw[a], rw[b]) / max(lw[a], rw[b], 1),
                    len(ln[a] & rn[b]) / len(nums) if nums else 0.0,
                ]
            )
    return cells, feats


def probability(features: Sequence[float], weights: Model) -> float:
    """The calibrated probability that a cell is a true pair."""
    z = math.fsum(weights[name] * x for name, x in zip(FEATURES, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def assign(weights: dict[tuple[int, int], float], n: int, m: int) -> list[tuple[int, int]]:
    """The one-to-one set of cells with the largest total weight (all weights > 0).

    A Hungarian algorithm (shortest augmenting paths, O(n^2 m)) in pure Python for
    small blocks, so a bundled comparison never imports numpy; scipy's
    ``linear_sum_assignment`` above. Both find a maximum-weight matching; cells
    without a weight are never chosen.
    """
    if not weights:
        return []
    if n * m > 2_500:
        import numpy as np
        from scipy.optimize import linear_sum_assignment

        mat = np.zeros((n, m))
        for (a, b), w in weights.items():
            mat[a, b] = w
        rows, cols = linear_sum_assignment(mat, maximize=True)
        return sorted(
            (int(a), int(b)) for a, b in zip(rows, cols, strict=True) if (a, b) in weights
        )
    return _hungarian(weights, n, m)


def _hungarian(weights: dict[tuple[int, int], float], n: int, m: int) -> list[tuple[int, int]]:
    """Maximum-weight matching on a rectangular matrix (missing cells weigh 0): the
    package's exact assignment (``align.chapters.assignment``), kept to the cells given."""
    dense = [[weights.get((a, b), 0.0) for b in range(m)] for a in range(n)]
    return [pair for pair in assignment(dense) if pair in weights]


def learnt_edges(
    space: Space, lefts: Sequence[int], rights: Sequence[int], threshold: float, weights: Model
) -> list[Edge]:
    """One-to-one pairs among these clauses: the assignment of largest total
    probability among cells whose probability reaches ``threshold``."""
    if not len(lefts) or not len(rights):
        return []
    cells, feats = cell_features(space, lefts, rights)
    probs = {c: probability(f, weights) for c, f in zip(cells, feats, strict=True)}
    keep = {c: p for c, p in probs.items() if p >= threshold}
    return [
        Edge(round(keep[a, b], DIGITS), (lefts[a],), (rights[b],))
        for a, b in assign(keep, len(lefts), len(rights))
    ]
