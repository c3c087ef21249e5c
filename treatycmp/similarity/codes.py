"""Word codes: each word of a normalised text as one character, a hash of the word.

Indel on these strings is Indel over word sequences, about six times shorter than the
text: the nearest-clause index ranks clauses by it before scoring the best exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from treatycmp.text import CJK_RANGES

# Word codes live in the astral planes (no surrogates, no clash with the separator).
CODE_BASE = 0x10000
CODE_SPACE = 1 << 20  # word codes are 20-bit hashes
# Characters coded in one numpy pass: large enough to amortise, small enough for cache.
_CHUNK_CHARS = 1 << 21


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
    merged[starts] = (hashes >> np.uint32(12)) + np.uint32(CODE_BASE)
    merged = merged[start | boundary]
    codes: list[str] = merged.tobytes().decode("utf-32-le").split("\x00")
    return codes
