"""Quoted text inside an article: the lines an amending instrument quotes.

An amending protocol quotes whole articles of the treaty it amends (``1. Artikel 1
erhält folgende Fassung:`` then ``„ARTIKEL 1`` ... ``.“``; ``is replaced by the
following: “Article 3 ...”``; ``« Article 5 ... »``). The headings inside such a
quotation are text of the amending article, never the protocol's own articles, so the
segmentation reads them as text. A quotation opens at the start of a line and ends at
its closing mark; one that does not close within ``MAX_QUOTED_LINES`` is not taken as
a quotation (an unpaired mark must not hide the rest of a treaty's headings). Two more
guards keep a stray mark (an unbalanced quote in a definition, ``"Party means ...``) from
swallowing the headings after it: a quotation opens only after a line that ends with a
colon (the quoting formula: ``erhält folgende Fassung:``, ``reads as follows:``), and one
that runs over several lines closes at the end of its last line (``... Text.“ ;``).
"""

from __future__ import annotations

import re

# The opening marks, each with its closing marks: German „...“ (or ”), English “...”,
# French «...», and plain "...".
_PAIRS = {"\u201e": "\u201c\u201d", "\u201c": "\u201d", "\u00ab": "\u00bb", '"': '"'}
# A quoted article of a treaty is rarely longer than this many lines of a page.
MAX_QUOTED_LINES = 400
# After the closing mark of a quotation over several lines: only punctuation (and a
# dash set apart, the speck an OCR layer leaves at a line's end: ``traffic.” -``).
_CLOSED_AT_END = re.compile(r"[\s;.,:)]*(?:\s[-\u2013\u2014])?\s*$")
# English “...” does not nest: a quotation of several paragraphs opens each with “ and
# closes only the last, and an OCR layer may read a stray “ inside one (“be, is ...).
_FLAT = frozenset('"\u201c')


def _closes(texts: list[str], start: int) -> int | None:
    """The index of the line where the quotation opening ``texts[start]`` closes."""
    opener = texts[start].lstrip()[0]
    closers = _PAIRS[opener]
    depth = 0
    for i in range(start, min(len(texts), start + MAX_QUOTED_LINES)):
        for k, ch in enumerate(texts[i]):
            if ch == opener and (opener not in _FLAT or depth == 0):
                depth += 1
            elif ch in closers:
                depth -= 1
                if depth == 0:
                    ends = i == start or _CLOSED_AT_END.fullmatch(texts[i], k + 1)
                    return i if ends else None
    return None


def quoted_lines(texts: list[str]) -> frozenset[int]:
    """The indices of the lines inside a quotation that opens at the start of a line.

    >>> sorted(quoted_lines(["Art. 1 reads:", "\u201eARTIKEL 1", "Text.\u201c", "ARTIKEL 2"]))
    [1, 2]
    >>> sorted(quoted_lines(["Art. 1 reads:", "\u201eARTIKEL 1", "never closed", "ARTIKEL 2"]))
    []
    >>> sorted(quoted_lines(["Definitions", '"Party means a State', "Article 2", '"Area" means']))
    []
    >>> sorted(quoted_lines(["reads:", "\u201cArticle 8", "\u201cbe, is", "traffic.\u201d -", "X"]))
    [1, 2, 3]
    """
    inside: set[int] = set()
    i, after_colon = 0, False
    while i < len(texts):
        text = texts[i].lstrip()
        opens = after_colon and text[:1] in _PAIRS
        if text.strip():
            after_colon = text.rstrip().endswith(":")
        end = _closes(texts, i) if opens else None
        if end is None:
            i += 1
            continue
        inside.update(range(i, end + 1))
        i = end + 1
    return frozenset(inside)
