"""Forms of the chapter prior (``treatycmp.align.chapters``) on ToTA title gold (issue 19).

    python bench/tota_chapter_prior.py [--fresh-seed 28 --per-family 6] [--seed 9]
        [--level article paragraph] [--form rank:0.05:0.05 admit:0.05:0.05 ...]
        [--links /tmp/links.json]

The package aligns the chapters of two texts by their pooled articles and moves each
article cell's rank by ``CHAPTER_INSIDE`` (inside a pair of aligned chapters) or
``-CHAPTER_OUTSIDE`` (across chapters), in the article step of both levels. A form
``MODE:INSIDE:OUTSIDE`` sets those numbers (``tuning``, patched for the call):
``rank`` re-orders the greedy choice only (each cell admitted by its own rank: shipped),
``admit`` tests the moved rank against the threshold too (it pairs cells that did not
pass on their words, and drops some that did). Every form runs on the same draws as
``bench_tota_align.py`` (every part, each family held out in turn: the prior's
numbers are fixed, nothing is trained), with the aligner without chapters and
TF-IDF + Hungarian in the same run; tables by ``bench_tota_align``. ``--links``
writes every system's pairs per treaty pair (for reading what a form adds or removes).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_tota_align import (
    BASELINE,
    SYSTEMS,
    Aligner,
    add_draw_options,
    draw,
    holdout,
    unchaptered,
)

from treatycmp.align import tuning
from treatycmp.align.aligner import align_clauses
from treatycmp.align.pairs import ClausePair
from treatycmp.model import Clause

NONE = "treatycmp without chapters"
Links = dict[str, list[list[object]]]


@contextmanager
def form(mode: str, inside: float, outside: float) -> Iterator[None]:
    """The package's chapter prior with these numbers, within the block."""
    saved = (tuning.CHAPTER_ADMITS, tuning.CHAPTER_INSIDE, tuning.CHAPTER_OUTSIDE)
    tuning.CHAPTER_ADMITS, tuning.CHAPTER_INSIDE, tuning.CHAPTER_OUTSIDE = (
        mode == "admit",
        inside,
        outside,
    )
    try:
        yield
    finally:
        tuning.CHAPTER_ADMITS, tuning.CHAPTER_INSIDE, tuning.CHAPTER_OUTSIDE = saved


def system(spec: str) -> Aligner:
    mode, inside, outside = spec.split(":")

    def run(a: Sequence[Clause], b: Sequence[Clause]) -> Sequence[ClausePair]:
        with form(mode, float(inside), float(outside)):
            return align_clauses(a, b)

    return run


def recorded(name: str, fn: Aligner, out: Links) -> Aligner:
    """``fn``, its pairs kept in ``out[name]`` in call order (families, then pairs)."""

    def run(a: Sequence[Clause], b: Sequence[Clause]) -> Sequence[ClausePair]:
        got = fn(a, b)
        out.setdefault(name, []).append(
            [
                [p.kind, [c.id for c in p.left], [c.id for c in p.right], p.score, p.note or ""]
                for p in got
                if p.left and p.right
            ]
        )
        return got

    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_draw_options(ap)
    ap.add_argument("--level", nargs="+", choices=("article", "paragraph"), default=["article"])
    ap.add_argument("--form", nargs="+", default=["rank:0.05:0.05", "admit:0.05:0.05"])
    ap.add_argument("--boot", type=int, default=1000)
    ap.add_argument("--links", type=Path, default=None)
    args = ap.parse_args(argv)
    if not args.xml.is_dir():
        print(f"{args.xml}: no ToTA XML folder (unpack tota-xml.tar.xz there)", file=sys.stderr)
        return 2
    args.seed, every = draw(args.xml, args.per_family, args.seed, args.fresh_seed)
    selected = {fam: [c for c, _ in cs] for fam, cs in every.items()}
    print(f"seed {args.seed}, up to {args.per_family} pairs per family; forms {args.form}")
    links: Links = {}
    plain = {
        NONE: lambda a, b: align_clauses(unchaptered(a), unchaptered(b)),
        BASELINE: SYSTEMS[BASELINE],
    }
    systems = {f"chapters {f}": system(f) for f in args.form} | plain
    systems = {s: recorded(s, fn, links) for s, fn in systems.items()}
    for level in args.level:
        holdout(selected, [level], systems, {}, args.boot, args.seed)
    if args.links:
        cases = [[c.a.treaty.id, c.b.treaty.id] for cs in selected.values() for c in cs]
        args.links.write_text(json.dumps({"levels": args.level, "cases": cases, "links": links}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
