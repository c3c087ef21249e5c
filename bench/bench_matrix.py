"""`treatycmp matrix` over the English ToTA as a user runs it, against the baseline.

    python bench/bench_matrix.py [--corpus DIR] [--tota /tmp/tota/xml] [--repeat 3] [--row]

End to end, every run a new process (imports, reading, the matrix, CSV output):

- ``treatycmp matrix ID... --corpus DIR -f csv -o OUT`` over the 424 English ToTA
  agreements, with the cache folder (``TREATYCMP_CACHE``) empty (*cold*: every YAML
  file parsed) and filled by an earlier run (*warm*);
- ``bench/matrix_baseline.py --yaml DIR ID...``: numpy + scipy.sparse 5-gram Jaccard
  reading the same YAML files with PyYAML's C loader (no cache: it has none);
- ``bench/matrix_baseline.py --texts DIR ID...``: the same baseline reading the same
  whole texts from plain files written beforehand (not timed): the strongest
  baseline, which parses nothing.

``--before DIR``: also the treatycmp package found in DIR (e.g. ``git archive
OLD_COMMIT | tar -x -C DIR``), cold and warm, in the same rounds (run with DIR as the
working directory, so it is what is imported).

Rounds are interleaved, so all of them see the same load; medians of wall and CPU
(user + system of the child) seconds. ``DIR`` is ToTA imported by the CLI
(``treatycmp import --from tota XML -o DIR``; done here first when DIR is missing).
The two outputs are compared by correlation (their normalisers differ in details).
ToTA is CC BY-NC 4.0: read where it lies, never copied into this repository.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from e2e import Runs, child, row  # noqa: E402
from matrix_baseline import yaml_text  # noqa: E402

GOAL = 2.0
TREATYCMP = [sys.executable, "-m", "treatycmp"]


def imported(corpus: Path, tota: Path) -> Path:
    """ToTA as YAML, imported with the CLI unless ``corpus`` already holds it."""
    if not corpus.is_dir():
        subprocess.run(
            [*TREATYCMP, "import", "--from", "tota", str(tota), "-o", str(corpus), "-q"],
            check=True,
        )
    return corpus


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=Path("/tmp/tota-yaml-bench/yaml"))
    parser.add_argument("--tota", type=Path, default=Path("/tmp/tota/xml"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--before", type=Path, help="a folder holding older treatycmp code")
    parser.add_argument("--row", action="store_true", help="print the run_all JSON rows")
    args = parser.parse_args()
    corpus = imported(args.corpus, args.tota)
    ids = english_ids(corpus)
    work = Path(tempfile.mkdtemp(prefix="bench-matrix-"))
    texts = work / "texts"
    texts.mkdir()
    for i in ids:  # the strongest baseline's input, written beforehand (not timed)
        (texts / f"{i}.txt").write_text(yaml_text(corpus / f"{i}.yaml"), encoding="utf-8")
    outs = {name: work / f"{name}.csv" for name in ("cold", "warm", "yaml", "texts")}
    ours = [*TREATYCMP, "matrix", *ids, "--corpus", str(corpus), "-f", "csv", "-q", "--force"]
    base = [sys.executable, str(ROOT / "bench" / "matrix_baseline.py")]
    cmds = {
        "yaml": [*base, "--yaml", str(corpus), *ids, "-o", str(outs["yaml"])],
        "texts": [*base, "--texts", str(texts), *ids, "-o", str(outs["texts"])],
    }
    names = ("cold", "warm", "yaml", "texts", "before cold", "before warm")
    runs = {name: Runs() for name in names}
    print(f"{len(ids)} English ToTA treaties from {corpus}; {args.repeat} interleaved rounds")
    for r in range(args.repeat):
        cache = work / f"cache-{r}"
        env = {"TREATYCMP_CACHE": str(cache)}
        child(cmds["yaml"], runs["yaml"])
        child([*ours, "-o", str(outs["cold"])], runs["cold"], env=env)
        child(cmds["texts"], runs["texts"])
        child([*ours, "-o", str(outs["warm"])], runs["warm"], env=env)
        if args.before is not None:
            env = {"TREATYCMP_CACHE": str(work / f"before-cache-{r}")}
            old = [*ours, "-o", str(work / "before.csv")]
            child(old, runs["before cold"], env=env, cwd=str(args.before))
            child(old, runs["before warm"], env=env, cwd=str(args.before))
    for name, what in (
        ("yaml", "baseline reading the YAML (numpy + scipy.sparse)"),
        ("texts", "baseline reading plain texts (strongest)"),
        ("cold", "treatycmp matrix, cache cold"),
        ("warm", "treatycmp matrix, cache warm"),
        ("before cold", "--before code, cache cold"),
        ("before warm", "--before code, cache warm"),
    ):
        if runs[name].wall:
            print(f"{what:52} {runs[name].describe()}")
    a, b = read_matrix(outs["warm"]), read_matrix(outs["texts"])
    upper = np.triu_indices(len(ids), 1)
    same = np.array_equal(read_matrix(outs["cold"]), a)
    print(
        f"score correlation with the baseline {np.corrcoef(a[upper], b[upper])[0, 1]:.4f}; "
        f"cold and warm outputs equal: {same}"
    )
    for cache in ("cold", "warm"):
        if runs[f"before {cache}"].wall:
            (ow, oc), (nw, nc) = runs[f"before {cache}"].median(), runs[cache].median()
            print(f"cache {cache}: --before / now {ow / nw:.2f}x wall, {oc / nc:.2f}x CPU")
    command = "python bench/bench_matrix.py --repeat 3"
    for cache in ("cold", "warm"):
        wall, cpu = runs[cache].median()
        for base_name, label in (("yaml", "YAML"), ("texts", "plain texts")):
            bw, bc = runs[base_name].median()
            measured = (
                f"{bw / wall:.2f}x wall, {bc / cpu:.2f}x CPU faster "
                f"({wall:.2f} s / {cpu:.2f} s CPU against {bw:.2f} s / {bc:.2f} s)"
            )
            if runs[f"before {cache}"].wall:
                ow, oc = runs[f"before {cache}"].median()
                measured += f"; before: {bw / ow:.2f}x wall, {bc / oc:.2f}x CPU"
            line = (
                f"matrix, 424 English ToTA, cache {cache}, vs numpy/scipy baseline reading {label}"
            )
            if args.row:
                row(line, measured, f">= {GOAL:g}x", min(bw / wall, bc / cpu) >= GOAL, command)
            else:
                print(f"{line}: {measured}")


if __name__ == "__main__":
    main()
