"""The largest ToTA pair end to end, against difflib and redlines in the same run.

    python bench/bench_tota_pair.py [--left FILE] [--right FILE] [--repeat 3]
        [--no-baselines] [--memory]

The pair: the two ToTA agreements with the most articles, Trans-Pacific Partnership
(pta_449, 508 articles) and EU - Ukraine (pta_392, 489), imported once with

    treatycmp import --from tota /tmp/tota/xml/pta_449.xml -o /tmp/speed/
    treatycmp import --from tota /tmp/tota/xml/pta_392.xml -o /tmp/speed/

(ToTA is CC BY-NC 4.0: imported to /tmp, never into this repository.)

- ``treatycmp``: ``treatycmp diff LEFT RIGHT -f json -o FILE --force`` as a new
  process (alignment, word diffs, rule findings, JSON), CPU seconds (user + system of
  the child) and peak memory, best of ``--repeat``;
- ``difflib``: a word diff of the two whole texts (``treaty_text``, split on white
  space), ``SequenceMatcher(None, a, b, autojunk=False).get_opcodes()``: what one
  writes without an aligner;
- ``redlines`` (``pip install redlines``; a bench-only dependency):
  ``Redlines(a, b).output_markdown`` on the same two texts.

``--memory`` also runs ``compare`` + JSON on the first 1/8, 1/4, 1/2 and all of both
treaties' articles, each in a new process, and prints clauses and peak memory, to
show memory grows linearly with the number of clauses.
"""

from __future__ import annotations

import argparse
import difflib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from treatycmp.formats.treaty_yaml import load_treaty  # noqa: E402
from treatycmp.similarity.forms import treaty_text  # noqa: E402

LEFT = Path("/tmp/speed/tota-pta-449.yaml")
RIGHT = Path("/tmp/speed/tota-pta-392.yaml")

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
    report = Path("/tmp/speed/bench-pair.time")
    subprocess.run(
        ["/usr/bin/time", "-o", str(report), "-f", "%e %U %S %M", *args],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    wall, user, system, peak = report.read_text().split()[-4:]
    return float(wall), float(user) + float(system), int(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--left", type=Path, default=LEFT)
    parser.add_argument("--right", type=Path, default=RIGHT)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-baselines", action="store_true")
    parser.add_argument("--memory", action="store_true")
    args = parser.parse_args()
    left, right = load_treaty(args.left), load_treaty(args.right)
    a, b = treaty_text(left).split(), treaty_text(right).split()
    print(
        f"{left.title} ({len(left.article_list)} articles, {len(a):,} words) vs "
        f"{right.title} ({len(right.article_list)} articles, {len(b):,} words)"
    )
    out = Path("/tmp/speed/bench-pair.json")
    cmd = [sys.executable, "-m", "treatycmp", "diff", str(args.left), str(args.right)]
    cmd += ["-f", "json", "-o", str(out), "--force"]
    runs = [child_cpu(cmd) for _ in range(args.repeat)]
    wall, cpu = min(r[0] for r in runs), min(r[1] for r in runs)
    print(f"treatycmp diff -f json: best {cpu:.2f} s CPU, {wall:.2f} s wall (runs: ", end="")
    print(", ".join(f"{r[1]:.2f}" for r in runs) + f" s CPU); peak {runs[-1][2] / 1024:.0f} MB")
    if not args.no_baselines:
        start = time.process_time()
        difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        t_difflib = time.process_time() - start
        print(f"difflib whole-text word diff: {t_difflib:.1f} s CPU = {t_difflib / cpu:.1f}x")
        try:
            from redlines import Redlines
        except ImportError:
            print("redlines: not installed (pip install redlines)")
        else:
            start = time.process_time()
            _ = Redlines(" ".join(a), " ".join(b)).output_markdown
            t_red = time.process_time() - start
            print(f"redlines: {t_red:.1f} s CPU = {t_red / cpu:.1f}x")
    if args.memory:
        print("share  clauses  CPU s  peak MB  (compare + JSON in a new process)")
        for share in (0.125, 0.25, 0.5, 1.0):
            got = subprocess.run(
                [sys.executable, "-c", _CHILD, str(args.left), str(args.right), str(share)],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            print(f"{share:5}  {got[0]:>7}  {float(got[1]):5.2f}  {int(got[2]) / 1024:7.0f}")


if __name__ == "__main__":
    main()
