"""Clause alignment: a similarity matrix, then pairs of clauses and what became of them.

How it works (the reasoning is in docs/alignment.md):

1. Every clause is normalised once (``text.normalize``) and the whole left x right
   similarity matrix is built: for small inputs (``SMALL_CELLS``) in Python lists, one
   ``rapidfuzz.process.extract`` call per row, so that they never import numpy
   (about 0.1 s of a cold CLI run); above it with ``process.cdist``. Both give the
   same floats. Clauses are also scored against the concatenation of two
   adjacent clauses on the other side: the split and merge candidates.
2. Pairs are chosen greedily, best score first (ties: the pair closest to the same
   relative position, then the earliest), among candidates at or above the threshold.
   A split or merge candidate competes with the one-to-one candidates and wins only
   when the joined text scores clearly better than each part alone. Once some pair
   clears the threshold, pairs down to ``MUTUAL_FLOOR`` that are each other's best
   match compete too (a second tier; unrelated texts never reach it).
3. Of the chosen pairs, the chain that keeps the order on both sides with the most
   pairs stays in place (ties: least displacement, then most text); every other
   chosen pair is ``moved``.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from treatycmp.defaults import DEFAULT_SCORER, default_threshold
from treatycmp.errors import TreatycmpError
from treatycmp.kinds import PairKind
from treatycmp.model import Clause
from treatycmp.text import normalize
from treatycmp.text import words as text_words

if TYPE_CHECKING:
    import numpy as np

# A joined run must beat each of its parts alone by this much (0-1 scale) to be a
# split or merge; below it the run is one changed pair plus an added/removed clause.
SPLIT_MARGIN = 0.03
# Clauses joined for split/merge scoring and for the diff of a split/merged pair.
JOINER = "\n"
# Up to this many left x right cells (or pairs to score), scores are computed in Python
# lists without numpy; above it with numpy and cdist/cpdist on all cores, which is about
# twice as fast per cell. Crossover measured with bench/bench_align.py --crossover
# (docs/performance.md): about 400 cells once numpy is loaded; about 20,000 while it is
# not, as importing it costs 0.07-0.1 s, what the pure path loses on some 25,000 cells.
SMALL_CELLS = 400
SMALL_CELLS_COLD = 20_000
# Above this many left x right cells, a word-level prefilter picks what to score.
FULL_MATRIX_LIMIT = 40_000
# How many best counterparts per clause the prefilter keeps for full scoring.
SHORTLIST = 6
# How many of those may start a split or merge candidate.
SEEDS = 2
# In the full matrix, cells at or above this are always kept as candidates.
THRESHOLD_FLOOR = 0.3
# Second tier: once some pair clears the threshold (the texts are related), a pair
# down to this score is accepted too when each clause is the other's best match.
MUTUAL_FLOOR = 0.5


@dataclass(frozen=True)
class Scorer:
    """A named similarity: a weighted mean of rapidfuzz scorers on normalised text."""

    name: str
    parts: tuple[tuple[Callable[..., float], float], ...]
    description: str

    def score(self, left: str, right: str) -> float:
        """Similarity 0-1 of two already normalised texts."""
        if left == right:
            return 1.0
        if not left or not right:
            return 0.0
        return sum(w * f(left, right) for f, w in self.parts) / 100.0

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray[Any, Any]:
        """Similarity 0-1 of every left x right pair of normalised texts (float64)."""
        import numpy as np

        out = np.zeros((len(left), len(right)), dtype=np.float64)
        if not left or not right:
            return out
        for f, w in self.parts:
            out += w * process.cdist(
                left, right, scorer=f, processor=None, dtype=np.float32, workers=-1
            ).astype(np.float64)
        out /= 100.0
        _fix_empty(out, left, right)
        return out

    def rows(self, left: Sequence[str], right: Sequence[str]) -> list[list[float]]:
        """``matrix(left, right).tolist()`` without numpy: the same floats, for small inputs.

        ``cdist`` rounds each part's scores to float32 before the float64 blend, so
        this rounds through ``array("f")`` and sums in the same order.
        """
        m = len(right)
        out = [[0.0] * m for _ in left]
        if not left or not right:
            return out
        for f, w in self.parts:
            for row, q in zip(out, left, strict=True):
                got = [0.0] * m
                for _, s, j in process.extract(
                    q, right, scorer=f, processor=None, limit=None, score_cutoff=None
                ):
                    got[j] = s
                row[:] = [x + w * s for x, s in zip(row, array("f", got), strict=True)]
        empty_right = [j for j, t in enumerate(right) if not t]
        for row, q in zip(out, left, strict=True):
            if not q:
                row[:] = [0.0 if t else 1.0 for t in right]
                continue
            row[:] = [x / 100.0 for x in row]
            for j in empty_right:
                row[j] = 0.0
        return out

    def pairs(self, left: Sequence[str], right: Sequence[str]) -> list[float]:
        """``score(left[k], right[k])`` for every k; many on all cores (``process.cpdist``)."""
        if _small(len(left)):
            return [self.score(a, b) for a, b in zip(left, right, strict=True)]
        import numpy as np

        out = np.zeros(len(left), dtype=np.float64)
        for f, w in self.parts:
            out += w * process.cpdist(
                left, right, scorer=f, processor=None, dtype=np.float64, workers=-1
            )
        return [
            1.0 if a == b else 0.0 if not a or not b else x / 100.0
            for a, b, x in zip(left, right, out.tolist(), strict=True)
        ]


def _small(work: int) -> bool:
    """Whether ``work`` cells or pairs are scored faster without numpy (same floats)."""
    return work <= (SMALL_CELLS if "numpy" in sys.modules else SMALL_CELLS_COLD)


def _fix_empty(out: np.ndarray[Any, Any], left: Sequence[str], right: Sequence[str]) -> None:
    """Empty texts (a clause of punctuation only) match only each other."""
    import numpy as np

    le = np.array([not t for t in left])
    re_ = np.array([not t for t in right])
    if le.any() or re_.any():
        out[le, :] = 0.0
        out[:, re_] = 0.0
        out[np.ix_(le, re_)] = 1.0


SCORERS: Mapping[str, Scorer] = MappingProxyType(
    {
        "blend": Scorer(
            "blend",
            ((fuzz.ratio, 0.5), (fuzz.token_sort_ratio, 0.5)),
            "mean of the Indel ratio and token_sort_ratio",
        ),
        "indel": Scorer("indel", ((fuzz.ratio, 1.0),), "Indel ratio on characters"),
        "token_sort": Scorer(
            "token_sort", ((fuzz.token_sort_ratio, 1.0),), "Indel ratio of sorted words"
        ),
        "token_set": Scorer(
            "token_set", ((fuzz.token_set_ratio, 1.0),), "ratio of shared vs other word sets"
        ),
    }
)


@dataclass(frozen=True)
class ClausePair:
    """Clauses that correspond (or a clause with no counterpart) and how they relate."""

    kind: PairKind
    left: tuple[Clause, ...]
    right: tuple[Clause, ...]
    score: float


# The default scorer: TF-IDF cosines with IDF from the two texts (treatycmp.align.lexical),
# not a fixed function of two strings, so it is not a ``Scorer``.
LEXICAL = "tfidf"


def get_scorer(name: str) -> Scorer:
    """The scorer called ``name``; a TreatycmpError naming the choices otherwise.

    ``LEXICAL`` is accepted too and answers with ``blend``, the character-level
    scorer used where one fixed pairwise function is needed.
    """
    if name == LEXICAL:
        return SCORERS["blend"]
    try:
        return SCORERS[name]
    except KeyError:
        raise TreatycmpError(
            f"unknown scorer {name!r}; choose one of {', '.join(sorted([*SCORERS, LEXICAL]))}"
        ) from None


def similarity_matrix(
    left: Sequence[str], right: Sequence[str], scorer: str = DEFAULT_SCORER
) -> np.ndarray[Any, Any]:
    """Similarity 0-1 of every left x right pair of raw texts, as a float64 array.

    Texts are normalised once (case, quotes, punctuation, leading numbers) before
    ``process.cdist`` runs; ``nearest``/``grep`` style lookups score one text against
    many with a one-element ``left``.

    Args:
        left: texts for the rows.
        right: texts for the columns.
        scorer: a key of ``SCORERS``.

    Returns:
        An array of shape ``(len(left), len(right))``.
    """
    if scorer == LEXICAL:
        import numpy as np

        from treatycmp.align.lexical import Space

        space = Space([normalize(t) for t in left], [normalize(t) for t in right])
        return np.array(space.rows(range(len(left)), range(len(right))), dtype=np.float64).reshape(
            len(left), len(right)
        )
    s = get_scorer(scorer)
    return s.matrix([normalize(t) for t in left], [normalize(t) for t in right])


@dataclass(frozen=True)
class _Edge:
    score: float
    lefts: tuple[int, ...]
    rights: tuple[int, ...]


def _edge_key(e: _Edge, n: int, m: int) -> tuple[float, int, int, int, int]:
    # Symmetric in the two sides, so that swapping them mirrors the choice.
    i, j = e.lefts[0], e.rights[0]
    return (-e.score, abs(i * m - j * n), len(e.lefts) + len(e.rights), i + j, abs(i - j))


def _shortlist(
    sc: Scorer, ln: list[str], rn: list[str], threshold: float
) -> dict[tuple[int, int], float]:
    """Pairs worth scoring, with their scores.

    Up to ``FULL_MATRIX_LIMIT`` cells the whole matrix is scored: each clause's
    ``SHORTLIST`` best counterparts on both sides (ties: the first) and every cell
    at or above the threshold (or ``THRESHOLD_FLOOR``) are kept. Beyond it a cheap
    word-level Indel matrix (``cdist`` on token lists) picks each clause's
    ``SHORTLIST`` best counterparts on both sides, and only those are scored in full.
    """
    n, m = len(ln), len(rn)
    if not n or not m:
        return {}
    k, k2 = min(SHORTLIST, m), min(SHORTLIST, n)
    floor = min(threshold, THRESHOLD_FLOOR)
    if n * m <= FULL_MATRIX_LIMIT and _small(n * m):
        sim = sc.rows(ln, rn)
        by_row = [sorted(range(m), key=row.__getitem__, reverse=True)[:k] for row in sim]
        by_col = [
            sorted(range(n), key=col.__getitem__, reverse=True)[:k2]
            for col in zip(*sim, strict=True)
        ]
        cells = {(i, j) for i, top in enumerate(by_row) for j in top}
        cells.update((i, j) for j, top in enumerate(by_col) for i in top)
        cells.update((i, j) for i, row in enumerate(sim) for j, s in enumerate(row) if s >= floor)
        return {(i, j): sim[i][j] for i, j in sorted(cells)}
    import numpy as np

    if n * m <= FULL_MATRIX_LIMIT:
        full = sc.matrix(ln, rn)
        # Stable, so that ties go to the first index, as in the small path.
        rows = np.argsort(-full, axis=1, kind="stable")[:, :k]
        cols = np.argsort(-full, axis=0, kind="stable")[:k2, :]
        cells = {(i, int(j)) for i in range(n) for j in rows[i]}
        cells.update((int(i), j) for j in range(m) for i in cols[:, j])
        cells.update(zip(*(x.tolist() for x in np.nonzero(full >= floor)), strict=True))
        return {c: float(full[c]) for c in sorted(cells)}
    words = process.cdist(
        [text_words(t) for t in ln],
        [text_words(t) for t in rn],
        scorer=Indel.normalized_similarity,
        dtype=np.float32,
        workers=-1,
    )
    rows = np.argpartition(-words, k - 1, axis=1)[:, :k]
    cols = np.argpartition(-words, k2 - 1, axis=0)[:k2, :]
    cells = {(i, int(j)) for i in range(n) for j in rows[i]}
    cells.update((int(i), j) for j in range(m) for i in cols[:, j])
    order = sorted(cells)
    scores = sc.pairs([ln[i] for i, _ in order], [rn[j] for _, j in order])
    return dict(zip(order, scores, strict=True))


def _seeds(cells: dict[tuple[int, int], float]) -> set[tuple[int, int]]:
    """Each clause's two best counterparts: where a split or merge can start."""
    by_left: dict[int, list[tuple[float, int]]] = {}
    by_right: dict[int, list[tuple[float, int]]] = {}
    for (i, j), s in cells.items():
        by_left.setdefault(i, []).append((s, j))
        by_right.setdefault(j, []).append((s, i))
    out = {(i, j) for i, row in by_left.items() for _, j in sorted(row, reverse=True)[:SEEDS]}
    out.update((i, j) for j, col in by_right.items() for _, i in sorted(col, reverse=True)[:SEEDS])
    return out


