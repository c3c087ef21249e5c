"""What functional pairing costs: ``compare()`` with and without it, on the same pairs.

    python bench/bench_functional.py [TOTA_DIR]   # default /tmp/tota/xml

Bundled pairs (the analyst's case: few clauses) and three long ToTA pairs (hundreds of
clauses, almost all left unpaired by the text, so every one is read for its function).
Best of three runs each; the ratio on/off in the same run is what counts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from timing import best

from treatycmp.analysis import CompareOptions, bundled_rules, compare
from treatycmp.corpus import Corpus
from treatycmp.formats.tota import load_tota
from treatycmp.model import Treaty

BUNDLED = [
    ("north-atlantic-1949", "dprk-russia-2024"),
    ("us-rok-1953", "dprk-russia-2024@meduza"),
    ("ussr-dprk-1961", "dprk-russia-2024"),
]
TOTA = [("pta_1", "pta_2"), ("pta_100", "pta_101"), ("pta_110", "pta_1")]


def row(name: str, a: Treaty, b: Treaty) -> str:
    off = best(lambda: compare(a, b, CompareOptions(functional=False)), 3)
    on = best(lambda: compare(a, b, CompareOptions(functional=True)), 3)
    size = f"{len(a.clauses())} x {len(b.clauses())}"
    return f"| {name} | {size} | {off * 1000:.0f} | {on * 1000:.0f} | {on / off:.2f} |"


def main() -> int:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/tota/xml")
    bundled_rules()
    corpus = Corpus.load(env={})
    print("| pair | clauses | off (ms) | on (ms) | on / off |")
    print("|---|---|---:|---:|---:|")
    for left, right in BUNDLED:
        print(row(f"{left} / {right}", corpus.get(left), corpus.get(right)))
    for left, right in TOTA:
        a, b = folder / f"{left}.xml", folder / f"{right}.xml"
        if a.is_file() and b.is_file():
            print(row(f"ToTA {left} / {right}", load_tota(a), load_tota(b)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
