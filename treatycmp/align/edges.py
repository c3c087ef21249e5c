"""The lexical aligner (the default scorer): pairs by TF-IDF cosines with an order prior.

Articles are paired first, then the paragraphs inside paired articles, then what is
left over (``lexical_choose``). Inside each block, cells are ranked by score plus the
order prior (``SUPPORT``) and chosen greedily with the split/merge runs
(``lexical_edges``); a block above ``LEXICAL_TIER_CELLS`` cells scores only its
candidates (``align.shortlist``). Once the lexical passes relate the texts, a
character-level tier pairs mutual best leftovers (``char_tier``), scoring each
leftover's shortlist only when there are many.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from treatycmp.align import tuning
from treatycmp.align.chapters import ChapterPrior, chapter_prior
from treatycmp.align.clear import article_runs, whole_articles
from treatycmp.align.gate import gated
from treatycmp.align.lexical import CHUNK_CELLS, Space
from treatycmp.align.pairs import Edge, edge_key
from treatycmp.align.scorers import SCORERS
from treatycmp.align.shortlist import candidates
from treatycmp.align.tuning import (
    CHAR_TIER,
    LEFTOVER_THRESHOLD,
    LEXICAL_SPLIT_MARGIN,
    MOVED_FLOOR,
    PART_FLOOR,
    SUPPORT,
)
from treatycmp.align.work import count
from treatycmp.model import Clause

if TYPE_CHECKING:
    from treatycmp.arrays import Float64Array, Int64Array

# Ranks are compared rounded to this many decimals (the scores' own, lexical.DIGITS), so
# that float noise in the order prior never decides between two edges.
DIGITS_KEY = 9

Cell = Callable[[int, int], float]
"""The score of block cell (a, b), 0 outside the block."""
Run = tuple[float, Edge]
"""A split or merge candidate with its rank (score plus the order prior)."""


def lexical_edges(
    space: Space,
    lefts: Sequence[int],
    rights: Sequence[int],
    threshold: float,
    joins: bool = True,
    prior: ChapterPrior | None = None,
) -> list[Edge]:
    """Pairs among these clauses: one-to-one and split/merge edges, chosen greedily.

    Cells are ranked by score plus the order prior (``SUPPORT``); a split (one left
    clause, two adjacent right ones) or a merge is a candidate only when both parts
    have the single clause as their best partner among ``lefts`` (or ``rights``),
    reach ``PART_FLOOR`` with it, and the joined text beats each part by
    ``LEXICAL_SPLIT_MARGIN``; without ``joins``, one-to-one edges only. Small inputs
    in Python lists, large ones with numpy: the same floats and the same order. A
    chapter ``prior`` (``align.chapters``) adds its term to each cell's rank in the
    greedy order, and to the rank tested against the threshold only if it ``admits``.
    """
    if not len(lefts) or not len(rights):
        return []
    if space.small(lefts, rights):
        return _small_edges(space, lefts, rights, threshold, joins, prior)
    if len(lefts) * len(rights) > tuning.LEXICAL_TIER_CELLS:
        return _shortlisted_edges(space, lefts, rights, threshold, joins, prior)
    return _numpy_edges(space, lefts, rights, threshold, joins, prior)


def _runs(
    space: Space,
    lefts: Sequence[int],
    rights: Sequence[int],
    at: Cell,
    best: tuple[list[int], list[int]],
    threshold: float,
) -> list[Run]:
    """Split and merge candidates of two adjacent clauses; ``best`` holds each column's
    best row and each row's best column."""
    n, m = len(lefts), len(rights)
    best_l, best_r = best
    runs: list[Run] = []
    for b0 in range(m - 1):
        a = best_l[b0]
        p, q = at(a, b0), at(a, b0 + 1)
        if best_l[b0 + 1] != a or min(p, q) < PART_FLOOR:
            continue
        joined = space.joined(rights=(rights[b0], rights[b0 + 1]))
        x = space.score_vectors(space.left_vec(lefts[a]), joined)
        if x > max(p, q) + LEXICAL_SPLIT_MARGIN:
            y = x + SUPPORT * (at(a - 1, b0 - 1) + at(a + 1, b0 + 2)) / 2
            if y >= threshold:
                runs.append((y, Edge(min(1.0, x), (lefts[a],), (rights[b0], rights[b0 + 1]))))
    for a0 in range(n - 1):
        b = best_r[a0]
        p, q = at(a0, b), at(a0 + 1, b)
        if best_r[a0 + 1] != b or min(p, q) < PART_FLOOR:
            continue
        joined = space.joined(lefts=(lefts[a0], lefts[a0 + 1]))
        x = space.score_vectors(joined, space.right_vec(rights[b]))
        if x > max(p, q) + LEXICAL_SPLIT_MARGIN:
            y = x + SUPPORT * (at(a0 - 1, b - 1) + at(a0 + 2, b + 1)) / 2
            if y >= threshold:
                runs.append((y, Edge(min(1.0, x), (lefts[a0], lefts[a0 + 1]), (rights[b],))))
    return runs