def _mutual_best(
    cells: dict[tuple[int, int], float], threshold: float
) -> list[tuple[int, int, float]]:
    """Cells below the threshold but at least ``MUTUAL_FLOOR`` that are the best of
    their row and of their column: the second tier of acceptance."""
    row: dict[int, float] = {}
    col: dict[int, float] = {}
    for (i, j), s in cells.items():
        row[i] = max(row.get(i, 0.0), s)
        col[j] = max(col.get(j, 0.0), s)
    return [
        (i, j, s)
        for (i, j), s in cells.items()
        if MUTUAL_FLOOR <= s < threshold and s == row[i] and s == col[j]
    ]


def _bound(a: int, b: int) -> float:
    """The best Indel-based score two texts of these lengths can reach."""
    return 2 * min(a, b) / (a + b) if a + b else 1.0


def _candidates(sc: Scorer, ln: list[str], rn: list[str], threshold: float) -> list[_Edge]:
    """One-to-one edges at or above the threshold, and split/merge edges of two clauses."""
    cells = _shortlist(sc, ln, rn, threshold)
    edges = [_Edge(s, (i,), (j,)) for (i, j), s in cells.items() if s >= threshold]
    if edges:
        edges.extend(_Edge(s, (i,), (j,)) for i, j, s in _mutual_best(cells, threshold))

    seeds = _seeds(cells)
    splits = sorted({(i, j0) for i, j in seeds for j0 in (j - 1, j) if 0 <= j0 < len(rn) - 1})
    merges = sorted({(i0, j) for i, j in seeds for i0 in (i - 1, i) if 0 <= i0 < len(ln) - 1})
    # Every part of a run is scored alone first; the cells outside the shortlist in one batch.
    missing = sorted(
        {(i, j + d) for i, j in splits for d in (0, 1)}
        | {(i + d, j) for i, j in merges for d in (0, 1)} - cells.keys()
    )
    single = dict(cells)
    single.update(
        zip(
            missing, sc.pairs([ln[i] for i, _ in missing], [rn[j] for _, j in missing]), strict=True
        )
    )
    runs: list[tuple[tuple[int, ...], tuple[int, ...], float]] = []
    for i, j in splits:
        best = max(single[i, j], single[i, j + 1])
        if _bound(len(ln[i]), len(rn[j]) + len(rn[j + 1]) + 1) > max(
            best + SPLIT_MARGIN, threshold
        ):
            runs.append(((i,), (j, j + 1), best))
    for i, j in merges:
        best = max(single[i, j], single[i + 1, j])
        if _bound(len(ln[i]) + len(ln[i + 1]) + 1, len(rn[j])) > max(
            best + SPLIT_MARGIN, threshold
        ):
            runs.append(((i, i + 1), (j,), best))
    scores = sc.pairs(
        [" ".join(ln[i] for i in lefts) for lefts, _, _ in runs],
        [" ".join(rn[j] for j in rights) for _, rights, _ in runs],
    )
    edges.extend(
        _Edge(s, lefts, rights)
        for (lefts, rights, best), s in zip(runs, scores, strict=True)
        if s >= threshold and s > best + SPLIT_MARGIN
    )
    return edges


