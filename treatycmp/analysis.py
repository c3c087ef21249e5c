"""Two treaties in, one ``Comparison`` out: aligned clause pairs with their word diffs.

Every renderer reads the same ``Comparison``, so two output formats cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from .align import (
    DEFAULT_SCORER,
    DEFAULT_THRESHOLD,
    JOINER,
    PAIR_KINDS,
    PairKind,
    align_clauses,
    get_scorer,
)
from .diff import WordOp, diff_words
from .errors import TreatycmpError
from .model import LEVELS, Clause, Level, Treaty
from .text import normalize


@dataclass(frozen=True)
class CompareOptions:
    """What to compare and how strictly."""

    level: Level = "paragraph"
    threshold: float = DEFAULT_THRESHOLD
    scorer: str = DEFAULT_SCORER


@dataclass(frozen=True)
class PairResult:
    """One aligned pair with the word diff of its (joined) texts.

    Split and merged pairs diff the clauses of the many side joined with a newline
    (``align.JOINER``); the ops rebuild exactly those joined texts.
    """

    kind: PairKind
    left: tuple[Clause, ...]
    right: tuple[Clause, ...]
    score: float
    ops: tuple[WordOp, ...] = ()

    @property
    def left_text(self) -> str:
        return JOINER.join(c.text for c in self.left)

    @property
    def right_text(self) -> str:
        return JOINER.join(c.text for c in self.right)


@dataclass(frozen=True)
class Summary:
    """Pairs counted per kind, and the overall similarity 0-1.

    The similarity is the mean of pair scores weighted by the normalised text
    length of both sides of each pair; added and removed clauses count 0, so a
    text compared with itself scores 1 and with an unrelated one near 0.
    """

    counts: tuple[tuple[PairKind, int], ...]
    similarity: float

    def count(self, kind: PairKind) -> int:
        return dict(self.counts)[kind]


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two treaty texts: options, pairs in order, summary."""

    left: Treaty
    right: Treaty
    options: CompareOptions
    pairs: tuple[PairResult, ...]

    @property
    def summary(self) -> Summary:
        counts = tuple((k, sum(p.kind == k for p in self.pairs)) for k in PAIR_KINDS)
        total = 0.0
        weighted = 0.0
        for p in self.pairs:
            size = sum(len(normalize(c.text)) for c in (*p.left, *p.right)) or 1
            total += size
            weighted += size * p.score
        return Summary(counts, weighted / total if total else 1.0)


def _ops(left: tuple[Clause, ...], right: tuple[Clause, ...]) -> tuple[WordOp, ...]:
    ltext = JOINER.join(c.text for c in left)
    rtext = JOINER.join(c.text for c in right)
    if not right:
        return (WordOp("delete", ltext, ""),)
    if not left:
        return (WordOp("insert", "", rtext),)
    return diff_words(ltext, rtext)


def compare(left: Treaty, right: Treaty, options: CompareOptions | None = None) -> Comparison:
    """Align two treaty texts clause by clause and diff every pair word by word.

    Args:
        left: the older or reference text.
        right: the text compared with it.
        options: level, threshold and scorer; the defaults when ``None``.

    Returns:
        A ``Comparison`` whose pairs are ordered by left position.
    """
    opts = options or CompareOptions()
    if opts.level not in LEVELS:
        raise TreatycmpError(f"level must be one of {', '.join(LEVELS)}, not {opts.level!r}")
    get_scorer(opts.scorer)
    aligned = align_clauses(
        left.clauses(opts.level),
        right.clauses(opts.level),
        threshold=opts.threshold,
        scorer=opts.scorer,
    )
    pairs = tuple(
        PairResult(p.kind, p.left, p.right, p.score, _ops(p.left, p.right)) for p in aligned
    )
    return Comparison(left, right, opts, pairs)