def _rank_key(rank: float, e: Edge, nn: int, mm: int) -> tuple[float, int, int, int, int]:
    """The greedy order: rank, then ``edge_key``'s tie-breaks over the whole space."""
    return (-round(rank, DIGITS_KEY), *edge_key(e, nn, mm)[1:])


def _small_edges(
    space: Space,
    lefts: Sequence[int],
    rights: Sequence[int],
    threshold: float,
    joins: bool,
    prior: ChapterPrior | None,
) -> list[Edge]:
    """``lexical_edges`` in Python lists."""
    n, m = len(lefts), len(rights)
    nn, mm = len(space.left), len(space.right)
    sim = space.rows(lefts, rights)

    def at(a: int, b: int) -> float:
        return sim[a][b] if 0 <= a < n and 0 <= b < m else 0.0

    # The first index among equal maxima, as numpy's argmax.
    best_l = [max(range(n), key=lambda a: (sim[a][b], -a)) for b in range(m)]
    best_r = [max(range(m), key=lambda b: (sim[a][b], -b)) for a in range(n)]
    runs = _runs(space, lefts, rights, at, (best_l, best_r), threshold) if joins else []
    cand = []
    for a in range(n):
        for b in range(m):
            x = sim[a][b] + SUPPORT * (at(a - 1, b - 1) + at(a + 1, b + 1)) / 2
            y, gate = (x, x) if prior is None else prior.rank(x, lefts[a], rights[b])
            if gate >= threshold:
                cand.append((y, Edge(sim[a][b], (lefts[a],), (rights[b],))))
    ordered = [e for _, e in sorted([*cand, *runs], key=lambda c: _rank_key(c[0], c[1], nn, mm))]
    return [ordered[k] for k in _take(((e.lefts, e.rights) for e in ordered), n, m)]


def _take(sides: Iterable[tuple[Sequence[int], Sequence[int]]], n: int, m: int) -> list[int]:
    """Greedy choice: the positions of the candidates (left and right clauses, best
    first) taken because none of their clauses is taken yet; stops once ``n`` left or
    ``m`` right clauses are taken. Candidates are given as plain tuples, so that a caller
    builds an ``Edge`` only for what is taken."""
    used_l: set[int] = set()
    used_r: set[int] = set()
    taken: list[int] = []
    for k, (ls, rs) in enumerate(sides):
        if used_l.intersection(ls) or used_r.intersection(rs):
            continue
        used_l.update(ls)
        used_r.update(rs)
        taken.append(k)
        if len(used_l) == n or len(used_r) == m:
            break
    return taken


def _numpy_edges(
    space: Space,
    lefts: Sequence[int],
    rights: Sequence[int],
    threshold: float,
    joins: bool,
    prior: ChapterPrior | None,
) -> list[Edge]:
    """``lexical_edges`` with numpy: one-to-one edges are made only when chosen."""
    n, m = len(lefts), len(rights)
    mat = space.matrix(lefts, rights)

    def at(a: int, b: int) -> float:
        return float(mat[a, b]) if 0 <= a < n and 0 <= b < m else 0.0

    best = (mat.argmax(axis=0).tolist(), mat.argmax(axis=1).tolist())
    runs = _runs(space, lefts, rights, at, best, threshold) if joins else []
    order, ai, bi = _numpy_order(space, lefts, rights, mat, runs, threshold, prior)
    return _chosen(order, (ai, bi), runs, lefts, rights, at)


