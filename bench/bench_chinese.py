"""Chinese word diff on real text: how much of a paragraph one edit marks as changed.

Real data: every Chinese paragraph (at least 20 characters) of the 28 treaties of
the open-treaties dataset (../shared/corpora/open-treaties, CC0), converted with
scripts/open_treaties.py. Each paragraph gets seeded random edits (one character
replaced; three adjacent characters replaced) and is diffed three ways in the same
run:

- ``treatycmp``: ``diff_words`` (each Han character a token, semantic clean-up);
- ``runs``: the same diff with the tokeniser used before Chinese support (a run of
  characters between punctuation is one token) - what a paragraph looked like;
- ``chars``: difflib's SequenceMatcher on characters, no clean-up - the strongest
  simple baseline (minimal by construction, but unreadable on rewritten phrases).

Reported: characters of the original marked changed per edit (ideal: the edit's
size), the share of edits marked exactly, and the time per diff. Nothing is tuned
here (the clean-up constants were set on English), so the whole set is the report
set. The machine may be loaded: compare the columns of one run.

    python bench/bench_chinese.py [--paragraphs 2000] [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import re
import sys
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import open_treaties  # noqa: E402

from treatycmp import diff  # noqa: E402
from treatycmp.text import tokenize  # noqa: E402

_OLD_TOKEN = re.compile(r"\s+|[\w\[\]'\u2019\-]+|[^\w\s]", re.UNICODE)
HAN = re.compile(r"[\u4e00-\u9fff]")


def paragraphs(data: Path, limit: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    for path in sorted(data.glob("*.json")):
        treaty = json.loads(path.read_text(encoding="utf-8"))
        for article in treaty["articles"]:
            out.extend(p for p in open_treaties.lines(article["content_zh"]) if len(p) >= 20)
    rng.shuffle(out)
    return out[:limit]


def edit(text: str, size: int, rng: random.Random) -> tuple[str, int]:
    """``text`` with ``size`` adjacent Han characters replaced, and where."""
    spots = [
        i for i in range(len(text) - size + 1) if all(HAN.match(c) for c in text[i : i + size])
    ]
    i = rng.choice(spots)
    new = "".join(chr(0x4E00 + (ord(c) - 0x4E00 + 977) % 0x5200) for c in text[i : i + size])
    return text[:i] + new + text[i + size :], i


def marked_treatycmp(left: str, right: str) -> int:
    return sum(len(o.left) for o in diff.diff_words(left, right) if o.op != "equal")


def marked_runs(left: str, right: str) -> int:
    saved = diff.tokenize
    diff.tokenize = _OLD_TOKEN.findall  # type: ignore[assignment]
    try:
        return marked_treatycmp(left, right)
    finally:
        diff.tokenize = saved  # type: ignore[assignment]


def marked_chars(left: str, right: str) -> int:
    sm = SequenceMatcher(None, left, right, autojunk=False)
    return sum(i2 - i1 for tag, i1, i2, _, _ in sm.get_opcodes() if tag != "equal")


METHODS: dict[str, Callable[[str, str], int]] = {
    "treatycmp": marked_treatycmp,
    "runs": marked_runs,
    "chars": marked_chars,
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--data", type=Path, default=open_treaties.DATA)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.stderr.write(f"{args.data}: open-treaties not found\n")
        return 2
    rng = random.Random(args.seed)
    texts = paragraphs(args.data, args.paragraphs, rng)
    assert all("".join(tokenize(t)) == t for t in texts)
    chars = sum(len(t) for t in texts)
    sys.stdout.write(
        f"{len(texts)} Chinese paragraphs ({chars} characters, mean {chars / len(texts):.0f}), "
        f"seed {args.seed}\n\n"
    )
    sys.stdout.write(
        "| edit | method | chars marked per edit (mean) | marked exactly | ms per diff |\n"
    )
    sys.stdout.write("|---|---|---:|---:|---:|\n")
    for size in (1, 3):
        pairs = [edit(t, size, rng)[0] for t in texts]
        for name, fn in METHODS.items():
            start = time.perf_counter()
            marked = [fn(a, b) for a, b in zip(texts, pairs, strict=True)]
            took = (time.perf_counter() - start) / len(texts) * 1000
            exact = sum(m == size for m in marked) / len(marked)
            mean = sum(marked) / len(marked)
            label = f"{size} char{'s' if size > 1 else ''}"
            sys.stdout.write(f"| {label} | {name} | {mean:.1f} | {exact:.1%} | {took:.2f} |\n")
    sys.stdout.write("\n" + real_pairs(args.data) + "\n")
    sys.stdout.write("\n" + alignment(args.data) + "\n")
    return 0


def alignment(data: Path) -> str:
    """Clauses paired between consecutive Geneva Conventions, Chinese against English."""
    import tempfile

    from treatycmp import compare
    from treatycmp.formats.treaty_yaml import load_treaty

    keys = ["gc-i", "gc-ii", "gc-iii", "gc-iv"]
    rows = [
        "Clauses paired (same / changed / moved; split and merged count once) between",
        "consecutive Geneva Conventions, each pair aligned in Chinese and in English:",
        "",
        "| pair | language | same | changed | moved | split/merged | unpaired | seconds |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        open_treaties.write_corpus(Path(tmp), keys, data)
        for a, b in itertools.pairwise(keys):
            for lang, suffix in (("zh", "_at_zh"), ("en", "")):
                left = load_treaty(Path(tmp) / f"ot-{a}{suffix}.yaml")
                right = load_treaty(Path(tmp) / f"ot-{b}{suffix}.yaml")
                start = time.perf_counter()
                pairs = compare(left, right).pairs
                took = time.perf_counter() - start
                n = {k: sum(1 for p in pairs if p.kind == k) for k in ("same", "changed", "moved")}
                sm = sum(1 for p in pairs if p.kind in ("split", "merged"))
                alone = sum(1 for p in pairs if p.kind in ("added", "removed"))
                rows.append(
                    f"| {a} / {b} | {lang} | {n['same']} | {n['changed']} | {n['moved']} "
                    f"| {sm} | {alone} | {took:.2f} |"
                )
    return "\n".join(rows)


def spans(codes: list[tuple[str, str]]) -> tuple[int, int]:
    """Non-equal spans and characters of the left text they cover."""
    return sum(1 for op, _ in codes if op != "equal"), sum(
        len(t) for op, t in codes if op != "equal"
    )


def real_pairs(data: Path) -> str:
    """Changed pairs that treatycmp aligns between the Chinese Geneva Conventions I-IV."""
    import tempfile

    from treatycmp import compare
    from treatycmp.formats.treaty_yaml import load_treaty

    keys = ["gc-i", "gc-ii", "gc-iii", "gc-iv"]
    with tempfile.TemporaryDirectory() as tmp:
        open_treaties.write_corpus(Path(tmp), keys, data)
        zh = {k: load_treaty(Path(tmp) / f"ot-{k}_at_zh.yaml") for k in keys}
    pairs: list[tuple[str, str]] = []
    for a, b in itertools.pairwise(keys):
        for p in compare(zh[a], zh[b]).pairs:
            if p.kind == "changed" and len(p.left) == len(p.right) == 1:
                pairs.append((p.left[0].text, p.right[0].text))
    rows = [
        f"{len(pairs)} changed paragraph pairs aligned between GC I-II, II-III, III-IV (Chinese)",
        "",
    ]
    rows += [
        "| method | change spans per pair (mean) | chars marked per pair (mean) |",
        "|---|---:|---:|",
    ]
    for name in ("treatycmp", "chars"):
        got = []
        for left, right in pairs:
            if name == "treatycmp":
                codes = [(o.op, o.left) for o in diff.diff_words(left, right)]
            else:
                sm = SequenceMatcher(None, left, right, autojunk=False)
                codes = [(tag, left[i1:i2]) for tag, i1, i2, _, _ in sm.get_opcodes()]
            got.append(spans(codes))
        n = len(got)
        rows.append(
            f"| {name} | {sum(g[0] for g in got) / n:.1f} | {sum(g[1] for g in got) / n:.1f} |"
        )
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