def _extend(
    e: _Edge, sc: Scorer, ln: list[str], rn: list[str], used_l: set[int], used_r: set[int]
) -> _Edge:
    """Grow a split/merge run by free neighbours while the joined score keeps rising."""
    many_right = len(e.rights) > 1
    texts, used = (rn, used_r) if many_right else (ln, used_l)
    single = ln[e.lefts[0]] if many_right else rn[e.rights[0]]
    run = list(e.rights if many_right else e.lefts)
    score = e.score
    while True:
        options = []
        for k in (run[0] - 1, run[-1] + 1):
            if 0 <= k < len(texts) and k not in used:
                new = sorted([*run, k])
                s = sc.score(single, " ".join(texts[x] for x in new))
                if s > score + SPLIT_MARGIN:
                    options.append((s, -k, new))
        if not options:
            break
        score, _, run = max(options)
    if many_right:
        return _Edge(score, e.lefts, tuple(run))
    return _Edge(score, tuple(run), e.rights)


def _choose(edges: list[_Edge], sc: Scorer, ln: list[str], rn: list[str]) -> list[_Edge]:
    """Greedy best-first matching: each clause in at most one chosen edge."""
    n, m = len(ln), len(rn)
    edges.sort(key=lambda e: _edge_key(e, n, m))
    used_l: set[int] = set()
    used_r: set[int] = set()
    chosen: list[_Edge] = []
    for e in edges:
        if used_l.intersection(e.lefts) or used_r.intersection(e.rights):
            continue
        if len(e.lefts) + len(e.rights) > 2:
            used_l.update(e.lefts)
            used_r.update(e.rights)
            e = _extend(e, sc, ln, rn, used_l, used_r)
        used_l.update(e.lefts)
        used_r.update(e.rights)
        chosen.append(e)
    return chosen


