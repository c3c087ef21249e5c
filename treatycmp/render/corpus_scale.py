"""Renderers for corpus-scale results: the treaty similarity matrix, nearest clauses,
and expectation checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from treatycmp.escape import md_escape, visible
from treatycmp.render.console import data_text
from treatycmp.render.tables import Table, json_document, ndjson

if TYPE_CHECKING:  # annotations only: nearest should not import the expectations engine
    from treatycmp.expectations import Outcome
    from treatycmp.similarity.matrix import TreatyMatrix
    from treatycmp.similarity.nearest import Neighbour
    from treatycmp.similarity.top_k import TopSimilar


def matrix_rows(m: TreatyMatrix) -> Table:
    """``matrix -f csv/tsv``: a square table, the first column and the header the ids."""
    return Table(
        ("id", *m.ids),
        tuple((tid, *row) for tid, row in zip(m.ids, m.scores, strict=True)),
    )


def matrix_json(m: TreatyMatrix) -> str:
    """``matrix -f json`` (schema: data/schema/matrix.schema.json)."""
    return json_document(
        {
            "method": m.method,
            "ids": list(m.ids),
            "scores": [[round(v, 4) for v in row] for row in m.scores],
        }
    )


def matrix_markdown(m: TreatyMatrix) -> str:
    from treatycmp.render.findings import md_code  # not for JSON (nearest start-up)

    head = "| | " + " | ".join(str(i) for i in range(1, len(m.ids) + 1)) + " |"
    lines = [head, "|---|" + "---:|" * len(m.ids)]
    for i, (tid, row) in enumerate(zip(m.ids, m.scores, strict=True), start=1):
        cells = " | ".join(f"{v:.2f}" for v in row)
        lines.append(f"| {i} `{md_code(tid)}` | {cells} |")
    lines.append("")
    lines.append(f"Scores 0-1: {md_escape(m.method)}.")
    return "\n".join(lines) + "\n"


def top_k_rows(top: TopSimilar) -> Table:
    """``matrix --top-k -f csv/tsv``: one row per treaty and rank."""
    return Table(
        ("id", "rank", "similar", "score"),
        tuple(
            (tid, rank, other, v)
            for tid, row in zip(top.ids, top.similar, strict=True)
            for rank, (other, v) in enumerate(row, start=1)
        ),
    )


def top_k_json(top: TopSimilar) -> str:
    """``matrix --top-k -f json`` (schema: data/schema/matrix-top-k.schema.json)."""
    return json_document(
        {
            "method": top.method,
            "k": top.k,
            "treaties": [
                {"id": tid, "similar": [{"id": other, "score": round(v, 4)} for other, v in row]}
                for tid, row in zip(top.ids, top.similar, strict=True)
            ],
        }
    )


def top_k_markdown(top: TopSimilar) -> str:
    from treatycmp.render.findings import md_code  # not for JSON (nearest start-up)

    lines = ["| treaty | most similar (score) |", "|---|---|"]
    for tid, row in zip(top.ids, top.similar, strict=True):
        cells = ", ".join(f"`{md_code(other)}` ({v:.2f})" for other, v in row)
        lines.append(f"| `{md_code(tid)}` | {cells} |")
    lines.append("")
    lines.append(f"The {top.k} most similar per treaty; scores 0-1: {md_escape(top.method)}.")
    return "\n".join(lines) + "\n"


def top_k_table(top: TopSimilar, *, plain: bool) -> Any:
    """One row per treaty: its most similar treaties, scores x 100."""
    from rich import box
    from rich.table import Table as RichTable

    table = RichTable(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("treaty", no_wrap=True, style="cyan")
    table.add_column(f"{top.k} most similar (score x 100)")
    for tid, row in zip(top.ids, top.similar, strict=True):
        table.add_row(
            data_text(tid),
            data_text(", ".join(f"{other} {round(v * 100)}" for other, v in row)),
        )
    table.caption = top.method
    return table


def _heat(value: float) -> str:
    """A background colour from pale (unlike) to strong (alike)."""
    steps = [
        "grey11",
        "grey23",
        "navy_blue",
        "dark_blue",
        "blue3",
        "dodger_blue2",
        "green3",
        "yellow3",
        "orange3",
        "red3",
    ]
    return "on " + steps[min(int(value * len(steps)), len(steps) - 1)]


def matrix_table(m: TreatyMatrix, *, plain: bool, width: int = 100) -> Any:
    """A heat map: rows are treaties, columns their numbers; cells are scores x 100.

    Wider than ``width``, the columns come in blocks that fit, each under a title
    naming its columns (as R prints a wide matrix): rich would otherwise squeeze
    every cell to "…" and the scores would be lost without a word.
    """
    from rich.console import Group

    blocks = _column_blocks(m.ids, width)
    if len(blocks) == 1:
        return _matrix_block(m, range(len(m.ids)), plain=plain)
    return Group(
        *(
            _matrix_block(
                m, cols, plain=plain, title=f"columns {cols[0] + 1}-{cols[-1] + 1} of {len(m.ids)}"
            )
            for cols in blocks
        )
    )


def _column_blocks(ids: Sequence[str], width: int) -> list[range]:
    """Runs of column indexes whose score columns fit ``width`` beside the row labels."""
    # The table's two edges, the row number, the treaty id, a space after each.
    labels = 2 + len(str(len(ids))) + 1 + max((len(visible(t)) for t in ids), default=6) + 1
    blocks: list[range] = []
    start, used = 0, labels
    for j in range(len(ids)):
        cell = max(2, len(str(j + 1))) + 1  # the score (or its number) and the space after
        if j > start and used + cell > width:
            blocks.append(range(start, j))
            start, used = j, labels
        used += cell
    blocks.append(range(start, len(ids)))
    return blocks


def _matrix_block(m: TreatyMatrix, cols: range, *, plain: bool, title: str | None = None) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(
        box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, padding=(0, 0), title=title
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("treaty", no_wrap=True, style="cyan")
    # The box's column separator is the space between cells: two characters a
    # score, so that 15 treaties fit 80 columns (a leading space too made rich
    # squeeze every other column to "…").
    for j in cols:
        table.add_column(f"{j + 1:>2}", justify="right", no_wrap=True)
    for i, (tid, row) in enumerate(zip(m.ids, m.scores, strict=True), start=1):
        cells = [
            data_text(
                f"{round(v * 100):>2}" if v < 0.995 else " ■", style="" if plain else _heat(v)
            )
            for v in (row[j] for j in cols)
        ]
        table.add_row(data_text(f"{i}"), data_text(tid), *cells)
    table.caption = f"scores x 100 ({m.method}); ■ = 1.0"
    return table


def _neighbour(n: Neighbour) -> dict[str, Any]:
    return {
        "treaty": n.treaty,
        "clause": n.clause.id,
        "score": round(n.score, 4),
        "partial": n.clause.partial,
        "text": n.clause.text,
    }


def nearest_json(query: str, found: Sequence[Neighbour]) -> str:
    """``nearest -f json`` (schema: data/schema/nearest.schema.json)."""
    return json_document({"query": query, "neighbours": [_neighbour(n) for n in found]})


def nearest_ndjson(query: str, found: Sequence[Neighbour]) -> str:
    """``nearest -f ndjson``: one clause per line (schema: data/schema/nearest-hit.schema.json)."""
    return ndjson({"query": query, **_neighbour(n)} for n in found)


def nearest_rows(found: Sequence[Neighbour]) -> Table:
    """``nearest -f csv/tsv``: one row per clause, its whole text."""
    return Table(
        ("treaty", "clause", "score", "partial", "text"),
        tuple((n.treaty, n.clause.id, n.score, n.clause.partial, n.clause.text) for n in found),
    )


def nearest_markdown(query: str, found: Sequence[Neighbour]) -> str:
    from treatycmp.render.findings import md_code, md_id  # not for JSON (nearest start-up)

    lines = [f"Clauses nearest to {md_escape(query)}", "", "| treaty | clause | score | text |"]
    lines.append("|---|---|---:|---|")
    for n in found:
        lines.append(
            f"| `{md_code(n.treaty)}` | {md_id(n.clause.id)} | {n.score:.3f} "
            f"| {md_escape(n.clause.text)} |"
        )
    return "\n".join(lines) + "\n"


def nearest_table(found: Sequence[Neighbour]) -> Any:
    from treatycmp.render.findings import clause_table  # not for JSON (nearest start-up)

    return clause_table(
        (n.treaty, n.clause.id, f"{n.score:.3f}", data_text(n.clause.text)) for n in found
    )


def check_json(path: str, outcomes: Sequence[Outcome]) -> str:
    """``check -f json`` (schema: data/schema/check.schema.json)."""
    return json_document(
        {
            "file": path,
            "passed": sum(o.passed for o in outcomes),
            "failed": sum(not o.passed for o in outcomes),
            "expectations": [
                {
                    "line": o.expectation.line,
                    "name": o.expectation.name,
                    "text": o.expectation.text,
                    "passed": o.passed,
                    "detail": o.detail,
                }
                for o in outcomes
            ],
        }
    )


def check_report(path: str, outcomes: Sequence[Outcome]) -> Any:
    """``PASS``/``FAIL`` per expectation with its line and why, then a total."""
    from rich.text import Text

    out = Text()
    for o in outcomes:
        mark, style = ("PASS", "green") if o.passed else ("FAIL", "bold red")
        out.append(visible(mark), style=style)
        out.append(visible(f"  {path}:{o.expectation.line}  "))
        out.append(visible(o.expectation.name or o.expectation.text))
        out.append(visible(f"  ({o.detail})\n"), style="dim" if o.passed else "")
    failed = sum(not o.passed for o in outcomes)
    out.append(visible(f"{len(outcomes) - failed} passed, {failed} failed"), style="bold")
    # One line per expectation, however long: CI logs and grep read lines.
    out.no_wrap = True
    return out
