"""Quoted text inside an article: the lines an amending instrument quotes.

An amending protocol quotes whole articles of the treaty it amends (``1. Artikel 1
erhält folgende Fassung:`` then ``„ARTIKEL 1`` ... ``.“``; ``is replaced by the
following: “Article 3 ...”``; ``« Article 5 ... »``). The headings inside such a
quotation are text of the amending article, never the protocol's own articles, so the
segmentation reads them as text. A quotation opens at the start of a line and ends at
its closing mark; one that does not close within ``MAX_QUOTED_LINES`` is not taken as
a quotation (an unpaired mark must not hide the rest of a treaty's headings).
"""

from __future__ import annotations

# The opening marks, each with its closing marks: German „...“ (or ”), English “...”,
# French «...», and plain "...".
_PAIRS = {"\u201e": "\u201c\u201d", "\u201c": "\u201d", "\u00ab": "\u00bb", '"': '"'}
# A quoted article of a treaty is rarely longer than this many lines of a page.
MAX_QUOTED_LINES = 400


def _closes(texts: list[str], start: int) -> int | None:
    """The index of the line where the quotation opening ``texts[start]`` closes."""
    opener = texts[start].lstrip()[0]
    closers = _PAIRS[opener]
    depth = 0
    for i in range(start, min(len(texts), start + MAX_QUOTED_LINES)):
        for ch in texts[i]:
            if ch == opener and (opener != '"' or depth == 0):
                depth += 1
            elif ch in closers:
                depth -= 1
                if depth == 0:
                    return i
    return None


def quoted_lines(texts: list[str]) -> frozenset[int]:
    """The indices of the lines inside a quotation that opens at the start of a line.

    >>> sorted(quoted_lines(["Art. 1 reads:", "\u201eARTIKEL 1", "Text.\u201c", "ARTIKEL 2"]))
    [1, 2]
    >>> sorted(quoted_lines(["\u201eARTIKEL 1", "never closed", "ARTIKEL 2"]))
    []
    """
    inside: set[int] = set()
    i = 0
    while i < len(texts):
        text = texts[i].lstrip()
        end = _closes(texts, i) if text[:1] in _PAIRS else None
        if end is None:
            i += 1
            continue
        inside.update(range(i, end + 1))
        i = end + 1
    return frozenset(inside)
