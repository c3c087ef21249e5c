"""Articles left unpaired inside a gap of the chain of links, at article level (issue 19,
tenth round).

    python bench/tota_gap_links.py --fresh-seed 37 --per-family 6 [--system NAME]
    python bench/tota_gap_links.py            # seed 9's default draw, every part

On one draw of bench_tota_align.py (every pair: nothing is trained), the article links
of a treatycmp system, judged by the title gold as that benchmark judges them. For each
two articles the system leaves unpaired, the gap they sit in: the nearest linked article
before and after the left one (or the start and the end of the text) and their partners;
the two articles are *in a gap* when the right one lies between those partners and no
right article there is linked. Then, per kind of gap (one article on each side, as many
on each side, any) and lexical score band, how often such a pair is right (a pair pays
for itself when more than about F1 / 2 of the judged are right), and candidate rules
that add pairs in gaps (F1 against the system and TF-IDF + Hungarian on the same texts;
adding pairs to the system's links is exact at article level, as the benchmark judges
links one by one). The neighbours' links are a signal the pair's own words do not carry:
a gap in a chain of links on both sides. Seeds 39 and up are refused.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import defaultdict
from collections.abc import Callable

import bench_tota_align as bench
import numpy as np
from tota_baseline_wins import Link, Row, drawn_rows, f1, tally, verdict

Gap = tuple[int, int, int, int]  # a, c on the left; b, d on the right (exclusive bounds)


def gaps(row: Row, links: set[Link]) -> list[Gap]:
    """The gaps of the chain: between two consecutive linked left articles (or a text's
    ends) whose partners are in order, with no right article linked between them."""
    n, m = row.lex.shape
    by_l: dict[int, list[int]] = defaultdict(list)
    for i, j in links:
        by_l[i].append(j)
    used_r = {j for _, j in links}
    anchors = [(-1, -1), *((i, max(by_l[i])) for i in sorted(by_l)), (n, m)]
    out = []
    for (a, b), (c, _) in itertools.pairwise(anchors):
        if c - a < 2:
            continue
        d = min(by_l[c]) if c < n else m
        if b >= d - 1 or any(j in used_r for j in range(b + 1, d)):
            continue
        out.append((a, c, b, d))
    return out


def kind(g: Gap, shape: tuple[int, int]) -> str:
    a, c, b, d = g
    gl, gr = c - a - 1, d - b - 1
    edge = " (a text's end)" if a < 0 or b < 0 or c == shape[0] or d == shape[1] else ""
    if gl == gr == 1:
        return "one and one" + edge
    return ("as many" if gl == gr else "unequal") + edge


def band(x: float) -> str:
    for hi, name in (
        (0.1, "< 0.10"),
        (0.2, "0.10-0.20"),
        (0.3, "0.20-0.30"),
        (0.4, "0.30-0.40"),
        (0.5, "0.40-0.50"),
    ):
        if x < hi:
            return name
    return ">= 0.50"


def in_order_best(row: Row, g: Gap, floor: float, diagonal: bool) -> set[Link]:
    """Pairs inside one gap, best cell first, each keeping the order with those taken
    (with ``diagonal``, only the cells at the same distance from the gap's start)."""
    a, c, b, d = g
    cells = [
        (float(row.lex[i, j]), i, j)
        for i in range(a + 1, c)
        for j in range(b + 1, d)
        if row.lex[i, j] >= floor and (not diagonal or i - a == j - b)
    ]
    taken: list[Link] = []
    for _, i, j in sorted(cells, reverse=True):
        if all((i - x) * (j - y) > 0 for x, y in taken):
            taken.append((i, j))
    return set(taken)


def mutual_in_gap(row: Row, g: Gap, floor: float) -> set[Link]:
    a, c, b, d = g
    box = row.lex[a + 1 : c, b + 1 : d]
    if box.size == 0:
        return set()
    ra, ca = box.argmax(axis=1), box.argmax(axis=0)
    return {
        (a + 1 + i, b + 1 + int(ra[i]))
        for i in range(box.shape[0])
        if ca[ra[i]] == i and box[i, ra[i]] >= floor
    }


Rule = Callable[[Row, set[Link]], set[Link]]


def add_in_gaps(floor: float, which: str) -> Rule:
    def rule(row: Row, links: set[Link]) -> set[Link]:
        out = set(links)
        for g in gaps(row, links):
            a, c, b, d = g
            one = c - a == 2 and d - b == 2
            if which == "one and one" and one:
                if row.lex[a + 1, b + 1] >= floor:
                    out.add((a + 1, b + 1))
            elif which == "diagonal" and c - a == d - b:
                out |= in_order_best(row, g, floor, True)
            elif which == "in order":
                out |= in_order_best(row, g, floor, False)
            elif which == "mutual best":
                out |= mutual_in_gap(row, g, floor)
        return out

    return rule


def free_mutual(row: Row, links: set[Link], floor: float) -> list[Link]:
    """Free pairs whose cell is the mutual best among the free articles, at ``floor``."""
    used_l = {i for i, _ in links}
    used_r = {j for _, j in links}
    fl = [i for i in range(row.lex.shape[0]) if i not in used_l]
    fr = [j for j in range(row.lex.shape[1]) if j not in used_r]
    if not fl or not fr:
        return []
    box = row.lex[np.ix_(fl, fr)]
    ra, ca = box.argmax(axis=1), box.argmax(axis=0)
    return [
        (fl[i], fr[int(ra[i])]) for i in range(len(fl)) if ca[ra[i]] == i and box[i, ra[i]] >= floor
    ]


def beside(links: set[Link], k: Link) -> bool:
    """Whether a diagonal neighbour of ``k`` is linked (the pair extends a run)."""
    i, j = k
    return (i - 1, j - 1) in links or (i + 1, j + 1) in links


def shift(row: Row, k: Link) -> float:
    n, m = row.lex.shape
    return abs((k[0] + 0.5) / n - (k[1] + 0.5) / m)


def add_free(floor: float, need_beside: bool, max_shift: float) -> Rule:
    def rule(row: Row, links: set[Link]) -> set[Link]:
        add = {
            k
            for k in free_mutual(row, links, floor)
            if (not need_beside or beside(links, k)) and shift(row, k) <= max_shift
        }
        return links | add

    return rule


def both(first: Rule, second: Rule) -> Rule:
    return lambda row, links: second(row, first(row, links))


RULES: dict[str, Rule] = {
    **{
        f"{w}, cell >= {f:.2f}": add_in_gaps(f, w)
        for w in ("one and one", "diagonal", "in order", "mutual best")
        for f in (0.15, 0.2, 0.25, 0.3)
    },
    **{
        f"free mutual best >= {f:.2f}{', beside a link' if nb else ''}, shift <= {s}": add_free(
            f, nb, s
        )
        for f in (0.2, 0.25, 0.3)
        for nb in (False, True)
        for s in (1.0, 0.05)
    },
    **{
        f"in order in gaps >= 0.25, then free mutual best >= {f}, {w}": both(
            add_in_gaps(0.25, "in order"), add_free(f, w == "beside a link", s)
        )
        for f in (0.2, 0.25, 0.3)
        for w, s in (("beside a link", 1.0), ("shift <= 0.05", 0.05))
    },
}


def bands(rows: list[Row]) -> None:
    """Right / wrong / unjudged of every pair in a gap, by gap kind and band, and of
    the diagonal cells of gaps as many on each side."""
    t: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        links = set(row.mine)
        for g in gaps(row, links):
            a, c, b, d = g
            k = kind(g, row.lex.shape)
            ends = " (ends)" if k.endswith("end)") else ""
            for i in range(a + 1, c):
                for j in range(b + 1, d):
                    x = float(row.lex[i, j])
                    v = verdict(row, (i, j))
                    t[k, band(x)][v] += 1
                    if c - a == d - b and i - a == j - b:
                        t["diagonal of as many" + ends, band(x)][v] += 1
                    box = row.lex[a + 1 : c, b + 1 : d]
                    if box[i - a - 1].max() <= x and box[:, j - b - 1].max() <= x:
                        t["mutual best in its gap" + ends, band(x)][v] += 1
        for k in free_mutual(row, links, 0.2):
            if any(g[0] < k[0] < g[1] and g[2] < k[1] < g[3] for g in gaps(row, links)):
                continue
            sh = shift(row, k)
            where = "shift <= 0.05" if sh <= 0.05 else "shift <= 0.15" if sh <= 0.15 else "far"
            nb = "beside a link" if beside(links, k) else "alone"
            t[f"free mutual best, out of gaps, {nb}, {where}", band(float(row.lex[k]))][
                verdict(row, k)
            ] += 1
    print("\n### Pairs in gaps: right / wrong / unjudged by kind and lexical band\n")
    print("| gap | band | right | wrong | unjudged | precision |")
    print("|---|---|---|---|---|---|")
    for (k, bd), (r, w, u) in sorted(t.items()):
        print(f"| {k} | {bd} | {r} | {w} | {u} | {r / max(1, r + w):.2f} |")


def rules(rows: list[Row], system: str) -> None:
    mine_t, base_t = [0] * 4, [0] * 4
    for row in rows:
        tally(row, row.mine, mine_t)
        tally(row, row.base, base_t)
    print(f"\n- {system}: F1 {f1(mine_t):.4f}; TF-IDF + Hungarian {f1(base_t):.4f}")
    print("\n### Rules adding pairs in gaps (F1)\n")
    print("| rule | F1 | minus the system | minus TF-IDF + H | right | judged | added |")
    print("|---|---|---|---|---|---|---|")
    for name, rule in RULES.items():
        t = [0] * 4
        added = 0
        for row in rows:
            got = rule(row, set(row.mine))
            added += len(got) - len(row.mine)
            tally(row, got, t)
        print(
            f"| {name} | {f1(t):.4f} | {f1(t) - f1(mine_t):+.4f} | {f1(t) - f1(base_t):+.4f} "
            f"| {t[0] - mine_t[0]:+d} | {t[1] - mine_t[1]:+d} | {added} |"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bench.add_draw_options(ap)
    ap.add_argument("--system", default="treatycmp tier gate", choices=sorted(bench.SYSTEMS))
    drawn = drawn_rows(ap, argv, "gold")
    if drawn is None:
        return 2
    args, rows = drawn
    np.seterr(all="ignore")
    bands(rows)
    rules(rows, args.system)
    return 0


if __name__ == "__main__":
    sys.exit(main())
