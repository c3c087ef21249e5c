"""A stored nearest index queried with the standard library only: no numpy in the process.

Importing numpy took 0.11-0.15 s of a fresh ``nearest`` process whose query on the
stored index (``store``) then took 0.02 s (issue 22: the goal is 0.3 s in all). What a
query does there is small: the postings of the query's words, a few thousand rapidfuzz
calls, decoding the clauses it touches. This is ``ClauseIndex.nearest`` over stored
columns (``_inverted_shortlist``, ``best_rough``, ``_finish``) step for step on
memory-mapped ``.npy`` files, scores rounded to float32 as ``process.cdist`` returns
them, so the answers are the same (tested against it, ties included). The postings of
frequent words are also stored as bitmaps and added bit-sliced as big ints, so a query
of common words (a whole article: 862,000 holders) needs no per-holder loop.
"""

from __future__ import annotations

import heapq
import mmap
import os
import re
import stat
import sys
from array import array
from bisect import bisect_left
from codecs import utf_32_le_decode
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import compress, islice, repeat
from operator import add, mul, sub, truediv
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from treatycmp.errors import Problem, TreatycmpError
from treatycmp.model import Clause
from treatycmp.similarity.forms import normalize_many
from treatycmp.text import CJK_RANGES

# As in ``similarity.codes``, ``similarity.shortlist`` and ``columns`` (equal: tested).
CODE_BASE = 0x10000
BIT_LEVELS = 1 << 16
CANDIDATES = 200
BLOCK = 2048
LIGHT_LIMIT = 200_000
"""Postings entries read one by one (``postings_read``: the words not stored as bitmaps)
up to which a query is answered here: above it, numpy's vectorised ``ClauseIndex`` is
faster even counting its import (~0.1 s CPU). In one process on the ToTA article index
(CPU seconds, here vs numpy already imported and opened): 0.29 vs 0.24 at 66,000
entries, 2.0 vs 1.8 at 530,000, 6.6 vs 6.1 at 1.2 million. The clause ``tota-pta-11:1``
reads 15,700 (862,000 before bitmaps); the free-text query of bench_startup 0."""
_MASK = 0xFFFFFFFF

# ``.npy`` element types a stored index uses, as ``memoryview.cast`` formats.
_TYPES: dict[str, Literal["q", "i", "I", "B"]] = {"<i8": "q", "<i4": "i", "<u4": "I", "|u1": "B"}
_HEADER = re.compile(
    r"\{'descr': '([<|][a-z][0-9])', 'fortran_order': False, 'shape': \(([0-9]+),\), \} *\n"
)


def query_form(text: str, k: int) -> str:
    """The normalised query of both query paths (this one and the numpy index's), refused
    in one line when ``k`` is below 1 or the text holds nothing to compare."""
    if k < 1:
        raise TreatycmpError(f"k must be at least 1, not {k}")
    query = normalize_many([text])[0]
    if not query:
        raise TreatycmpError(
            Problem(
                "",
                None,
                "the query has no words to compare",
                "give a clause as TREATY:CLAUSE, or text with letters or digits in quotes",
            )
        )
    return query


@dataclass(frozen=True)
class Neighbour:
    """A clause found near the query: which treaty, which clause, how alike (0-1)."""

    treaty: str
    clause: Clause
    score: float


def read_array(path: Path, stamp: str) -> memoryview[int] | None:
    """The 1-D array of the ``.npy`` file ``path`` as a memory-mapped ``memoryview``, if
    the file is a regular file whose identity is ``stamp`` (``store.file_stamp``) and
    of a type read here; else None (the caller then opens it with numpy, which checks)."""
    if sys.byteorder != "little":
        return None
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        if f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}" != stamp:
            return None
        if not st.st_size or not stat.S_ISREG(st.st_mode):
            return None
        view = memoryview(mmap.mmap(fd, 0, access=mmap.ACCESS_READ))
    finally:
        os.close(fd)
    if bytes(view[:6]) != b"\x93NUMPY" or view[6] != 1:
        return None
    size = int.from_bytes(view[8:10], "little")
    found = _HEADER.fullmatch(bytes(view[10 : 10 + size]).decode("latin-1"))
    if found is None or found[1] not in _TYPES:
        return None
    data = view[10 + size :].cast(_TYPES[found[1]])
    return data if len(data) == int(found[2]) else None


