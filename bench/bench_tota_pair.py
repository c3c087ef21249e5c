"""The largest ToTA pair end to end, against difflib and redlines in the same run.

    python bench/bench_tota_pair.py [--left FILE] [--right FILE] [--repeat 3]
        [--no-baselines] [--memory] [--row]

The pair: the two ToTA agreements with the most articles, Trans-Pacific Partnership
(pta_449, 508 articles) and EU - Ukraine (pta_392, 489), imported once with

    treatycmp import --from tota /tmp/tota/xml/pta_449.xml /tmp/tota/xml/pta_392.xml -o /tmp/speed/

(done by this script when the files are missing and ``--xml`` holds the XML; ToTA is
CC BY-NC 4.0: imported to /tmp, never into this repository.)

- ``treatycmp``: ``treatycmp diff LEFT RIGHT -f json -o FILE --force`` as a new
  process (alignment, word diffs, rule findings, JSON), CPU seconds (user + system of
  the child) and peak memory, best of ``--repeat``;
- ``difflib``: a word diff of the two whole texts (``treaty_text``, split on white
  space), ``SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``: what one
  writes without an aligner;
- ``redlines`` (``pip install redlines``; a bench-only dependency):
  ``Redlines(a, b).output_markdown`` on the same two texts.

- ``difflib`` with ``autojunk=True`` too, reported beside it: faster, but it treats
  every word in more than 1 % of the text as junk and matches around them.

``--row`` prints one JSON object per line on stdout and nothing else (the run-all
command's format): ``{"target", "measured", "goal", "met", "command"}`` for the ratios
to difflib (autojunk off, the goal: >= 15x; autojunk on, reported) and to redlines
(>= 35x); with ``--memory``, one for memory growth.

``--memory`` also runs ``compare`` + JSON on the first 1/8, 1/4, 1/2 and all of both
treaties' articles, each in a new process, and prints clauses and peak memory, to
show memory grows linearly with the number of clauses.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treatycmp.formats.treaty_yaml import load_treaty  # noqa: E402
from treatycmp.similarity.forms import treaty_text  # noqa: E402

LEFT = Path("/tmp/speed/pta-449.yaml")
RIGHT = Path("/tmp/speed/pta-392.yaml")
XML = Path("/tmp/tota/xml")
GOAL_DIFFLIB, GOAL_REDLINES = 15.0, 35.0

_CHILD = """
import dataclasses, resource, sys, time
from treatycmp.analysis import compare
from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.render.diff.json import render_json
left, right, share = load_treaty(sys.argv[1]), load_treaty(sys.argv[2]), float(sys.argv[3])
def cut(t):
    return dataclasses.replace(t, articles=t.articles[: max(1, round(len(t.articles) * share))])
