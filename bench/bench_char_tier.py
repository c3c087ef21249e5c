"""What the aligner's character tier buys: an ablation on the ToTA title gold (issues 19, 22).

    python bench/bench_char_tier.py [--xml /tmp/tota/xml] [--seed 9 | --fresh-seed S]
        [--per-family 10] [--level article paragraph] [--variant main none top4 ...]

The character tier (``align.edges.char_tier``) pairs mutual unique best ``blend`` cells
among the clauses the lexical passes leave. Each variant changes only which leftover
cells the tier scores (its candidate choice); the mutual-best rule, the floor
(``CHAR_TIER``) and everything after the tier are the shipped ones:

  - ``main``: the shipped tier (every leftover cell up to ``CHAR_TIER_CELLS``, above it
    each leftover's ``CHAR_SHORTLIST`` best partners both ways);
  - ``none``: no character tier;
  - ``topK``: as ``main`` with ``K`` best partners instead of ``CHAR_SHORTLIST``;
  - ``orphanS``: ``main``'s cells whose two clauses both have no leftover partner at
    lexical score ``S`` or above (the clauses the lexical score cannot place);
    ``eitherS``: one of the two has none;
  - ``shortN``: ``main``'s cells whose two clauses both have fewer than ``N`` words.

Every family is in every run and nothing here is trained, so each family is held out
(``bench_tota_align --holdout`` runs fixed systems the same way). ``--fresh-seed S``
draws pairs the default seed never draws, as bench_tota_align does; seeds 39 and up
are kept for a final check and are refused here.

Per level and variant: P / R / F1 against the title gold (``bench_tota_align.judge``),
the F1 difference to ``main`` with a bootstrap 95% range over treaty pairs, precision
of moved / split / merged pairs, and the cells the tier scored (its rapidfuzz work).
Each alignment runs once with every variant's tier computed on the same leftovers; a
variant is re-aligned only where its tier pairs differ from ``main``'s (the rest of the
aligner is deterministic, so where they agree the output is ``main``'s).

ToTA is CC BY-NC 4.0: it is read where it lies and never copied into this repository.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tota_align import Tally, add_draw_options, draw, judge  # noqa: E402

from treatycmp.align import aligner, edges, tuning  # noqa: E402
from treatycmp.align.lexical import Space  # noqa: E402
from treatycmp.align.pairs import Edge  # noqa: E402
from treatycmp.align.scorers import SCORERS  # noqa: E402
from treatycmp.model import Clause  # noqa: E402

Cells = list[tuple[int, int]]
# A variant: (lefts, rights, leftover texts, space, main's candidate cells) -> its cells.
Pick = Callable[[list[int], list[int], list[str], list[str], Space, Cells], Cells]


def _main_cells(lefts: list[int], rights: list[int], space: Space, k: int) -> Cells:
    """The cells the shipped tier scores, with ``k`` best partners above CHAR_TIER_CELLS."""
    n, m = len(lefts), len(rights)
    if n * m <= tuning.CHAR_TIER_CELLS:
        return [(a, b) for a in range(n) for b in range(m)]
    return edges._shortlist(space, lefts, rights, k)


def _top(k: int) -> Pick:
    return lambda lefts, rights, ln, rn, space, main: _main_cells(lefts, rights, space, k)


def _orphan(s: float, both: bool) -> Pick:
    def pick(
        lefts: list[int], rights: list[int], ln: list[str], rn: list[str], space: Space, main: Cells
    ) -> Cells:
        mat = space.matrix(lefts, rights)
        row_free = (mat.max(axis=1) < s).tolist()
        col_free = (mat.max(axis=0) < s).tolist()
        if both:
            return [(a, b) for a, b in main if row_free[a] and col_free[b]]
        return [(a, b) for a, b in main if row_free[a] or col_free[b]]

    return pick


def _short(words: int) -> Pick:
    def pick(
        lefts: list[int], rights: list[int], ln: list[str], rn: list[str], space: Space, main: Cells
    ) -> Cells:
        sl = [len(ln[i].split()) < words for i in lefts]
        sr = [len(rn[j].split()) < words for j in rights]
        return [(a, b) for a, b in main if sl[a] and sr[b]]

    return pick


VARIANTS: dict[str, Pick | None] = {
    "main": None,
    "none": lambda *_: [],
    "top1": _top(1),
    "top2": _top(2),
    "top4": _top(4),
    "top8": _top(8),
    "top16": _top(16),
    "top32": _top(32),
    "orphan0.2": _orphan(0.2, True),
    "orphan0.35": _orphan(0.35, True),
    "either0.2": _orphan(0.2, False),
    "short20": _short(20),
    "short50": _short(50),
}


def tiers(
    ln: list[str], rn: list[str], chosen: list[Edge], space: Space, names: Sequence[str]
) -> dict[str, tuple[list[Edge], int]]:
    """Each variant's tier pairs and the cells it scored, on the same leftovers."""
    shipped = edges.char_tier(ln, rn, chosen, space)
    out: dict[str, tuple[list[Edge], int]] = {n: ([], 0) for n in names}
    if not any(e.score >= edges.MOVED_FLOOR for e in chosen):
        return out
    used_l = {i for e in chosen for i in e.lefts}
    used_r = {j for e in chosen for j in e.rights}
    lefts = [i for i in range(len(ln)) if i not in used_l and ln[i]]
    rights = [j for j in range(len(rn)) if j not in used_r and rn[j]]
    if not lefts or not rights:
        return out
    main = _main_cells(lefts, rights, space, tuning.CHAR_SHORTLIST)
    sc = SCORERS["blend"]
    scored: dict[tuple[int, int], float] = {}

    def score(cells: Cells) -> dict[tuple[int, int], float]:
        new = [c for c in cells if c not in scored]
        xs = sc.cells([ln[lefts[a]] for a, _ in new], [rn[rights[b]] for _, b in new])
        scored.update(zip(new, xs, strict=True))
        return {c: scored[c] for c in cells if scored[c] >= edges.CHAR_TIER}

    for name in names:
        pick = VARIANTS[name]
        cells = main if pick is None else pick(lefts, rights, ln, rn, space, main)
        kept = score(cells)
        got = [Edge(x, (lefts[a],), (rights[b],)) for (a, b), x in edges._mutual_unique(kept)]
        out[name] = (got, len(cells))
    if out["main"][0] != shipped:
        raise AssertionError("the ablation's main tier differs from edges.char_tier")
    return out