def _in_order(chosen: list[_Edge], ln: list[str], rn: list[str]) -> set[int]:
    """Indexes (into ``chosen``) of the chain of pairs kept in place; the rest moved.

    The chain increases on both sides and is the best by, in turn: most pairs (the
    fewest clauses called moved, as a line diff's LCS); least displacement, the sum
    over its pairs of |rank among the chosen pairs by left position - rank by right
    position| (pairs that stay where they were stay in place); most text (normalised
    characters of both sides); highest scores; then the pairs whose texts sort first.
    Every criterion is symmetric in the two sides, so swapping them mirrors the
    result, and additive, so a Fenwick tree of prefix maxima finds the chain in
    O(k log k).
    """
    if not chosen:
        return set()
    size = len(chosen)
    by_left = sorted(range(size), key=lambda k: chosen[k].lefts[0])
    rank = {k: x for x, k in enumerate(sorted(range(size), key=lambda k: chosen[k].rights[0]))}
    texts = [
        (JOINER.join(ln[i] for i in e.lefts), JOINER.join(rn[j] for j in e.rights)) for e in chosen
    ]
    keys = sorted({(min(t), max(t)) for t in texts})
    # A bit per distinct text pair, highest for the first: the last, total tie-break.
    bit = {key: 1 << (len(keys) - 1 - x) for x, key in enumerate(keys)}
    Value = tuple[int, int, int, int, int]
    zero: Value = (0, 0, 0, 0, 0)
    # Fenwick tree over right ranks: (best chain value ending at or below, its last edge).
    tree: list[tuple[Value, int]] = [(zero, -1)] * (size + 1)
    prev: dict[int, int] = {}
    value: dict[int, Value] = {}
    for x, k in enumerate(by_left):
        e = chosen[k]
        lt, rt = texts[k]
        chars = sum(len(ln[i]) + 1 for i in e.lefts) + sum(len(rn[j]) + 1 for j in e.rights)
        q, best = rank[k], (zero, -1)
        while q > 0:
            best = max(best, tree[q])
            q -= q & -q
        b = best[0]
        total = (
            b[0] + 1,
            b[1] - abs(x - rank[k]),
            b[2] + chars,
            b[3] + round(e.score * 1e6),
            b[4] + bit[min(lt, rt), max(lt, rt)],
        )
        prev[k] = best[1]
        value[k] = total
        q = rank[k] + 1
        while q <= size:
            tree[q] = max(tree[q], (total, k))
            q += q & -q
    k = max(value, key=lambda x: (value[x], x))
    chain: set[int] = set()
    while k >= 0:
        chain.add(k)
        k = prev[k]
    return chain


