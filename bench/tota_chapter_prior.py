"""Chapters as a prior for the article step, on ToTA title gold (issue 19, fifth round).

    python bench/tota_chapter_prior.py [--fresh-seed 28 --per-family 6] [--seed 9]
        [--level article paragraph] [--beta 0.1] [--outside 0] [--mode hungarian|best]
        [--floor 0.3]

Real treaties print chapters and their headings ("Chapter II: Trade in Goods"); the
ToTA importer keeps them (``Article.chapter``), and ``bench_tota_align`` gives the
aligners the article texts only. This measures whether knowing the chapters helps:

1. The chapters of the two treaties are aligned by their pooled text (every article of
   a chapter joined: ``lexical.Space.grouped``, the aligner's own TF-IDF cosine):
   ``hungarian`` keeps the one-to-one chapter pairs of the best assignment that reach
   ``--floor``; ``best`` keeps each chapter's best partner both ways (a chapter may
   match two) at ``--floor``. Treaties with fewer than two chapters get no prior.
2. Every article cell inside an aligned pair of chapters gets ``--beta`` added to its
   score, and every other cell ``--outside`` taken off (0 by default; a soft prior, not
   a veto: scores stay in 0-1 and the thresholds are the shipped ones) in the
   aligner's article step: the whole matrix at article level, the articles' pooled
   matrix (``Space.grouped``) at paragraph level. The aligner is otherwise the shipped
   one (``align_clauses``, same thresholds), with ``aligner.Space`` replaced here.

Titles stay stripped and are still the gold; chapter names are not used, only which
chapter holds an article. Same draws as ``bench_tota_align.py`` (every part), every
family held out in turn (nothing is trained: the prior has fixed numbers), the shipped
aligner and TF-IDF + Hungarian in the same run, tables by ``bench_tota_align``.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tota_align import (
    BASELINE,
    CURRENT,
    Case,
    Tally,
    _holdout_tables,
    add_draw_options,
    draw,
    judge,
    tfidf_hungarian,
)

import treatycmp.align.aligner as aligner
from treatycmp.align.lexical import Space
from treatycmp.model import Article, Level
from treatycmp.text import normalize

PRIOR = "treatycmp+chapters"
Boost = NDArray[np.float64]
Prior = tuple[float, float, str, float]  # beta, outside, mode, floor


class BoostedSpace(Space):
    """The aligner's space with a boost added to some cells (``cell``), or to the cells
    of the pooled space ``grouped`` returns (``group``: articles at paragraph level)."""

    cell: Boost | None = None
    group: Boost | None = None

    def _cell(self, i: int, j: int) -> float:
        s = super()._cell(i, j)
        return s if self.cell is None else min(1.0, max(0.0, s + float(self.cell[i, j])))

    def matrix(self, lefts: Sequence[int], rights: Sequence[int]) -> NDArray[np.float64]:
        got = super().matrix(lefts, rights)
        if self.cell is None or not len(lefts) or not len(rights):
            return got
        return np.clip(got + self.cell[np.ix_(list(lefts), list(rights))], 0.0, 1.0)

    def grouped(self, left: Sequence[Sequence[int]], right: Sequence[Sequence[int]]) -> Space:
        got = super().grouped(left, right)
        if self.group is None:
            return got
        out = BoostedSpace.__new__(BoostedSpace)
        out.__dict__.update(got.__dict__)
        out.cell, out.group = self.group, None
        return out


def chapter_boost(left: Sequence[Article], right: Sequence[Article], prior: Prior) -> Boost | None:
    """``beta`` on each cell whose two articles sit in aligned chapters, else
    ``-outside``."""
    beta, outside, mode, floor = prior
    ca, cb = [a.chapter or "" for a in left], [b.chapter or "" for b in right]
    ua, ub = list(dict.fromkeys(ca)), list(dict.fromkeys(cb))
    if len(ua) < 2 or len(ub) < 2:
        return None
    space = Space([normalize(a.text) for a in left], [normalize(b.text) for b in right])
    ga = [[k for k, c in enumerate(ca) if c == u] for u in ua]
    gb = [[k for k, c in enumerate(cb) if c == u] for u in ub]
    sim = space.grouped(ga, gb).matrix(range(len(ga)), range(len(gb)))
    pick = np.zeros(sim.shape, dtype=bool)
    if mode == "hungarian":
        for x, y in zip(*linear_sum_assignment(-sim), strict=True):
            pick[x, y] = sim[x, y] >= floor
    else:
        for x in range(sim.shape[0]):
            y = int(sim[x].argmax())
            pick[x, y] |= sim[x, y] >= floor
        for y in range(sim.shape[1]):
            x = int(sim[:, y].argmax())
            pick[x, y] |= sim[x, y] >= floor
    ia = np.array([ua.index(c) for c in ca])
    ib = np.array([ub.index(c) for c in cb])
    inside = pick[np.ix_(ia, ib)]
    return np.where(inside, beta, -outside).astype(np.float64)


def with_prior(c: Case, level: Level, prior: Prior) -> Tally:
    """The shipped aligner with the chapter prior on one treaty pair, judged."""
    left, right = c.a.clauses[level], c.b.clauses[level]
    arts_a = {a.id: a for a in c.a.treaty.article_list}
    arts_b = {b.id: b for b in c.b.treaty.article_list}
    ids_a = list(dict.fromkeys(str(x.article) for x in left))
    ids_b = list(dict.fromkeys(str(x.article) for x in right))
    boost = chapter_boost([arts_a[x] for x in ids_a], [arts_b[x] for x in ids_b], prior)

    def make(ln: Sequence[str], rn: Sequence[str]) -> Space:
        space = BoostedSpace(ln, rn)
        if level == "article":
            space.cell = boost
        else:
            space.group = boost
        return space

    shipped = aligner.Space
    aligner.Space = make  # type: ignore[assignment,misc]
    try:
        got = aligner.align_clauses(left, right)
    finally:
        aligner.Space = shipped  # type: ignore[misc]
    return judge(got, c.gold, KINDS[PRIOR])


KINDS: dict[str, dict[str, list[int]]] = {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_draw_options(ap)
    ap.add_argument("--level", nargs="+", choices=("article", "paragraph"), default=["article"])
    ap.add_argument("--beta", type=float, default=0.1)
    ap.add_argument("--outside", type=float, default=0.0)
    ap.add_argument("--mode", choices=("hungarian", "best"), default="hungarian")
    ap.add_argument("--floor", type=float, default=0.3)
    ap.add_argument("--boot", type=int, default=1000)
    args = ap.parse_args(argv)
    if not args.xml.is_dir():
        print(f"{args.xml}: no ToTA XML folder (unpack tota-xml.tar.xz there)", file=sys.stderr)
        return 2
    args.seed, every = draw(args.xml, args.per_family, args.seed, args.fresh_seed)
    selected = {fam: [c for c, _ in cs] for fam, cs in every.items()}
    print(f"seed {args.seed}, up to {args.per_family} pairs per family; prior: {vars(args)}")
    names = [PRIOR, CURRENT, BASELINE]
    for level in args.level:
        per: dict[str, dict[str, list[Tally]]] = {s: defaultdict(list) for s in names}
        KINDS.clear()
        KINDS.update({s: {} for s in names})
        for fam, cs in selected.items():
            for c in cs:
                left, right = c.a.clauses[level], c.b.clauses[level]
                prior = (args.beta, args.outside, args.mode, args.floor)
                per[PRIOR][fam].append(with_prior(c, level, prior))
                per[CURRENT][fam].append(
                    judge(aligner.align_clauses(left, right), c.gold, KINDS[CURRENT])
                )
                per[BASELINE][fam].append(
                    judge(tfidf_hungarian(left, right), c.gold, KINDS[BASELINE])
                )
        _holdout_tables(level, selected, names, per, KINDS, args.boot, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
