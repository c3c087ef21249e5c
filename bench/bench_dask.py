"""matrix --top-k on a Dask LocalCluster: 1 against 2 workers, and growth with corpus size.

    python bench/bench_dask.py [--sizes 2500 5000 10000 20000] [--articles 25] [--k 10]
        [--block 1000] [--one-worker-at 20000]

A seeded synthetic corpus (``synth.synth_corpus(N, articles, seed=15)``; each size
is a prefix of the largest, itself a seeded corpus) is ranked with
``dask_backend.top_k`` on a fresh ``LocalCluster`` (processes, one thread each, BLAS
held to one thread so a worker is one core) for each size on 2 workers, and on 1
worker at ``--one-worker-at``. For each run: wall seconds, the peak resident memory
of each worker and of this (client) process. The smallest size is also ranked in
this process with ``similarity.treaty_top_k`` and the results compared (identical).
"""

from __future__ import annotations

import argparse
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


def run(treaties: list[Any], workers: int, k: int, block: int) -> tuple[Any, float, list[int]]:
    from dask.distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            memory_limit=0,
        ) as cluster,
        Client(cluster) as client,
    ):
        start = time.perf_counter()
        top = dask_backend.top_k(client, treaties, k, block=block)
        seconds = time.perf_counter() - start
        peaks = list(client.run(_peak_kb).values())
    return top, seconds, peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 10000, 20000])
    parser.add_argument("--articles", type=int, default=25)
    parser.add_argument("--k", type=int, default=10)
    parser.add_argument("--block", type=int, default=1000)
    parser.add_argument("--one-worker-at", type=int, default=None)
    args = parser.parse_args()
    largest = max(args.sizes)
    start = time.perf_counter()
    corpus = synth_corpus(largest, args.articles, seed=15)
    chars = sum(len(c.text) for c in corpus[0].clauses())
    print(
        f"synthetic corpus: {largest} treaties x {args.articles} articles "
        f"(~{chars:,} characters each), generated in {time.perf_counter() - start:.0f} s"
    )
    smallest = min(args.sizes)
    local_start = time.perf_counter()
    local = treaty_top_k(corpus[:smallest], args.k, block=args.block)
    local_s = time.perf_counter() - local_start
    print(f"in-process treaty_top_k, {smallest} treaties: {local_s:.1f} s")
    print("treaties  workers  blocks  pair tasks  seconds  peak MB per worker  client MB")
    one = args.one_worker_at or largest
    plan = [(n, 2) for n in sorted(args.sizes)] + [(one, 1)]
    for n, workers in plan:
        top, seconds, peaks = run(corpus[:n], workers, args.k, args.block)
        if n == smallest:
            assert top == local, "the cluster and the single process disagree"
        blocks = -(-n // args.block)
        worker_mb = " / ".join(f"{p / 1024:.0f}" for p in peaks)
        print(
            f"{n:8}  {workers:7}  {blocks:6}  {blocks * (blocks + 1) // 2:10}  "
            f"{seconds:7.1f}  {worker_mb:>18}  {_peak_kb() / 1024:9.0f}",
            flush=True,
        )
    print(f"identical to the single-process result at {smallest} treaties: yes")


if __name__ == "__main__":
    main()
