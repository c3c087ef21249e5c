"""End-to-end measuring for the issue-22 benchmarks: cold child processes, wall and CPU,
and the one-line JSON rows ``bench/run_all.py`` collects."""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


@dataclass
class Runs:
    """Wall and CPU seconds (user + system) of repeated runs of one command."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def median(self) -> tuple[float, float]:
        return statistics.median(self.wall), statistics.median(self.cpu)

    def describe(self) -> str:
        wall, cpu = self.median()
        return f"wall median {wall:.2f} s (min {min(self.wall):.2f}), CPU median {cpu:.2f} s"


def child(
    args: Sequence[str],
    runs: Runs | None = None,
    *,
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
) -> tuple[float, float]:
    """Run ``args`` as a new process (output discarded); its wall and CPU seconds.

    CPU is the child's user + system time (``RUSAGE_CHILDREN``, so threads and the
    processes it waits for count), which the load of other jobs on a shared machine
    disturbs far less than wall time. A failing command is an error, not a figure.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        list(args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        check=False,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} exited {done.returncode}: {done.stderr[-2000:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if runs is not None:
        runs.wall.append(wall)
        runs.cpu.append(cpu)
    return wall, cpu


def row(target: str, measured: str, goal: str, met: bool | None, command: str) -> None:
    """One line of the issue-22 table, as ``bench/run_all.py`` reads it (``--row``)."""
    record = {"target": target, "measured": measured, "goal": goal, "met": met, "command": command}
    print(json.dumps(record, ensure_ascii=False), flush=True)
