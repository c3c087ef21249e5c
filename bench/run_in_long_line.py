"""CPU seconds of cutting run-in article headings out of one long flattened line.

A treaty that lost its line breaks reaches ``formats.run_in.split_run_in`` as one line;
its work must grow with the line, not with the line's square. Synthetic lines (written
here, no treaty text): N articles run in ("Article 1 The Parties shall ..."), and the
same length of cross-references that are never cut ("as said. Article 7 Applies ...").

    python bench/run_in_long_line.py                 # 1,000 to 40,000 articles
    python bench/run_in_long_line.py --sizes 4000
"""

from __future__ import annotations

import argparse
import time

from treatycmp.formats.run_in import split_run_in

ARTICLE = "The Parties shall act in good faith and in accordance with the rules set out herein."


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 4000, 40000])
    a = ap.parse_args(argv)
    print("| articles | line (chars) | kind | headings cut | CPU s |")
    print("|---:|---:|---|---:|---:|")
    for n in a.sizes:
        heads = " ".join(f"Article {i} {ARTICLE}" for i in range(1, n + 1))
        refs = " ".join(
            "as said. Article 7 Applies here too in all the other cases." for _ in range(n)
        )
        for kind, line in (("headings", "The Parties agree. " + heads), ("references", refs)):
            start = time.process_time()
            _, _, cut = split_run_in([(line, 1)], [False])
            spent = time.process_time() - start
            print(f"| {n:,} | {len(line):,} | {kind} | {len(cut):,} | {spent:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
