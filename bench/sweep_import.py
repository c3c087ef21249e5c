"""Damaged documents through `treatycmp import`: exit status 0 or 2, never a traceback,
and nothing on stderr but treatycmp's own lines.

Each case is a document the fixtures write (PDF from fpdf2 and reportlab, Word, a
web page, Akoma Ntoso, plain text) cut short, with bytes overwritten or inserted,
or replaced by random bytes; a fixed seed makes the run repeatable.

    python bench/sweep_import.py --cases 600 --seed 11
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _documents import to_docx, to_html, to_pdf, to_pdf_reportlab
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.corpus import Corpus
from treatycmp.formats.akn import treaty_to_akn


def damage(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    b = bytearray(data)
    how = rng.choice(["cut", "overwrite", "insert", "random"])
    if how == "cut":
        b = b[: rng.randrange(1, len(b))]
    elif how == "overwrite":
        for _ in range(rng.randrange(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif how == "insert":
        k = rng.randrange(len(b))
        b[k:k] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 50)))
    else:
        b = bytearray(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
    return how, bytes(b)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=600)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    treaty = Corpus.load().get("us-rok-1953")
    bases = {
        "pdf": to_pdf(treaty),
        "pdf-reportlab": to_pdf_reportlab(treaty),
        "docx": to_docx(treaty),
        "html": to_html(treaty),
        "akn": treaty_to_akn(treaty).encode(),
        "text": b"# Parties: A; B\nArticle 1\nThe Parties shall consult.\n",
    }
    rng = random.Random(args.seed)
    runner = CliRunner()
    exits: Counter[int] = Counter()
    tracebacks = stray = 0
    with tempfile.TemporaryDirectory() as folder:
        for i in range(args.cases):
            kind = rng.choice(sorted(bases))
            _, data = damage(bases[kind], rng)
            path = Path(folder) / f"case-{i}"
            path.write_bytes(data)
            result = runner.invoke(cli, ["import", str(path), "--id", "x"])
            exits[result.exit_code] += 1
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                tracebacks += 1
                print(f"case {i} ({kind}): {type(result.exception).__name__}")
            lines = result.stderr.splitlines()
            if any(not line.startswith("treatycmp: ") for line in lines):
                stray += 1
                print(f"case {i} ({kind}): stray stderr {lines[:2]}")
    print(
        f"{args.cases} damaged documents: exit statuses {dict(sorted(exits.items()))}, "
        f"{tracebacks} tracebacks, {stray} with stray stderr lines"
    )


if __name__ == "__main__":
    main()