def word_code_string(form: str) -> str | None:
    """``codes.word_codes([form])[0]`` without numpy (tested equal); None for a text
    holding NUL, which that function takes as a boundary between texts."""
    if "\x00" in form:
        return None
    cps = [ord(ch) for ch in form]
    n = len(cps)
    cjk = [any(lo <= c <= hi for lo, hi in CJK_RANGES) for c in cps]
    inside = [c != 0x20 for c in cps]
    start = [inside[i] and (not i or not inside[i - 1] or cjk[i] or cjk[i - 1]) for i in range(n)]
    totals: list[int] = []
    for i, c in enumerate(cps):
        if start[i]:
            totals.append(0)
        if inside[i]:
            following = cps[i + 1] if i + 1 < n and inside[i + 1] and not start[i + 1] else 0
            totals[-1] = (totals[-1] + c * ((following * 0x9E3779B1 + 0x7F4A7C15) & _MASK)) & _MASK
    return "".join(_code(t) for t in totals)


def _code(total: int) -> str:
    return chr((((total * 0x85EBCA6B) & _MASK) >> 12) + CODE_BASE)


def _f32(values: Iterable[float]) -> list[float]:
    """Each value as the float32 ``process.cdist(..., dtype=np.float32)`` stores."""
    return array("f", values).tolist()


