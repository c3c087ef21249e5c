"""Lexical similarity of clauses: TF-IDF cosines over words and over character 4-grams.

The aligner's default score (docs/alignment.md, "The lexical score"). Words carry the
meaning, character 4-grams inside words keep Korean particles and Russian endings
(``수단으로써`` / ``수단으로``) and scripts written without spaces close. Each is
weighted by sublinear term frequency (1 + ln tf) times a smooth inverse document
frequency counted over the clauses of the two texts being compared, so words every
clause of these two treaties uses ("each Party shall") weigh little. A pair's score is
the mean of the two cosines: 1 for the same text, near 0 for unrelated ones, and,
unlike an edit ratio, not halved when one clause is half as long as the other.

Small inputs are scored with dictionaries in pure Python (a bundled comparison never
imports numpy); large ones with ``scipy.sparse`` products. Both round to 9 decimals
and give the same floats (property-tested).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, repeat
from operator import add, mul, truediv
from typing import TYPE_CHECKING

from treatycmp.align.work import count, tokenised
from treatycmp.text import words as text_words

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from treatycmp.arrays import Float64Array, Int64Array

Vector = dict[str, float]
GRAM = 4
DIGITS = 9
# Up to this many left x right cells the cosines are computed in pure Python.
SMALL_CELLS = 2_500
# Up to this many cells (16 MB of float64) the whole left x right matrix is computed
# once and blocks are cut from it; above it each block is its own sparse product, so
# memory stays bounded whatever the size of the treaties.
FULL_CELLS = 2_000_000
# A sparse product is taken this many cells of its result at a time (rows of the left
# side), so that its intermediate sparse result stays small (8 MB of float64).
CHUNK_CELLS = 1_000_000


def words(normalized: str) -> list[str]:
    """The words of a normalised text (``text.words``: Chinese and Japanese by character)."""
    return text_words(normalized)


def grams(ws: Sequence[str]) -> list[str]:
    """Character 4-grams of each word padded with a space (a short word is one gram)."""
    out: list[str] = []
    for w in ws:
        out.extend(_word_grams(w))
    return out


@lru_cache(maxsize=65536)
def _word_grams(w: str) -> tuple[str, ...]:
    p = f" {w} "
    return tuple(p[k : k + GRAM] for k in range(max(1, len(p) - GRAM + 1)))


def _gram_counts(ws: Counter[str]) -> Counter[str]:
    items: list[str] = []
    for w, c in ws.items():
        g = _word_grams(w)
        items.extend(g if c == 1 else g * c)
    return Counter(items)


class Space:
    """The clauses of both sides as TF-IDF vectors (words and grams), ready for cosines."""

    def __init__(
        self,
        left: Sequence[str],
        right: Sequence[str],
        counts: tuple[list[Counter[str]], list[Counter[str]]] | None = None,
    ) -> None:
        self.left, self.right = list(left), list(right)
        texts = [*self.left, *self.right]
        if counts is None:
            tokenised(len(texts))
            ws = [Counter(words(t)) for t in texts]
            counts = (ws, [_gram_counts(w) for w in ws])
        ws, gs = counts
        self._counts = (ws, gs)
        self._dfs = (_df(ws), _df(gs))
        self._n = len(texts)
        self._idfs = (_idf(self._dfs[0], self._n), _idf(self._dfs[1], self._n))
        self._vectors: dict[int, tuple[Vector, Vector]] = {}
        self._sparse: list[csr_matrix] | None = None
        self._full: Float64Array | None = None
        # Each text's number (0 for the empty text), for equal texts among cells.
        self._ids: tuple[Int64Array, Int64Array] | None = None

    def grouped(self, left: Sequence[Sequence[int]], right: Sequence[Sequence[int]]) -> Space:
        """The space of runs of this one's clauses (each run's texts joined by a space):
        its counts are the sums of the clauses' counts, the words of a joined text being
        its parts' words in order (same counts, same key order), so nothing is split
        into words again."""
        k0 = len(self.left)
        runs = [*left, *[[k0 + j for j in g] for g in right]]
        ws, gs = self._counts
        return Space(
            [" ".join(self.left[i] for i in g) for g in left],
            [" ".join(self.right[j] for j in g) for g in right],
            ([_summed(ws, g) for g in runs], [_summed(gs, g) for g in runs]),
        )

    def joined(
        self, lefts: Sequence[int] = (), rights: Sequence[int] = ()
    ) -> tuple[Vector, Vector]:
        """Word and gram vectors of clauses joined by a space (a split or merge run), with
        the same IDF: those of the joined text, from the clauses' counts."""
        ks = [*lefts, *(len(self.left) + j for j in rights)]
        return (
            _weigh_with([_summed(self._counts[0], ks)], self._idfs[0])[0],
            _weigh_with([_summed(self._counts[1], ks)], self._idfs[1])[0],
        )

    def score_vectors(self, a: tuple[Vector, Vector], b: tuple[Vector, Vector]) -> float:
        count("lexical", 1)
        return round((_dot(a[0], b[0]) + _dot(a[1], b[1])) / 2, DIGITS)

    def _vec(self, k: int) -> tuple[Vector, Vector]:
        got = self._vectors.get(k)
        if got is None:
            got = (
                _weigh_with([self._counts[0][k]], self._idfs[0])[0],
                _weigh_with([self._counts[1][k]], self._idfs[1])[0],
            )
            self._vectors[k] = got
        return got

    def left_vec(self, i: int) -> tuple[Vector, Vector]:
        return self._vec(i)

    def right_vec(self, j: int) -> tuple[Vector, Vector]:
        return self._vec(len(self.left) + j)

    def score(self, i: int, j: int) -> float:
        """Cosine of left clause ``i`` and right clause ``j``."""
        count("lexical", 1)
        return self._cell(i, j)

    def _cell(self, i: int, j: int) -> float:
        a, b = self.left[i], self.right[j]
        if a == b:
            return 1.0
        if not a or not b:
            return 0.0
        a_vec, b_vec = self.left_vec(i), self.right_vec(j)
        return min(1.0, round((_dot(a_vec[0], b_vec[0]) + _dot(a_vec[1], b_vec[1])) / 2, DIGITS))

    def small(self, lefts: Sequence[int], rights: Sequence[int]) -> bool:
        """Whether cells are scored in pure Python (the same floats either way).

        Decided by the size of the whole space, not of one block: once the sparse
        matrices pay off for the whole, they serve the blocks inside articles too.
        """
        return len(self.left) * len(self.right) <= SMALL_CELLS

    def rows(self, lefts: Sequence[int], rights: Sequence[int]) -> list[list[float]]:
        """Scores of every ``lefts`` x ``rights`` cell, as lists (pure Python or scipy)."""
        if self.small(lefts, rights):
            count("lexical", len(lefts) * len(rights))
            return [[self._cell(i, j) for j in rights] for i in lefts]
        rows: list[list[float]] = self.matrix(lefts, rights).tolist()
        return rows

    def matrix(self, lefts: Sequence[int], rights: Sequence[int]) -> Float64Array:
        """Scores of every ``lefts`` x ``rights`` cell with sparse products (float64)."""
        import numpy as np

        k0 = len(self.left)
        if not len(lefts) or not len(rights):
            return np.zeros((len(lefts), len(rights)), dtype=np.float64)
        li = np.asarray(lefts, dtype=np.int64)
        ri = np.asarray(rights, dtype=np.int64) + k0
        if len(self.left) * len(self.right) <= FULL_CELLS:
            if self._full is None:
                self._full = self._product(
                    np.arange(len(self.left)), np.arange(len(self.right)) + k0
                )
            count("lexical", 0, array=len(li) * len(ri))
            return self._full[np.ix_(li, ri - k0)]
        return self._product(li, ri)

    def _matrices(self) -> list[csr_matrix]:
        if self._sparse is None:
            self._sparse = [
                _csr(self._counts[0], self._dfs[0], self._n),
                _csr(self._counts[1], self._dfs[1], self._n),
            ]
        return self._sparse

    def cells(self, lefts: Int64Array, rights: Int64Array) -> Float64Array:
        """Scores of the cells (``lefts[x]``, ``rights[x]``) only, a row-wise product
        taken a chunk at a time (the shortlisted tier: memory grows with the cells)."""
        import numpy as np

        count("lexical", len(lefts), array=len(lefts))
        k0 = len(self.left)
        out = np.zeros(len(lefts), dtype=np.float64)
        step = CHUNK_CELLS // 64
        for mat in self._matrices():
            for x in range(0, len(lefts), step):
                a, b = mat[lefts[x : x + step]], mat[rights[x : x + step] + k0]
                out[x : x + step] += np.asarray(a.multiply(b).sum(axis=1)).ravel()
        out = np.minimum(np.round(out / 2, DIGITS), 1.0)
        # Equal texts are 1, an empty text matches only another (as ``_product``).
        if self._ids is None:
            ids: dict[str, int] = {"": 0}
            self._ids = (
                np.array([ids.setdefault(t, len(ids)) for t in self.left], dtype=np.int64),
                np.array([ids.setdefault(t, len(ids)) for t in self.right], dtype=np.int64),
            )
        a_id, b_id = self._ids[0][lefts], self._ids[1][rights]
        out[(a_id == 0) | (b_id == 0)] = 0.0
        out[a_id == b_id] = 1.0
        return out

    def _product(self, li: Int64Array, ri: Int64Array) -> Float64Array:
        """Cosines of every ``li`` x ``ri`` cell (indexes into both sides together), taken
        a chunk of rows at a time; equal texts are 1, an empty text matches only another."""
        import numpy as np

        k0 = len(self.left)
        n, m = len(li), len(ri)
        count("lexical", n * m, array=n * m)
        out = np.zeros((n, m), dtype=np.float64)
        step = max(1, CHUNK_CELLS // max(1, m))
        for mat in self._matrices():
            right_t = mat[ri].T.tocsr()
            for a0 in range(0, n, step):
                out[a0 : a0 + step] += (mat[li[a0 : a0 + step]] @ right_t).toarray()
        out = np.minimum(np.round(out / 2, DIGITS), 1.0)
        lt = [self.left[i] for i in li.tolist()]
        rt = [self.right[j - k0] for j in ri.tolist()]
        # Equal texts by a dictionary, not an n x m comparison of strings.
        where: dict[str, list[int]] = {}
        for b, t in enumerate(rt):
            where.setdefault(t, []).append(b)
        for a, t in enumerate(lt):
            if t in where:
                out[a, where[t]] = 1.0
        le = np.array([not t for t in lt], dtype=bool)
        re_ = np.array([not t for t in rt], dtype=bool)
        out[le, :] = 0.0
        out[:, re_] = 0.0
        out[np.ix_(le, re_)] = 1.0
        return out


def _summed(counts: list[Counter[str]], ks: Sequence[int]) -> Counter[str]:
    """The counts of texts ``ks`` joined, keys in order of first occurrence (as counting
    the joined text would give them). ``Counter.update`` adds a mapping key by key in
    Python; here each text's sums are paired in C (``map``/``zip``) and stored by
    ``dict.update``: the same keys, order and integer counts (tested), a fifth faster."""
    out: Counter[str] = Counter()
    for k in ks:
        c = counts[k]
        if out:
            dict.update(out, zip(c, map(add, c.values(), map(out.get, c, repeat(0))), strict=True))
        else:
            dict.update(out, c)
    return out


def _df(docs: list[Counter[str]]) -> Counter[str]:
    df: Counter[str] = Counter()
    for d in docs:
        df.update(d.keys())
    return df


def _weigh_with(docs: list[Counter[str]], idf: dict[str, float]) -> list[Vector]:
    """Each document's L2-normalised sublinear TF-IDF weights, ``(1 + ln tf) * idf``
    (``idf`` alone for a word met once: ``1.0 * idf``, the same float), iterated in C
    (``map``) rather than in comprehensions: the same floats (tested), a tenth faster."""
    out: list[Vector] = []
    for d in docs:
        v = list(map(mul, map(_TF.__getitem__, d.values()), map(idf.__getitem__, d)))
        # fsum is correctly rounded, so whatever the order of its terms, the same float.
        norm = math.sqrt(math.fsum(map(mul, v, v)))
        out.append(dict(zip(d, map(truediv, v, repeat(norm, len(v))), strict=True)) if norm else {})
    return out


class _Tf(dict[int, float]):
    """``1 + ln c`` by count, worked out once per count (1.0 for a count of 1)."""

    def __missing__(self, c: int) -> float:
        got = self[c] = 1.0 + math.log(c) if c > 1 else 1.0
        return got


_TF = _Tf()


def _idf(df: Counter[str], n: int) -> dict[str, float]:
    """Smooth IDF of every feature."""
    return {f: math.log((1 + n) / (1 + c)) + 1.0 for f, c in df.items()}


def _dot(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return math.fsum(x * b[f] for f, x in a.items() if f in b)


def _csr(docs: list[Counter[str]], df: Counter[str], n: int) -> csr_matrix:
    """All documents as one CSR matrix of L2-normalised sublinear TF-IDF weights."""
    import numpy as np
    from scipy.sparse import csr_matrix

    index = {f: k for k, f in enumerate(df)}
    idf = np.log((1 + n) / (1 + np.array(list(df.values()), dtype=np.float64))) + 1.0
    # Every document's columns and counts in one pass each (no Python loop per document).
    size = sum(map(len, docs))
    col = np.fromiter(map(index.__getitem__, chain.from_iterable(docs)), np.int64, size)
    counts = np.fromiter(chain.from_iterable(d.values() for d in docs), np.float64, size)
    ptr = np.zeros(len(docs) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, docs), np.int64, len(docs)), out=ptr[1:])
    data = (1.0 + np.log(counts)) * idf[col]
    mat = csr_matrix((data, col, ptr), shape=(len(docs), max(1, len(index))))
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    scale = np.repeat(1.0 / norms, np.diff(mat.indptr))
    mat.data *= scale
    return mat


def similarity(left: Sequence[str], right: Sequence[str]) -> list[list[float]]:
    """Lexical scores of every pair of already normalised texts (IDF over both lists)."""
    space = Space(left, right)
    return space.rows(range(len(left)), range(len(right)))
