"""Corpus-scale benchmarks: treaty matrix and clause nearest-neighbours, synthetic and ToTA.

    python bench/bench_corpus.py                      # synthetic 100/300/1000 + ToTA if present
    python bench/bench_corpus.py --sizes 100 --no-tota
    python bench/bench_corpus.py --python-baseline    # also the pure-Python Jaccard on ToTA

Synthetic corpora come from bench/synth.py (seeded; 25 articles per treaty).
ToTA is read from --tota (default: ../shared/corpora/tota unpacked to /tmp/tota/xml,
or the tarball itself, unpacked to a temporary folder). Figures go to stdout as
a markdown table; docs/performance.md records them.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import synth_corpus

from treatycmp.formats.tota import iter_tota
from treatycmp.model import Treaty
from treatycmp.similarity.forms import normalize_many
from treatycmp.similarity.matrix import treaty_matrix
from treatycmp.similarity.nearest import ClauseIndex

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
TOTA_TAR = ROOT.parent / "shared" / "corpora" / "tota" / "tota-xml.tar.xz"


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - start


def row(what: str, n: str, seconds: float, note: str = "") -> None:
    print(f"| {what} | {n} | {seconds:.2f} | {note} |", flush=True)


def python_jaccard(treaties: list[Treaty]) -> float:
    """The baseline: 5-gram shingle sets as Python sets, every pair, same normalised text."""
    forms = normalize_many(["\n".join(c.text for c in t.clauses()) for t in treaties])
    start = time.perf_counter()
    sets = [{f[i : i + 5] for i in range(max(len(f) - 4, 1))} for f in forms]
    for i, a in enumerate(sets):
        for b in sets[i + 1 :]:
            _ = len(a & b) / len(a | b)
    return time.perf_counter() - start


def bench_synthetic(sizes: list[int]) -> None:
    for n in sizes:
        corpus = synth_corpus(n, 25, seed=n)
        clauses = sum(len(t.clauses()) for t in corpus)
        _, secs = timed(lambda c=corpus: treaty_matrix(c))  # type: ignore[misc]
        row("matrix, synthetic", f"{n} treaties ({clauses} paragraphs)", secs)
    corpus = synth_corpus(1000, 25, seed=7)
    index, build = timed(lambda: ClauseIndex.build(corpus, level="article"))
    tid, clause = index.entries[12345]
    _, query = timed(lambda: index.nearest_to(tid, clause.id, 10))
    row("nearest, synthetic: index build", f"{len(index)} articles", build)
    row("nearest, synthetic: one query (k=10)", f"{len(index)} articles", query)
    row("nearest, synthetic: build + query", f"{len(index)} articles", build + query)


def tota_dir(arg: str | None) -> Path | None:
    if arg:
        return Path(arg)
    if Path("/tmp/tota/xml").is_dir():
        return Path("/tmp/tota/xml")
    if TOTA_TAR.exists():
        out = Path(tempfile.mkdtemp(prefix="tota-"))
        with tarfile.open(TOTA_TAR) as tar:
            tar.extractall(out, filter="data")
        return out / "xml"
    return None


def bench_tota(folder: Path, baseline: bool) -> None:
    treaties, secs = timed(lambda: list(iter_tota(folder)))
    row("ToTA import (XML -> model)", f"{len(treaties)} files", secs)
    english = [t for t in treaties if t.language == "en"]
    matrix, secs = timed(lambda: treaty_matrix(english))
    row("matrix, ToTA English", f"{len(english)} treaties", secs)
    index, build = timed(lambda: ClauseIndex.build(english, level="article"))
    row("nearest, ToTA English: index build", f"{len(index)} articles", build)
    eu = next(t for t in english if t.title.startswith("EU - "))
    art = next(a for a in eu.article_list if len(a.text) > 300)
    hits, query = timed(lambda: index.nearest_to(eu.id, art.id, 10, other_treaties=True))
    row("nearest, ToTA English: one query (k=10)", f"{len(index)} articles", query)
    row("nearest, ToTA English: build + query", f"{len(index)} articles", build + query)
    titles = {t.id: t.title for t in english}
    print(f"\nNearest to {eu.id} ({eu.title}) article {art.id}:")
    for h in hits:
        print(f"  {h.score:.3f}  {h.treaty} ({titles[h.treaty]}) article {h.clause.id}")
    i = matrix.ids.index(eu.id)
    best = sorted(((s, j) for j, s in enumerate(matrix.scores[i]) if j != i), reverse=True)[:5]
    print(f"Most similar treaties to {eu.id} ({eu.title}):")
    for s, j in best:
        print(f"  {s:.3f}  {matrix.ids[j]} ({titles[matrix.ids[j]]})")
    if baseline:
        secs = python_jaccard(english)
        print()
        row("baseline: pure-Python 5-gram Jaccard, ToTA English", f"{len(english)}", secs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 300, 1000])
    parser.add_argument("--tota", help="folder of ToTA pta_N.xml files")
    parser.add_argument("--no-tota", action="store_true")
    parser.add_argument("--python-baseline", action="store_true")
    args = parser.parse_args(argv)
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}\n")
    print("| what | size | seconds | note |\n|---|---|---|---|")
    bench_synthetic(args.sizes)
    folder = None if args.no_tota else tota_dir(args.tota)
    if folder is not None:
        bench_tota(folder, args.python_baseline)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
