"""Every issue-22 benchmark, end to end, in one command; writes the table in docs/performance.md.

    python bench/run_all.py [--tota /tmp/tota/xml] [--corpus DIR] [--repeat 3]
        [--before DIR] [--only NAME ...] [--no-write]

Each benchmark script runs as its own process with ``--row`` and prints one JSON object
per line for each target it measures: ``{"target", "measured", "goal", "met",
"command"}``. The rows are collected, in the order below, into the table at the top of
docs/performance.md (between the ``run_all`` markers), with the commit the run was
made on, the date and the machine's load. A script that is missing, that does not
know ``--row`` or that fails gets a row saying so, never a silent gap. Other bench
scripts that accept ``--row`` are run too (with ``--row`` alone), after the TPP pair.

ToTA (CC BY-NC 4.0) is read where it lies (``--tota``) and imported with the CLI into
``--corpus`` when that folder does not exist; nothing of it enters the repository.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- run_all:start -->", "<!-- run_all:end -->"
KEYS = ("target", "measured", "goal", "met", "command")


def scripts(args: argparse.Namespace) -> list[tuple[str, list[str]]]:
    """(script, arguments) of every issue-22 benchmark, in table order."""
    corpus, repeat = str(args.corpus), str(args.repeat)
    before = ["--before", str(args.before)] if args.before is not None else []
    return [
        # The diff and the aligner: the TPP pair here; the other scripts with --row
        # (the synthetic 500 -> 8,000 articles) are found and run after it.
        ("bench_tota_pair.py", []),
        # Corpus scale and start-up.
        ("bench_matrix.py", [*before, "--corpus", corpus, "--repeat", repeat]),
        (
            "bench_startup.py",
            [*before, "--repeat", str(4 * args.repeat + 1), "--nearest-corpus", corpus],
        ),
        ("bench_dask.py", ["--sizes", "5000", "--one-worker-at", "5000"]),
    ]


def _row(target: str, measured: str, command: str) -> dict[str, object]:
    return {"target": target, "measured": measured, "goal": "-", "met": None, "command": command}


def run(script: str, extra: list[str]) -> list[dict[str, object]]:
    """The rows one script prints with ``--row`` (or one row saying why there are none)."""
    path = BENCH / script
    command = " ".join(["python", f"bench/{script}", *extra, "--row"])  # what the row came from
    if not path.is_file():
        return [_row(script, "not run: the script is missing", command)]
    print(f"== {command}", file=sys.stderr, flush=True)
    done = subprocess.run(
        [sys.executable, str(path), *extra, "--row"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    rows = []
    for line in done.stdout.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            print(line, file=sys.stderr)
            continue
        if isinstance(record, dict) and "target" in record:
            rows.append({**{key: record.get(key) for key in KEYS}, "command": command})
    if done.returncode != 0:
        if "--row" in done.stderr and "unrecognized arguments" in done.stderr:
            return [_row(script, "not reported: the script has no --row", command)]
        tail = " ".join(done.stderr.strip().splitlines()[-1:])[:200]
        rows.append(_row(script, f"failed (exit {done.returncode}): {tail}", command))
    return rows or [_row(script, "no rows printed", command)]


def _others(listed: set[str]) -> list[tuple[str, list[str]]]:
    """Other bench scripts that accept ``--row``."""
    found = []
    for path in sorted(BENCH.glob("*.py")):
        if path.name in listed or path.name == "run_all.py":
            continue
        if re.search(r"add_argument\(\s*[\"']--row[\"']", path.read_text(encoding="utf-8")):
            found.append((path.name, []))
    return found


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if value is True:
        return "**met**"
    if value is False:
        return "**missed**"
    return str(value).replace("|", "\\|").replace("\n", " ")


def revision() -> tuple[str, bool]:
    """The commit checked out, and whether tracked files differ from it."""
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout.strip()
    return commit, bool(dirty)


def table(rows: list[dict[str, object]], commit: str, dirty: bool) -> str:
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        START,
        f"Measured by `python bench/run_all.py` on commit `{commit}`"
        f"{' (with uncommitted changes)' if dirty else ''}, {when}; {os.cpu_count()} cores, "
        f"load average {load} at the end of the run (wall times move with the load; CPU "
        "seconds and ratios within one run less so).",
        "",
        "| target | measured | goal | status | command |",
        "|---|---|---|---|---|",
    ]
    for r in rows:
        cells = [_cell(r[k]) for k in ("target", "measured", "goal", "met")]
        lines.append(f"| {' | '.join(cells)} | `{_cell(r['command'])}` |")
    lines.append(END)
    return "\n".join(lines)


def write(doc: Path, block: str) -> None:
    text = doc.read_text(encoding="utf-8")
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:  # after the title and the first paragraph
        title, _, rest = text.partition("\n\n")
        text = f"{title}\n\n{block}\n\n{rest}"
    doc.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tota", type=Path, default=Path("/tmp/tota/xml"))
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/tota-yaml-bench/yaml"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--before",
        type=Path,
        help="older treatycmp code (git archive), timed beside where supported",
    )
    parser.add_argument("--only", nargs="+", metavar="SCRIPT", help="run only these scripts")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args()
    if not args.corpus.is_dir():  # the corpus-scale benchmarks read ToTA as a user has it
        cli = [sys.executable, "-m", "treatycmp", "import", "--from", "tota"]
        subprocess.run([*cli, str(args.tota), "-o", str(args.corpus), "-q"], check=True)
    commit, dirty = revision()  # at the start: what the benchmarks run
    plan = scripts(args)
    plan[1:1] = _others({name for name, _ in plan})
    if args.only:
        plan = [(name, extra) for name, extra in plan if name in args.only]
    rows = [r for name, extra in plan for r in run(name, extra)]
    block = table(rows, commit, dirty)
    print(block)
    if not args.no_write:
        write(DOC, block)


if __name__ == "__main__":
    main()