def align_all(
    left: Sequence[Clause], right: Sequence[Clause], names: Sequence[str]
) -> dict[str, tuple[Sequence[object], int]]:
    """Every variant's alignment of one pair and its tier cells (see the module doc)."""
    rec: dict[str, tuple[list[Edge], int]] = {}

    def recorder(
        ln: list[str], rn: list[str], chosen: list[Edge], space: Space | None = None
    ) -> list[Edge]:
        assert space is not None
        assert not rec
        rec.update(tiers(ln, rn, chosen, space, names))
        return rec["main"][0]

    saved = aligner.char_tier
    try:
        aligner.char_tier = recorder  # type: ignore[assignment]
        base = aligner.align_clauses(left, right)
        out: dict[str, tuple[Sequence[object], int]] = {}
        for name in names:
            got, cells = rec.get(name, ([], 0))
            if got == rec.get("main", ([], 0))[0]:
                out[name] = (base, cells)
                continue
            aligner.char_tier = lambda *_a, _g=got, **_k: list(_g)  # type: ignore[misc]
            out[name] = (aligner.align_clauses(left, right), cells)
    finally:
        aligner.char_tier = saved
    return out


def _f1(ts: Sequence[Tally]) -> float:
    t = Tally()
    for x in ts:
        t.add(x)
    return t.f1


def boot(a: list[Tally], b: list[Tally], rng: random.Random, n: int) -> tuple[float, float]:
    """95% range of F1(a) - F1(b), treaty pairs resampled together."""
    ds = []
    for _ in range(n):
        ks = [rng.randrange(len(a)) for _ in a]
        ds.append(_f1([a[k] for k in ks]) - _f1([b[k] for k in ks]))
    ds.sort()
    return ds[int(0.025 * n)], ds[int(0.975 * n) - 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_draw_options(ap)
    ap.add_argument("--level", nargs="+", default=["article", "paragraph"])
    ap.add_argument("--variant", nargs="+", choices=list(VARIANTS), default=list(VARIANTS))
    ap.add_argument("--boot", type=int, default=1000)
    args = ap.parse_args(argv)
    if max(args.seed, args.fresh_seed or 0) >= 39:
        print(
            "seeds 39 and up are kept for a final check: use 9, 19, 28, 37 or 38", file=sys.stderr
        )
        return 2
    names = ["main", *[v for v in args.variant if v != "main"]]
    seed, every = draw(args.xml, args.per_family, args.seed, args.fresh_seed)
    selected = [c for cs in every.values() for c, _ in cs]
    print(f"seed {seed}, {len(selected)} treaty pairs, {sum(len(c.gold) for c in selected)} gold")
    for level in args.level:
        per: dict[str, list[Tally]] = {n: [] for n in names}
        kinds: dict[str, dict[str, list[int]]] = {n: {} for n in names}
        cells = dict.fromkeys(names, 0)
        start = time.perf_counter()
        for c in selected:
            got = align_all(c.a.clauses[level], c.b.clauses[level], names)
            for n in names:
                pairs, k = got[n]
                per[n].append(judge(pairs, c.gold, kinds[n]))  # type: ignore[arg-type]
                cells[n] += k
        print(f"\n## {level} level ({time.perf_counter() - start:.0f} s)\n")
        print("| variant | P / R / F1 | F1 - main [95%] | moved | split | merged | tier cells |")
        print("|---|---|---|---|---|---|---|")
        rng = random.Random(seed)
        for n in names:
            t = Tally()
            for x in per[n]:
                t.add(x)
            lo, hi = boot(per[n], per["main"], rng, args.boot)
            ks = []
            for kind in ("moved", "split", "merged"):
                ok, tot = kinds[n].get(kind, [0, 0])
                ks.append(f"{ok / tot:.3f} ({ok}/{tot})" if tot else "-")
            print(
                f"| {n} | {t.p:.3f} / {t.r:.3f} / {t.f1:.4f} | {t.f1 - _f1(per['main']):+.4f} "
                f"[{lo:+.4f}, {hi:+.4f}] | " + " | ".join(ks) + f" | {cells[n]:,} |"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
