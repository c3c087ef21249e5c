"""Nearest on ToTA: the word-level shortlist against the exact scan, per query.

    python bench/bench_tota_cli.py [TOTA_XML_DIR] [--queries 12] [--seed 1]

Loads the English agreements of ToTA from XML (CC BY-NC: read where it lies), builds
the article index once, then for random articles times ``nearest_to(k=10)`` with the
shortlist and with ``exact=True``, and says whether the two top-10 lists are equal.
The CLI runs of every issue-6 command are in bench_tota_cli.sh.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from treatycmp.formats.tota import iter_tota
from treatycmp.similarity.codes import word_codes
from treatycmp.similarity.nearest import ClauseIndex


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default="/tmp/tota/xml")
    ap.add_argument("--queries", type=int, default=12)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    english = [t for t in iter_tota(Path(args.folder)) if t.language == "en"]
    start = time.perf_counter()
    index = ClauseIndex.build(english, level="article")
    print(f"index build: {time.perf_counter() - start:.2f} s, {len(index)} articles")
    forms = index._forms
    start = time.perf_counter()
    word_codes(forms)
    print(f"word codes (paid by the first query): {time.perf_counter() - start:.2f} s")
    index.nearest("warm up the word codes", 1)
    rng = np.random.default_rng(args.seed)
    same = 0
    print("| query chars | fast s | exact s | same top 10 | 10th exact | 10th fast |")
    print("|---|---|---|---|---|---|")
    for i in rng.choice(len(index), args.queries, replace=False).tolist():
        tid, clause = index.entries[i]
        start = time.perf_counter()
        fast = index.nearest_to(tid, clause.id, 10)
        mid = time.perf_counter()
        exact = index.nearest_to(tid, clause.id, 10, exact=True)
        end = time.perf_counter()
        same += fast == exact
        print(
            f"| {len(forms[i])} | {mid - start:.3f} | {end - mid:.3f} | {fast == exact} "
            f"| {exact[-1].score} | {fast[-1].score} |",
            flush=True,
        )
    print(f"same top 10: {same} of {args.queries}")


if __name__ == "__main__":
    main()
