"""The lexical tier's shortlist against scoring every cell of every block (issue 22).

    python bench/bench_lexical_shortlist.py [--xml /tmp/tota/xml] [--synth 500 1000 2000] [--row]

``align_clauses`` runs twice on every treaty pair the ToTA alignment benchmark draws
(bench/bench_tota_align.py, both parts, both levels) and on seeded synthetic pairs
(bench/synth.py, whose edits are known): once with the shortlist forced on for every
block that is not scored in pure Python (``tuning.LEXICAL_TIER_CELLS = 0``), once with
every cell scored (``LEXICAL_TIER_CELLS`` raised past any input). Printed: how many
pairs come out identical, the lexical cells scored both ways, and, where they differ,
precision / recall / F1 of both against the gold (the ToTA title gold, or the synthetic
pair's known origins). ``--row`` prints one JSON object per line on stdout.

ToTA is CC BY-NC 4.0: it is read where it lies and never copied into this repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_tota_align import Tally, cases, judge  # noqa: E402
from synth import synth_pair  # noqa: E402

from treatycmp.align import tuning  # noqa: E402
from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.align.pairs import ClausePair  # noqa: E402
from treatycmp.align.work import counting  # noqa: E402
from treatycmp.model import Clause  # noqa: E402

Run = tuple[tuple[ClausePair, ...], int, float]


def _run(left: tuple[Clause, ...], right: tuple[Clause, ...], cells: int) -> Run:
    """The alignment at ``LEXICAL_TIER_CELLS = cells``, its lexical cells, CPU seconds."""
    saved = tuning.LEXICAL_TIER_CELLS
    tuning.LEXICAL_TIER_CELLS = cells
    try:
        start = time.process_time()
        with counting() as tally:
            got = align_clauses(left, right)
        return got, tally.cells.get("lexical", 0), time.process_time() - start
    finally:
        tuning.LEXICAL_TIER_CELLS = saved


def _edges(pairs: tuple[ClausePair, ...]) -> set[tuple[str, str]]:
    return {(a.id, b.id) for p in pairs for a in p.left for b in p.right}


def _prf(pred: set[tuple[str, str]], gold: set[tuple[str, str]]) -> tuple[float, float, float]:
    hit = len(pred & gold)
    p, r = hit / max(1, len(pred)), hit / max(1, len(gold))
    return p, r, 2 * p * r / max(1e-12, p + r)


def tota(xml: Path) -> tuple[int, int, int, int, Tally, Tally]:
    same = total = fast_cells = slow_cells = 0
    t_fast, t_slow = Tally(), Tally()
    kinds: dict[str, list[int]] = {}
    for family_cases in cases(xml, 10, 9).values():
        for case, _part in family_cases:
            for level in ("paragraph", "article"):
                a, b = case.a.clauses[level], case.b.clauses[level]
                fast, cf, _ = _run(a, b, 0)
                slow, cs, _ = _run(a, b, 10**15)
                total += 1
                fast_cells += cf
                slow_cells += cs
                if fast == slow:
                    same += 1
                    continue
                t_fast.add(judge(fast, case.gold, kinds))
                t_slow.add(judge(slow, case.gold, kinds))
                print(
                    f"differs: {case.a.treaty.id} vs {case.b.treaty.id} ({level})", file=sys.stderr
                )
    return same, total, fast_cells, slow_cells, t_fast, t_slow


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xml", type=Path, default=Path("/tmp/tota/xml"))
    ap.add_argument("--synth", type=int, nargs="*", default=[500, 1000, 2000])
    ap.add_argument("--no-tota", action="store_true")
    ap.add_argument("--row", action="store_true", help="JSON lines for the run-all table")
    args = ap.parse_args(argv)
    rows: list[dict[str, object]] = []
    for n in args.synth:
        pair = synth_pair(n, 7)
        a, b = pair.left.clauses(), pair.right.clauses()
        gold = {(lid, rid) for rid, lids in pair.truth.items() for lid in lids}
        fast, cf, tf = _run(a, b, 0)
        slow, cs, ts = _run(a, b, 10**15)
        pf, ps = _prf(_edges(fast), gold), _prf(_edges(slow), gold)
        same = len(set(fast) & set(slow))
        msg = (
            f"synthetic {n} articles ({len(a)} x {len(b)} paragraphs): "
            + ("identical" if fast == slow else f"differs ({same} of {len(slow)} pairs shared)")
            + "; "
            f"lexical cells {cf:,} vs {cs:,}; CPU {tf:.2f} vs {ts:.2f} s; P/R/F1 shortlist "
            f"{pf[0]:.4f}/{pf[1]:.4f}/{pf[2]:.4f}, every cell {ps[0]:.4f}/{ps[1]:.4f}/{ps[2]:.4f}"
        )
        print(msg, file=sys.stderr)
        rows.append({"target": f"lexical shortlist, synthetic {n} articles", "measured": msg})
    if not args.no_tota:
        same, total, cf, cs, t_fast, t_slow = tota(args.xml)
        msg = f"ToTA: {same} of {total} alignments identical; lexical cells {cf:,} vs {cs:,}"
        if total > same:
            msg += (
                f"; where they differ P/R/F1 shortlist {t_fast.p:.3f}/{t_fast.r:.3f}/"
                f"{t_fast.f1:.3f}, every cell {t_slow.p:.3f}/{t_slow.r:.3f}/{t_slow.f1:.3f}"
            )
        print(msg, file=sys.stderr)
        rows.append(
            {"target": "lexical shortlist forced on, ToTA benchmark pairs", "measured": msg}
        )
    if args.row:
        for row in rows:
            row["command"] = "python bench/bench_lexical_shortlist.py --row"
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
