"""The links one treatycmp variant makes and the default does not, and back, for reading
by hand (issue 19): each with its gold verdict (right / wrong / unjudged), score and the
two articles' titles and openings.

    python bench/tota_changed_links.py --fresh-seed 28 --per-family 6 \
        --variant "treatycmp clear 0.05 both levels" --level paragraph

Seeds 39 and up are refused (kept for the lead's final check). A link is (left
article, right article), as bench_tota_align.py judges it; the titles are printed for
the reader only (the aligners never see them).
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Sequence

import bench_tota_align as bench

from treatycmp.align.pairs import ClausePair


def links(pairs: Sequence[ClausePair]) -> dict[tuple[str, str], tuple[float, str]]:
    """Article links of the pairs, each with its pair's score and kind (note if any)."""
    out: dict[tuple[str, str], tuple[float, str]] = {}
    for p in pairs:
        for lc in p.left:
            for rc in p.right:
                link = (str(lc.article), str(rc.article))
                kind = f"{p.kind} ({p.note})" if p.note else p.kind
                out[link] = max(out.get(link, (0.0, "")), (p.score, kind))
    return out


def verdict(link: tuple[str, str], gold: frozenset[tuple[str, str]]) -> str:
    if link in gold:
        return "RIGHT"
    if any(link[0] == a or link[1] == b for a, b in gold):
        return "wrong"
    return "unjudged"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bench.add_draw_options(ap)
    ap.add_argument("--variant", required=True, choices=sorted(bench.SYSTEMS))
    ap.add_argument("--base", default="treatycmp", choices=sorted(bench.SYSTEMS))
    ap.add_argument("--level", choices=("article", "paragraph"), default="article")
    ap.add_argument("--family", nargs="+", help="only these families (default: all)")
    ap.add_argument("--width", type=int, default=300, help="characters of each text shown")
    args = ap.parse_args(argv)
    if bench.refuses_reserved(args):
        return 2
    _, every = bench.draw(args.xml, args.per_family, args.seed, args.fresh_seed)
    tally: dict[str, dict[str, int]] = {"added": {}, "dropped": {}}
    for fam, cs in every.items():
        if args.family and fam not in args.family:
            continue
        for c, _ in cs:
            left, right = c.a.clauses[args.level], c.b.clauses[args.level]
            base = links(bench.SYSTEMS[args.base](left, right))
            var = links(bench.SYSTEMS[args.variant](left, right))
            text_l = {x.article: x.text for x in c.a.clauses["article"]}
            text_r = {x.article: x.text for x in c.b.clauses["article"]}
            head_l = {a.id: a.heading for a in c.a.treaty.article_list}
            head_r = {a.id: a.heading for a in c.b.treaty.article_list}
            for what, got, other in (("added", var, base), ("dropped", base, var)):
                for link in sorted(set(got) - set(other)):
                    v = verdict(link, c.gold)
                    tally[what][v] = tally[what].get(v, 0) + 1
                    score, kind = got[link]
                    print(
                        f"\n### {what} {v} · {fam} · {c.a.treaty.id} {link[0]} -> "
                        f"{c.b.treaty.id} {link[1]} · {kind} {score:.2f}"
                    )
                    for head, text in ((head_l, text_l[link[0]]), (head_r, text_r[link[1]])):
                        title = head.get(link[0] if head is head_l else link[1])
                        print(f"  [{title}] " + textwrap.shorten(text, args.width))
    print("\n" + "; ".join(f"{w}: {t}" for w, t in tally.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
