"""Cold-process bundled diff against the bare import floor, interleaved in one run.

    python bench/bench_startup.py [--repeat 11] [--nearest-corpus DIR]

Each round runs, as new processes, ``python -c "import click, rich.console, yaml,
rapidfuzz"`` (the floor: the libraries any such CLI loads) and ``treatycmp diff
ussr-dprk-1961 dprk-russia-2024 -f json``; medians and their ratio are printed.
Bytecode is compiled first (``compileall``), as an installed wheel has it: this
machine sets PYTHONDONTWRITEBYTECODE, which would otherwise recompile treatycmp's
modules in every process and measure the compiler.

``--before DIR``: also time, interleaved in the same rounds, the treatycmp package
found in DIR (e.g. ``git archive OLD_COMMIT | tar -x -C DIR``), run with DIR as the
working directory so that it, not the installed package, is imported.

``--nearest-corpus DIR`` (e.g. ToTA imported with ``treatycmp import --from tota``)
also times ``treatycmp nearest tota-pta-11:1 --level article -k 5 --corpus DIR -f json``
and a free-text query, each in a new process, once the stored index exists (one
run builds it; the parse and index caches live in ``$TREATYCMP_CACHE``).
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR = [sys.executable, "-c", "import click, rich.console, yaml, rapidfuzz"]
DIFF = [sys.executable, "-m", "treatycmp", "diff", "ussr-dprk-1961", "dprk-russia-2024"]
DIFF += ["-f", "json"]


def once(args: list[str], cwd: Path | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, check=False, cwd=cwd)
    return time.perf_counter() - start


def show(name: str, times: list[float], floor: float) -> None:
    med = statistics.median(times)
    print(f"{name}: median {med:.3f} s (min {min(times):.3f}) = {med / floor:.2f}x the floor")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--nearest-corpus", type=Path)
    parser.add_argument("--before", type=Path, help="a folder holding older treatycmp code")
    args = parser.parse_args()
    compileall.compile_dir(str(ROOT / "treatycmp"), quiet=1)
    if args.before is not None:
        compileall.compile_dir(str(args.before / "treatycmp"), quiet=1)
        once(DIFF, args.before)
    once(FLOOR)
    once(DIFF)  # warm the file system cache
    floor, diff, before = [], [], []
    for _ in range(args.repeat):
        floor.append(once(FLOOR))
        diff.append(once(DIFF))
        if args.before is not None:
            before.append(once(DIFF, args.before))
    f, d = statistics.median(floor), statistics.median(diff)
    print(f"import floor: median {f:.3f} s (min {min(floor):.3f})")
    print(f"bundled diff -f json: median {d:.3f} s (min {min(diff):.3f})")
    print(f"ratio: {d / f:.2f}x the floor (min/min {min(diff) / min(floor):.2f}x)")
    if before:
        show("bundled diff -f json, --before code", before, f)
    if args.nearest_corpus is None:
        return
    base = [sys.executable, "-m", "treatycmp", "nearest"]
    tail = ["--level", "article", "-k", "5", "--corpus", str(args.nearest_corpus), "-f", "json"]
    queries = {
        "clause tota-pta-11:1": [*base, "tota-pta-11:1", *tail],
        "free text": [*base, "the parties shall cooperate in the field of customs", *tail],
    }
    first = once(queries["clause tota-pta-11:1"])
    print(f"nearest, first run (loads the corpus, builds and stores the index): {first:.2f} s")
    if args.before is not None:
        first = once(queries["clause tota-pta-11:1"], args.before)
        print(f"nearest, --before code, first run: {first:.2f} s")
    for name, cmd in queries.items():
        times, old = [], []
        for _ in range(args.repeat):
            times.append(once(cmd))
            if args.before is not None:
                old.append(once(cmd, args.before))
        show(f"nearest {name}, index stored", times, f)
        if old:
            show(f"nearest {name}, index stored, --before code", old, f)


if __name__ == "__main__":
    main()
