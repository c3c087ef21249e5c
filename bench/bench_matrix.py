"""Treaty matrix on all English ToTA against a vectorised numpy/scipy.sparse baseline.

    python bench/bench_matrix.py [--tota /tmp/tota/xml] [--repeat 3]

ToTA is read from its XML once (not timed); both sides then start from the same
treaty texts (``similarity.treaty_text``) and produce a full n x n Jaccard matrix of
5-character shingle sets:

- ``baseline``: what a good engineer writes in an afternoon with numpy and
  scipy.sparse: lower-case and collapse non-word runs with one regex, hash every
  5-character shingle with numpy (polynomial rolling hash over code points),
  a binary sparse incidence matrix (treaties x distinct shingles, CSR), one sparse
  product X @ X.T for the intersections, Jaccard from the row sizes.
- ``treatycmp``: ``similarity.treaty_matrix`` (its own normaliser, the same hashing
  idea, intersections split between dense block products for common shingles and
  pair counting for rare ones).

The two normalisers differ slightly (treatycmp keeps in-word apostrophes and drops
OCR restoration brackets), so the scores are compared by correlation, not equality.
ToTA is CC BY-NC 4.0: read where it lies, never copied into this repository.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from treatycmp.formats.tota import iter_tota  # noqa: E402
from treatycmp.similarity.forms import treaty_text  # noqa: E402
from treatycmp.similarity.matrix import treaty_matrix  # noqa: E402

_NON_WORD = re.compile(r"[\W_]+")
_BASE = np.uint64(1099511628211)


def baseline(texts: list[str], size: int = 5) -> np.ndarray[Any, Any]:
    """Jaccard of hashed 5-character shingle sets: sparse incidence, one sparse product."""
    from scipy import sparse

    rows: list[np.ndarray[Any, Any]] = []
    cols: list[np.ndarray[Any, Any]] = []
    for i, text in enumerate(texts):
        norm = _NON_WORD.sub(" ", text.lower()).strip()
        c = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        n = max(c.size - size + 1, 1)
        h = np.zeros(n, dtype=np.uint64)
        for j in range(min(size, c.size)):
            h = h * _BASE + c[j : j + n]
        h.sort()
        h = h[np.concatenate(([True], h[1:] != h[:-1]))]  # distinct (np.unique is slower)
        rows.append(np.full(h.size, i, dtype=np.int32))
        cols.append(h)
    uniq, col = np.unique(np.concatenate(cols), return_inverse=True)
    row = np.concatenate(rows)
    x = sparse.csr_matrix(
        (np.ones(row.size, dtype=np.float32), (row, col)), shape=(len(texts), uniq.size)
    )
    inter = (x @ x.T).toarray().astype(np.float64)
    sizes = np.diff(x.indptr).astype(np.float64)
    union = sizes[:, None] + sizes[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(union > 0, inter / union, 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tota", default="/tmp/tota/xml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    english = [t for t in iter_tota(Path(args.tota)) if t.language == "en"]
    texts = [treaty_text(t) for t in english]
    print(f"{len(english)} English ToTA treaties, {sum(map(len, texts)):,} characters")
    times: dict[str, list[float]] = {"baseline": [], "treatycmp": []}
    ours: Any = None
    theirs: Any = None
    for _ in range(args.repeat):  # interleaved, so both see the same machine load
        t = time.perf_counter()
        theirs = baseline(texts)
        times["baseline"].append(time.perf_counter() - t)
        t = time.perf_counter()
        ours = treaty_matrix(english)
        times["treatycmp"].append(time.perf_counter() - t)
    a = np.array(ours.scores)
    upper = np.triu_indices(len(english), 1)
    r = np.corrcoef(a[upper], theirs[upper])[0, 1]
    tb, tt = min(times["baseline"]), min(times["treatycmp"])
    print(f"baseline (numpy + scipy.sparse X @ X.T): best {tb:.2f} s  runs {times['baseline']}")
    print(f"treatycmp treaty_matrix:                  best {tt:.2f} s  runs {times['treatycmp']}")
    print(f"ratio baseline / treatycmp: {tb / tt:.2f}x; score correlation {r:.4f}")


if __name__ == "__main__":
    main()
