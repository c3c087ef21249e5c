"""Benchmarks for alignment and diff (figures go in docs/performance.md).

    python bench/bench_align.py [--repeat 3]

Best of N wall-clock runs: the bundled 1961 vs 2024 comparison end to end, and two
synthetic 500-article treaties (bench/synth.py, seed 1) aligned at article and at
paragraph level, with the time spent normalising the texts shown apart.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import synth_pair  # noqa: E402

from treatycmp.align import align_clauses  # noqa: E402
from treatycmp.analysis import compare  # noqa: E402
from treatycmp.loading import load_treaty  # noqa: E402
from treatycmp.text import normalize  # noqa: E402


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    repeat = ap.parse_args().repeat
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
        full = best(lambda: compare(pair.left, pair.right), 1) if level == "paragraph" else 0
        print(
            f"500 articles, {level} level ({len(left)} x {len(right)} clauses): "
            f"align_clauses {total:.2f} s, of which normalise {norm:.2f} s"
            + (f"; compare() with diffs {full:.2f} s" if full else "")
        )


if __name__ == "__main__":
    main()
