"""End-to-end measuring for the issue-22 benchmarks: cold child processes, wall and CPU,
and the one-line JSON rows ``bench/run_all.py`` collects."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
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
    ok: tuple[int, ...] = (0,),
) -> tuple[float, float, float]:
    """Run ``args`` as a new process (output discarded); its wall and CPU seconds and
    peak resident memory in MB.

    CPU is the child's user + system time (``os.wait4``: its threads and the
    processes it waited for count), which the load of other jobs on a shared machine
    disturbs far less than wall time. An exit status not in ``ok`` is an error, not a
    figure.
    """
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(args),
            stdout=subprocess.DEVNULL,
            stderr=err,
            env={**os.environ, **(env or {})},
            cwd=cwd,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            err.seek(0)
            tail = err.read()[-2000:].decode("utf-8", "replace")
            raise RuntimeError(f"{' '.join(args)} exited {proc.returncode}: {tail}")
    cpu = usage.ru_utime + usage.ru_stime
    if runs is not None:
        runs.wall.append(wall)
        runs.cpu.append(cpu)
    return wall, cpu, usage.ru_maxrss / 1024


def row(target: str, measured: str, goal: str, met: bool | None, command: str) -> None:
    """One line of the issue-22 table, as ``bench/run_all.py`` reads it (``--row``)."""
    record = {"target": target, "measured": measured, "goal": goal, "met": met, "command": command}
    print(json.dumps(record, ensure_ascii=False), flush=True)
