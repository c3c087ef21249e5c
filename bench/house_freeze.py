"""Digests of what the comparator answers, to prove a refactoring changed no behaviour.

    python bench/house_freeze.py bundled            # every bundled pair, both levels
    python bench/house_freeze.py tota [--xml DIR]    # the ToTA alignment benchmark's pairs
    python bench/house_freeze.py bundled --write F   # write the digests as JSON to F

``bundled``: the diff JSON (``render_json(compare(a, b))``) of every unordered pair of
bundled treaties, at paragraph and article level. ``tota``: the pairs, kinds and scores
``align_clauses`` gives on every treaty pair that bench/bench_tota_align.py draws (both
parts, both levels). Each answer is kept as a 16-hex-digit SHA-256 digest; the golden
file tests/golden/house/freeze.json holds the digests of the last reviewed state, and
tests/test_house_freeze.py compares (the ToTA half in the slow tier).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from treatycmp.align.aligner import align_clauses  # noqa: E402
from treatycmp.analysis import CompareOptions, compare  # noqa: E402
from treatycmp.corpus import Corpus  # noqa: E402
from treatycmp.model import Level  # noqa: E402
from treatycmp.render.diff.json import render_json  # noqa: E402

LEVELS: tuple[Level, ...] = ("paragraph", "article")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def bundled_digests() -> dict[str, str]:
    """``left|right|level`` -> digest of the diff JSON, for every bundled pair."""
    corpus = Corpus.load(env={})
    ids = sorted(t.id for t in corpus.treaties)
    out: dict[str, str] = {}
    for level in LEVELS:
        options = CompareOptions(level=level)
        for a, b in itertools.combinations(ids, 2):
            out[f"{a}|{b}|{level}"] = digest(
                render_json(compare(corpus.get(a), corpus.get(b), options))
            )
    return out


def tota_digests(xml: Path) -> dict[str, str]:
    """``left|right|level`` -> digest of the aligner's pairs on the ToTA benchmark."""
    from bench_tota_align import cases

    out: dict[str, str] = {}
    for family_cases in cases(xml, 10, 9).values():
        for case, _part in family_cases:
            for level in LEVELS:
                pairs = align_clauses(case.a.clauses[level], case.b.clauses[level])
                rows = [
                    ([c.id for c in p.left], [c.id for c in p.right], p.kind, p.score)
                    for p in pairs
                ]
                key = f"{case.a.treaty.id}|{case.b.treaty.id}|{level}"
                out[key] = digest(json.dumps(rows))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("bundled", "tota"))
    ap.add_argument("--xml", type=Path, default=Path("/tmp/tota/xml"))
    ap.add_argument("--write", type=Path, help="merge the digests into this JSON file")
    args = ap.parse_args(argv)
    found = bundled_digests() if args.what == "bundled" else tota_digests(args.xml)
    if args.write:
        data = json.loads(args.write.read_text()) if args.write.is_file() else {}
        data[args.what] = found
        args.write.parent.mkdir(parents=True, exist_ok=True)
        args.write.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    else:
        print(json.dumps(found, indent=1, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