class StoredQuery:
    """``ClauseIndex.nearest`` over the arrays of a stored index (``ClauseColumns``)."""

    def __init__(self, arrays: Mapping[str, memoryview[int]]) -> None:
        self.arrays = arrays
        self.treaty_ids = bytes(arrays["treaty_ids"]).decode("utf-8").split("\x00")
        self.size = len(arrays["owner"])

    def string(self, name: str, i: int) -> str:
        at = self.arrays[name + "_at"]
        return bytes(self.arrays[name][at[i] : at[i + 1]]).decode("utf-8")

    def entry(self, i: int) -> tuple[str, Clause]:
        """(treaty id, clause) of the clause at ``i``, as ``ClauseColumns.entry``."""
        flags = self.arrays["flags"][i]
        clause = Clause(
            self.string("id", i),
            self.string("text", i),
            self.arrays["line"][i],
            None if flags & 4 else self.string("article", i),
            bool(flags & 1),
            bool(flags & 2),
        )
        return self.treaty_ids[self.arrays["owner"][i]], clause

    def clause_of(self, treaty_id: str, clause_id: str) -> tuple[Clause, int] | None:
        """The indexed clause ``clause_id`` of ``treaty_id`` (the last of that id, as
        ``corpus.find_clause`` finds it at the index's level) and how many of the
        treaty's indexed clauses are it or lie in it; None when no indexed clause has
        that id. A ``TREATY:CLAUSE`` query then reads no treaty file (issue 22)."""
        if treaty_id not in self.treaty_ids:
            return None
        owner = self.treaty_ids.index(treaty_id)
        rows = list(compress(range(self.size), map(owner.__eq__, self.arrays["owner"].tolist())))
        same = [i for i in rows if self.string("id", i) == clause_id]
        if not same:
            return None
        clause = self.entry(same[-1])[1]
        mine = [self.entry(i)[1] for i in rows]
        return clause, sum(c.id == clause.id or c.article == clause.id for c in mine)

    def postings_read(self, text: str) -> int:
        """How many postings entries ``nearest`` reads one by one for ``text`` (those of
        its words at a level not stored as a bitmap, twice for a word the query
        repeats): what its time here grows with."""
        query_codes = word_code_string(normalize_many([text])[0]) or ""
        post_at = self.arrays["post_at"]
        read = 0
        for code, times in Counter(query_codes).items():
            value = ord(code) - CODE_BASE
            if self._bit_at(value, min(times, 2)) is None:
                read += (post_at[value + 1] - post_at[value]) * min(times, 2)
        return read

    def nearest(
        self, text: str, k: int = 10, *, exclude_treaties: Collection[str] = ()
    ) -> tuple[Neighbour, ...]:
        """The ``k`` clauses most like ``text``, best first (ties in corpus order)."""
        query = query_form(text, k)
        if not self.size:
            return ()
        allowed = self._allowed(exclude_treaties)
        size = max(CANDIDATES, 20 * k)
        chosen = allowed if len(allowed) <= size else self._shortlist(query, allowed, size)
        forms = [self.string("form", i) for i in chosen]
        exact = exact_scores(query, forms, 0.0)
        scored = [(-s, i) for s, i in zip(exact, chosen, strict=True) if s >= 1e-9]
        return tuple(
            Neighbour(*self.entry(i), round(-s / 100.0, 4)) for s, i in heapq.nsmallest(k, scored)
        )

    def _allowed(self, exclude_treaties: Collection[str]) -> list[int]:
        if not exclude_treaties:
            return list(range(self.size))
        banned = {i for i, t in enumerate(self.treaty_ids) if t in set(exclude_treaties)}
        owner = self.arrays["owner"]
        return [i for i in range(self.size) if owner[i] not in banned]

    def _bitmap(self, value: int, level: int) -> int | None:
        """The stored bitmap of the clauses holding code ``value`` ``level`` times or
        more (``columns._bitmaps``) as an int, bit ``i`` for clause ``i``; or None."""
        at = self._bit_at(value, level)
        if at is None:
            return None
        width = (self.size + 7) // 8
        return int.from_bytes(self.arrays["bits"][at * width : (at + 1) * width], "little")

    def _bit_at(self, value: int, level: int) -> int | None:
        keys, key = self.arrays["bit_key"], value * BIT_LEVELS + level
        at = bisect_left(keys, key)
        return at if at < len(keys) and keys[at] == key else None

    def overlaps(self, query_codes: str) -> list[int]:
        """``ClauseColumns.overlaps``: per clause, how many of the query's words it holds.

        A (word, level) stored as a bitmap is added bit-sliced (a few big-int operations
        for tens of thousands of holders); the others are counted holder by holder.
        """
        post_at, clauses, counts = (
            self.arrays[n] for n in ("post_at", "post_clause", "post_count")
        )
        slices: list[int] = []  # bit j of every clause's count of bitmap hits
        found: Counter[int] = Counter()
        for code, times in Counter(query_codes).items():
            value = ord(code) - CODE_BASE
            level = 1
            while level <= times and (bitmap := self._bitmap(value, level)) is not None:
                _add_bits(slices, bitmap)
                level += 1
            if level > times:
                continue
            lo, hi = post_at[value], post_at[value + 1]
            holders, many = clauses[lo:hi].tolist(), counts[lo:hi].tolist()
            for at in range(level, times + 1):  # min(count, times): once per level reached
                if at > 1:
                    reach = list(map(at.__le__, many))
                    holders, many = list(compress(holders, reach)), list(compress(many, reach))
                if not holders:
                    break
                found.update(holders)  # each holder counts once, at C speed
        totals = _unslice(slices, self.size)
        for c, n in found.items():
            totals[c] += n
        return totals

    def _shortlist(self, query: str, allowed: list[int], size: int) -> list[int]:
        """``ClauseIndex._inverted_shortlist`` then ``best_rough``: the ``size`` clauses
        of best word-level score (ties to the earlier), in corpus order.

        The clauses sharing a word are taken by (-bound, position), the order of that
        method's stable sort, a block at a time.
        """
        query_codes = word_code_string(query)
        if query_codes is None:
            raise ValueError("a query holding NUL")  # normalize never leaves one
        code_at = self.arrays["code_at"].tolist()
        lq = len(query_codes)
        totals = self.overlaps(query_codes)
        if len(allowed) < self.size:
            keep = [0] * self.size
            for c in allowed:
                keep[c] = 1
            totals = list(map(mul, totals, keep))
        # The bound of ``_inverted_shortlist``: 200 * overlap / (len(query) + len(clause)),
        # for the clauses sharing a word, in maps (C loops over every clause).
        sharing = list(compress(range(self.size), totals))
        spans = map(add, compress(map(sub, code_at[1:], code_at), totals), repeat(lq - 1))
        products = map(mul, repeat(200.0), compress(totals, totals))
        bounds = list(map(truediv, products, spans))
        order = sorted(range(len(sharing)), key=bounds.__getitem__, reverse=True)
        rough: dict[int, float] = {}
        best: list[float] = []  # the ``size`` best scores so far, best first
        cutoff, done = 0.0, 0
        while done < len(order):
            end = min(len(order), done + (size if not done else max(size, BLOCK)))
            if len(best) >= size:  # the block ends at the first bound below the cutoff
                end = next((i for i in range(done, end) if bounds[order[i]] < cutoff), end)
            block = [sharing[i] for i in order[done:end]]
            if not block:
                break
            scores = self._block_scores(query_codes, block, code_at, cutoff)
            rough.update(zip(block, scores, strict=True))
            best = heapq.nlargest(size, [*best, *scores])
            if len(best) >= size:
                cutoff = max(0.0, best[-1] - 1e-2)
            done = end
        return _best_rough(rough, allowed, size)

    def _block_scores(
        self, query_codes: str, block: list[int], code_at: list[int], cutoff: float
    ) -> list[float]:
        """``exact_scores`` of the query's word codes against the clauses ``block``.

        Above a cutoff, a first pass scores each clause's codes folded to their low
        byte (every fourth byte of the UTF-32 buffer: no decoding): folding only merges
        letters, so a common subsequence stays common, and the Indel ratio of the folded
        strings (same lengths) is at least the exact one. A clause below the cutoff
        there is below it exactly, and scores 0 as ``exact_scores`` gives it; only the
        others are decoded and scored exactly. Bytes take rapidfuzz's single-byte path:
        ``tota-pta-11:1`` scores 15,600 clauses in ~8 ms instead of ~45 ms and decodes
        ~700 instead of 15,600 (issue 22).
        """
        codes = self.arrays["codes"]
        if cutoff > 0:
            low = [codes[4 * code_at[c] : 4 * code_at[c + 1] - 4].tobytes()[::4] for c in block]
            folded = bytes(ord(ch) & 0xFF for ch in query_codes)
            found = process.extract(
                folded, low, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=cutoff
            )
            kept = sorted(i for _, _, i in found)
        else:
            kept = list(range(len(block)))
        # Each kept clause's word codes (``ClauseColumns.codes_at``), decoded from the
        # mapped buffer without a copy; a method call per clause cost a tenth.
        strings = [
            utf_32_le_decode(
                codes[4 * code_at[block[i]] : 4 * code_at[block[i] + 1] - 4], None, True
            )[0]
            for i in kept
        ]
        scores = [0.0] * len(block)
        for i, score in zip(kept, exact_scores(query_codes, strings, cutoff), strict=True):
            scores[i] = score
        return scores


