"""Cold-process start-up: the bundled diff against the bare import floor, and `nearest`.

    python bench/bench_startup.py [--repeat 11] [--nearest-corpus DIR] [--before DIR] [--row]

Each round runs, as new processes, ``python -c "import click, rich.console, yaml,
rapidfuzz"`` (the floor: the libraries any such CLI loads) and ``treatycmp diff
ussr-dprk-1961@meduza dprk-russia-2024@meduza -f json``, interleaved; medians of wall
and CPU (user + system of the child) seconds and their ratios to the floor's.
Bytecode is compiled first (``compileall``), as an installed wheel has it: this
machine sets PYTHONDONTWRITEBYTECODE, which would otherwise recompile treatycmp's
modules in every process and measure the compiler.

``--before DIR``: also time, interleaved in the same rounds, the treatycmp package
found in DIR (e.g. ``git archive OLD_COMMIT | tar -x -C DIR``), run with DIR as the
working directory so that it, not the installed package, is imported.

``--nearest-corpus DIR`` (e.g. ToTA imported with ``treatycmp import --from tota``):
the first ``nearest`` on it with an empty cache folder (loads the corpus, builds and
stores the index: wall, CPU, peak memory), then ``nearest tota-pta-11:1 --level
article -k 5`` and a free-text query, each in a new process, the index stored (with
``--before``: the older code too, interleaved, on its own stored index).
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from e2e import Runs, child, row  # noqa: E402

FLOOR = [sys.executable, "-c", "import click, rich.console, yaml, rapidfuzz"]
DIFF = [sys.executable, "-m", "treatycmp", "diff", "ussr-dprk-1961@meduza"]
DIFF += ["dprk-russia-2024@meduza", "-f", "json"]
DIFF_GOAL = 1.5
DIFFERS = (0, 1)  # diff exits 1 when the treaties differ, as these do
NEAREST_GOAL = 0.3


def ratio_text(runs: Runs, floor: Runs) -> tuple[str, float]:
    wall, cpu = runs.median()
    fw, fc = floor.median()
    text = (
        f"{wall / fw:.2f}x wall, {cpu / fc:.2f}x CPU the floor "
        f"({wall:.3f} s / {cpu:.3f} s CPU against {fw:.3f} s / {fc:.3f} s)"
    )
    return text, max(wall / fw, cpu / fc)


def startup(args: argparse.Namespace) -> Runs:
    """The diff against the floor, interleaved; returns the floor's runs."""
    floor, diff, before = Runs(), Runs(), Runs()
    child(FLOOR)
    child(DIFF, ok=DIFFERS)  # warm the file system cache and the parse cache
    if args.before is not None:
        child(DIFF, cwd=str(args.before), ok=DIFFERS)
    for _ in range(args.repeat):
        child(FLOOR, floor)
        child(DIFF, diff, ok=DIFFERS)
        if args.before is not None:
            child(DIFF, before, cwd=str(args.before), ok=DIFFERS)
    print(f"import floor: {floor.describe()}")
    print(f"bundled diff -f json: {diff.describe()}")
    text, worst = ratio_text(diff, floor)
    print(f"ratio: {text}")
    if before.wall:
        print(f"--before code: {ratio_text(before, floor)[0]}")
    if before.wall:
        text += f"; before: {ratio_text(before, floor)[0].split(' (')[0]}"
    if args.row:
        row(
            "bundled `diff ussr-dprk-1961@meduza dprk-russia-2024@meduza -f json`, cold, "
            "against the import floor",
            text,
            f"<= {DIFF_GOAL:g}x",
            worst <= DIFF_GOAL,
            f"python bench/bench_startup.py --repeat {args.repeat}",
        )
    return floor


def nearest(args: argparse.Namespace, floor: Runs) -> None:
    base = [sys.executable, "-m", "treatycmp", "nearest"]
    tail = ["--level", "article", "-k", "5", "--corpus", str(args.nearest_corpus), "-f", "json"]
    queries = {
        "clause query `tota-pta-11:1`": [*base, "tota-pta-11:1", *tail],
        "free-text query": [*base, "the parties shall cooperate in the field of customs", *tail],
    }
    cache = tempfile.mkdtemp(prefix="bench-startup-")
    env = {"TREATYCMP_CACHE": cache}
    first = child(queries["clause query `tota-pta-11:1`"], env=env)
    print(f"nearest, first run: {first[0]:.2f} s wall, {first[1]:.2f} s CPU, {first[2]:.0f} MB")
    command = f"python bench/bench_startup.py --repeat {args.repeat} --nearest-corpus DIR"
    if args.row:
        row(
            "`nearest`, first call on ToTA (loads the corpus, builds and stores the index)",
            f"{first[0]:.1f} s wall, {first[1]:.1f} s CPU, peak {first[2]:.0f} MB",
            "reported; reduce",
            None,
            command,
        )
    if args.before is not None:  # its own index (another code stamp), built untimed
        child(queries["clause query `tota-pta-11:1`"], env=env, cwd=str(args.before))
    for name, cmd in queries.items():
        runs, before = Runs(), Runs()
        for _ in range(args.repeat):
            child(cmd, runs, env=env)
            child(FLOOR, floor)
            if args.before is not None:
                child(cmd, before, env=env, cwd=str(args.before))
        wall, cpu = runs.median()
        print(f"nearest {name}, index stored: {runs.describe()}")
        then = ""
        if before.wall:
            print(f"--before code: {before.describe()}")
            then = f"; before: {before.median()[0]:.2f} s wall, {before.median()[1]:.2f} s CPU"
        if args.row:
            row(
                f"`nearest` on ToTA, fresh process, {name}",
                f"{wall:.2f} s wall (min {min(runs.wall):.2f}), {cpu:.2f} s CPU; "
                f"{ratio_text(runs, floor)[0]}{then}",
                f"<= {NEAREST_GOAL:g} s wall",
                wall <= NEAREST_GOAL,
                command,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=11)
    parser.add_argument("--nearest-corpus", type=Path)
    parser.add_argument("--before", type=Path, help="a folder holding older treatycmp code")
    parser.add_argument("--row", action="store_true", help="print the run_all JSON rows")
    args = parser.parse_args()
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    compileall.compile_dir(str(ROOT / "treatycmp"), quiet=1)
    if args.before is not None:
        compileall.compile_dir(str(args.before / "treatycmp"), quiet=1)
    floor = startup(args)
    if args.nearest_corpus is not None:
        nearest(args, floor)


if __name__ == "__main__":
    main()
