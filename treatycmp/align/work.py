"""Counts of the aligner's work: cells scored per tier and the largest array built.

A test guards the aligner's cost by these counts, not by times (tests/test_work.py): a
regression to scoring every left x right cell fails it on any machine. Nothing is
counted unless a caller asks with ``counting()``; the counts never reach a result.

>>> with counting() as tally:
...     count("example", 6, array=6)
>>> tally.cells, tally.peak
({'example': 6}, 6)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class Tally:
    """Cells scored by tier, the most elements of one array (or block) built at once, and
    the texts split into words and grams for the lexical score (each clause once)."""

    __slots__ = ("cells", "peak", "tokenised")

    def __init__(self) -> None:
        self.cells: dict[str, int] = {}
        self.peak = 0
        self.tokenised = 0

    @property
    def total(self) -> int:
        """Cells scored in all tiers."""
        return sum(self.cells.values())


_TALLY: ContextVar[Tally | None] = ContextVar("treatycmp_align_work", default=None)


@contextmanager
def counting() -> Iterator[Tally]:
    """Count the work of the alignments run inside the block."""
    tally = Tally()
    token = _TALLY.set(tally)
    try:
        yield tally
    finally:
        _TALLY.reset(token)


def count(tier: str, cells: int, array: int = 0) -> None:
    """Record ``cells`` scored by ``tier`` and an array of ``array`` elements (cheap when
    nobody counts: one context lookup)."""
    tally = _TALLY.get()
    if tally is not None:
        tally.cells[tier] = tally.cells.get(tier, 0) + cells
        tally.peak = max(tally.peak, array)


def tokenised(texts: int) -> None:
    """Record ``texts`` texts split into words and grams (``lexical.Space``)."""
    tally = _TALLY.get()
    if tally is not None:
        tally.tokenised += texts
