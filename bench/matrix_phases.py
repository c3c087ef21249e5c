"""Where the CPU of a cold `treatycmp matrix` goes, phase by phase, old code against new.

    python bench/matrix_phases.py --corpus DIR [--before OLD] [--repeat 3]

Each round runs, as new processes (interleaved with ``--before``), the command
``bench/bench_matrix.py`` times cold (``matrix ID... --corpus DIR -f csv -o OUT`` over
the English treaties, the cache folder empty), with the functions below wrapped to add
up their CPU seconds: reading and decoding the files, checking the YAML (composing and
the model), writing the parse cache, shingling (``build``, or ``build_from_files``
with the sets ``import`` stored beside the files: reading them, ``sidecar.read``, and
loading the files without one, ``load_treaty_cached``), storing the sets, the matrix.
The rest is imports, the CLI and the CSV. Medians of the rounds. It shows what a faster reader
can win: the phases other than the YAML set the floor of a cold run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_matrix import english_ids  # noqa: E402

#: (module, function) pairs timed in the child; a phase's time includes its callees.
PHASES = (
    ("treatycmp.cli.common", "load_corpus"),
    ("treatycmp.formats.treaty_yaml", "read_input"),
    ("treatycmp.formats.treaty_yaml", "decode_text"),
    ("treatycmp.formats.treaty_yaml", "_check_text"),
    ("treatycmp.formats.writing", "write_cache_entry"),
    ("treatycmp.similarity.sets_store", "build"),
    ("treatycmp.similarity.sets_store", "build_from_files"),
    ("treatycmp.similarity.sidecar", "read"),
    ("treatycmp.cache", "load_treaty_cached"),
    ("treatycmp.similarity.sets_store", "save"),
    ("treatycmp.similarity.matrix", "matrix_of_sets"),
)

CHILD = """
import importlib, json, resource, sys
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
spent = {}
def wrap(module, name):
    try:  # older code may lack a module or function: nothing to time there
        mod = importlib.import_module(module)
        f = getattr(mod, name)
    except (ImportError, AttributeError):
        return
    def timed(*a, **k):
        t = cpu()
        try:
            return f(*a, **k)
        finally:
            spent[name] = spent.get(name, 0.0) + cpu() - t
    setattr(mod, name, timed)
for module, name in PHASES:
    wrap(module, name)
from treatycmp.cli import main
sys.argv = ["treatycmp", *ARGS]
try:
    main()
except SystemExit:
    pass
spent["total"] = cpu()
print(json.dumps(spent))
"""


def run(code: Path, args: list[str], cache: Path) -> dict[str, float]:
    """One cold run of the treatycmp package in ``code``; CPU seconds by phase."""
    source = f"PHASES = {PHASES!r}\nARGS = {args!r}\n{CHILD}"
    env = {**os.environ, "TREATYCMP_CACHE": str(cache), "PYTHONPATH": str(code)}
    out = subprocess.run(
        [sys.executable, "-c", source], env=env, cwd=code, capture_output=True, check=True
    )
    phases: dict[str, float] = json.loads(out.stdout.decode().strip().splitlines()[-1])
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--before", type=Path, help="a folder holding older treatycmp code")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ids = english_ids(args.corpus)
    work = Path(tempfile.mkdtemp(prefix="matrix-phases-"))
    command = ["matrix", *ids, "--corpus", str(args.corpus), "-f", "csv", "-q", "--force"]
    codes = {"now": ROOT, **({"before": args.before} if args.before else {})}
    runs: dict[str, list[dict[str, float]]] = {name: [] for name in codes}
    for r in range(args.repeat):
        for name, code in codes.items():
            out = ["-o", str(work / f"{name}-{r}.csv")]
            runs[name].append(run(code, command + out, work / f"cache-{name}-{r}"))
    names = [name for _, name in PHASES] + ["total"]
    print(f"{len(ids)} treaties from {args.corpus}; CPU seconds, medians of {args.repeat}")
    print(f"{'phase':20}" + "".join(f"{name:>10}" for name in codes))
    for phase in names:
        cells = [statistics.median(r.get(phase, 0.0) for r in runs[name]) for name in codes]
        print(f"{phase:20}" + "".join(f"{c:10.2f}" for c in cells))


if __name__ == "__main__":
    main()