left, right = cut(left), cut(right)
start = time.process_time()
text = render_json(compare(left, right))
cpu = time.process_time() - start
clauses = len(left.clauses()) + len(right.clauses())
# VmHWM, not ru_maxrss: a child started from a bigger process inherits its ru_maxrss
peak = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(clauses, cpu, peak)
"""


def child_cpu(args: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and peak KB of one child process.

    Measured by /usr/bin/time: a small process between this one and the child, so
    the child does not inherit this process's ru_maxrss (Linux keeps it across exec).
    """
    report = Path(tempfile.gettempdir()) / "bench-pair.time"
    subprocess.run(
        ["/usr/bin/time", "-o", str(report), "-f", "%e %U %S %M", *args],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    wall, user, system, peak = report.read_text().split()[-4:]
    return float(wall), float(user) + float(system), int(peak)


def _imported(args: argparse.Namespace) -> None:
    """Import the two ToTA XML files through the CLI when the YAML is not there yet."""
    for path in (args.left, args.right):
        if not path.is_file():
            xml = args.xml / (path.stem.replace("pta-", "pta_") + ".xml")
            cmd = [sys.executable, "-m", "treatycmp", "import", "--from", "tota", str(xml)]
            # One document in, one file out: -o names the file (a folder named as the
            # file's parent, when missing, was written as the treaty file itself).
            path.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([*cmd, "-o", str(path)], check=True, stdout=subprocess.DEVNULL)


def _baselines(a: list[str], b: list[str]) -> dict[str, float]:
    """CPU seconds of the whole-text word diffs in this process."""
    out: dict[str, float] = {}
    for junk in (False, True):
        start = time.process_time()
        difflib.SequenceMatcher(None, a, b, autojunk=junk).get_opcodes()
        out[f"difflib autojunk={junk}"] = time.process_time() - start
    try:
        from redlines import Redlines
    except ImportError:
        return out
    start = time.process_time()
    _ = Redlines(" ".join(a), " ".join(b)).output_markdown
    out["redlines"] = time.process_time() - start
    return out


def _memory(args: argparse.Namespace) -> list[tuple[int, float, float]]:
    """(clauses, CPU s, peak MB) of compare + JSON on growing shares of both treaties."""
    rows = []
    for share in (0.125, 0.25, 0.5, 1.0):
        got = subprocess.run(
            [sys.executable, "-c", _CHILD, str(args.left), str(args.right), str(share)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        rows.append((int(got[0]), float(got[1]), int(got[2]) / 1024))
    return rows


def _row(target: str, measured: str, goal: str, met: bool, command: str) -> None:
    line = {"target": target, "measured": measured, "goal": goal, "met": met}
    print(json.dumps({**line, "command": command}, ensure_ascii=False), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--left", type=Path, default=LEFT)
    parser.add_argument("--right", type=Path, default=RIGHT)
    parser.add_argument("--xml", type=Path, default=XML)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--memory", action="store_true")
    parser.add_argument("--row", action="store_true", help="JSON lines for the run-all table")
    args = parser.parse_args()
    _imported(args)
    say = (lambda *x, **k: print(*x, **k, file=sys.stderr)) if args.row else print
    left, right = load_treaty(args.left), load_treaty(args.right)
    a, b = treaty_text(left).split(), treaty_text(right).split()
    say(
        f"{left.title} ({len(left.article_list)} articles, {len(a):,} words) vs "
        f"{right.title} ({len(right.article_list)} articles, {len(b):,} words)"
    )
    out = Path(tempfile.gettempdir()) / "bench-pair.json"
    cmd = [sys.executable, "-m", "treatycmp", "diff", str(args.left), str(args.right)]
    cmd += ["-f", "json", "-o", str(out), "--force"]
    runs = [child_cpu(cmd) for _ in range(args.repeat)]
    wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    say(f"treatycmp diff -f json: best {cpu:.2f} s CPU, {wall:.2f} s wall (runs: ", end="")
    say(", ".join(f"{r[1]:.2f}" for r in runs) + f" s CPU); peak {runs[-1][2] / 1024:.0f} MB")
    base = {} if args.no_baselines else _baselines(a, b)
    for name, t in base.items():
        say(f"{name} whole-text word diff: {t:.1f} s CPU = {t / cpu:.1f}x")
    command = "python bench/bench_tota_pair.py --row"

    goals = {"difflib autojunk=False": GOAL_DIFFLIB, "redlines": GOAL_REDLINES}
    for name, t in base.items():
        ratio = t / cpu
        goal = goals.get(name)
        if args.row:
            _row(
                f"TPP vs EU-Ukraine `diff -f json` against {name}",
                f"{ratio:.1f}x ({cpu:.2f} s CPU against {t:.1f} s, best of {args.repeat})",
                f">= {goal:.0f}x" if goal else "reported (no goal)",
                ratio >= (goal or 1.0),
                command,
            )
    if args.memory:
        rows = _memory(args)
        say("clauses  CPU s  peak MB  (compare + JSON in a new process)")
        for clauses, c, mb in rows:
            say(f"{clauses:>7}  {c:5.2f}  {mb:7.0f}")
        (n0, _, m0), (n1, _, m1) = rows[0], rows[-1]
        grow = math.log(m1 / m0) / math.log(n1 / n0)
        if args.row:
            _row(
                "TPP vs EU-Ukraine, peak memory against clauses (1/8 to all)",
                f"{m0:.0f} -> {m1:.0f} MB for {n0:,} -> {n1:,} clauses (exponent {grow:.2f})",
                "linear (exponent <= 1.15)",
                grow <= 1.15,
                command + " --memory",
            )


if __name__ == "__main__":
    main()
