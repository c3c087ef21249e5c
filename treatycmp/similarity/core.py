"""Corpus-scale similarity: whole treaties against each other, and one clause against all.

Two questions, two methods, both chosen by measurement (docs/performance.md):

- ``treaty_matrix``: how alike are two whole treaties? The Jaccard index of their
  sets of 5-character shingles of normalised text, as the treaty text-as-data
  literature does (Alschner and Skougarevskiy). It is exact, not a MinHash
  estimate: shingles are hashed to 64 bits with numpy, shingles found in a single
  treaty are counted but dropped, and the intersections of all pairs come from
  products of 0/1 column blocks of bounded size for shingles most treaties share
  and from counting pairs (``np.bincount``) for the rare ones, so memory grows
  with the corpus, never with the square of the number of clauses.
- ``ClauseIndex.nearest``: which clauses anywhere are most like this one? The
  Indel ratio (align's ``indel`` scorer) of the query against a clause. Scoring
  every clause costs the query's length times the corpus's (1.5 s a query on
  ToTA), so the index first ranks all clauses by the Indel ratio of their *word*
  sequences (each word coded as one character: about six times shorter on both
  sides, so some 30 times cheaper) and scores exactly only the best
  ``_CANDIDATES`` of those (and every clause when the corpus is that small).
  Reported scores are always exact; ``exact=True`` scores every clause.

Both read normalised text made by ``normalize_many``, which is ``text.normalize``
without number stripping, vectorised: the pure-Python normaliser takes about a
minute on the 40 million characters of ToTA.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from treatycmp.errors import LookupProblem, TreatycmpError
from treatycmp.model import Clause, Level, Treaty
from treatycmp.text import CJK_RANGES, normalize, spaced_form

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while work goes on, so a CLI can draw a bar."""

SHINGLE_SIZE = 5
MATRIX_METHOD = "Jaccard index of 5-character shingle sets of the normalised whole text"
NEAREST_METHOD = (
    "Indel ratio of normalised clause texts (rapidfuzz), exact, over the clauses "
    "whose word-level Indel ratio with the query ranks highest"
)

# Clauses scored exactly per query, at least (and at least 20 per neighbour asked for).
_CANDIDATES = 200
# Word codes live in the astral planes (no surrogates, no clash with the separator).
_CODE_BASE = 0x10000
_CODE_SPACE = 1 << 20  # word codes are 20-bit hashes
# Clauses scored per rapidfuzz call in the inverted shortlist, after the first ``size``.
_BLOCK = 2048

# Bytes of one 0/1 column block in the matrix product: bounds memory whatever the corpus.
_BLOCK_BYTES = 64 << 20
# Owner pairs counted in one np.bincount call (int64 each): bounds that memory too.
_PAIR_CHUNK = 1 << 22
# Characters coded in one numpy pass: large enough to amortise, small enough for cache.
_CHUNK_CHARS = 1 << 21
# Multiplier of the rolling shingle hash (the 64-bit FNV prime); arithmetic wraps mod 2**64.
_HASH_BASE = np.uint64(1099511628211)


def normalize_many(texts: Sequence[str]) -> list[str]:
    """``normalize(t, strip_number=False)`` for every text, each put in NFC first.

    The loader stores NFC text; texts from elsewhere (a query typed by the user)
    may be decomposed. ``text.normalize`` is the one definition of the same words.

    >>> normalize_many(["The “Parties” [T]he other's", "체약 쌍방은, 지체없이"])
    ["the parties the other's", '체약 쌍방은 지체없이']
    """
    return [
        normalize(
            t if unicodedata.is_normalized("NFC", t) else unicodedata.normalize("NFC", t),
            strip_number=False,
        )
        for t in texts
    ]


def _starts(texts: Sequence[str]) -> np.ndarray[Any, Any]:
    """Start offset of each text in ``"\\x00".join(texts)``."""
    lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
    return np.concatenate(([0], np.cumsum(lengths)[:-1]))


def shingles(form: str | np.ndarray[Any, Any], size: int = SHINGLE_SIZE) -> np.ndarray[Any, Any]:
    """The sorted distinct 64-bit hashes of the ``size``-character shingles of a normalised text.

    ``form`` is the text, or its code points (uint32). A text shorter than ``size``
    is one shingle, so short clauses still compare.
    """
    if isinstance(form, str):
        form = np.frombuffer(form.encode("utf-32-le"), dtype=np.uint32)
    if not form.size:
        return np.zeros(0, dtype=np.uint64)
    c = form.astype(np.uint64)
    n = max(c.size - size + 1, 1)
    h = np.zeros(n, dtype=np.uint64)
    for j in range(min(size, c.size)):
        h *= _HASH_BASE
        h += c[j : j + n]
    h.sort()
    return h[np.concatenate(([True], h[1:] != h[:-1]))]


@dataclass(frozen=True)
class TreatyMatrix:
    """Pairwise similarity 0-1 of whole treaties; symmetric, 1 on the diagonal."""

    ids: tuple[str, ...]
    scores: tuple[tuple[float, ...], ...]
    shingle_counts: tuple[int, ...]
    method: str = MATRIX_METHOD

    def score(self, left: str, right: str) -> float:
        """The similarity of the treaties with ids ``left`` and ``right``."""
        try:
            return self.scores[self.ids.index(left)][self.ids.index(right)]
        except ValueError:
            missing = left if left not in self.ids else right
            raise LookupProblem(f"no treaty '{missing}' in this matrix") from None


