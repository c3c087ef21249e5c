"""Large but valid inputs: validate and diff time and peak memory against treaty size.

Writes seeded synthetic treaties of N articles (1-2 paragraphs of 8-30 words each;
the right text is the left with 5 % of the articles reworded), then times, each in a
fresh process: a bare libyaml parse of the file (the baseline: no treatycmp can load
faster than it parses), ``treatycmp validate`` and ``treatycmp diff -f json``. Diff
above the ``--max-pairs`` limit is refused after loading; that time is reported too.
``--gc`` adds an in-process load with the cyclic collector left running, the cause of
the superlinear loading this benchmark found (docs/robustness.md).

    python bench/bench_large.py                         # 1,000 to 100,000 articles
    python bench/bench_large.py --sizes 1000 3000 --gc
    python bench/bench_large.py --row [--sizes 500 1000 2000 4000 8000]

``--row`` (issue 22) runs only ``diff -f json`` at the given sizes (default 500 to 8,000
articles, the issue's range) with the default limits and prints one JSON object per line
on stdout (the run-all command's format): the exponent of CPU seconds and of peak memory
fitted to the sizes that ran (goal: <= 1.15 each; a size above 4,000 articles refused by
the default limits is run again with ``--max-clauses`` and ``--max-pairs`` raised), and
whether the 4,000-article diff runs within the default limits. The table goes to stderr."""

from __future__ import annotations

import argparse
import copy
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

WORDS_TEXT = """party parties shall attack armed territory consult assist agreement treaty
each other measures security council nations united defence collective individual
forthwith action necessary including use force restore maintain area"""
WORDS = WORDS_TEXT.split()