def _chosen(
    order: Sequence[int],
    cells: tuple[list[int], list[int]],
    runs: list[Run],
    lefts: Sequence[int],
    rights: Sequence[int],
    at: Callable[[int, int], float],
) -> list[Edge]:
    """The edges ``_take`` picks in ``order``: positions below ``len(cells[0])`` are the
    cells (a, b), scored by ``at``, the rest the runs numbered after them."""
    ai, bi = cells
    base = len(ai)

    def sides(x: int) -> tuple[Sequence[int], Sequence[int]]:
        if x >= base:
            e = runs[x - base][1]
            return e.lefts, e.rights
        return (lefts[ai[x]],), (rights[bi[x]],)

    chosen: list[Edge] = []
    for k in _take(map(sides, order), len(lefts), len(rights)):
        x = order[k]
        if x >= base:
            chosen.append(runs[x - base][1])
        else:
            chosen.append(Edge(at(ai[x], bi[x]), (lefts[ai[x]],), (rights[bi[x]],)))
    return chosen


def _numpy_order(
    space: Space,
    lefts: Sequence[int],
    rights: Sequence[int],
    mat: Float64Array,
    runs: list[Run],
    threshold: float,
    prior: ChapterPrior | None,
) -> tuple[list[int], list[int], list[int]]:
    """The greedy order of the cells at the threshold and then of the runs (numbered
    after the cells), by ``_rank_key`` in one ``lexsort``; and each cell's (a, b)."""
    import numpy as np

    n, m = len(lefts), len(rights)
    pad = np.zeros((n + 2, m + 2))
    pad[1:-1, 1:-1] = mat
    ranked = mat + SUPPORT * (pad[:-2, :-2] + pad[2:, 2:]) / 2
    keyed, gate = ranked, ranked
    if prior is not None:
        rows = np.asarray(lefts, dtype=np.int64)[:, None]
        keyed, gate = prior.ranks(ranked, rows, np.asarray(rights, dtype=np.int64)[None, :])
    aa, bb = np.nonzero(gate >= threshold)
    return _order(space, lefts, rights, (aa, bb, keyed[aa, bb]), runs), aa.tolist(), bb.tolist()


def _order(
    space: Space,
    lefts: Sequence[int],
    rights: Sequence[int],
    cells: tuple[Int64Array, Int64Array, Float64Array],
    runs: list[Run],
) -> list[int]:
    """The greedy order of ranked cells (a, b, rank), then of the runs numbered after
    them, by ``_rank_key`` in one ``lexsort``."""
    import numpy as np

    aa, bb, ranks = cells
    nn, mm = len(space.left), len(space.right)
    li = np.asarray(lefts, dtype=np.int64)[aa]
    ri = np.asarray(rights, dtype=np.int64)[bb]
    rk = [_rank_key(y, e, nn, mm) for y, e in runs]
    cols = [
        np.concatenate([part, np.array([k[c] for k in rk], dtype=part.dtype)])
        for c, part in enumerate(
            (
                -np.round(ranks, DIGITS_KEY),
                np.abs(li * mm - ri * nn),
                np.full(len(li), 2, dtype=np.int64),
                li + ri,
                np.abs(li - ri),
            )
        )
    ]
    order: list[int] = np.lexsort(cols[::-1]).tolist()
    return order


def _shortlisted_edges(
    space: Space,
    lefts: Sequence[int],
    rights: Sequence[int],
    threshold: float,
    joins: bool,
    prior: ChapterPrior | None,
) -> list[Edge]:
    """``lexical_edges`` of a block above ``LEXICAL_TIER_CELLS``: the same greedy choice
    among candidate cells only (``shortlist.candidates``), each scored exactly, with the
    neighbours its order prior reads; memory grows with the candidates."""
    import numpy as np

    n, m = len(lefts), len(rights)
    ca, cb = candidates(space, lefts, rights, tuning.LEXICAL_SHORTLIST)
    parts = [ca * m + cb]
    for d in (-1, 1):
        ok = (ca + d >= 0) & (ca + d < n) & (cb + d >= 0) & (cb + d < m)
        parts.append((ca[ok] + d) * m + cb[ok] + d)
    keys = np.unique(np.concatenate(parts))
    ka, kb = keys // m, keys % m
    vals = space.cells(
        np.asarray(lefts, dtype=np.int64)[ka], np.asarray(rights, dtype=np.int64)[kb]
    )
    score = dict(zip(keys.tolist(), vals.tolist(), strict=True))

    def at(a: int, b: int) -> float:
        return score.get(a * m + b, 0.0) if 0 <= a < n and 0 <= b < m else 0.0

    # Each column's and each row's best scored cell, the first among equals (0 if none).
    best: list[list[int]] = []
    for group, other in ((kb, ka), (ka, kb)):
        first = np.lexsort((other, -vals, group))
        pick = first[np.r_[True, group[first][1:] != group[first][:-1]]]
        out = np.zeros(m if group is kb else n, dtype=np.int64)
        out[group[pick]] = other[pick]
        best.append(out.tolist())
    runs = _runs(space, lefts, rights, at, (best[0], best[1]), threshold) if joins else []
    near = np.array(
        [at(a - 1, b - 1) + at(a + 1, b + 1) for a, b in zip(ka.tolist(), kb.tolist(), strict=True)]
    )
    ranked = vals + SUPPORT * near / 2
    keyed, gate = ranked, ranked
    if prior is not None:
        ix = (np.asarray(lefts, dtype=np.int64)[ka], np.asarray(rights, dtype=np.int64)[kb])
        keyed, gate = prior.ranks(ranked, *ix)
    on = gate >= threshold
    ai, bi = ka[on], kb[on]
    order = _order(space, lefts, rights, (ai, bi, keyed[on]), runs)
    return _chosen(order, (ai.tolist(), bi.tolist()), runs, lefts, rights, at)