# ---- the lexical aligner (the default scorer) ----------------------------------------

# Order prior: a cell's score plus this share of the mean score of its two diagonal
# neighbours (the clauses before and after on both sides) decides, so that a clause
# between two firmly paired neighbours is more likely their neighbours' partner.
SUPPORT = 0.3
# A joined run must beat each of its parts alone by this much to be a split or merge.
LEXICAL_SPLIT_MARGIN = 0.05
# Every part of a split or merge must reach this score with the single clause.
PART_FLOOR = 0.15
# Paragraphs left over once paired articles are aligned inside pair across articles
# only at this score: boilerplate paragraphs stay in their article.
LEFTOVER_THRESHOLD = 0.7
# A pair out of order (moved) is kept only at this score: an order-consistent pair has
# its neighbours' support, a moved one must stand on its own words.
MOVED_FLOOR = 0.4


def _groups(clauses: Sequence[Clause]) -> list[list[int]]:
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


def _lexical_edges(
    space: Any, lefts: Sequence[int], rights: Sequence[int], threshold: float
) -> list[_Edge]:
    """Pairs among these clauses: one-to-one and split/merge edges, chosen greedily.

    Cells are ranked by score plus the order prior (``SUPPORT``); a split (one left
    clause, two adjacent right ones) or a merge is a candidate only when both parts
    have the single clause as their best partner among ``lefts`` (or ``rights``),
    reach ``PART_FLOOR`` with it, and the joined text beats each part by
    ``LEXICAL_SPLIT_MARGIN``. Small inputs in Python lists, large ones with numpy:
    the same floats and the same order.
    """
    n, m = len(lefts), len(rights)
    if not n or not m:
        return []
    nn, mm = len(space.left), len(space.right)
    small = space.small(lefts, rights)
    if small:
        sim = space.rows(lefts, rights)

        def at(a: int, b: int) -> float:
            return sim[a][b] if 0 <= a < n and 0 <= b < m else 0.0

        # The first index among equal maxima, as numpy's argmax.
        best_l = [max(range(n), key=lambda a: (sim[a][b], -a)) for b in range(m)]
        best_r = [max(range(m), key=lambda b: (sim[a][b], -b)) for a in range(n)]
    else:
        import numpy as np

        mat = space.matrix(lefts, rights)
        best_l = mat.argmax(axis=0).tolist()
        best_r = mat.argmax(axis=1).tolist()

        def at(a: int, b: int) -> float:
            return float(mat[a, b]) if 0 <= a < n and 0 <= b < m else 0.0

    runs: list[tuple[float, _Edge]] = []
    for b0 in range(m - 1):
        a = best_l[b0]
        p, q = at(a, b0), at(a, b0 + 1)
        if best_l[b0 + 1] != a or min(p, q) < PART_FLOOR:
            continue
        joined = space.vector(" ".join(space.right[rights[k]] for k in (b0, b0 + 1)))
        x = space.score_vectors(space.left_vec(lefts[a]), joined)
        if x > max(p, q) + LEXICAL_SPLIT_MARGIN:
            y = x + SUPPORT * (at(a - 1, b0 - 1) + at(a + 1, b0 + 2)) / 2
            if y >= threshold:
                runs.append((y, _Edge(min(1.0, x), (lefts[a],), (rights[b0], rights[b0 + 1]))))
    for a0 in range(n - 1):
        b = best_r[a0]
        p, q = at(a0, b), at(a0 + 1, b)
        if best_r[a0 + 1] != b or min(p, q) < PART_FLOOR:
            continue
        joined = space.vector(" ".join(space.left[lefts[k]] for k in (a0, a0 + 1)))
        x = space.score_vectors(joined, space.right_vec(rights[b]))
        if x > max(p, q) + LEXICAL_SPLIT_MARGIN:
            y = x + SUPPORT * (at(a0 - 1, b - 1) + at(a0 + 2, b + 1)) / 2
            if y >= threshold:
                runs.append((y, _Edge(min(1.0, x), (lefts[a0], lefts[a0 + 1]), (rights[b],))))

    def key(rank: float, e: _Edge) -> tuple[float, int, int, int, int]:
        return (-round(rank, DIGITS_KEY), *_edge_key(e, nn, mm)[1:])

    if small:
        cand = [
            (x, _Edge(sim[a][b], (lefts[a],), (rights[b],)))
            for a in range(n)
            for b in range(m)
            if (x := sim[a][b] + SUPPORT * (at(a - 1, b - 1) + at(a + 1, b + 1)) / 2) >= threshold
        ]
        ordered = [e for _, e in sorted([*cand, *runs], key=lambda c: key(*c))]
    else:
        pad = np.zeros((n + 2, m + 2))
        pad[1:-1, 1:-1] = mat
        ranked = mat + SUPPORT * (pad[:-2, :-2] + pad[2:, 2:]) / 2
        aa, bb = np.nonzero(ranked >= threshold)
        li = np.asarray(lefts, dtype=np.int64)[aa]
        ri = np.asarray(rights, dtype=np.int64)[bb]
        rk = [key(y, e) for y, e in runs]
        cols = [
            np.concatenate([part, np.array([k[c] for k in rk], dtype=part.dtype)])
            for c, part in enumerate(
                (
                    -np.round(ranked[aa, bb], DIGITS_KEY),
                    np.abs(li * mm - ri * nn),
                    np.full(len(li), 2, dtype=np.int64),
                    li + ri,
                    np.abs(li - ri),
                )
            )
        ]
        order = np.lexsort(cols[::-1]).tolist()
        base = len(li)
        ai, bi = aa.tolist(), bb.tolist()

        used_l: set[int] = set()
        used_r: set[int] = set()
        chosen: list[_Edge] = []
        for x in order:
            if x >= base:
                e = runs[x - base][1]
                if used_l.intersection(e.lefts) or used_r.intersection(e.rights):
                    continue
            else:
                i, j = lefts[ai[x]], rights[bi[x]]
                if i in used_l or j in used_r:
                    continue
                e = _Edge(float(mat[ai[x], bi[x]]), (i,), (j,))
            used_l.update(e.lefts)
            used_r.update(e.rights)
            chosen.append(e)
            if len(used_l) == n or len(used_r) == m:
                break
        return chosen
    used_l = set()
    used_r = set()
    chosen = []
    for e in ordered:
        if used_l.intersection(e.lefts) or used_r.intersection(e.rights):
            continue
        used_l.update(e.lefts)
        used_r.update(e.rights)
        chosen.append(e)
        if len(used_l) == n or len(used_r) == m:
            break
    return chosen


