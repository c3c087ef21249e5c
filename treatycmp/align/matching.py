"""Pairs by a character-level scorer: candidates, then a greedy best-first choice.

Candidates are one-to-one cells at or above the threshold (from the whole matrix, or
beyond ``FULL_MATRIX_LIMIT`` cells from a word-level shortlist) and split/merge runs
of two adjacent clauses. Pairs are chosen greedily, best score first (ties: the pair
closest to the same relative position, then the earliest). A split or merge candidate
competes with the one-to-one candidates and wins only when the joined text scores
clearly better than each part alone. Once some pair clears the threshold, pairs down
to ``MUTUAL_FLOOR`` that are each other's best match compete too (a second tier;
unrelated texts never reach it).
"""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import Indel

from treatycmp.align.pairs import Edge, edge_key
from treatycmp.align.scorers import Scorer
from treatycmp.align.tuning import (
    FULL_MATRIX_LIMIT,
    MUTUAL_FLOOR,
    SEEDS,
    SHORTLIST,
    SPLIT_MARGIN,
    THRESHOLD_FLOOR,
    small,
)
from treatycmp.text import words as text_words


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
    if n * m <= FULL_MATRIX_LIMIT and small(n * m):
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


def candidates(sc: Scorer, ln: list[str], rn: list[str], threshold: float) -> list[Edge]:
    """One-to-one edges at or above the threshold, and split/merge edges of two clauses."""
    cells = _shortlist(sc, ln, rn, threshold)
    edges = [Edge(s, (i,), (j,)) for (i, j), s in cells.items() if s >= threshold]
    if edges:
        edges.extend(Edge(s, (i,), (j,)) for i, j, s in _mutual_best(cells, threshold))

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
        Edge(s, lefts, rights)
        for (lefts, rights, best), s in zip(runs, scores, strict=True)
        if s >= threshold and s > best + SPLIT_MARGIN
    )
    return edges


def _extend(
    e: Edge, sc: Scorer, ln: list[str], rn: list[str], used_l: set[int], used_r: set[int]
) -> Edge:
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
        return Edge(score, e.lefts, tuple(run))
    return Edge(score, tuple(run), e.rights)


def choose(edges: list[Edge], sc: Scorer, ln: list[str], rn: list[str]) -> list[Edge]:
    """Greedy best-first matching: each clause in at most one chosen edge."""
    n, m = len(ln), len(rn)
    edges.sort(key=lambda e: edge_key(e, n, m))
    used_l: set[int] = set()
    used_r: set[int] = set()
    chosen: list[Edge] = []
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