def stands_alone(e: Edge) -> bool:
    """Whether a pair is kept even out of order: a split/merge, or at MOVED_FLOOR."""
    return len(e.lefts) + len(e.rights) > 2 or e.score >= MOVED_FLOOR


def char_tier(
    ln: list[str], rn: list[str], chosen: list[Edge], space: Space | None = None
) -> list[Edge]:
    """Mutual best ``blend`` pairs among unpaired clauses, once the texts are related:
    some pair stands on its own words (``MOVED_FLOOR``).

    Up to ``CHAR_TIER_CELLS`` leftover cells every one is scored; above it only each
    leftover clause's ``CHAR_SHORTLIST`` best partners by the lexical score of
    ``space`` (both ways; above ``LEXICAL_TIER_CELLS`` leftover cells, by the blocking
    score of ``shortlist.candidates``), so that the tier's cost grows with the clauses,
    not with their product (docs/performance.md, "Issue 22").
    """
    if not any(e.score >= MOVED_FLOOR for e in chosen):
        return []
    used_l = {i for e in chosen for i in e.lefts}
    used_r = {j for e in chosen for j in e.rights}
    lefts = [i for i in range(len(ln)) if i not in used_l and ln[i]]
    rights = [j for j in range(len(rn)) if j not in used_r and rn[j]]
    if not lefts or not rights:
        return []
    sc = SCORERS["blend"]
    n, m = len(lefts), len(rights)
    if space is None or n * m <= tuning.CHAR_TIER_CELLS:
        count("char", n * m, array=n * m)
        sim = sc.rows([ln[i] for i in lefts], [rn[j] for j in rights])
        cells = {
            (a, b): x for a, row in enumerate(sim) for b, x in enumerate(row) if x >= CHAR_TIER
        }
    else:
        pairs = _shortlist(space, lefts, rights, tuning.CHAR_SHORTLIST)
        count("char", len(pairs))
        scores = sc.cells([ln[lefts[a]] for a, _ in pairs], [rn[rights[b]] for _, b in pairs])
        cells = {c: x for c, x in zip(pairs, scores, strict=True) if x >= CHAR_TIER}
    tier = [Edge(x, (lefts[a],), (rights[b],)) for (a, b), x in _mutual_unique(cells)]
    return gated(tier, space) if tuning.CHAR_TIER_GATE and space is not None else tier


def _mutual_unique(cells: dict[tuple[int, int], float]) -> list[tuple[tuple[int, int], float]]:
    """The cells that are the unique best of their row and of their column, by row.

    Given every cell at or above a floor, the same as asking it of the whole matrix for
    the cells at or above that floor: anything that could equal or beat them is here."""
    rows: dict[int, list[float]] = {}
    cols: dict[int, list[float]] = {}
    for (a, b), x in cells.items():
        rows.setdefault(a, []).append(x)
        cols.setdefault(b, []).append(x)
    return sorted(
        ((a, b), x)
        for (a, b), x in cells.items()
        if x == max(rows[a]) == max(cols[b]) and rows[a].count(x) == 1 and cols[b].count(x) == 1
    )