DIGITS_KEY = 9


# Character-level tier, on what the lexical passes leave, once some lexical pair reaches
# MOVED_FLOOR: two leftover clauses whose ``blend`` score is at least this and each
# other's unique best among the leftovers pair too, if they end up in the in-order
# chain (different translations of one clause share letters more than rare words).
CHAR_TIER = 0.5


def _stands_alone(e: _Edge) -> bool:
    """Whether a pair is kept even out of order: a split/merge, or at MOVED_FLOOR."""
    return len(e.lefts) + len(e.rights) > 2 or e.score >= MOVED_FLOOR


def _char_tier(ln: list[str], rn: list[str], chosen: list[_Edge]) -> list[_Edge]:
    """Mutual best ``blend`` pairs among unpaired clauses, once the texts are related:
    some pair stands on its own words (``MOVED_FLOOR``)."""
    if not any(e.score >= MOVED_FLOOR for e in chosen):
        return []
    used_l = {i for e in chosen for i in e.lefts}
    used_r = {j for e in chosen for j in e.rights}
    lefts = [i for i in range(len(ln)) if i not in used_l and ln[i]]
    rights = [j for j in range(len(rn)) if j not in used_r and rn[j]]
    if not lefts or not rights:
        return []
    sc = SCORERS["blend"]
    sim = sc.rows([ln[i] for i in lefts], [rn[j] for j in rights])
    row_best = [max(r) for r in sim]
    col_best = [max(c) for c in zip(*sim, strict=True)]
    out = []
    for a, row in enumerate(sim):
        for b, x in enumerate(row):
            if (
                x >= CHAR_TIER
                and x == row_best[a] == col_best[b]
                and row.count(x) == 1
                and [r[b] for r in sim].count(x) == 1
            ):
                out.append(_Edge(x, (lefts[a],), (rights[b],)))
    return out


