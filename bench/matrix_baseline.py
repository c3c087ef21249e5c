"""The baseline `treatycmp matrix` is measured against: what a good engineer writes in
an afternoon with numpy and scipy.sparse, run as its own process, end to end.

    python bench/matrix_baseline.py --yaml DIR ID... -o OUT.csv     # reads treaty YAML
    python bench/matrix_baseline.py --texts DIR ID... -o OUT.csv    # reads ID.txt files
    python bench/matrix_baseline.py --sets DIR ID... -o OUT.csv     # reads ID.npy sets

It reads the same treaties the CLI reads (the YAML files, with PyYAML's C loader: the
preamble, article paragraphs and closing, gaps left out, joined by new lines, as
``treatycmp.similarity.treaty_text``), or, stronger still, plain text files holding
exactly those texts (``--texts``: no parsing at all), or the shingle sets this script
makes of them, stored beforehand (``--sets``: the like-for-like of the sets
``treatycmp import`` stores beside its files; only the Jaccard is left). Then:
lower-case and collapse non-word runs with one regex, hash every 5-character shingle
with numpy (polynomial rolling hash over code points), a sort-based distinct per text,
a binary sparse incidence matrix (treaties x distinct shingles, CSR), one sparse product X @ X.T for
the intersections, Jaccard from the row sizes; the n x n matrix written as CSV with
four decimals, as ``treatycmp matrix -f csv`` writes it. Nothing of treatycmp is
imported.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path
from typing import Any

import numpy as np

_NON_WORD = re.compile(r"[\W_]+")
_BASE = np.uint64(1099511628211)


def shingle_set(text: str, size: int = 5) -> np.ndarray[Any, Any]:
    """The sorted distinct hashes of a text's ``size``-character shingles."""
    norm = _NON_WORD.sub(" ", text.lower()).strip()
    c = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = max(c.size - size + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(min(size, c.size)):
        h = h * _BASE + c[j : j + n]
    h.sort()
    out: np.ndarray[Any, Any] = h[np.concatenate(([True], h[1:] != h[:-1]))]
    return out  # distinct (np.unique is slower)


def baseline(texts: list[str], size: int = 5) -> np.ndarray[Any, Any]:
    """Jaccard of hashed 5-character shingle sets: sparse incidence, one sparse product."""
    return jaccard([shingle_set(text, size) for text in texts])


def jaccard(sets: list[np.ndarray[Any, Any]]) -> np.ndarray[Any, Any]:
    """Jaccard of every pair of sets: CSR incidence, one sparse product X @ X.T."""
    from scipy import sparse

    rows = [np.full(h.size, i, dtype=np.int32) for i, h in enumerate(sets)]
    uniq, col = np.unique(np.concatenate(sets), return_inverse=True)
    row = np.concatenate(rows)
    x = sparse.csr_matrix(
        (np.ones(row.size, dtype=np.float32), (row, col)), shape=(len(sets), uniq.size)
    )
    inter = (x @ x.T).toarray().astype(np.float64)
    sizes = np.diff(x.indptr).astype(np.float64)
    union = sizes[:, None] + sizes[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / union, 0.0)


def _paragraphs(items: Any) -> list[str]:
    """The real text of a list of paragraphs (a string, or a mapping with ``text``)."""
    out = []
    for p in items or ():
        if isinstance(p, str):
            out.append(p)
        elif isinstance(p, dict) and isinstance(p.get("text"), str):
            out.append(p["text"])
    return out


def yaml_text(path: Path) -> str:
    """The treaty's whole text from its YAML file (``treaty_text`` at paragraph level)."""
    import yaml

    with path.open("rb") as handle:
        doc = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    parts = _paragraphs(doc.get("preamble"))
    for article in doc.get("articles") or ():
        if isinstance(article, dict):
            parts += _paragraphs(article.get("paragraphs"))
    parts += _paragraphs(doc.get("closing"))
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--yaml", type=Path, help="a folder of ID.yaml treaty files")
    source.add_argument("--texts", type=Path, help="a folder of ID.txt whole texts")
    source.add_argument("--sets", type=Path, help="a folder of ID.npy shingle sets (shingle_set)")
    parser.add_argument("ids", nargs="+")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    if args.sets is not None:
        scores = jaccard([np.load(args.sets / f"{i}.npy") for i in args.ids])
    elif args.yaml is not None:
        scores = baseline([yaml_text(args.yaml / f"{i}.yaml") for i in args.ids])
    else:
        scores = baseline([(args.texts / f"{i}.txt").read_text("utf-8") for i in args.ids])
    with args.output.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", *args.ids])
        for name, row in zip(args.ids, scores.tolist(), strict=True):
            writer.writerow([name, *(f"{v:.4f}" for v in row)])


if __name__ == "__main__":
    main()
