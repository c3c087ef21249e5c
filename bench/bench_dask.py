"""matrix --top-k on a Dask LocalCluster: 1 against 2 workers, and growth with corpus size.

    python bench/bench_dask.py [--sizes 2500 5000 10000 20000] [--articles 25] [--k 10]
        [--block 1000] [--one-worker-at 20000] [--dask-env] [--row] [--timeline]

A seeded synthetic corpus (``synth.synth_corpus(N, articles, seed=15)``; each size
is a prefix of the largest, itself a seeded corpus) is ranked with
``dask_backend.top_k`` on a fresh ``LocalCluster`` (processes, one thread each, BLAS
held to one thread so a worker is one core) for each size on 2 workers, and on 1
worker at ``--one-worker-at``. For each run: wall seconds, CPU seconds (workers and
this client), the peak resident memory of each worker and of this process. The
``--one-worker-at`` size is also ranked in this process with
``similarity.treaty_top_k`` (the plain process the cluster is compared with) and the
results compared (identical). The workers run as docs/performance.md recommends
(section "Past one machine: Dask"): without the nanny's ``MALLOC_TRIM_THRESHOLD_=65536``
(Dask's default, which turns every large numpy temporary into an mmap/munmap pair with
page faults) and with ``MALLOC_ARENA_MAX=1`` (a task runs in a worker's thread, whose
glibc arena gives memory back and faults it in again on every pair task; the plain
process allocates from the main arena); ``--dask-env`` keeps Dask's environment. CPU is
split into this client (with the scheduler, which runs in it) and the workers.
``--timeline`` adds where each cluster run's wall time went, from Dask's task stream:
per worker, when its first task started, its seconds computing, fetching and idle, and
when its last task ended.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"  # inherited by the worker processes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from e2e import row  # noqa: E402
from synth import synth_corpus  # noqa: E402

from treatycmp.similarity import dask as dask_backend  # noqa: E402
from treatycmp.similarity.top_k import treaty_top_k  # noqa: E402


def _peak_kb() -> int:
    """Peak resident memory of this process (VmHWM: unlike ru_maxrss, a spawned worker
    does not inherit its parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run(
    treaties: list[Any], workers: int, k: int, block: int, dask_env: bool, timeline: bool = False
) -> tuple[Any, float, tuple[float, float], list[int]]:
    """Rank on a fresh LocalCluster: result, wall s, CPU s (client, workers), worker peaks.

    Without ``dask_env`` the nanny does not set ``MALLOC_TRIM_THRESHOLD_=65536`` (Dask's
    default, which turns every large numpy temporary into an mmap/munmap pair and
    page faults: system CPU several times the computation's own) and caps glibc's
    arenas at one (issue 22).
    """
    import dask
    from dask.distributed import Client, LocalCluster

    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"))
    if not dask_env:
        environ.pop("MALLOC_TRIM_THRESHOLD_", None)
        environ["MALLOC_ARENA_MAX"] = 1
    with (
        dask.config.set({"distributed.nanny.pre-spawn-environ": environ}),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=0,
        ) as cluster,
        Client(cluster) as client,
    ):
        from dask.distributed import get_task_stream

        workers_before, client_before = sum(client.run(_cpu).values()), _cpu()
        start, epoch = time.perf_counter(), time.time()
        with get_task_stream(client) if timeline else contextlib.nullcontext() as stream:
            top = dask_backend.top_k(client, treaties, k, block=block)
        seconds = time.perf_counter() - start
        if stream is not None:
            _print_timeline(stream.data, epoch, seconds)
        cpu = (_cpu() - client_before, sum(client.run(_cpu).values()) - workers_before)
        peaks = list(client.run(_peak_kb).values())
    return top, seconds, cpu, peaks


