"""The character tier's shortlist against scoring every leftover cell (issue 22).

    python bench/bench_shortlist.py [--xml /tmp/tota/xml] [--row]

On every treaty pair the ToTA alignment benchmark draws (bench/bench_tota_align.py,
both parts, both levels; the pairs bench/house_freeze.py digests) and on TPP vs EU -
Ukraine, ``align_clauses`` runs twice: with its shipped settings, and with the tier
scoring every leftover cell (``tuning.CHAR_TIER_CELLS`` raised past any input). Printed:
how many pairs come out identical, the cells the tier scored both ways, and, where they
differ, precision / recall / F1 of both against the ToTA title gold (bench_tota_align's
``judge``), so that a difference is weighed, not only counted. ``--row`` prints one
JSON object per line on stdout (the run-all command's format).

ToTA is CC BY-NC 4.0: it is read where it lies and never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tota_align import Tally, cases, judge  # noqa: E402

from treatycmp.align import tuning  # noqa: E402
from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.align.pairs import ClausePair  # noqa: E402
from treatycmp.align.work import counting  # noqa: E402
from treatycmp.model import Clause  # noqa: E402


def _both(
    left: tuple[Clause, ...], right: tuple[Clause, ...]
) -> tuple[tuple[ClausePair, ...], tuple[ClausePair, ...], int, int]:
    """Shipped and every-cell alignments, and the cells the tier scored in each."""
    with counting() as fast:
        shipped = align_clauses(left, right)
    saved = tuning.CHAR_TIER_CELLS
    tuning.CHAR_TIER_CELLS = 10**15
    try:
        with counting() as slow:
            every = align_clauses(left, right)
    finally:
        tuning.CHAR_TIER_CELLS = saved
    return shipped, every, fast.cells.get("char", 0), slow.cells.get("char", 0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xml", type=Path, default=Path("/tmp/tota/xml"))
    ap.add_argument("--row", action="store_true", help="JSON lines for the run-all table")
    args = ap.parse_args(argv)
    say = (lambda *x: print(*x, file=sys.stderr)) if args.row else print
    same = total = cells_fast = cells_slow = 0
    t_fast, t_slow = Tally(), Tally()
    kinds: dict[str, list[int]] = {}
    for family_cases in cases(args.xml, 10, 9).values():
        for case, _part in family_cases:
            for level in ("paragraph", "article"):
                a, b = case.a.clauses[level], case.b.clauses[level]
                shipped, every, cf, cs = _both(a, b)
                total += 1
                cells_fast += cf
                cells_slow += cs
                if shipped == every:
                    same += 1
                    continue
                t_fast.add(judge(shipped, case.gold, kinds))
                t_slow.add(judge(every, case.gold, kinds))
                say(f"differs: {case.a.treaty.id} vs {case.b.treaty.id} ({level})")
    say(
        f"{same} of {total} alignments identical; the tier scored {cells_fast:,} cells "
        f"(shortlist) against {cells_slow:,} (every cell)"
    )
    if total > same:
        say(
            f"where they differ, P / R / F1: shortlist {t_fast.p:.3f} / {t_fast.r:.3f} / "
            f"{t_fast.f1:.3f}; every cell {t_slow.p:.3f} / {t_slow.r:.3f} / {t_slow.f1:.3f}"
        )
    if args.row:
        measured = f"{same} of {total} identical; tier cells {cells_fast:,} vs {cells_slow:,}"
        if total > same:
            measured += f"; F1 where they differ {t_fast.f1:.3f} vs {t_slow.f1:.3f}"
        line = {
            "target": "character-tier shortlist vs every cell, ToTA benchmark pairs",
            "measured": measured,
            "goal": "identical, or no loss of F1 where they differ",
            "met": same == total or t_fast.f1 >= t_slow.f1,
            "command": "python bench/bench_shortlist.py --row",
        }
        print(json.dumps(line), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
