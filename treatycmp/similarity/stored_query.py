"""A stored nearest index queried with the standard library only: no numpy in the process.

Importing numpy took 0.11-0.15 s of a fresh ``nearest`` process whose query on the
stored index (``store``) then took 0.02 s (issue 22: the goal is 0.3 s in all). What a
query does there is small: the postings of the query's words, a few thousand rapidfuzz
calls, decoding the clauses it touches. This is ``ClauseIndex.nearest`` over stored
columns (``_inverted_shortlist``, ``best_rough``, ``_finish``) step for step on
memory-mapped ``.npy`` files, scores rounded to float32 as ``process.cdist`` returns
them, so the answers are the same (tested against it, ties included).
"""

from __future__ import annotations

import heapq
import mmap
import os
import re
import stat
import sys
from array import array
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import compress, islice
from pathlib import Path
from typing import Literal

from rapidfuzz import fuzz, process

from treatycmp.errors import Problem, TreatycmpError
from treatycmp.model import Clause
from treatycmp.similarity.forms import normalize_many
from treatycmp.text import CJK_RANGES

# As in ``similarity.codes`` and ``similarity.shortlist`` (equal: tested).
CODE_BASE = 0x10000
CANDIDATES = 200
BLOCK = 2048
LIGHT_LIMIT = 400_000
"""Postings entries (``postings_read``) up to which a query is answered here: above it,
numpy's vectorised ``ClauseIndex`` is faster even counting its import. Fresh processes
on the ToTA article index (CPU seconds, here vs numpy, 4-5 runs each): 0.27 vs 0.36 at
266,000 postings, 0.25 vs 0.33 at 305,000, 0.38 vs 0.32 at 580,000, 0.62 vs 0.42 at
915,000 (the free-text query of bench_startup reads 191,000; the article ``tota-pta-11:1``
862,000)."""
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

    def codes_at(self, i: int) -> str:
        at = self.arrays["code_at"]
        return bytes(self.arrays["codes"][4 * at[i] : 4 * (at[i + 1] - 1)]).decode("utf-32-le")

    def postings_read(self, text: str) -> int:
        """How many postings entries ``nearest`` reads for ``text`` (those of a word the
        query repeats twice): what its time here grows with."""
        query_codes = word_code_string(normalize_many([text])[0]) or ""
        post_at = self.arrays["post_at"]
        read = 0
        for code, times in Counter(query_codes).items():
            value = ord(code) - CODE_BASE
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

    def _overlaps(self, query_codes: str, allowed: list[int]) -> Counter[int]:
        """``ClauseColumns.overlaps`` of the allowed clauses that share a word."""
        post_at, clauses, counts = (
            self.arrays[n] for n in ("post_at", "post_clause", "post_count")
        )
        found: Counter[int] = Counter()
        for code, times in Counter(query_codes).items():
            lo, hi = post_at[ord(code) - CODE_BASE], post_at[ord(code) - CODE_BASE + 1]
            holders = clauses[lo:hi].tolist()
            found.update(holders)  # each holder counts once, at C speed
            if times > 1:  # min(count, times) in all: once more per level a holder reaches
                many = counts[lo:hi].tolist()
                for level in range(2, times + 1):
                    reach = list(map(level.__le__, many))
                    holders = list(compress(holders, reach))
                    if not holders:
                        break
                    many = list(compress(many, reach))
                    found.update(holders)
        if len(allowed) < self.size:
            keep = set(allowed)
            found = Counter({c: n for c, n in found.items() if c in keep})
        return found

    def _shortlist(self, query: str, allowed: list[int], size: int) -> list[int]:
        """``ClauseIndex._inverted_shortlist`` then ``best_rough``: the ``size`` clauses
        of best word-level score (ties to the earlier), in corpus order.

        The clauses sharing a word wait in a heap by (-bound, position), the order of
        that method's stable sort, and leave it a block at a time.
        """
        query_codes = word_code_string(query)
        if query_codes is None:
            raise ValueError("a query holding NUL")  # normalize never leaves one
        code_at = self.arrays["code_at"]
        lq = len(query_codes)
        waiting = [
            (-200.0 * n / (lq + code_at[c + 1] - code_at[c] - 1), c)
            for c, n in self._overlaps(query_codes, allowed).items()
        ]
        heapq.heapify(waiting)
        rough: dict[int, float] = {}
        best: list[float] = []  # a heap of the ``size`` best scores so far
        cutoff, done = 0.0, 0
        while waiting:
            block: list[int] = []
            while waiting and len(block) < (size if not done else max(size, BLOCK)):
                if len(best) >= size and -waiting[0][0] < cutoff:
                    break  # every bound left is below the cutoff
                block.append(heapq.heappop(waiting)[1])
            if not block:
                break
            scores = exact_scores(query_codes, [self.codes_at(c) for c in block], cutoff)
            rough.update(zip(block, scores, strict=True))
            for s in scores:
                (heapq.heappush if len(best) < size else heapq.heappushpop)(best, s)
            if len(best) >= size:
                cutoff = max(0.0, best[0] - 1e-2)
            done += len(block)
        return _best_rough(rough, allowed, size)


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