def _shortlist(
    space: Space, lefts: Sequence[int], rights: Sequence[int], k: int
) -> list[tuple[int, int]]:
    """Each row's and each column's ``k`` best cells, as (row, column) positions into
    ``lefts`` and ``rights``, by lexical score times the best Indel ratio the two lengths
    allow (that product finds the character tier's answers far more often than either
    alone); taken a chunk of rows at a time, so that memory grows with the rows and
    columns, not their product."""
    import numpy as np

    n, m = len(lefts), len(rights)
    if n * m > tuning.LEXICAL_TIER_CELLS:
        ca, cb = candidates(space, lefts, rights, k)
        return list(zip(ca.tolist(), cb.tolist(), strict=True))
    len_l = np.array([len(space.left[i]) for i in lefts], dtype=np.float64)
    len_r = np.array([len(space.right[j]) for j in rights], dtype=np.float64)
    kr, kc = min(k, m), min(k, n)
    step = max(1, CHUNK_CELLS // m)
    out: set[tuple[int, int]] = set()
    col_val = np.full((0, m), -1.0)
    col_row = np.zeros((0, m), dtype=np.int64)
    for a0 in range(0, n, step):
        la = len_l[a0 : a0 + step, None]
        block = space.matrix(lefts[a0 : a0 + step], rights) * (
            2 * np.minimum(la, len_r) / (la + len_r)
        )
        top = np.argpartition(-block, kr - 1, axis=1)[:, :kr]
        out.update((a0 + a, b) for a, row in enumerate(top.tolist()) for b in row)
        val = np.vstack([col_val, block])
        row = np.vstack([col_row, np.arange(a0, a0 + len(block))[:, None].repeat(m, axis=1)])
        keep = np.argpartition(-val, min(kc, len(val)) - 1, axis=0)[:kc]
        col_val = np.take_along_axis(val, keep, axis=0)
        col_row = np.take_along_axis(row, keep, axis=0)
    out.update(
        zip(col_row.ravel().tolist(), np.tile(np.arange(m), len(col_row)).tolist(), strict=True)
    )
    return sorted(out)


def article_edges(
    space: Space,
    lefts: Sequence[int],
    rights: Sequence[int],
    threshold: float,
    joins: bool = True,
    prior: ChapterPrior | None = None,
) -> list[Edge]:
    """The article-level step of ``lexical_choose`` (``lexical_edges``, with the chapter
    prior); one name so that a benchmark can measure another article scorer in its
    place (bench/pair_scorer.py)."""
    return lexical_edges(space, lefts, rights, threshold, joins, prior)


def lexical_choose(
    left: Sequence[Clause],
    right: Sequence[Clause],
    ln: list[str],
    rn: list[str],
    threshold: float,
    space: Space | None = None,
) -> list[Edge]:
    """Articles first, then paragraphs inside paired articles, then what is left over;
    ``space`` is ``Space(ln, rn)`` when the caller has it already."""
    gl, gr = article_runs(left), article_runs(right)
    space = space or Space(ln, rn)
    if max(map(len, gl), default=0) <= 1 and max(map(len, gr), default=0) <= 1:
        # Article level: a split or merge would join two articles (or a preamble
        # paragraph and an article), which is never claimed (align.claims) and was never
        # right on the seed-9 ToTA pairs; the best single part pairs, the other stays free.
        joins = not whole_articles(left, right)
        prior = chapter_prior([c.chapter for c in left], [c.chapter for c in right], space)
        return article_edges(space, range(len(ln)), range(len(rn)), threshold, joins, prior)
    outer = space.grouped(gl, gr)
    prior = chapter_prior(
        [left[g[0]].chapter for g in gl], [right[g[0]].chapter for g in gr], outer
    )
    chosen: list[Edge] = []
    paired_l: set[int] = set()
    paired_r: set[int] = set()
    for ge in article_edges(outer, range(len(gl)), range(len(gr)), threshold, True, prior):
        lefts = [k for g in ge.lefts for k in gl[g]]
        rights = [k for g in ge.rights for k in gr[g]]
        paired_l.update(lefts)
        paired_r.update(rights)
        chosen.extend(lexical_edges(space, lefts, rights, threshold))
    # Clauses of articles that found no partner pair among themselves at the threshold;
    # then whatever is left anywhere, only at LEFTOVER_THRESHOLD.
    for level, only_free in ((threshold, True), (max(threshold, LEFTOVER_THRESHOLD), False)):
        used_l = {i for e in chosen for i in e.lefts}
        used_r = {j for e in chosen for j in e.rights}
        chosen.extend(
            lexical_edges(
                space,
                [
                    i
                    for i in range(len(ln))
                    if i not in used_l and not (only_free and i in paired_l)
                ],
                [
                    j
                    for j in range(len(rn))
                    if j not in used_r and not (only_free and j in paired_r)
                ],
                level,
            )
        )
    return chosen