def _add_bits(slices: list[int], bitmap: int) -> None:
    """Add one to the bit-sliced count of every clause set in ``bitmap`` (a ripple of
    carries through the slices, each one big-int operation over all clauses)."""
    carry = bitmap
    for j, bits in enumerate(slices):
        slices[j], carry = bits ^ carry, bits & carry
        if not carry:
            return
    slices.append(carry)


_BIT_BYTES = bytes.maketrans(b"01", b"\x00\x01")
_WIDTHS: tuple[tuple[str, Literal["B", "H", "I"]], ...] = (
    ("ascii", "B"),
    ("utf-16-le", "H"),
    ("utf-32-le", "I"),
    ("utf-32-le", "I"),
)


def _unslice(slices: list[int], size: int) -> list[int]:
    """The count of each of ``size`` clauses from its bits in ``slices`` (``_add_bits``).

    Each slice's bits are spread one to a field of one, two or four bytes (its binary
    digits encoded, then translated to 0 and 1 bytes), the slices shifted and summed
    as big ints (no field overflows: a count has ``len(slices)`` bits) and read back.
    """
    if not slices:
        return [0] * size
    encoding, kind = _WIDTHS[(len(slices) - 1) // 8]
    width = {"B": 1, "H": 2, "I": 4}[kind]
    total = 0
    for j, bits in enumerate(slices):
        digits = bin(bits)[:1:-1].encode(encoding).translate(_BIT_BYTES)
        total += int.from_bytes(digits, "little") << j
    return memoryview(total.to_bytes(size * width, "little")).cast(kind).tolist()


def exact_scores(query: str, choices: list[str], cutoff: float) -> list[float]:
    """``shortlist.exact_scores``: each choice's Indel ratio with ``query`` as float32,
    0 below ``cutoff``."""
    found = process.extract(
        query, choices, scorer=fuzz.ratio, processor=None, limit=None, score_cutoff=cutoff
    )
    scores = [0.0] * len(choices)
    for _, score, i in found:
        scores[i] = score
    return _f32(scores)


def _best_rough(rough: dict[int, float], allowed: list[int], size: int) -> list[int]:
    """``shortlist.best_rough``: the ``size`` best by score then position (unscored: 0)."""
    positive = heapq.nsmallest(size, ((-s, c) for c, s in rough.items() if s > 0))
    chosen = [c for _, c in positive]
    if len(chosen) < size:
        taken = set(chosen)
        rest = (c for c in allowed if c not in taken)
        chosen.extend(islice(rest, size - len(chosen)))
    return sorted(chosen)
