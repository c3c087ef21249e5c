"""The documented columns of CSV and TSV outputs: their names and meanings, in order.

A renderer builds its ``Table`` from the column spec here (``table``), so the header a
user reads and the table in docs/json.md (``scripts/gen_docs.py`` reads ``COLUMNS``)
come from one list and cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from treatycmp.render.tables import Cell, Table


@dataclass(frozen=True)
class Column:
    """One column of a CSV/TSV output: its header and what a cell holds."""

    name: str
    meaning: str


Columns = tuple[Column, ...]

LIST_SEP = 'rule ids joined with "; "'

DIFF: Columns = (
    Column("left", 'left clause id(s) of the pair, joined with "; " (empty: added)'),
    Column("right", 'right clause id(s) of the pair, joined with "; " (empty: removed)'),
    Column(
        "kind",
        "same, changed, moved, split, merged, corresponds (paired by function), added, removed",
    ),
    Column("score", "text similarity of the pair, 0-1 (4 decimals)"),
    Column("words_deleted", "words of the left text the word diff deletes (empty: corresponds)"),
    Column("words_inserted", "words of the right text the word diff inserts (empty: corresponds)"),
    Column("function", "for a pair found by function (corresponds, or changed), why; else empty"),
    Column("buffers_added", f"buffers the right clause has and the left lacks: {LIST_SEP}"),
    Column("buffers_removed", f"buffers the left clause has and the right lacks: {LIST_SEP}"),
    Column("buffers_kept", f"buffers both clauses have: {LIST_SEP}"),
    Column(
        "buffers_unknown",
        f"buffers on one side only where the other breaks off at a gap: {LIST_SEP}",
    ),
    Column(
        "gaps",
        "which side's clauses break off at a gap: left, right, left; right, or empty",
    ),
    Column(
        "may_be_in_gap",
        "true when an added or removed clause may sit in a gap of the other text",
    ),
    Column(
        "note",
        "why a pair is not the kind its shape or place suggests: split, merge or move not "
        "claimed (the pair is reported changed, docs/alignment.md); else empty",
    ),
    Column(
        "change",
        "case, punctuation or case+punctuation when the pair's texts differ only so (kind "
        "changed; kind same under -i/--ignore-punctuation, which fold it); else empty",
    ),
)

SHOW: Columns = (
    Column("treaty", "the treaty's id"),
    Column("part", "preface, preamble, article or closing"),
    Column("article", "the article's number (empty outside articles)"),
    Column("heading", "the article's label and heading as printed (e.g. Article 4 - Defence)"),
    Column("clause", "the clause id commands use (4.2, preamble.3; empty: a missing article)"),
    Column("text", "the clause's words exactly as in the source (empty for a gap)"),
    Column("gap", "why the paragraph or article is missing: the source lacks it (else empty)"),
    Column("gap_before", "words missing before the text (the source gives it only in part)"),
    Column("gap_after", "words missing after the text"),
    Column("line", "line of the treaty file the clause starts on"),
)

VALIDATE: Columns = (
    Column("severity", "error (the file is invalid) or warning (a reference leads nowhere)"),
    Column("file", "the file the problem is in"),
    Column("line", "the line it is on (empty when it concerns the whole file)"),
    Column("problem", "what is wrong"),
    Column("fix", "what to do about it"),
)

COLUMNS: dict[str, Columns] = {"diff": DIFF, "show": SHOW, "validate": VALIDATE}
"""Command -> its CSV/TSV columns, for the renderers and for docs/json.md."""


def table(columns: Columns, rows: Sequence[Sequence[Cell]]) -> Table:
    """A ``Table`` with these columns' header; every row must have one cell per column."""
    out = tuple(tuple(row) for row in rows)
    for row in out:
        if len(row) != len(columns):
            raise ValueError(f"a row of {len(row)} cells for {len(columns)} columns")
    return Table(tuple(c.name for c in columns), out)
