"""`treatycmp matrix` over the English ToTA as a user runs it, against the baseline.

    python bench/bench_matrix.py [--tota /tmp/tota/xml] [--repeat 3] [--before DIR] [--row]

What a user does: ``treatycmp import --from tota XML -o YAML`` (timed once per code, a
row of its own: the import now also stores each file's shingle set beside it,
``similarity/sidecar.py``), then ``treatycmp matrix ID... --corpus YAML -f csv -o OUT``
over the 424 English agreements. Every run is a new process (imports, reading, the
matrix, CSV output):

- *cold*: the cache folder (``TREATYCMP_CACHE``) empty, no state left by any earlier
  ``matrix`` or ``nearest``; what the import wrote beside the files is there, as it is
  for every user who imported the corpus;
- *cold, no stored sets*: the same over a copy of the imported files without the sets
  (as a corpus imported by older code, or by hand): every YAML file parsed and every
  text shingled;
- *warm*: the cache folder filled by the cold run before;
- ``bench/matrix_baseline.py --yaml YAML ID...``: numpy + scipy.sparse 5-gram Jaccard
  reading the same YAML files with PyYAML's C loader (no cache: it has none);
- ``bench/matrix_baseline.py --texts DIR ID...``: the same baseline reading the same
  whole texts from plain files written beforehand (not timed): the strongest
  baseline, which parses nothing.

``--before DIR``: also the treatycmp package found in DIR (e.g. ``git archive
OLD_COMMIT | tar -x -C DIR``): its own import (timed), then cold and warm, in the same
rounds (run with DIR as the working directory, so it is what is imported).

Rounds are interleaved, so all of them see the same load; medians of wall and CPU
(user + system of the child) seconds. The outputs are compared: treatycmp's three
must be equal, the baseline's by correlation (their normalisers differ in details).
ToTA is CC BY-NC 4.0: read where it lies, never copied into this repository.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from e2e import Runs, child, row  # noqa: E402
from matrix_baseline import shingle_set, yaml_text  # noqa: E402

GOAL = 2.0
TREATYCMP = [sys.executable, "-m", "treatycmp"]


def english_ids(corpus: Path) -> list[str]:
    """The ids of the English treaties in ``corpus``, in file-name order."""
    ids = []
    for path in sorted(corpus.glob("*.yaml")):
        head = path.read_text(encoding="utf-8").split("\npreamble:", 1)[0]
        if "\nlanguage: en\n" in head:
            ids.append(path.stem)
    return ids


def read_matrix(path: Path) -> np.ndarray:  # type: ignore[type-arg]
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    return np.array([[float(v) for v in r[1:]] for r in rows[1:]])


def import_run(code: Path | None, tota: Path, target: Path) -> tuple[float, float, float]:
    """``treatycmp import --from tota`` of the whole folder as a user runs it, timed."""
    cwd = None if code is None else str(code)
    return child([*TREATYCMP, "import", "--from", "tota", str(tota), "-o", str(target)], cwd=cwd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--corpus", type=Path, help="not read: the benchmark imports ToTA itself (kept for run_all)"
    )
    parser.add_argument("--tota", type=Path, default=Path("/tmp/tota/xml"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a folder holding older treatycmp code")
    parser.add_argument("--row", action="store_true", help="print the run_all JSON rows")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-matrix-"))
    # The corpus as a user makes it: imported by this code (which stores the shingle
    # sets beside the files), and by the --before code; each import timed.
    corpus, imports = work / "yaml", {"now": import_run(None, args.tota, work / "yaml")}
    if args.before is not None:
        imports["before"] = import_run(args.before, args.tota, work / "yaml-before")
    ids = english_ids(corpus)
    bare = work / "bare"  # the same files without the stored sets (copied, not timed)
    shutil.copytree(corpus, bare, ignore=shutil.ignore_patterns(".treatycmp-sets"))
    texts = work / "texts"
    texts.mkdir()
    sets = work / "sets"
    sets.mkdir()
    for i in ids:  # the strongest baselines' inputs, written beforehand (not timed)
        text = yaml_text(corpus / f"{i}.yaml")
        (texts / f"{i}.txt").write_text(text, encoding="utf-8")
        np.save(sets / f"{i}.npy", shingle_set(text))
    outs = {
        name: work / f"{name}.csv" for name in ("cold", "warm", "yaml", "texts", "sets", "bare")
    }
    ours = [*TREATYCMP, "matrix", *ids, "-f", "csv", "-q", "--force"]
    base = [sys.executable, str(ROOT / "bench" / "matrix_baseline.py")]
    cmds = {
        "yaml": [*base, "--yaml", str(corpus), *ids, "-o", str(outs["yaml"])],
        "texts": [*base, "--texts", str(texts), *ids, "-o", str(outs["texts"])],
        "sets": [*base, "--sets", str(sets), *ids, "-o", str(outs["sets"])],
    }
    names = ("cold", "warm", "bare", "yaml", "texts", "sets", "before cold", "before warm")
    runs = {name: Runs() for name in names}
    print(f"{len(ids)} English ToTA treaties from {args.tota}; {args.repeat} interleaved rounds")
    for r in range(args.repeat):
        env = {"TREATYCMP_CACHE": str(work / f"cache-{r}")}
        child(cmds["yaml"], runs["yaml"])
        child([*ours, "--corpus", str(corpus), "-o", str(outs["cold"])], runs["cold"], env=env)
        child(cmds["texts"], runs["texts"])
        child([*ours, "--corpus", str(corpus), "-o", str(outs["warm"])], runs["warm"], env=env)
        child(cmds["sets"], runs["sets"])
        env = {"TREATYCMP_CACHE": str(work / f"bare-cache-{r}")}
        child([*ours, "--corpus", str(bare), "-o", str(outs["bare"])], runs["bare"], env=env)
        if args.before is not None:
            env = {"TREATYCMP_CACHE": str(work / f"before-cache-{r}")}
            old = [*ours, "--corpus", str(work / "yaml-before"), "-o", str(work / "before.csv")]
            child(old, runs["before cold"], env=env, cwd=str(args.before))
            child(old, runs["before warm"], env=env, cwd=str(args.before))
    report(args, ids, runs, outs, imports)
    shutil.rmtree(work)  # two imports, their stored sets and six caches: ~1 GB


def report(
    args: argparse.Namespace,
    ids: list[str],
    runs: dict[str, Runs],
    outs: dict[str, Path],
    imports: dict[str, tuple[float, float, float]],
) -> None:
    """Print the figures (and, with ``--row``, the run_all rows)."""
    for code, (wall, cpu, mb) in imports.items():
        print(f"import --from tota, {code:6} code: {wall:.2f} s wall, {cpu:.2f} s CPU, {mb:.0f} MB")
    for name, what in (
        ("yaml", "baseline reading the YAML (numpy + scipy.sparse)"),
        ("texts", "baseline reading plain texts (strongest)"),
        ("sets", "baseline reading its sets stored beforehand"),
        ("cold", "treatycmp matrix, cache cold (sets from import)"),
        ("bare", "cache cold, corpus imported without stored sets"),
        ("warm", "treatycmp matrix, cache warm"),
        ("before cold", "--before code, cache cold"),
        ("before warm", "--before code, cache warm"),
    ):
        if runs[name].wall:
            print(f"{what:52} {runs[name].describe()}")
    a, b = read_matrix(outs["warm"]), read_matrix(outs["texts"])
    assert np.array_equal(read_matrix(outs["sets"]), b), "the baseline's two readings differ"
    upper = np.triu_indices(len(ids), 1)
    same = all(np.array_equal(read_matrix(outs[k]), a) for k in ("cold", "bare"))
    print(
        f"score correlation with the baseline {np.corrcoef(a[upper], b[upper])[0, 1]:.4f}; "
        f"cold (sets from import), cold (no sets) and warm outputs equal: {same}"
    )
    for cache in ("cold", "warm"):
        if runs[f"before {cache}"].wall:
            (ow, oc), (nw, nc) = runs[f"before {cache}"].median(), runs[cache].median()
            print(f"cache {cache}: --before / now {ow / nw:.2f}x wall, {oc / nc:.2f}x CPU")
    command = "python bench/bench_matrix.py --repeat 3"
    if args.row and "before" in imports:
        (nw, nc, _), (ow, oc, _) = imports["now"], imports["before"]
        measured = f"{nw:.1f} s / {nc:.1f} s CPU; before {ow:.1f} s / {oc:.1f} s CPU"
        row(
            "import --from tota, 450 ToTA XML (now stores the shingle sets)",
            measured,
            "reported",
            None,
            command,
        )
    if args.row:  # the like-for-like of the sets import stores: reported, not the goal's
        (wall, cpu), (bw, bc) = runs["cold"].median(), runs["sets"].median()
        row(
            "matrix cold (sets stored by import) vs the baseline reading its own sets "
            "stored beforehand",
            f"{bw / wall:.2f}x wall, {bc / cpu:.2f}x CPU ({wall:.2f} s / {cpu:.2f} s CPU "
            f"against {bw:.2f} s / {bc:.2f} s)",
            "reported",
            None,
            command,
        )
    for cache, label_cache in (
        ("cold", "cache cold (sets stored by import)"),
        ("bare", "cache cold, no stored sets"),
        ("warm", "cache warm"),
    ):
        wall, cpu = runs[cache].median()
        for base_name, label in (("yaml", "YAML"), ("texts", "plain texts")):
            bw, bc = runs[base_name].median()
            measured = (
                f"{bw / wall:.2f}x wall, {bc / cpu:.2f}x CPU faster "
                f"({wall:.2f} s / {cpu:.2f} s CPU against {bw:.2f} s / {bc:.2f} s)"
            )
            old = f"before {cache}"  # no "before bare": the --before code's import stored sets
            if old in runs and runs[old].wall:
                ow, oc = runs[old].median()
                measured += f"; before: {bw / ow:.2f}x wall, {bc / oc:.2f}x CPU"
            line = (
                f"matrix, 424 English ToTA, {label_cache}, vs numpy/scipy baseline reading {label}"
            )
            if args.row:
                row(line, measured, f">= {GOAL:g}x", min(bw / wall, bc / cpu) >= GOAL, command)
            else:
                print(f"{line}: {measured}")


if __name__ == "__main__":
    main()
