"""Where the aligner's article-level errors are, against ToTA title gold (issue 19).

    python bench/tota_align_errors.py [--fresh-seed 19] [--per-family 6] [--seed 9]

The same treaty pairs as ``bench_tota_align.py`` (same draw, same options, every part),
article level, the default aligner and TF-IDF + Hungarian on the same texts. Every
count is over judged links (one of the two articles has a gold partner) and is read
against the lexical score matrix of the two treaties (``align.lexical.Space``, the
aligner's own score):

1. Missed gold links, by what the aligner did with their two articles and by what the
   text says of them: ``mutual best`` (the gold cell is the best of its row and of its
   column), ``best one way``, ``best neither way`` (each article has a better-scoring
   partner in the other treaty); and how many of each TF-IDF + Hungarian finds.
2. Wrong links (judged, not gold), by the same three readings.
3. The mutual-best cells the aligner leaves unpaired, by score band and by whether
   they fit between the in-order pairs or cross them: how often such a cell is a gold
   link, i.e. what a pass that adds them could gain (a link raises F1 only when it is
   right more often than about F1 / 2).

Written for the third session of issue 19: it shows whether the missed links are ones a
better use of the two texts could find. It prints counts only; nothing is tuned here.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tota_align import Case, add_draw_options, draw, tfidf_hungarian

from treatycmp.align.aligner import align_clauses
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import ClausePair
from treatycmp.text import normalize

Link = tuple[str, str]


def reading(rows: list[list[float]], i: int, j: int) -> str:
    """What the score matrix says of cell (i, j): the best of its row and column or not."""
    s = rows[i][j]
    row_best = s >= max(rows[i])
    col_best = s >= max(r[j] for r in rows)
    if row_best and col_best:
        return "mutual best"
    return "best one way" if row_best or col_best else "best neither way"


def in_gap(i: int, j: int, anchors: Sequence[tuple[int, int]]) -> bool:
    """Whether cell (i, j) keeps the order of every in-order pair (crosses none)."""
    return all(not ((a < i and b > j) or (a > i and b < j)) for a, b in anchors)


def band(s: float) -> str:
    for lo, hi in ((0.0, 0.25), (0.25, 0.35), (0.35, 0.5), (0.5, 1.01)):
        if lo <= s < hi:
            return f"{lo:.2f}-{min(hi, 1.0):.2f}"
    return "?"


def analyse(c: Case, tally: dict[str, Counter[tuple[str, ...]]]) -> None:
    left, right = c.a.clauses["article"], c.b.clauses["article"]
    lid = [str(x.article) for x in left]
    rid = [str(x.article) for x in right]
    li = {a: k for k, a in enumerate(lid)}
    ri = {b: k for k, b in enumerate(rid)}
    space = Space([normalize(x.text) for x in left], [normalize(x.text) for x in right])
    rows = space.rows(range(len(left)), range(len(right)))
    got: Sequence[ClausePair] = align_clauses(left, right)
    links = {(str(x.article), str(y.article)) for p in got for x in p.left for y in p.right}
    base = {(str(p.left[0].article), str(p.right[0].article)) for p in tfidf_hungarian(left, right)}
    used_l = {a for a, _ in links}
    used_r = {b for _, b in links}
    has_l = {a for a, _ in c.gold}
    has_r = {b for _, b in c.gold}
    for a, b in c.gold - links:
        state = (
            "both unpaired"
            if a not in used_l and b not in used_r
            else "both paired elsewhere"
            if a in used_l and b in used_r
            else "one paired elsewhere"
        )
        key = (state, reading(rows, li[a], ri[b]), "baseline finds" if (a, b) in base else "")
        tally["missed"][key] += 1
    kinds = {
        (str(x.article), str(y.article)): "not claimed" if p.note else p.kind
        for p in got
        for x in p.left
        for y in p.right
    }
    for a, b in links - c.gold:
        if a in has_l or b in has_r:
            tally["wrong"][reading(rows, li[a], ri[b]), kinds[a, b]] += 1
    anchors = [
        (li[str(p.left[0].article)], ri[str(p.right[0].article)])
        for p in got
        if len(p.left) == len(p.right) == 1 and p.kind in ("same", "changed") and not p.note
    ]
    for i, a in enumerate(lid):
        if not rows[i] or a in used_l:
            continue
        j = max(range(len(rid)), key=lambda k: rows[i][k])
        b = rid[j]
        if b in used_r or reading(rows, i, j) != "mutual best" or not (a in has_l or b in has_r):
            continue
        place = "fits the order" if in_gap(i, j, anchors) else "crosses it"
        tally["left"][band(rows[i][j]), place, "right" if (a, b) in c.gold else "wrong"] += 1


def show(title: str, counts: Counter[tuple[str, ...]]) -> None:
    print(f"\n## {title}\n")
    for key, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {' | '.join(k for k in key if k) or '-'} | {n} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_draw_options(ap)
    args = ap.parse_args(argv)
    if not args.xml.is_dir():
        print(f"{args.xml}: no ToTA XML folder (unpack tota-xml.tar.xz there)", file=sys.stderr)
        return 2
    args.seed, every = draw(args.xml, args.per_family, args.seed, args.fresh_seed)
    drawn = [c for cs in every.values() for c, _ in cs]
    tally: dict[str, Counter[tuple[str, ...]]] = {k: Counter() for k in ("missed", "wrong", "left")}
    for c in drawn:
        analyse(c, tally)
    print(f"seed {args.seed}: {len(drawn)} treaty pairs, {sum(len(c.gold) for c in drawn)} gold")
    show("Missed gold links: their articles, the text's reading, TF-IDF + H", tally["missed"])
    show("Wrong links: the text's reading, the pair's kind", tally["wrong"])
    show("Unpaired mutual-best cells: score, place, gold or not", tally["left"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