def treaty_text(treaty: Treaty, level: Level = "paragraph") -> str:
    """What a whole treaty is compared by: its clauses' real text, gaps left out."""
    return "\n".join(c.text for c in treaty.clauses(level))


def jaccard_matrix(
    sets: Sequence[np.ndarray[Any, Any]], *, progress: Progress | None = None
) -> np.ndarray[Any, Any]:
    """Exact Jaccard index of every pair of sorted distinct uint64 arrays (float64, n x n)."""
    n = len(sets)
    sizes = np.array([s.size for s in sets], dtype=np.float64)
    inter = intersections(sets, progress=progress)
    union = sizes[:, None] + sizes[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        out = np.where(union > 0, inter / union, 0.0)
    if n:
        np.fill_diagonal(out, 1.0)
    return out


def shared_items(
    sets: Sequence[np.ndarray[Any, Any]],
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The items found in two sets or more, grouped: (owners, group sizes).

    ``owners`` lists, item by item in hash order, the indexes of the sets holding
    it (ascending within an item); ``sizes[g]`` is how many sets hold item ``g``.
    """
    n = len(sets)
    if not n:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)
    items = np.concatenate(sets)
    owner = np.repeat(np.arange(n, dtype=np.int32), [s.size for s in sets])
    order = np.argsort(items, kind="stable")  # stable: owners ascend within an item
    items, owner = items[order], owner[order]
    del order
    if not items.size:
        return owner, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate(([True], items[1:] != items[:-1])))
    del items
    counts = np.diff(np.append(starts, owner.size))
    keep = np.repeat(counts >= 2, counts)
    return owner[keep], counts[counts >= 2]


def intersections(
    sets: Sequence[np.ndarray[Any, Any]],
    *,
    split: int | None = None,
    progress: Progress | None = None,
) -> np.ndarray[Any, Any]:
    """``|A_i & A_j|`` for every pair of sorted distinct uint64 arrays (float64, n x n).

    With ``split``: only the cross block, sets ``[:split]`` against ``[split:]``
    (split x (n - split)), a quarter of the work when the halves are equal.

    Items held by many sets (``df`` at least ``dense_from``) are counted with dense
    0/1 block products (BLAS; each block at most ``_BLOCK_BYTES``); items held by a
    few sets add one to each of their ``df**2`` pairs with ``np.bincount``, which
    costs far less than a column of a dense product. Counts are exact either way.
    """
    n = len(sets)
    top = n if split is None else split
    width_out = n if split is None else n - split
    owners, df = shared_items(sets)
    ends = np.cumsum(df)
    dense_from = max(2, _dense_from(n))
    # Rare items: group by how many sets hold them, so each group is a 2-d array.
    sparse_counts = np.zeros(top * width_out, dtype=np.int64)
    is_rare = df < dense_from
    starts = ends - df
    for d in np.unique(df[is_rare]).tolist():
        groups = np.flatnonzero(df == d)
        step = max(1, _PAIR_CHUNK // (d * d))
        for lo in range(0, groups.size, step):
            first = starts[groups[lo : lo + step]]
            block = owners[first[:, None] + np.arange(d)[None, :]].astype(np.int64)
            a = np.broadcast_to(block[:, :, None], (block.shape[0], d, d)).ravel()
            b = np.broadcast_to(block[:, None, :], (block.shape[0], d, d)).ravel()
            if split is not None:
                keep = (a < split) & (b >= split)
                a, b = a[keep], b[keep] - split
            sparse_counts += np.bincount(a * width_out + b, minlength=top * width_out)
    inter = sparse_counts.reshape(top, width_out).astype(np.float64)
    # Common items: dense 0/1 columns, a bounded block at a time.
    common = np.flatnonzero(~is_rare)
    width = max(1, _BLOCK_BYTES // (4 * max(n, 1)))
    blocks = -(-common.size // width) if common.size else 0
    for b_index in range(blocks):
        chosen = common[b_index * width : (b_index + 1) * width]
        lengths = df[chosen]
        rows = owners[np.repeat(starts[chosen], lengths) + _ranges(lengths)]
        cols = np.repeat(np.arange(chosen.size), lengths)
        dense = np.zeros((n, chosen.size), dtype=np.float32)
        dense[rows, cols] = 1.0
        if split is None:
            inter += dense @ dense.T
        else:
            inter += dense[:split] @ dense[split:].T
        if progress is not None:
            progress(b_index + 1, blocks)
    if progress is not None and not blocks:
        progress(1, 1)
    if split is None:
        # A set's own items held by no other set still count on the diagonal.
        inter[np.diag_indices(n)] = [s.size for s in sets]
    return inter


def _ranges(lengths: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """``concatenate([arange(k) for k in lengths])``, vectorised."""
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    starts = np.cumsum(lengths) - lengths
    out: np.ndarray[Any, Any] = np.arange(total) - np.repeat(starts, lengths)
    return out


def _dense_from(n: int) -> int:
    """Items held by at least this many of ``n`` sets go to the dense product.

    A dense column costs about n**2 multiply-adds in BLAS, a rare item d**2
    increments in bincount, each far dearer: measured on English ToTA (n = 424) and
    on blocks of 2,000 synthetic treaties (bench/bench_matrix.py, bench_dask.py),
    n / 16 is near the best for both.
    """
    return n // 16


def treaty_matrix(
    treaties: Sequence[Treaty],
    *,
    level: Level = "paragraph",
    size: int = SHINGLE_SIZE,
    progress: Progress | None = None,
) -> TreatyMatrix:
    """Similarity of every pair of whole treaties (see the module docstring for the method).

    Args:
        treaties: the treaties, each once; their order is the matrix's order.
        level: which clauses make up the whole text (the same words either way).
        size: shingle length in characters.
        progress: called with (done, total) as shingling and then counting proceed.

    Returns:
        A ``TreatyMatrix`` with scores 0-1 (1: the same set of shingles).
    """
    if size < 1:
        raise TreatycmpError(f"shingle size must be at least 1, not {size}")
    ids = [t.id for t in treaties]
    duplicates = sorted({i for i in ids if ids.count(i) > 1}) if len(set(ids)) < len(ids) else []
    if duplicates:
        raise TreatycmpError(f"treaty given twice: {', '.join(duplicates)}")
    n = len(treaties)
    total = 2 * n
    sets: list[np.ndarray[Any, Any]] = []
    for i, treaty in enumerate(treaties, start=1):
        sets.append(shingle_texts([treaty_text(treaty, level)], size)[0])
        if progress is not None:
            progress(i, total)

    def counting(done: int, blocks: int) -> None:
        if progress is not None:
            progress(n + round(n * done / max(blocks, 1)), total)

    scores = jaccard_matrix(sets, progress=counting)
    if progress is not None:
        progress(total, total)
    return TreatyMatrix(
        ids=tuple(ids),
        scores=tuple(tuple(round(float(x), 6) for x in row) for row in scores),
        shingle_counts=tuple(int(s.size) for s in sets),
    )


def word_codes(forms: Sequence[str]) -> list[str]:
    """Each normalised text with every word replaced by one character (a hash of the word).

    Indel on these strings is Indel over word sequences: a cheap stand-in for the
    character-level ratio, used to shortlist clauses. Distinct words may share a
    code (a 20-bit hash of the word's character pairs); that only makes the
    shortlist a little more generous.

    >>> a, b, c = word_codes(["the parties shall", "the parties may", ""])
    >>> (len(a), a[:2] == b[:2], a[2] == b[2], c)
    (3, True, False, '')
    """
    out: list[str] = []
    chunk: list[str] = []
    size = 0
    for form in forms:
        chunk.append(form)
        size += len(form)
        if size > _CHUNK_CHARS:
            out.extend(_word_codes_chunk(chunk))
            chunk, size = [], 0
    if chunk:
        out.extend(_word_codes_chunk(chunk))
    return out


def _word_codes_chunk(forms: list[str]) -> list[str]:
    """``word_codes`` for a few million characters at once, with numpy."""
    joined = "\x00".join(forms)
    cp = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    if not cp.size:
        return [""] * len(forms)
    boundary = cp == 0
    inside = (cp != 0x20) & ~boundary
    # A character of a script written without spaces (Han, kana) is a word of its own,
    # as the word diff tokenises it; else a Chinese clause would be a single "word".
    cjk = np.zeros(cp.size, dtype=bool)
    for lo, hi in CJK_RANGES:
        cjk |= (cp >= lo) & (cp <= hi)
    start = inside.copy()
    start[1:] &= ~inside[:-1] | cjk[1:] | cjk[:-1]
    starts = np.flatnonzero(start)
    if not starts.size:
        return [""] * len(forms)
    # Sum over a word of a mix of each character with the next (so "form" != "from"),
    # in wrapping 32-bit arithmetic; the top 20 bits of a final mix are the code.
    with np.errstate(over="ignore"):
        following = np.zeros_like(cp)
        following[:-1] = np.where(inside[1:] & ~start[1:], cp[1:], 0)
        pairs = cp * (following * np.uint32(0x9E3779B1) + np.uint32(0x7F4A7C15))
        pairs[~inside] = 0
        hashes = np.add.reduceat(pairs, starts, dtype=np.uint32) * np.uint32(0x85EBCA6B)
    # One code per word, and a 0 in place of each text boundary, in text order.
    merged = np.zeros(cp.size, dtype=np.uint32)
    merged[starts] = (hashes >> np.uint32(12)) + np.uint32(_CODE_BASE)
    merged = merged[start | boundary]
    codes: list[str] = merged.tobytes().decode("utf-32-le").split("\x00")
    return codes


@dataclass(frozen=True)
class Neighbour:
    """A clause found near the query: which treaty, which clause, how alike (0-1)."""

    treaty: str
    clause: Clause
    score: float


class ClauseColumns:
    """A clause index's data as flat arrays: what ``index_store`` saves and loads.

    Strings are UTF-8 blobs with offsets, so a stored index is opened without
    building one Python object per clause; only the clauses a query touches are
    decoded.
    """

    def __init__(self, arrays: Mapping[str, np.ndarray[Any, Any]]) -> None:
        self.arrays = arrays
        self.treaty_ids: list[str] = _split_blob(arrays["treaty_ids"])
        self.owner: np.ndarray[Any, Any] = arrays["owner"]
        self.size = int(self.owner.size)

    @staticmethod
    def from_index(entries: Sequence[tuple[str, Clause]], forms: Sequence[str]) -> ClauseColumns:
        treaty_ids = list(dict.fromkeys(t for t, _ in entries))
        position = {t: i for i, t in enumerate(treaty_ids)}
        clauses = [c for _, c in entries]
        flags = np.array(
            [int(c.inferred) | int(c.partial) << 1 | int(c.article is None) << 2 for c in clauses],
            dtype=np.uint8,
        )
        arrays: dict[str, np.ndarray[Any, Any]] = {
            "treaty_ids": _blob(["\x00".join(treaty_ids)])[0],
            "owner": np.array([position[t] for t, _ in entries], dtype=np.int32),
            "line": np.array([c.line for c in clauses], dtype=np.int64),
            "flags": flags,
        }
        for name, values in (
            ("id", [c.id for c in clauses]),
            ("article", [c.article or "" for c in clauses]),
            ("text", [c.text for c in clauses]),
            ("form", list(forms)),
        ):
            arrays[name], arrays[name + "_at"] = _blob(values)
        # UTF-32: every code is an astral character, and UTF-32 decodes by copying.
        all_codes = word_codes(forms)
        codes = "\x00".join(all_codes).encode("utf-32-le")
        arrays["codes"] = np.frombuffer(codes, dtype=np.uint8).copy()
        arrays.update(_postings(all_codes))
        return ClauseColumns(arrays)

    def string(self, name: str, i: int) -> str:
        at = self.arrays[name + "_at"]
        data: bytes = self.arrays[name][int(at[i]) : int(at[i + 1])].tobytes()
        return data.decode("utf-8")

    def strings(self, name: str, indexes: Sequence[int] | None = None) -> list[str]:
        if indexes is None:
            at = self.arrays[name + "_at"]
            data: bytes = self.arrays[name].tobytes()
            bounds = at.tolist()
            return [data[a:b].decode("utf-8") for a, b in itertools.pairwise(bounds)]
        return [self.string(name, int(i)) for i in indexes]

    def entry(self, i: int) -> tuple[str, Clause]:
        flags = int(self.arrays["flags"][i])
        clause = Clause(
            self.string("id", i),
            self.string("text", i),
            int(self.arrays["line"][i]),
            None if flags & 4 else self.string("article", i),
            bool(flags & 1),
            bool(flags & 2),
        )
        return self.treaty_ids[int(self.owner[i])], clause

    def codes(self) -> list[str]:
        if not self.size:
            return []
        text: str = self.arrays["codes"].tobytes().decode("utf-32-le")
        return text.split("\x00")

    @property
    def has_postings(self) -> bool:
        return "post_at" in self.arrays

    def codes_at(self, indexes: np.ndarray[Any, Any]) -> list[str]:
        """The word codes of the clauses at ``indexes`` only (needs the postings)."""
        if not indexes.size:
            return []
        at = np.asarray(self.arrays["code_at"])
        data = np.asarray(self.arrays["codes"]).view(np.uint32)
        starts, spans = at[indexes], at[indexes + 1] - at[indexes]  # each with its separator
        ends = np.cumsum(spans)
        where = np.arange(int(ends[-1])) + np.repeat(starts - (ends - spans), spans)
        picked = data[np.minimum(where, data.size - 1)]
        picked[ends - 1] = 0
        codes: list[str] = picked[:-1].tobytes().decode("utf-32-le").split("\x00")
        return codes

    def overlaps(self, query_codes: str) -> np.ndarray[Any, Any]:
        """Per clause, how many of the query's words it holds (a multiset intersection).

        Read from the postings of the query's distinct word codes only. Indel's
        longest common subsequence of two code strings is at most this count, so
        ``200 * overlap / (len(query) + len(clause))`` bounds the word-level ratio.
        """
        post_at = self.arrays["post_at"]
        values, counts = np.unique(
            np.frombuffer(query_codes.encode("utf-32-le"), dtype=np.uint32) - _CODE_BASE,
            return_counts=True,
        )
        clauses: list[np.ndarray[Any, Any]] = []
        weights: list[np.ndarray[Any, Any]] = []
        for value, count in zip(values.tolist(), counts.tolist(), strict=True):
            lo, hi = int(post_at[value]), int(post_at[value + 1])
            if hi > lo:
                clauses.append(self.arrays["post_clause"][lo:hi])
                weights.append(np.minimum(self.arrays["post_count"][lo:hi], count))
        if not clauses:
            return np.zeros(self.size, dtype=np.int64)
        found: np.ndarray[Any, Any] = np.bincount(
            np.concatenate(clauses), weights=np.concatenate(weights), minlength=self.size
        ).astype(np.int64)
        return found


def _postings(codes: Sequence[str]) -> dict[str, np.ndarray[Any, Any]]:
    """An inverted index of word codes: for each code, the clauses holding it and how often.

    ``post_at[c]:post_at[c + 1]`` slices ``post_clause`` (ascending) and ``post_count``
    for the code ``c`` (less ``_CODE_BASE``); ``code_at`` gives each clause's span
    in the joined code string (its length is ``code_at[i + 1] - code_at[i] - 1``).
    """
    lengths = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
    code_at = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=code_at[1:])
    flat = np.frombuffer("".join(codes).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    owner = np.repeat(np.arange(len(codes), dtype=np.int64), lengths)
    keys, counts = np.unique((flat - _CODE_BASE) * max(len(codes), 1) + owner, return_counts=True)
    code = keys // max(len(codes), 1)
    post_at = np.searchsorted(code, np.arange(_CODE_SPACE + 1), side="left").astype(np.int64)
    return {
        "code_at": code_at,
        "post_at": post_at,
        "post_clause": (keys % max(len(codes), 1)).astype(np.int32),
        "post_count": counts.astype(np.int32),
    }


def _blob(values: Sequence[str]) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """UTF-8 bytes of ``values`` one after another, and their n + 1 offsets."""
    parts = [v.encode("utf-8") for v in values]
    at = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in parts], out=at[1:])
    return np.frombuffer(b"".join(parts), dtype=np.uint8).copy(), at


def _split_blob(data: np.ndarray[Any, Any]) -> list[str]:
    text: str = data.tobytes().decode("utf-8")
    return text.split("\x00")


class ClauseIndex:
    """Every clause of a corpus in normalised form, built once and queried many times.

    Memory is one normalised copy of the corpus text plus one score per clause per
    query; no clause x clause matrix is ever built. An index built by ``build``
    holds Python objects; one opened from ``ClauseColumns`` (a stored index,
    ``index_store``) decodes only what a query touches, with the same answers.
    """

    def __init__(self, entries: Sequence[tuple[str, Clause]], forms: Sequence[str]) -> None:
        if len(entries) != len(forms):
            raise ValueError("one normalised form per clause")
        self._entries: tuple[tuple[str, Clause], ...] | None = tuple(entries)
        self._forms: list[str] | None = list(forms)
        self._columns: ClauseColumns | None = None
        self._n = len(self._entries)
        self._where: dict[tuple[str, str], int] | None = None
        self._codes: list[str] | None = None
        self._owner: tuple[np.ndarray[Any, Any], list[str]] | None = None
        self._code_lengths: np.ndarray[Any, Any] | None = None

    @classmethod
    def from_columns(cls, columns: ClauseColumns) -> ClauseIndex:
        """An index over stored columns (see ``ClauseColumns``)."""
        index = cls((), ())
        index._entries = index._forms = None
        index._columns = columns
        index._n = columns.size
        index._owner = (columns.owner, columns.treaty_ids)
        return index

    def columns(self) -> ClauseColumns:
        """This index as flat arrays, for storing."""
        if self._columns is None:
            self._columns = ClauseColumns.from_index(self.entries, self._all_forms())
        return self._columns

    @classmethod
    def build(
        cls,
        treaties: Sequence[Treaty],
        *,
        level: Level = "paragraph",
        progress: Progress | None = None,
    ) -> ClauseIndex:
        """Index the clauses at ``level`` of every treaty (normalisation is the cost)."""
        entries = [(t.id, c) for t in treaties for c in t.clauses(level)]
        forms: list[str] = []
        step = 4096
        for lo in range(0, len(entries), step):
            forms.extend(normalize_many([c.text for _, c in entries[lo : lo + step]]))
            if progress is not None:
                progress(min(lo + step, len(entries)), len(entries))
        return cls(entries, forms)

    def __len__(self) -> int:
        return self._n

    @property
    def entries(self) -> tuple[tuple[str, Clause], ...]:
        """(treaty id, clause) of every indexed clause, in corpus order."""
        if self._entries is None:
            assert self._columns is not None
            self._entries = tuple(self._columns.entry(i) for i in range(self._n))
        return self._entries

    def _entry(self, i: int) -> tuple[str, Clause]:
        if self._entries is not None:
            return self._entries[i]
        assert self._columns is not None
        return self._columns.entry(i)

    def _all_forms(self) -> list[str]:
        if self._forms is None:
            assert self._columns is not None
            self._forms = self._columns.strings("form")
        return self._forms

    def _forms_at(self, chosen: np.ndarray[Any, Any]) -> list[str]:
        if self._forms is None and self._columns is not None and chosen.size < self._n:
            return self._columns.strings("form", chosen.tolist())
        forms = self._all_forms()
        return forms if chosen.size == self._n else [forms[i] for i in chosen]

    def _owners(self) -> tuple[np.ndarray[Any, Any], list[str]]:
        """The treaty position of each clause, and the treaty ids."""
        if self._owner is None:
            ids = list(dict.fromkeys(t for t, _ in self.entries))
            position = {t: i for i, t in enumerate(ids)}
            owner = np.fromiter((position[t] for t, _ in self.entries), np.int32, self._n)
            self._owner = (owner, ids)
        return self._owner

    def position(self, treaty_id: str, clause_id: str) -> int | None:
        """Where the clause ``clause_id`` of ``treaty_id`` is in the index, if it is."""
        if self._where is None:
            if self._entries is None and self._columns is not None:
                owner, ids = self._owners()
                if treaty_id not in ids:
                    return None
                rows = np.flatnonzero(owner == ids.index(treaty_id))
                for i in rows.tolist():
                    if self._columns.string("id", i) == clause_id:
                        return int(i)
                return None
            self._where = {(t, c.id): i for i, (t, c) in enumerate(self.entries)}
        return self._where.get((treaty_id, clause_id))

    def nearest(
        self,
        text: str,
        k: int = 10,
        *,
        exclude_treaties: Collection[str] = (),
        exclude: tuple[str, str] | None = None,
        min_score: float = 0.0,
        exact: bool = False,
    ) -> tuple[Neighbour, ...]:
        """The ``k`` clauses most like ``text``, best first (ties in corpus order).

        Args:
            text: the query, as written (it is normalised here).
            k: how many neighbours at most.
            exclude_treaties: ids of treaties whose clauses are left out.
            exclude: one (treaty id, clause id) to leave out, usually the query itself.
            min_score: leave out clauses scoring below this (0-1).
            exact: score every clause, not only the word-level shortlist (slow on
                large corpora; the shortlist gives the same neighbours except,
                rarely, among near-ties at unrelated-text level, about 0.5).

        Returns:
            Up to ``k`` neighbours with scores 0-1.
        """
        plan = self._plan(text, k, exclude_treaties, exclude, min_score)
        if plan is None:
            return ()
        query, allowed, cutoff = plan
        size = shortlist_size(k)
        row = np.full(self._n, -1.0)
        chosen = allowed
        if not exact and chosen.size > size:
            if self._columns is not None and self._columns.has_postings:
                chosen = self._inverted_shortlist(query, allowed, size)
            else:
                chosen = self._rough_shortlist(query, allowed, size)
        if chosen.size:
            row[chosen] = exact_scores(query, self._forms_at(chosen), cutoff)
        return self._finish(row, k, cutoff)

    def _plan(
        self,
        text: str,
        k: int,
        exclude_treaties: Collection[str],
        exclude: tuple[str, str] | None,
        min_score: float,
    ) -> tuple[str, np.ndarray[Any, Any], float] | None:
        """The normalised query, the allowed clause positions and the score cutoff."""
        if k < 1:
            raise TreatycmpError(f"k must be at least 1, not {k}")
        query = normalize_many([text])[0]
        if not query:
            raise TreatycmpError("the query has no words to compare")
        if not self._n:
            return None
        cutoff = max(0.0, min(min_score, 1.0)) * 100.0
        allowed = np.ones(self._n, dtype=bool)
        if exclude_treaties:
            owner, ids = self._owners()
            banned = [i for i, t in enumerate(ids) if t in set(exclude_treaties)]
            allowed &= ~np.isin(owner, banned)
        if exclude is not None:
            where = self.position(*exclude)
            if where is not None:
                allowed[where] = False
        return query, np.flatnonzero(allowed), cutoff

    def _finish(self, row: np.ndarray[Any, Any], k: int, cutoff: float) -> tuple[Neighbour, ...]:
        """The best ``k`` of the exact scores in ``row`` (-1: not scored), ties by position."""
        row[row < max(cutoff, 1e-9)] = -1.0
        candidates = np.flatnonzero(row >= 0)
        if candidates.size > k:
            top = np.argpartition(-row[candidates], k - 1)[:k]
            threshold = row[candidates[top]].min()
            candidates = candidates[row[candidates] >= threshold]
        order = sorted(candidates.tolist(), key=lambda i: (-row[i], i))[:k]
        return tuple(Neighbour(*self._entry(i), round(float(row[i]) / 100.0, 4)) for i in order)

    def _rough_shortlist(
        self, query: str, allowed: np.ndarray[Any, Any], size: int
    ) -> np.ndarray[Any, Any]:
        """``best_rough`` of the word-level scores of every allowed clause, in two passes.

        First the ``4 * size`` clauses closest in length to the query are scored: the
        ``size``-th best of them is a score at least ``size`` clauses reach. Then every
        clause is scored with that as rapidfuzz's ``score_cutoff`` (less a margin for
        float32 rounding), which lets it skip, from the lengths alone or early in
        the comparison, the clauses that cannot reach it. Scores above the cutoff are
        the same numbers, and nothing below it could enter the ``size`` best: the
        shortlist is the one-pass shortlist (tested), at a fraction of the cost.
        """
        codes = self._all_codes()
        query_codes = word_codes([query])[0]
        if self._code_lengths is None:
            self._code_lengths = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
        gap = np.abs(self._code_lengths[allowed] - len(query_codes))
        sample = allowed[np.argsort(gap, kind="stable")[: 4 * size]]
        bound = 0.0
        if sample.size >= size:
            first = exact_scores(query_codes, [codes[i] for i in sample.tolist()], 0.0)
            bound = max(0.0, float(np.sort(first)[-size]) - 1e-3)
        rough = exact_scores(query_codes, codes, bound)
        return best_rough(rough[allowed], allowed, size)

    def _inverted_shortlist(
        self, query: str, allowed: np.ndarray[Any, Any], size: int
    ) -> np.ndarray[Any, Any]:
        """``_rough_shortlist``'s clauses, scoring only those the postings cannot rule out.

        A clause sharing no word with the query scores 0 at word level. The others
        have an upper bound from the postings (``ClauseColumns.overlaps``) and are
        scored in blocks, highest bound first. Once ``size`` clauses are scored, the
        ``size``-th best score is one at least ``size`` clauses reach: later blocks
        are scored with it as rapidfuzz's ``score_cutoff`` (less a margin for
        rounding), and scoring stops at the first clause whose bound is below it.
        Clauses left unscored cannot enter the ``size`` best, so this is
        ``best_rough`` over the scores of every allowed clause: the shortlist of the
        full scan (tested).
        """
        columns = self._columns
        assert columns is not None
        query_codes = word_codes([query])[0]
        overlap = columns.overlaps(query_codes)[allowed]
        lengths = np.diff(columns.arrays["code_at"])[allowed] - 1
        rough = np.zeros(allowed.size, dtype=np.float32)
        sharing = np.flatnonzero(overlap > 0)
        bound = 200.0 * overlap[sharing] / (len(query_codes) + lengths[sharing])
        order = sharing[np.argsort(-bound, kind="stable")]
        bound = np.sort(bound)[::-1]
        best = np.zeros(0, dtype=np.float32)  # the ``size`` best scores so far
        cutoff, done = 0.0, 0
        while done < order.size:
            block = slice(done, done + (size if not done else max(size, _BLOCK)))
            if best.size >= size:
                # Bounds are sorted: the block ends at the first one below the cutoff.
                stop = int(np.searchsorted(-bound[block], -cutoff, side="right"))
                block = slice(block.start, block.start + stop)
                if stop == 0:
                    break
            chosen = order[block]
            scores = exact_scores(query_codes, columns.codes_at(allowed[chosen]), cutoff)
            rough[chosen] = scores
            best = np.concatenate((best, scores))
            if best.size > size:
                best = np.partition(best, best.size - size)[-size:]
            if best.size >= size:
                cutoff = max(0.0, float(best.min()) - 1e-2)
            done = block.stop
        return best_rough(rough, allowed, size)

    def _all_codes(self) -> list[str]:
        if self._codes is None:
            self._codes = (
                self._columns.codes()
                if self._columns is not None
                else word_codes(self._all_forms())
            )
        return self._codes

    def nearest_to(
        self,
        treaty_id: str,
        clause_id: str,
        k: int = 10,
        *,
        other_treaties: bool = False,
        exact: bool = False,
    ) -> tuple[Neighbour, ...]:
        """The neighbours of an indexed clause, itself left out (and its treaty if asked)."""
        where = self.position(treaty_id, clause_id)
        if where is None:
            raise LookupProblem(f"no clause '{treaty_id}:{clause_id}' in the index")
        return self.nearest(
            self._entry(where)[1].text,
            k,
            exclude=(treaty_id, clause_id),
            exclude_treaties=(treaty_id,) if other_treaties else (),
            exact=exact,
        )


def shortlist_size(k: int) -> int:
    """How many clauses a query scores exactly (the word-level shortlist)."""
    return max(_CANDIDATES, 20 * k)


def rough_scores(query: str, codes: Sequence[str], workers: int | None) -> np.ndarray[Any, Any]:
    """The word-level Indel ratio (0-100) of the query against every clause's word codes."""
    scores: np.ndarray[Any, Any] = process.cdist(
        word_codes([query]),
        codes,
        scorer=fuzz.ratio,
        processor=None,
        dtype=np.float32,
        workers=-1 if workers is None else workers,
    )[0]
    return scores


def best_rough(
    rough: np.ndarray[Any, Any], positions: np.ndarray[Any, Any], size: int
) -> np.ndarray[Any, Any]:
    """The ``size`` positions with the highest rough score, ties to the earlier; sorted.

    Deterministic, so that a corpus split into blocks (Dask) picks the same clauses:
    the best of the blocks' bests are the best overall.
    """
    if positions.size <= size:
        return np.sort(positions)
    order = np.lexsort((positions, -rough))[:size]
    return np.sort(positions[order])


def exact_scores(query: str, forms: Sequence[str], cutoff: float) -> np.ndarray[Any, Any]:
    """The Indel ratio (0-100) of the query against each form, 0 below ``cutoff``: of
    normalised texts (the exact score), or of word codes (the word-level bound)."""
    scores: np.ndarray[Any, Any] = process.cdist(
        [query],
        forms,
        scorer=fuzz.ratio,
        processor=None,
        score_cutoff=cutoff,
        dtype=np.float32,
        workers=-1,
    )[0]
    return scores


# --- top-k most similar treaties, blockwise (the local path and the Dask path) -------


@dataclass(frozen=True)
class TopSimilar:
    """For each treaty, the ``k`` most similar others, best first (ties by corpus order).

    What ``matrix --top-k`` shows: on a corpus of hundreds of thousands of treaties
    the full matrix (n**2 cells) is out of reach, the top k per treaty is not.
    """

    ids: tuple[str, ...]
    similar: tuple[tuple[tuple[str, float], ...], ...]
    k: int
    method: str = MATRIX_METHOD


# Treaties per block of the blockwise top-k (a block pair holds 2 x this many sets).
TOP_K_BLOCK = 1000


def shingle_texts(texts: Sequence[str], size: int = SHINGLE_SIZE) -> list[np.ndarray[Any, Any]]:
    """``shingles(normalize_many([t])[0])`` for each whole treaty text (runs on Dask workers).

    Long texts skip the join/split that collapses white space in ``normalize``: the
    spaces are collapsed and stripped on the code points, in numpy (equal forms:
    tested).
    """
    return [shingles(_form_points(text), size) for text in texts]


def _form_points(text: str) -> str | np.ndarray[Any, Any]:
    """The normalised form of ``text``, as a string or (long texts) as code points."""
    if len(text) < 4096:
        return normalize_many([text])[0]
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    spaced = spaced_form(text)
    if spaced is None:
        return normalize_many([text])[0]
    c = np.frombuffer(spaced.encode("utf-32-le"), dtype=np.uint32)
    space = c == 0x20
    keep = ~space
    keep[1:] |= space[1:] & ~space[:-1]  # the first space of each run
    c = c[keep]
    start = 1 if c.size and c[0] == 0x20 else 0
    end = c.size - 1 if c.size > start and c[-1] == 0x20 else c.size
    points: np.ndarray[Any, Any] = c[start:end]
    return points


def block_top_k(
    left: Sequence[np.ndarray[Any, Any]],
    left_at: int,
    right: Sequence[np.ndarray[Any, Any]] | None,
    right_at: int,
    k: int,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Top-k candidates between two blocks of shingle sets, both ways (``right`` None: a
    block against itself, each set's own pair left out).

    Returns flat (row, column, Jaccard) arrays in corpus positions: for each row, its
    best ``k`` columns of the other block, ties to the earlier column.
    """
    if right is None:
        inter = intersections(left)
        sizes = np.array([s.size for s in left], dtype=np.float64)
        jac = _jaccard(inter, sizes, sizes)
        np.fill_diagonal(jac, -np.inf)
        at = np.arange(left_at, left_at + len(left))
        parts = [_row_top_k(jac, at, at, k)]
    else:
        inter = intersections([*left, *right], split=len(left))
        ls = np.array([s.size for s in left], dtype=np.float64)
        rs = np.array([s.size for s in right], dtype=np.float64)
        jac = _jaccard(inter, ls, rs)
        la = np.arange(left_at, left_at + len(left))
        ra = np.arange(right_at, right_at + len(right))
        parts = [_row_top_k(jac, la, ra, k), _row_top_k(jac.T, ra, la, k)]
    rows, cols, scores = (np.concatenate(x) for x in zip(*parts, strict=True))
    keep = np.isfinite(scores)
    return rows[keep], cols[keep], scores[keep]


def _jaccard(
    inter: np.ndarray[Any, Any], left: np.ndarray[Any, Any], right: np.ndarray[Any, Any]
) -> np.ndarray[Any, Any]:
    union = left[:, None] + right[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        out: np.ndarray[Any, Any] = np.where(union > 0, inter / union, 0.0)
    return out


def _row_top_k(
    scores: np.ndarray[Any, Any], rows: np.ndarray[Any, Any], cols: np.ndarray[Any, Any], k: int
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """Each row's best ``k`` columns by (-score, column)."""
    take = min(k, scores.shape[1])
    if not take or not scores.shape[0]:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float64)
    col_keys = np.broadcast_to(cols[None, :], scores.shape)
    order = np.lexsort((col_keys, -scores), axis=-1)[:, :take]
    picked = np.take_along_axis(scores, order, axis=1)
    return np.repeat(rows, take), cols[order].ravel(), picked.ravel()


def merge_top_k(
    n: int,
    parts: Sequence[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], np.ndarray[Any, Any]]],
    k: int,
) -> list[list[tuple[int, float]]]:
    """Each row's best ``k`` (column, score) among the candidates of every block pair."""
    out: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    if not parts:
        return out
    rows, cols, scores = (np.concatenate(x) for x in zip(*parts, strict=True))
    order = np.lexsort((cols, -scores, rows))
    rows, cols, scores = rows[order], cols[order], scores[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = (np.arange(rows.size) - starts) < k
    for r, c, v in zip(
        rows[keep].tolist(), cols[keep].tolist(), scores[keep].tolist(), strict=True
    ):
        out[r].append((c, v))
    return out


def block_ranges(n: int, block: int) -> list[tuple[int, int]]:
    """[lo, hi) of each block of ``block`` positions."""
    return [(lo, min(lo + block, n)) for lo in range(0, n, max(1, block))]


def top_similar(
    ids: Sequence[str], merged: Sequence[Sequence[tuple[int, float]]], k: int
) -> TopSimilar:
    return TopSimilar(
        tuple(ids),
        tuple(tuple((ids[c], round(float(v), 6)) for c, v in row) for row in merged),
        k,
    )


def treaty_top_k(
    treaties: Sequence[Treaty],
    k: int = 10,
    *,
    level: Level = "paragraph",
    size: int = SHINGLE_SIZE,
    block: int = TOP_K_BLOCK,
    progress: Progress | None = None,
) -> TopSimilar:
    """The ``k`` treaties most similar to each treaty (exact Jaccard, as ``treaty_matrix``).

    Computed blockwise over blocks of ``block`` treaties, pair of blocks by pair of
    blocks, so memory holds two blocks' intersections at a time, never n x n; the
    Dask path (``treatycmp.similarity.dask``) runs the same block functions on a
    cluster and gives the same result.
    """
    if k < 1:
        raise TreatycmpError(f"k must be at least 1, not {k}")
    ids = _distinct_ids(treaties)
    ranges = block_ranges(len(treaties), block)
    sets = [
        shingle_texts([treaty_text(t, level) for t in treaties[lo:hi]], size) for lo, hi in ranges
    ]
    pairs = [(a, b) for a in range(len(ranges)) for b in range(a, len(ranges))]
    parts = []
    for done, (a, b) in enumerate(pairs, start=1):
        right = None if a == b else sets[b]
        parts.append(block_top_k(sets[a], ranges[a][0], right, ranges[b][0], k))
        if progress is not None:
            progress(done, len(pairs))
    return top_similar(ids, merge_top_k(len(ids), parts, k), k)


def _distinct_ids(treaties: Sequence[Treaty]) -> list[str]:
    ids = [t.id for t in treaties]
    if len(set(ids)) < len(ids):
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        raise TreatycmpError(f"treaty given twice: {', '.join(duplicates)}")
    return ids


def nearest_block(
    query: str,
    positions: np.ndarray[Any, Any],
    forms: Sequence[str],
    codes: Sequence[str] | None,
    size: int | None,
    cutoff: float,
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any] | None, np.ndarray[Any, Any]]:
    """One block of a nearest query (a Dask task): its shortlist and their exact scores.

    With ``size``: the block's ``size`` best by word-level score (``best_rough``), as
    (positions, rough scores, exact scores); the best of all blocks' shortlists is
    the shortlist of the whole corpus. Without: every position's exact score.
    """
    if size is None or codes is None:
        return positions, None, exact_scores(query, forms, cutoff)
    rough = rough_scores(query, codes, 1)
    keep = best_rough(rough, positions, size)
    local = np.searchsorted(positions, keep)
    return keep, rough[local], exact_scores(query, [forms[i] for i in local.tolist()], cutoff)
