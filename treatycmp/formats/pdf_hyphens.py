"""Lines of a PDF paragraph joined into one text, a word hyphenated at a line end made
whole again only where the hyphen was the line's and not the word's (``pdf``)."""

from __future__ import annotations

import re

_HYPHEN_END = re.compile(r"(\w+)[-\u00ad]$")
_WORD_START = re.compile(r"^([a-zà-ÿ]\w*)")
# Prefixes whose hyphen belongs to the word ("non-self-governing", "quasi-judicial").
_KEPT_PREFIXES = frozenset(["non", "self", "quasi"])


def join_lines(prev: str, nxt: str, vocabulary: set[str]) -> str:
    """Two lines of one paragraph joined. A line-end hyphen is dropped only when the
    joined word is a word: the document's own vocabulary decides first (it writes the
    word joined, or with its hyphen); else a hyphen after a prefix such as ``non`` or
    ``self``, or before a capital (``Secretary-General``), belongs to the word.

    >>> join_lines("non-self-", "governing territories", set())
    'non-self-governing territories'
    >>> join_lines("Secretary-", "General", set()), join_lines("the organi-", "zation", set())
    ('Secretary-General', 'the organization')
    """
    m = _HYPHEN_END.search(prev)
    if prev.endswith("\u00ad"):  # a soft hyphen is only ever a break
        return prev[:-1] + nxt
    if m and prev.endswith("-") and nxt[:1].isupper():
        return prev + nxt
    w = _WORD_START.match(nxt)
    if m and w:
        joined = (m.group(1) + w.group(1)).casefold()
        hyphened = f"{m.group(1)}-{w.group(1)}".casefold()
        if joined in vocabulary:
            return prev[:-1] + nxt
        if hyphened in vocabulary or m.group(1).casefold() in _KEPT_PREFIXES:
            return prev + nxt
        return prev[:-1] + nxt
    return f"{prev} {nxt}"
