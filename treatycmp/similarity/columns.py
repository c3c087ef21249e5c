"""A clause index's data as flat arrays (UTF-8 blobs, word codes, postings): what the
index store saves and memory-maps, decoded only where a query touches it."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np

from treatycmp.model import Clause
from treatycmp.similarity.codes import CODE_BASE, CODE_SPACE, word_codes

BIT_LEVELS = 1 << 16
"""Levels a bitmap key holds per code (``bit_key``); counts beyond are never frequent."""

if TYPE_CHECKING:
    from treatycmp.arrays import Int32Array, Int64Array, StoredArray, UInt8Array


class ClauseColumns:
    """A clause index's data as flat arrays: what ``index_store`` saves and loads.

    Strings are UTF-8 blobs with offsets, so a stored index is opened without
    building one Python object per clause; only the clauses a query touches are
    decoded.
    """

    def __init__(self, arrays: Mapping[str, StoredArray]) -> None:
        self.arrays = arrays
        self.treaty_ids: list[str] = _split_blob(arrays["treaty_ids"])
        self.owner: Int32Array = arrays["owner"]
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
        arrays: dict[str, StoredArray] = {
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

    def codes_at(self, indexes: Int64Array) -> list[str]:
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

    def overlaps(self, query_codes: str) -> Int64Array:
        """Per clause, how many of the query's words it holds (a multiset intersection).

        Read from the postings of the query's distinct word codes only. Indel's
        longest common subsequence of two code strings is at most this count, so
        ``200 * overlap / (len(query) + len(clause))`` bounds the word-level ratio.
        """
        post_at = self.arrays["post_at"]
        values, counts = np.unique(
            np.frombuffer(query_codes.encode("utf-32-le"), dtype=np.uint32) - CODE_BASE,
            return_counts=True,
        )
        clauses: list[StoredArray] = []
        weights: list[StoredArray] = []
        for value, count in zip(values.tolist(), counts.tolist(), strict=True):
            lo, hi = int(post_at[value]), int(post_at[value + 1])
            if hi > lo:
                clauses.append(self.arrays["post_clause"][lo:hi])
                weights.append(np.minimum(self.arrays["post_count"][lo:hi], count))
        if not clauses:
            return np.zeros(self.size, dtype=np.int64)
        found: Int64Array = np.bincount(
            np.concatenate(clauses), weights=np.concatenate(weights), minlength=self.size
        ).astype(np.int64)
        return found


def _postings(codes: Sequence[str]) -> dict[str, StoredArray]:
    """An inverted index of word codes: for each code, the clauses holding it and how often.

    ``post_at[c]:post_at[c + 1]`` slices ``post_clause`` (ascending) and ``post_count``
    for the code ``c`` (less ``CODE_BASE``); ``code_at`` gives each clause's span
    in the joined code string (its length is ``code_at[i + 1] - code_at[i] - 1``).
    """
    lengths = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
    code_at = np.zeros(len(codes) + 1, dtype=np.int64)
    np.cumsum(lengths + 1, out=code_at[1:])
    flat = np.frombuffer("".join(codes).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    owner = np.repeat(np.arange(len(codes), dtype=np.int64), lengths)
    keys, counts = np.unique((flat - CODE_BASE) * max(len(codes), 1) + owner, return_counts=True)
    code = keys // max(len(codes), 1)
    post_at = np.searchsorted(code, np.arange(CODE_SPACE + 1), side="left").astype(np.int64)
    clause = (keys % max(len(codes), 1)).astype(np.int32)
    return {
        "code_at": code_at,
        "post_at": post_at,
        "post_clause": clause,
        "post_count": counts.astype(np.int32),
        **_bitmaps(code, clause, counts, len(codes)),
    }


def bitmap_least(size: int) -> int:
    """Holders from which a (code, level) is stored as a bitmap of ``size`` clauses: a
    bitmap costs a query about ``size`` bit operations, a posting list ~150 ns a holder."""
    return max(32, size // 64)


def _bitmaps(
    code: Int64Array, clause: Int32Array, count: Int64Array, size: int
) -> dict[str, StoredArray]:
    """The frequent words' postings again as bitmaps, for queries without numpy.

    For every code and level (1, 2, ...) held by at least ``bitmap_least(size)``
    clauses that many times or more, a little-endian bitmap of ``size`` bits (clause
    ``i`` is bit ``i``): ``bit_key`` is ``code * BIT_LEVELS + level``, ascending, and
    ``bits`` the bitmaps one after another. ``stored_query`` adds them bit-sliced
    instead of counting tens of thousands of holders one by one (issue 22).
    """
    least, width = bitmap_least(size), (size + 7) // 8
    keys: list[int] = []
    maps: list[UInt8Array] = []
    level, at_code, at_clause, at_count = 1, code, clause, count
    while level < BIT_LEVELS:
        held = at_count >= level  # fewer postings at each level
        at_code, at_clause, at_count = at_code[held], at_clause[held], at_count[held]
        values, numbers = np.unique(at_code, return_counts=True)
        frequent = values[numbers >= least]
        if not frequent.size:
            break
        starts = np.searchsorted(at_code, frequent, side="left")
        ends = np.searchsorted(at_code, frequent, side="right")
        for value, lo, hi in zip(frequent.tolist(), starts.tolist(), ends.tolist(), strict=True):
            flags = np.zeros(width * 8, dtype=bool)
            flags[at_clause[lo:hi]] = True
            keys.append(value * BIT_LEVELS + level)
            maps.append(np.packbits(flags, bitorder="little"))
        level += 1
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return {
        "bit_key": np.array([keys[i] for i in order], dtype=np.int64),
        "bits": np.concatenate([maps[i] for i in order]) if maps else np.zeros(0, np.uint8),
    }


def _blob(values: Sequence[str]) -> tuple[UInt8Array, Int64Array]:
    """UTF-8 bytes of ``values`` one after another, and their n + 1 offsets."""
    parts = [v.encode("utf-8") for v in values]
    at = np.zeros(len(parts) + 1, dtype=np.int64)
    np.cumsum([len(p) for p in parts], out=at[1:])
    return np.frombuffer(b"".join(parts), dtype=np.uint8).copy(), at


def _split_blob(data: StoredArray) -> list[str]:
    text: str = data.tobytes().decode("utf-8")
    return text.split("\x00")
