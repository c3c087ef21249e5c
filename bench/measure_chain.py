"""Measure how the aligner decides which pairs are ``moved``; figures go in docs/alignment.md.

    python bench/measure_chain.py [--cases 300] [--corpus]

The pairs themselves do not depend on the rule (only ``moved`` vs ``same``/``changed``
does), so the ground truth here is about moves: seeded synthetic treaties (the
vocabulary of bench/synth.py, about a third of paragraphs reworded) in which 1-3
articles are moved by at least two places, sometimes with an article deleted and
another added. The truth is the paragraphs of the articles that were moved. Each rule
is scored on exact cases (reported moved clauses == moved ones), precision and recall
of the ``moved`` label. ``--corpus`` also prints, for every pair of bundled treaties,
the pairs whose kind differs between the old rule and the library's.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import build_treaty, edit_words, make_articles, paragraph_text  # noqa: E402

from treatycmp.align import order as align  # noqa: E402
from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.align.pairs import ClausePair  # noqa: E402
from treatycmp.align.pairs import Edge as _Edge  # noqa: E402
from treatycmp.formats.treaty_yaml import load_treaty  # noqa: E402

Chain = Callable[[list[_Edge], list[str], list[str]], set[int]]
DATA = ROOT / "data" / "treaties"


def length_chain(chosen: list[_Edge], ln: list[str], rn: list[str]) -> set[int]:
    """The rule before this change: the chain keeping the most normalised characters."""
    order = sorted(range(len(chosen)), key=lambda k: chosen[k].lefts[0])
    ranks = {r: x + 1 for x, r in enumerate(sorted({e.rights[0] for e in chosen}))}
    size = len(ranks)
    tree: list[tuple[int, int]] = [(0, -1)] * (size + 1)
    prev: dict[int, int] = {}
    best_at: dict[int, int] = {}
    for k in order:
        e = chosen[k]
        weight = sum(len(ln[i]) + 1 for i in e.lefts) + sum(len(rn[j]) + 1 for j in e.rights)
        r = ranks[e.rights[0]]
        q, best = r - 1, (0, -1)
        while q > 0:
            best = max(best, tree[q])
            q -= q & -q
        total = best[0] + weight
        prev[k] = best[1]
        best_at[k] = total
        q = r
        while q <= size:
            tree[q] = max(tree[q], (total, k))
            q += q & -q
    if not chosen:
        return set()
    k = max(best_at, key=lambda x: (best_at[x], x))
    chain: set[int] = set()
    while k >= 0:
        chain.add(k)
        k = prev[k]
    return chain


def dp_chain(per_edge: Callable[[int, _Edge, int, int, int, int], tuple[float, ...]]) -> Chain:
    """An O(k^2) chain maximising the sum of ``per_edge`` tuples (for variants only)."""

    def chain(chosen: list[_Edge], ln: list[str], rn: list[str]) -> set[int]:
        if not chosen:
            return set()
        order = sorted(range(len(chosen)), key=lambda k: chosen[k].lefts[0])
        rrank = {k: x for x, k in enumerate(sorted(order, key=lambda k: chosen[k].rights[0]))}
        n, m = len(ln), len(rn)
        val: list[tuple[float, ...]] = []
        prev: list[int] = []
        for x, k in enumerate(order):
            e = chosen[k]
            chars = sum(len(ln[i]) + 1 for i in e.lefts) + sum(len(rn[j]) + 1 for j in e.rights)
            own = per_edge(chars, e, x, rrank[k], n, m)
            best: tuple[float, ...] = tuple(0.0 for _ in own)
            p = -1
            for y in range(x):
                if chosen[order[y]].rights[0] < e.rights[0] and val[y] > best:
                    best, p = val[y], y
            val.append(tuple(a + b for a, b in zip(best, own, strict=True)))
            prev.append(p)
        y = max(range(len(order)), key=lambda y: (val[y], y))
        out: set[int] = set()
        while y >= 0:
            out.add(order[y])
            y = prev[y]
        return out

    return chain


RULES: dict[str, Chain | None] = {
    "characters (before)": length_chain,
    "pairs, then characters": dp_chain(lambda c, e, x, r, n, m: (1, c)),
    "pairs, then displacement as index/len, then characters": dp_chain(
        lambda c, e, x, r, n, m: (1, -abs(e.lefts[0] / n - e.rights[0] / m), c)
    ),
    "pairs, then displacement as rank (library)": None,
}


def moved_case(seed: int) -> tuple[list[list[str]], list[list[str]], set[str]]:
    """Left and right articles, and the ids of the left paragraphs that were moved."""
    rng = random.Random(seed)
    base = make_articles(rng, rng.randint(8, 30))
    arts = [[edit_words(t, rng) if rng.random() < 0.35 else t for t in a] for a in base]
    tags: list[int | None] = list(range(len(arts)))
    if rng.random() < 0.4:  # delete an article, add an unrelated one elsewhere
        k = rng.randrange(len(arts) - 1)
        del arts[k], tags[k]
        k = rng.randrange(len(arts))
        arts.insert(k, [paragraph_text(rng)])
        tags.insert(k, None)
    moved: set[int] = set()
    for _ in range(rng.randint(1, 3)):
        src = rng.randrange(len(arts) - 1)
        if tags[src] in moved:
            continue
        options = [d for d in range(len(arts) - 1) if abs(d - src) >= 2]
        dst = rng.choice(options)
        arts.insert(dst, arts.pop(src))
        t = tags.pop(src)
        tags.insert(dst, t)
        if t is not None:
            moved.add(t)
    left = build_treaty("a", base)
    lids = {n: [c.id for c in left.article_list[n].paragraphs] for n in range(len(base))}
    return base, arts, {i for n in moved for i in lids[n]}


def score_rule(chain: Chain | None, cases: int) -> tuple[float, float, float]:
    saved = align.in_order
    if chain is not None:
        align.in_order = chain  # type: ignore[assignment]
    exact = tp = fp = fn = 0
    try:
        for seed in range(cases):
            base, arts, truth = moved_case(seed)
            left, right = build_treaty("a", base), build_treaty("b", arts)
            pairs = align_clauses(left.clauses(), right.clauses())
            got = {c.id for p in pairs if p.kind == "moved" for c in p.left}
            exact += got == truth
            tp += len(got & truth)
            fp += len(got - truth)
            fn += len(truth - got)
    finally:
        align.in_order = saved
    return exact / cases, tp / max(1, tp + fp), tp / max(1, tp + fn)


def kinds(pairs: tuple[ClausePair, ...]) -> dict[str, str]:
    """``left ids -> right ids`` of every pair with both sides, and its kind and score."""
    out: dict[str, str] = {}
    for p in pairs:
        if p.left and p.right:
            lid, rid = "+".join(c.id for c in p.left), "+".join(c.id for c in p.right)
            out[f"{lid} -> {rid} {p.score:.3f}"] = p.kind
    return out


def corpus_changes() -> None:
    """Every pair of bundled treaties: the paired clauses, and kinds the rule changed."""
    ids = sorted(p.stem for p in DATA.glob("*.yaml"))
    treaties = {t: load_treaty(DATA / f"{t}.yaml").clauses() for t in ids}
    saved = align.in_order
    changed = 0
    for a in ids:
        for b in ids:
            if a == b:
                continue
            align.in_order = length_chain
            old = kinds(align_clauses(treaties[a], treaties[b]))
            align.in_order = saved
            new = kinds(align_clauses(treaties[a], treaties[b]))
            assert old.keys() == new.keys()
            changed += sum(old[k] != new[k] for k in old)
            if a < b and new:
                print(f"{a} vs {b}:")
                for k, kind in new.items():
                    print(f"  {k} {kind}" + (f" (was {old[k]})" if old[k] != kind else ""))
    print(f"{changed} pair kinds differ over {len(ids) * (len(ids) - 1)} ordered treaty pairs")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=300)
    ap.add_argument("--corpus", action="store_true")
    args = ap.parse_args()
    print(f"{args.cases} synthetic cases: exact | precision | recall of 'moved'")
    for name, chain in RULES.items():
        exact, prec, rec = score_rule(chain, args.cases)
        print(f"{name}: {exact:.3f} | {prec:.3f} | {rec:.3f}")
    if args.corpus:
        corpus_changes()


if __name__ == "__main__":
    main()