def _print_timeline(records: list[dict[str, Any]], epoch: float, seconds: float) -> None:
    """Per worker: first task's start, compute / fetch / idle seconds, last task's end."""
    spans: dict[str, list[tuple[str, float, float]]] = {}
    for record in records:
        for part in record["startstops"]:
            where = spans.setdefault(record["worker"], [])
            where.append((part["action"], part["start"] - epoch, part["stop"] - epoch))
    for worker, parts in sorted(spans.items()):
        computing = [(a, b) for action, a, b in parts if action == "compute"]
        busy = sum(b - a for a, b in computing)
        fetching = sum(b - a for action, a, b in parts if action == "transfer")
        first, last = min(a for a, _ in computing), max(b for _, b in computing)
        print(
            f"  timeline {worker}: {len(computing)} tasks, first starts at {first:.2f} s, "
            f"computing {busy:.2f} s, fetching {fetching:.2f} s, idle {seconds - busy:.2f} s, "
            f"last ends at {last:.2f} of {seconds:.2f} s"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000, 20000])
    parser.add_argument("--articles", type=int, default=25)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--block", type=int, default=1000)
    parser.add_argument("--one-worker-at", type=int, default=None)
    parser.add_argument(
        "--dask-env",
        action="store_true",
        help="workers with Dask's nanny environment (MALLOC_TRIM_THRESHOLD_, no arena cap)",
    )
    parser.add_argument("--row", action="store_true", help="print the run_all JSON rows")
    parser.add_argument(
        "--timeline", action="store_true", help="where each cluster run's time went, per worker"
    )
    args = parser.parse_args()
    largest = max(args.sizes)
    start = time.perf_counter()
    corpus = synth_corpus(largest, args.articles, seed=15)
    chars = sum(len(c.text) for c in corpus[0].clauses())
    print(
        f"synthetic corpus: {largest} treaties x {args.articles} articles "
        f"(~{chars:,} characters each), generated in {time.perf_counter() - start:.0f} s"
    )
    one = args.one_worker_at or largest
    local_start, local_cpu = time.perf_counter(), _cpu()
    local = treaty_top_k(corpus[:one], args.k, block=args.block)
    local_s, local_c = time.perf_counter() - local_start, _cpu() - local_cpu
    print(f"code: {Path(dask_backend.__file__).resolve().parent.parent.parent}")
    print(f"in-process treaty_top_k, {one} treaties: {local_s:.1f} s, {local_c:.1f} s CPU")
    print(
        "treaties  workers  blocks  pair tasks  seconds  CPU s (client+workers)  "
        "peak MB per worker  client MB"
    )
    plan = [(n, 2) for n in sorted(args.sizes)] + [(one, 1)]
    done: dict[tuple[int, int], tuple[float, float]] = {}
    for n, workers in plan:
        top, seconds, (client_cpu, workers_cpu), peaks = run(
            corpus[:n], workers, args.k, args.block, args.dask_env, args.timeline
        )
        cpu = client_cpu + workers_cpu
        if n == one:
            assert top == local, "the cluster and the single process disagree"
        done[(n, workers)] = (seconds, cpu)
        blocks = -(-n // args.block)
        worker_mb = " / ".join(f"{p / 1024:.0f}" for p in peaks)
        print(
            f"{n:8}  {workers:7}  {blocks:6}  {blocks * (blocks + 1) // 2:10}  "
            f"{seconds:7.1f}  {cpu:5.1f} ({client_cpu:.1f} + {workers_cpu:.1f})  "
            f"{worker_mb:>18}  {_peak_kb() / 1024:9.0f}",
            flush=True,
        )
    print(f"identical to the single-process result at {one} treaties: yes")
    if args.row:
        _rows(args, done, one, local_s, local_c)


def _rows(
    args: argparse.Namespace,
    done: dict[tuple[int, int], tuple[float, float]],
    one: int,
    local_s: float,
    local_c: float,
) -> None:
    command = f"python bench/bench_dask.py --sizes {one} --one-worker-at {one} --row"
    (w1, c1), (w2, c2) = done[(one, 1)], done[(one, 2)]
    row(
        f"Dask `matrix --top-k`, {one:,} synthetic treaties: 2 workers against 1",
        f"{w1 / w2:.2f}x wall ({w2:.1f} s against {w1:.1f} s; CPU {c2:.1f} / {c1:.1f} s)",
        ">= 1.6x",
        w1 / w2 >= 1.6,
        command,
    )
    row(
        f"Dask `matrix --top-k`, {one:,} synthetic treaties: 1-worker cluster against one "
        "plain process",
        f"{w1 / local_s:.2f}x wall ({w1:.1f} s against {local_s:.1f} s; CPU {c1:.1f} / "
        f"{local_c:.1f} s)",
        "<= 1.2x",
        w1 / local_s <= 1.2,
        command,
    )


if __name__ == "__main__":
    main()
