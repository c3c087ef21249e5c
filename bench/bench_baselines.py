"""Baselines for issue 6: cold-process start-up, and the same comparisons with difflib and collatex.

    python bench/bench_baselines.py                  # everything (~2 min)
    python bench/bench_baselines.py --repeat 10 --collatex-timeout 120

(a) Cold processes: ``treatycmp --help`` and ``treatycmp diff ussr-dprk-1961
dprk-russia-2024 -f json``, each run ``--repeat`` times as a new process; min and median.
(b) difflib, on the bundled 1961/2024 pair (paragraph level) and on two synthetic
500-article treaties (bench/synth.py, seed 1, paragraph level), over ``normalize``d text:
  - ``lines``: ``SequenceMatcher(None, left_clauses, right_clauses, autojunk=False)``
    over the two lists of clause texts (only identical clauses pair up, in order: no
    moves, no fuzzy pairing), then a word ``SequenceMatcher`` on each replaced block,
    as ``diff --word-diff`` would;
  - ``all pairs``: ``SequenceMatcher(autojunk=False).ratio()`` of every left clause
    against every right clause (what align's similarity matrix computes with
    rapidfuzz). On 500 articles it is timed on the first ``--sample-rows`` left clauses
    and scaled to all rows (stated as extrapolated).
(c) collatex (``pip install collatex``; not a treatycmp dependency): ``collate()`` of
the two witnesses, the clause texts joined, word tokens, in a child process with a
timeout; if the package is missing, that is printed.
"""

from __future__ import annotations

import argparse
import difflib
import multiprocessing as mp
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import synth_pair  # noqa: E402

from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.formats.treaty_yaml import load_treaty  # noqa: E402
from treatycmp.model import Treaty  # noqa: E402
from treatycmp.text import normalize  # noqa: E402


def cold(args: list[str], repeat: int) -> tuple[float, float]:
    """Min and median wall time of ``args`` run as a new process ``repeat`` times."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=False, capture_output=True)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def texts(t: Treaty) -> list[str]:
    return [normalize(c.text) for c in t.clauses("paragraph")]


def difflib_lines(left: list[str], right: list[str]) -> int:
    """Clause-list diff, then word diff inside each replaced block; returns the op count."""
    ops = 0
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ops += 1
        if tag == "replace":
            a = " ".join(left[i1:i2]).split()
            b = " ".join(right[j1:j2]).split()
            ops += len(difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes())
    return ops


def difflib_all_pairs(left: list[str], right: list[str], rows: int | None = None) -> float:
    """Seconds for the ratio of every (left row, right) pair; rows limits the left side."""
    start = time.perf_counter()
    matcher = difflib.SequenceMatcher(autojunk=False)
    for b in right:
        matcher.set_seq2(b)
        for a in left[:rows]:
            matcher.set_seq1(a)
            matcher.ratio()
    return time.perf_counter() - start


def _collate(left: str, right: str, out: mp.Queue) -> None:  # type: ignore[type-arg]
    from collatex import Collation, collate

    c = Collation()
    c.add_plain_witness("A", left)
    c.add_plain_witness("B", right)
    start = time.perf_counter()
    table = collate(c, output="table", segmentation=True)
    out.put((time.perf_counter() - start, len(table.columns)))


def collatex(left: list[str], right: list[str], timeout: float) -> str:
    try:
        import collatex as _  # noqa: F401
    except ImportError as e:
        return f"not installed ({e})"
    q: mp.Queue = mp.Queue()  # type: ignore[type-arg]
    p = mp.Process(target=_collate, args=(" ".join(left), " ".join(right), q))
    start = time.perf_counter()
    p.start()
    p.join(timeout)
    if p.is_alive():
        p.kill()
        p.join()
        return f"did not finish in {timeout:.0f} s (killed)"
    if p.exitcode != 0:
        return f"failed (exit {p.exitcode}) after {time.perf_counter() - start:.1f} s"
    secs, columns = q.get()
    return f"{secs:.2f} s ({columns} aligned segments)"


def timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=7)
    ap.add_argument("--sample-rows", type=int, default=40)
    ap.add_argument("--collatex-timeout", type=float, default=120)
    args = ap.parse_args()

    exe = shutil.which("treatycmp") or "treatycmp"
    print("| what | min s | median s |\n|---|---|---|")
    for label, argv in (
        ("treatycmp --help", [exe, "--help"]),
        (
            "treatycmp diff ussr-dprk-1961 dprk-russia-2024 -f json",
            [exe, "diff", "ussr-dprk-1961", "dprk-russia-2024", "-f", "json"],
        ),
        ("python -c pass", [sys.executable, "-c", "pass"]),
    ):
        lo, mid = cold(argv, args.repeat)
        print(f"| `{label}` (cold, {args.repeat} runs) | {lo:.3f} | {mid:.3f} |", flush=True)

    data = ROOT / "data" / "treaties"
    pair = synth_pair(500, 1)
    cases = [
        (
            "bundled 1961 vs 2024",
            load_treaty(data / "ussr-dprk-1961.yaml"),
            load_treaty(data / "dprk-russia-2024.yaml"),
        ),
        ("synthetic 500 articles", pair.left, pair.right),
    ]
    print("\n| input | method | seconds |\n|---|---|---|")
    for name, a, b in cases:
        left, right = texts(a), texts(b)
        size = f"{name} ({len(left)} x {len(right)} paragraphs)"
        secs = timed(lambda: align_clauses(a.clauses("paragraph"), b.clauses("paragraph")))  # noqa: B023
        print(f"| {size} | treatycmp `align_clauses` | {secs:.3f} |", flush=True)
        secs = timed(lambda: difflib_lines(left, right))  # noqa: B023
        print(f"| {size} | difflib lines + word diff | {secs:.3f} |", flush=True)
        if len(left) <= args.sample_rows:
            secs = difflib_all_pairs(left, right)
            print(f"| {size} | difflib all-pairs ratio | {secs:.3f} |", flush=True)
        else:
            part = difflib_all_pairs(left, right, args.sample_rows)
            whole = part * len(left) / args.sample_rows
            print(
                f"| {size} | difflib all-pairs ratio | {whole:.0f} (extrapolated from "
                f"{args.sample_rows} rows: {part:.1f} s) |",
                flush=True,
            )
        result = collatex(left, right, args.collatex_timeout)
        print(f"| {size} | collatex `collate` (word tokens) | {result} |", flush=True)


if __name__ == "__main__":
    mp.set_start_method("fork")
    main()
