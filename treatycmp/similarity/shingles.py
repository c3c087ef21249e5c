"""Shingles: the sorted distinct 64-bit hashes of a text's 5-character substrings.

What a whole treaty is compared by (``matrix``, ``top_k``), as the treaty text-as-data
literature does (Alschner and Skougarevskiy).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from treatycmp.similarity.forms import normalize_many
from treatycmp.text import char_form, marked, spaced_form

if TYPE_CHECKING:
    from treatycmp.arrays import UInt32Array, UInt64Array

SHINGLE_SIZE = 5
# Multiplier of the rolling shingle hash (the 64-bit FNV prime); arithmetic wraps mod 2**64.
_HASH_BASE = np.uint64(1099511628211)


def shingles(form: str | UInt32Array, size: int = SHINGLE_SIZE) -> UInt64Array:
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


def shingle_texts(texts: Sequence[str], size: int = SHINGLE_SIZE) -> list[UInt64Array]:
    """``shingles(normalize_many([t])[0])`` for each whole treaty text (runs on Dask workers).

    Long texts skip the join/split that collapses white space in ``normalize``: the
    spaces are collapsed and stripped on the code points, in numpy (equal forms:
    tested).
    """
    return [shingles(_form_points(text), size) for text in texts]


def _form_points(text: str) -> str | UInt32Array:
    """The normalised form of ``text``, as a string or (long texts) as code points."""
    if len(text) < 4096:
        return normalize_many([text])[0]
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    c = _spaced_points(text)
    if c is None:
        return normalize_many([text])[0]
    space = c == 0x20
    keep = ~space
    keep[1:] |= space[1:] & ~space[:-1]  # the first space of each run
    c = c[keep]
    start = 1 if c.size and c[0] == 0x20 else 0
    end = c.size - 1 if c.size > start and c[-1] == 0x20 else c.size
    points: UInt32Array = c[start:end]
    return points


def _spaced_points(text: str) -> UInt32Array | None:
    """``spaced_form(text)`` as code points, translated in numpy (a table lookup per
    distinct character, not per character), or None when the text needs the loop.

    A character whose fast form is not one character (a folding that grows, or one
    that needs the loop) sends the text to ``spaced_form`` itself; marks (apostrophes and
    brackets) are then handled on the string, as there.
    """
    c = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    chars = np.unique(c) if c.size < 65536 else np.flatnonzero(np.bincount(c))
    forms = [char_form(int(cp)) for cp in chars.tolist()]
    if any(len(f) != 1 for f in forms):
        spaced = spaced_form(text)
        if spaced is None:
            return None
        return np.frombuffer(spaced.encode("utf-32-le"), dtype=np.uint32)
    table = np.zeros(int(chars[-1]) + 1 if chars.size else 1, dtype=np.uint32)
    table[chars] = np.fromiter(map(ord, forms), dtype=np.uint32, count=len(forms))
    out: UInt32Array = table[c]
    if any(f in "'[]" for f in forms):
        u = marked(out.tobytes().decode("utf-32-le"))
        out = np.frombuffer(u.encode("utf-32-le"), dtype=np.uint32)
    return out
