"""A comparison one pair a line: ``diff -f csv/tsv`` (a row per pair) and ``diff --stat``.

Both read the same per-pair facts (``pair_facts``): clause ids, kind, score, the words
the diff deletes and inserts, the buffers added, removed, kept and unknown, the gaps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from treatycmp.analysis import Comparison, PairResult, pairs_touching
from treatycmp.escape import visible
from treatycmp.render.columns import DIFF, table
from treatycmp.render.diff.summary import counts_text, treaty_line
from treatycmp.render.diff.view import kind_label
from treatycmp.render.tables import DECIMALS, Table, joined
from treatycmp.text import word_count


@dataclass(frozen=True)
class PairFacts:
    """What one line of ``--stat`` and one CSV row say about a pair."""

    left: tuple[str, ...]
    right: tuple[str, ...]
    kind: str
    score: float
    words: tuple[int, int] | None  # (deleted, inserted); None: paired by function
    function: str | None
    buffers: dict[str, tuple[str, ...]]  # added, removed, kept, unknown -> rule ids
    gaps: tuple[str, ...]
    may_be_in_gap: bool
    note: str | None = None
    change: str | None = None  # case, punctuation, case+punctuation: only so different


def word_changes(pair: PairResult) -> tuple[int, int] | None:
    """(words deleted, words inserted) by the pair's word diff; None for ``corresponds``."""
    if pair.kind == "corresponds":
        return None
    deleted = sum(word_count(o.left) for o in pair.ops if o.op in ("delete", "replace"))
    inserted = sum(word_count(o.right) for o in pair.ops if o.op in ("insert", "replace"))
    return deleted, inserted


def pair_facts(c: Comparison, pair: PairResult) -> PairFacts:
    f = pair.findings

    def buffers(ids: Sequence[str]) -> tuple[str, ...]:
        return tuple(
            i for i in ids if (rule := c.rules.get(i)) is not None and rule.category == "buffer"
        )

    sides = (("left", pair.left), ("right", pair.right))
    return PairFacts(
        left=tuple(x.id for x in pair.left),
        right=tuple(x.id for x in pair.right),
        kind=pair.kind,
        score=round(pair.score, DECIMALS),
        words=word_changes(pair),
        function=pair.function.reason if pair.function is not None else None,
        buffers={
            "added": buffers(f.added),
            "removed": buffers(f.removed),
            "kept": buffers(f.kept),
            "unknown": buffers(f.unknown),
        },
        gaps=tuple(side for side, xs in sides if any(x.partial for x in xs)),
        may_be_in_gap=pair.may_be_in_gap,
        note=pair.note,
        change=pair.change,
    )


def selected(c: Comparison, article: str | None, only_changed: bool) -> tuple[PairResult, ...]:
    """The pairs ``--article`` and ``--only-changed`` leave."""
    pairs = pairs_touching(c, article)
    return tuple(p for p in pairs if not (only_changed and p.kind == "same"))


def diff_rows(c: Comparison, article: str | None = None, only_changed: bool = False) -> Table:
    """``diff -f csv/tsv``: one row per pair, columns ``render.columns.DIFF``."""
    rows = []
    for pair in selected(c, article, only_changed):
        p = pair_facts(c, pair)
        rows.append(
            (
                joined(p.left),
                joined(p.right),
                p.kind,
                p.score,
                None if p.words is None else p.words[0],
                None if p.words is None else p.words[1],
                p.function,
                *(joined(p.buffers[k]) for k in ("added", "removed", "kept", "unknown")),
                joined(p.gaps),
                p.may_be_in_gap,
                p.note,
                p.change,
            )
        )
    return table(DIFF, rows)


BAR = 30


def _where(ids: tuple[str, ...]) -> str:
    """``4``, ``4.1, 4.2``, or a run of more as ``preamble.1 … preamble.7``."""
    if not ids:
        return "(none)"
    return visible(f"{ids[0]} … {ids[-1]}" if len(ids) > 2 else ", ".join(ids))


def diff_stat(c: Comparison, article: str | None = None, only_changed: bool = False) -> str:
    """``diff --stat``: a line per pair (ids, kind, words -/+ with a bar), then totals.

    As ``git diff --stat``: ``-`` for the words deleted from the left text, ``+`` for
    those inserted in the right, the bar scaled to the largest pair. A pair paired by
    function has no word diff: it shows its score.
    """
    chosen = selected(c, article, only_changed)
    facts = [pair_facts(c, p) for p in chosen]
    names = [f"{_where(p.left)} → {_where(p.right)}" for p in facts]
    kinds = [kind_label(c, p) for p in chosen]
    wide = max((len(n) for n in names), default=0)
    kind_wide = max((len(k) for k in kinds), default=0)
    largest = max((sum(p.words) for p in facts if p.words), default=0)
    lines = [f"{visible(treaty_line(c.left))} → {visible(treaty_line(c.right))}"]
    deleted = inserted = 0
    for name, kind, p in zip(names, kinds, facts, strict=True):
        if p.words is None:
            change = f"function {p.score:.2f}"
        else:
            d, i = p.words
            deleted, inserted = deleted + d, inserted + i
            scale = BAR / largest if largest > BAR else 1.0
            bar = "-" * round(d * scale) + "+" * round(i * scale)
            change = f"-{d} +{i} {bar}".rstrip()
        buffers = "".join(
            f" {sign}{len(p.buffers[k])} buffer(s)"
            for sign, k in (("+", "added"), ("-", "removed"), ("?", "unknown"))
            if p.buffers[k]
        )
        lines.append(f" {name:<{wide}} | {kind:<{kind_wide}} | {change}{buffers}")
    pairs = f"{len(facts)} pair{'s' if len(facts) != 1 else ''}"
    whole = article is None and not only_changed
    shown = counts_text(c) if whole else _counts([p.kind for p in facts])
    lines.append(f" {pairs} ({shown}), {deleted} words deleted (-), {inserted} inserted (+)")
    return "\n".join(lines) + "\n"


def _counts(kinds: list[str]) -> str:
    found: dict[str, int] = {}
    for k in kinds:
        found[k] = found.get(k, 0) + 1
    return " · ".join(f"{n} {k}" for k, n in found.items()) or "no clauses"