def write_pair(folder: Path, n: int, seed: int = 1) -> tuple[Path, Path]:
    """Two treaty files of ``n`` articles, the second with 5 % of them reworded."""
    rng = random.Random(seed + n)

    def para() -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 30))).capitalize() + "."

    left = [
        {"number": str(i), "paragraphs": [para() for _ in range(rng.randint(1, 2))]}
        for i in range(1, n + 1)
    ]
    right = copy.deepcopy(left)
    for article in rng.sample(right, max(1, n // 20)):
        article["paragraphs"][0] = para()
    paths = []
    for side, articles in (("a", left), ("b", right)):
        doc = {
            "id": f"large{n}-{side}",
            "title": f"Large {n}",
            "short_title": f"Large {n}",
            "parties": ["A", "B"],
            "language": "en",
            "source": {"text": "synthetic (bench/bench_large.py)"},
            "completeness": "complete",
            "articles": articles,
        }
        path = folder / f"large{n}-{side}.yaml"
        with path.open("w", encoding="utf-8") as handle:
            yaml.dump(doc, handle, Dumper=yaml.CSafeDumper, sort_keys=False, width=10**9)
        paths.append(path)
    return paths[0], paths[1]


def run(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of ``args`` in a fresh process."""
    elapsed, _, peak, code = run_cpu(args)
    return elapsed, peak, code


def run_cpu(args: list[str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds (user + system), peak resident MB and exit code."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def exponent(sizes: list[int], values: list[float]) -> float:
    """The least-squares slope of log(value) against log(size): 1 is linear."""
    xs = [math.log(x) for x in sizes]
    ys = [math.log(y) for y in values]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


RAISED = ["--max-clauses", str(10**9), "--max-pairs", str(10**15)]


def rows(sizes: list[int]) -> None:
    """Issue 22's scaling rows: diff CPU and peak memory against articles, fitted."""
    cli = [sys.executable, "-m", "treatycmp", "diff"]
    ran: list[tuple[int, float, float]] = []
    codes: dict[int, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            left, right = write_pair(Path(tmp), n)
            args = [*cli, str(left), str(right), "-f", "json", "-o", os.devnull]
            _, cpu, mb, code = run_cpu(args)
            codes[n] = code
            print(f"{n} articles: {cpu:.2f} s CPU, {mb:.0f} MB, exit {code}", file=sys.stderr)
            if code == 2 and n > 4000:
                # Past the default limits (8,000 articles: about 12,000 paragraphs a
                # treaty): fitted with the limits raised, as the range asks.
                _, cpu, mb, code = run_cpu([*args, *RAISED])
                print(
                    f"{n} articles, limits raised: {cpu:.2f} s CPU, {mb:.0f} MB, exit {code}",
                    file=sys.stderr,
                )
            if code in (0, 1):
                ran.append((n, cpu, mb))
    command = "python bench/bench_large.py --row --sizes " + " ".join(map(str, sizes))
    done = [n for n, _, _ in ran]
    for what, k in (("CPU seconds", 1), ("peak memory", 2)):
        values = [r[k] for r in ran]
        fit = exponent(done, values) if len(ran) >= 2 else float("nan")
        shown = ", ".join(f"{v:.1f}" for v in values)
        line = {
            "target": f"synthetic diff {min(sizes):,}-{max(sizes):,} articles: {what}",
            "measured": f"exponent {fit:.2f} ({shown} at {', '.join(map(str, done))} articles)",
            "goal": "<= 1.15",
            "met": bool(fit <= 1.15) and len(done) == len(sizes),
            "command": command,
        }
        print(json.dumps(line), flush=True)
    if 4000 in codes:
        line = {
            "target": "synthetic diff of 4,000 articles within the default limits",
            "measured": f"exit {codes[4000]}"
            + (" (refused: --max-pairs)" if codes[4000] == 2 else ""),
            "goal": "runs (exit 0 or 1)",
            "met": codes[4000] in (0, 1),
            "command": command,
        }
        print(json.dumps(line), flush=True)


def in_process_gc(path: Path) -> tuple[float, float]:
    """Seconds to load ``path`` with the collector paused (as shipped) and running."""
    import gc

    from treatycmp.formats import treaty_yaml as loading

    text = path.read_text("utf-8")
    start = time.perf_counter()
    loading.check_text(text, str(path))
    paused = time.perf_counter() - start
    gc.enable()
    start = time.perf_counter()
    loading._check_text(text, str(path))
    running = time.perf_counter() - start
    return paused, running


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000, 30000, 100000])
    parser.add_argument("--gc", action="store_true", help="also load with the collector running")
    parser.add_argument("--row", action="store_true", help="issue 22's scaling rows (JSON lines)")
    ns = parser.parse_args()
    if ns.row:
        os.environ["TREATYCMP_CACHE"] = "off"
        sizes = ns.sizes if "--sizes" in sys.argv else [500, 1000, 2000, 4000, 8000]
        rows(sizes)
        return
    env_cli = [sys.executable, "-m", "treatycmp"]
    parse = [
        sys.executable,
        "-c",
        "import sys, yaml; yaml.compose(open(sys.argv[1], encoding='utf-8'), yaml.CSafeLoader)",
    ]
    os.environ["TREATYCMP_CACHE"] = "off"
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores, shared)")
    header = "| articles | MB | parse s | validate s (MB) | diff s (MB) | diff exit |"
    print(header)
    print("|---:|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for n in ns.sizes:
            left, right = write_pair(Path(tmp), n)
            size = left.stat().st_size / 1e6
            p_s, _, _ = run([*parse, str(left)])
            v_s, v_mb, v_code = run([*env_cli, "validate", str(left)])
            d_s, d_mb, d_code = run(
                [*env_cli, "diff", str(left), str(right), "-f", "json", "-o", os.devnull]
            )
            verdict = {0: "0", 1: "1 (differences)", 2: "2 (refused: --max-pairs)"}
            print(
                f"| {n:,} | {size:.1f} | {p_s:.2f} | {v_s:.2f} ({v_mb:.0f}) | {d_s:.2f} "
                f"({d_mb:.0f}) | {verdict.get(d_code, d_code)} |",
                flush=True,
            )
            assert v_code == 0, f"validate failed on {n} articles"
            if ns.gc:
                paused, running = in_process_gc(left)
                print(
                    f"|   in-process load, gc paused {paused:.2f} s, gc running {running:.2f} s |"
                )
            left.unlink()
            right.unlink()
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
