"""Benchmarks for alignment and diff (figures go in docs/performance.md).

    python bench/bench_align.py [--repeat 3] [--crossover]

Best of N wall-clock runs: the bundled 1961 vs 2024 comparison end to end, and two
synthetic 500-article treaties (bench/synth.py, seed 1) aligned at article and at
paragraph level, with the time spent normalising the texts shown apart.

``--crossover`` instead times ``align_clauses`` on n x n synthetic clauses through
the pure-Python small path and the numpy path (numpy already imported), and
``Scorer.pairs`` on k pairs both ways: where they cross sets ``align.SMALL_CELLS``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import synth_pair  # noqa: E402
from timing import best  # noqa: E402

from treatycmp.align import tuning as align  # noqa: E402
from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.align.scorers import get_scorer  # noqa: E402
from treatycmp.analysis import compare  # noqa: E402
from treatycmp.formats.treaty_yaml import load_treaty  # noqa: E402
from treatycmp.text import normalize  # noqa: E402


def crossover(repeat: int) -> None:
    """Both paths of the aligner and of ``Scorer.pairs`` on growing inputs."""
    import numpy  # noqa: F401  (imported up front: the comparison is warm)

    pair = synth_pair(120, 1)
    left, right = pair.left.clauses(), pair.right.clauses()
    saved = align.SMALL_CELLS
    for n in (5, 10, 20, 30, 40, 50, 60, 80, 100, 140, 200):
        times = []
        for limit in (10**9, 0):
            align.SMALL_CELLS = limit
            times.append(best(lambda: align_clauses(left[:n], right[:n]), repeat))  # noqa: B023
        print(
            f"align_clauses {n} x {n} ({n * n} cells): small {times[0] * 1000:.2f} ms, "
            f"numpy {times[1] * 1000:.2f} ms"
        )
    sc = get_scorer("blend")
    texts = [normalize(c.text) for c in (*left, *right)]
    for k in (10, 100, 1000, 2500, 5000, 10000):
        a = [texts[x % len(texts)] for x in range(k)]
        b = [texts[(x * 7 + 3) % len(texts)] for x in range(k)]
        times = []
        for limit in (10**9, 0):
            align.SMALL_CELLS = limit
            times.append(best(lambda: sc.pairs(a, b), repeat))  # noqa: B023
        print(
            f"Scorer.pairs, {k} pairs: small {times[0] * 1000:.2f} ms, "
            f"numpy {times[1] * 1000:.2f} ms"
        )
    align.SMALL_CELLS = saved


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--crossover", action="store_true")
    args = ap.parse_args()
    repeat = args.repeat
    if args.crossover:
        crossover(repeat)
        return
    data = ROOT / "data" / "treaties"
    a = load_treaty(data / "ussr-dprk-1961.yaml")
    b = load_treaty(data / "dprk-russia-2024.yaml")
    print(f"1961 vs 2024 compare(): {best(lambda: compare(a, b), repeat) * 1000:.1f} ms")
    pair = synth_pair(500, 1)
    for level in ("article", "paragraph"):
        left, right = pair.left.clauses(level), pair.right.clauses(level)
        texts = [c.text for c in (*left, *right)]
        norm = best(lambda: [normalize(t) for t in texts], repeat)  # noqa: B023
        total = best(lambda: align_clauses(left, right), repeat)  # noqa: B023
        blend = best(
            lambda: align_clauses(left, right, scorer="blend", threshold=0.6),  # noqa: B023
            repeat,
        )
        full = best(lambda: compare(pair.left, pair.right), 1) if level == "paragraph" else 0
        print(
            f"500 articles, {level} level ({len(left)} x {len(right)} clauses): "
            f"align_clauses {total:.2f} s (blend scorer, the aligner before tfidf: "
            f"{blend:.2f} s), of which normalise {norm:.2f} s"
            + (f"; compare() with diffs {full:.2f} s" if full else "")
        )


if __name__ == "__main__":
    main()