def _lexical_choose(
    left: Sequence[Clause], right: Sequence[Clause], ln: list[str], rn: list[str], threshold: float
) -> list[_Edge]:
    """Articles first, then paragraphs inside paired articles, then what is left over."""
    from treatycmp.align.lexical import Space

    gl, gr = _groups(left), _groups(right)
    space = Space(ln, rn)
    if max(map(len, gl), default=0) <= 1 and max(map(len, gr), default=0) <= 1:
        return _lexical_edges(space, range(len(ln)), range(len(rn)), threshold)
    outer = Space(
        [" ".join(ln[k] for k in g) for g in gl], [" ".join(rn[k] for k in g) for g in gr]
    )
    chosen: list[_Edge] = []
    paired_l: set[int] = set()
    paired_r: set[int] = set()
    for ge in _lexical_edges(outer, range(len(gl)), range(len(gr)), threshold):
        lefts = [k for g in ge.lefts for k in gl[g]]
        rights = [k for g in ge.rights for k in gr[g]]
        paired_l.update(lefts)
        paired_r.update(rights)
        chosen.extend(_lexical_edges(space, lefts, rights, threshold))
    # Clauses of articles that found no partner pair among themselves at the threshold;
    # then whatever is left anywhere, only at LEFTOVER_THRESHOLD.
    for level, only_free in ((threshold, True), (max(threshold, LEFTOVER_THRESHOLD), False)):
        used_l = {i for e in chosen for i in e.lefts}
        used_r = {j for e in chosen for j in e.rights}
        chosen.extend(
            _lexical_edges(
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


def align_clauses(
    left: Sequence[Clause],
    right: Sequence[Clause],
    *,
    threshold: float | None = None,
    scorer: str = DEFAULT_SCORER,
) -> tuple[ClausePair, ...]:
    """Pair the clauses of two texts; every clause appears in exactly one pair.

    Args:
        left: clauses of the left text, in document order.
        right: clauses of the right text, in document order.
        threshold: minimum similarity (0-1) for two clauses to correspond; the
            scorer's default (``defaults.default_threshold``) when ``None``.
        scorer: a key of ``SCORERS``.

    Returns:
        Pairs ordered by left position; ``added`` pairs are placed after the
        in-order pair that precedes them on the right.
    """
    threshold = default_threshold(scorer, threshold)
    if not 0.0 <= threshold <= 1.0:
        raise TreatycmpError(f"threshold must be between 0 and 1, not {threshold}")
    ln = [normalize(c.text) for c in left]
    rn = [normalize(c.text) for c in right]
    tier: list[_Edge] = []
    if scorer == LEXICAL:
        chosen = _lexical_choose(left, right, ln, rn, threshold)
        # Pairs out of order must reach MOVED_FLOOR before they can open the tier.
        chain = _in_order(chosen, ln, rn)
        chosen = [e for k, e in enumerate(chosen) if k in chain or _stands_alone(e)]
        tier = _char_tier(ln, rn, chosen)
        chosen.extend(tier)
    else:
        sc = get_scorer(scorer)
        chosen = _choose(_candidates(sc, ln, rn, threshold), sc, ln, rn)
    chain = _in_order(chosen, ln, rn)
    if scorer == LEXICAL:
        keep = [
            k for k, e in enumerate(chosen) if k in chain or (e not in tier and _stands_alone(e))
        ]
        renum = {k: x for x, k in enumerate(keep)}
        chosen = [chosen[k] for k in keep]
        chain = {renum[k] for k in chain}

    pairs: list[tuple[tuple[float, float], ClausePair]] = []
    right_slot: dict[int, float] = {}
    for k, e in enumerate(chosen):
        ls = tuple(left[i] for i in e.lefts)
        rs = tuple(right[j] for j in e.rights)
        kind: PairKind
        if len(e.rights) > 1:
            kind = "split"
        elif len(e.lefts) > 1:
            kind = "merged"
        elif k not in chain:
            kind = "moved"
        elif ln[e.lefts[0]] == rn[e.rights[0]]:
            kind = "same"
        else:
            kind = "changed"
        score = 1.0 if kind == "same" else min(1.0, e.score)
        pos = float(e.lefts[0])
        pairs.append(((pos, 0.0), ClausePair(kind, ls, rs, score)))
        if k in chain:
            for j in e.rights:
                right_slot[j] = pos
    used_l = {i for e in chosen for i in e.lefts}
    used_r = {j for e in chosen for j in e.rights}
    pairs.extend(
        ((float(i), 0.0), ClausePair("removed", (left[i],), (), 0.0))
        for i in range(len(left))
        if i not in used_l
    )
    anchor = -1.0
    for j in range(len(right)):
        if j in right_slot:
            anchor = right_slot[j]
        elif j not in used_r:
            # After the in-order pair holding the previous right clause.
            pairs.append(((anchor, 1.0 + j), ClausePair("added", (), (right[j],), 0.0)))
    pairs.sort(key=lambda p: p[0])
    return tuple(p for _, p in pairs)
