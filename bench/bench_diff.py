"""Word diff on long clauses (figures go in docs/performance.md).

    python bench/bench_diff.py [--sizes 2500 5000 20000 40000] [--repeat 3] [--profile]
        [--tota /tmp/tota/xml] [--cli]

Times ``diff_words`` (best of N) on single-paragraph texts of N words, three kinds:

- ``random``: two independent texts of seeded random words (few long matches, every
  white space token matching every other: difflib's worst case);
- ``edited``: a random text against a copy with 5 % of its words inserted, deleted
  or replaced (seeded);
- ``tota``: the longest ToTA article (MERCOSUR - SACU, ~13,700 words; repeated to
  reach the size) against the same 5 % edit; only when ToTA is on the machine.
  ToTA is CC BY-NC 4.0: read where it lies, never copied into this repository.

With ToTA it also diffs two real related long articles (US - Panama 15.11 against
US - Colombia 16.11, ~4,200 words each). ``--profile`` prints cProfile's top entries
for each case instead of timing it. ``--cli`` also times ``treatycmp diff A B -f json``
on the largest random pair, written as two single-paragraph treaties.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from timing import best  # noqa: E402

from treatycmp.diff import diff_words  # noqa: E402

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def vocabulary(rng: random.Random, size: int = 3000) -> list[str]:
    """Pseudo-words of 1 to 10 letters, a few with a comma or full stop."""
    words = ["".join(rng.choices(LETTERS, k=rng.randint(1, 10))) for _ in range(size)]
    return [w + rng.choice(["", "", "", "", "", "", "", "", ",", "."]) for w in words]


def random_text(n: int, seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choices(vocabulary(random.Random(0)), k=n))


def edit(text: str, rate: float, seed: int) -> str:
    """Insert, delete or replace ``rate`` of the words, drawing new words from the text."""
    rng = random.Random(seed)
    words = text.split(" ")
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < rate / 3:
            continue
        if r < 2 * rate / 3:
            out.append(rng.choice(words))
        elif r < rate:
            out.extend((w, rng.choice(words)))
        else:
            out.append(w)
    return " ".join(out)


def first_words(text: str, n: int) -> str:
    """The first ``n`` space-separated words of ``text``, repeated if it is shorter."""
    words = text.split(" ")
    while len(words) < n:
        words += words
    return " ".join(words[:n])


def tota_article(tota: Path, stem: str, number: str) -> str | None:
    from treatycmp.formats.tota import load_tota

    path = tota / f"{stem}.xml"
    if not path.exists():
        return None
    for a in load_tota(path).article_list:
        if a.number == number:
            return " ".join(a.text.split())
    return None


def run_case(name: str, left: str, right: str, args: argparse.Namespace) -> None:
    words = (len(left.split()), len(right.split()))
    if args.profile:
        prof = cProfile.Profile()
        prof.runcall(diff_words, left, right)
        print(f"== {name} ({words[0]:,} / {words[1]:,} words)")
        pstats.Stats(prof).sort_stats("tottime").print_stats(8)
        return
    t = best(lambda: diff_words(left, right), args.repeat)
    ops = diff_words(left, right)
    print(f"{name:<34} {words[0]:>7,} / {words[1]:>7,} words  {t:8.3f} s  {len(ops):>6,} spans")


def cli_case(n: int) -> None:
    """``treatycmp diff`` on two single-paragraph treaties of ``n`` random words."""
    with tempfile.TemporaryDirectory() as tmp:
        for i in (1, 2):
            text = random_text(n, i)
            (Path(tmp) / f"big-{i}.yaml").write_text(
                f"id: big-{i}\ntitle: Big {i}\nshort_title: Big {i}\nparties: [A, B]\n"
                f"language: en\ncompleteness: complete\nsource:\n  text: synthetic\n"
                f"articles:\n- number: '1'\n  paragraphs:\n  - {text!r}\n",
                encoding="utf-8",
            )
        cmd = [sys.executable, "-m", "treatycmp", "diff", "big-1", "big-2"]
        cmd += ["--corpus", tmp, "-f", "json"]
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, check=False)
        took = time.perf_counter() - t
        err = proc.stderr.decode()[:200]
        print(f"treatycmp diff big-1 big-2 -f json, {n:,} random words: {took:.2f} s", end="")
        print(f" (exit {proc.returncode}{', ' + err if err else ''})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[2500, 5000, 20000, 40000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--profile", action="store_true")
    ap.add_argument("--tota", type=Path, default=Path("/tmp/tota/xml"))
    ap.add_argument("--kinds", nargs="+", default=["random", "edited", "tota"])
    ap.add_argument("--cli", action="store_true")
    args = ap.parse_args()
    long_article = tota_article(args.tota, "pta_409", "u1") if args.tota.is_dir() else None
    for n in args.sizes:
        if "random" in args.kinds:
            run_case("random", random_text(n, 1), random_text(n, 2), args)
        if "edited" in args.kinds:
            base = random_text(n, 1)
            run_case("edited 5 %", base, edit(base, 0.05, 3), args)
        if "tota" in args.kinds and long_article:
            base = first_words(long_article, n)
            run_case("ToTA pta-409 u1, edited 5 %", base, edit(base, 0.05, 3), args)
    if "tota" in args.kinds and args.tota.is_dir():
        panama = tota_article(args.tota, "pta_157", "15.11")
        colombia = tota_article(args.tota, "pta_342", "16.11")
        if panama and colombia:
            run_case("ToTA US-Panama 15.11 / US-Colombia 16.11", panama, colombia, args)
    if args.cli:
        cli_case(max(args.sizes))


if __name__ == "__main__":
    main()
