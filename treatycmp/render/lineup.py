"""Renderers for ``lineup``: one clause across many treaties, a row per treaty.

Every format reads the same ``Lineup`` through ``lineup.row_cells`` and
``lineup.lineup_record``, so two formats cannot disagree. Treaty words are data:
escaped in markdown and HTML, printed with markup off in the terminal, control
characters spelled out in CSV and TSV (the project's one CSV writer).
"""

from __future__ import annotations

from typing import Any

from treatycmp.escape import html_escape, md_inline, visible
from treatycmp.lineup import Lineup, columns, lineup_record, row_cells
from treatycmp.render.console import data_text
from treatycmp.render.tables import Table, json_document


def _title(lineup: Lineup) -> str:
    return (
        f"{lineup.reference.short_title} ({lineup.reference.id}) {lineup.clause.id} "
        f"lined up, level {lineup.level}"
    )


LEGEND = (
    "“words” carry the finding; - the text has none; gap: the text breaks off or "
    "has gaps, so it may hold it (unknown, never 'no')."
)


def lineup_json(lineup: Lineup) -> str:
    """The line-up as JSON (schema: data/schema/lineup.schema.json)."""
    return json_document(lineup_record(lineup))


def lineup_rows(lineup: Lineup) -> Table:
    """One row per treaty, the markdown table's columns, for CSV and TSV.

    An absent finding (``-`` in the other formats) is an empty cell; ``gap`` stays.
    The clause column holds clause ids only (joinable with other tables), and
    whether the clause is partial is a column of its own, ``true`` or ``false``
    (as in ``nearest`` and ``grep``), the JSON row's ``partial``.
    """
    cols = columns(lineup)
    keys = [k for k, _ in cols]
    keys.insert(keys.index("clause") + 1, "partial")
    rows = []
    for row in lineup.rows:
        cells = row_cells(row)
        if row.clauses:
            cells["clause"] = row.clause_ids
        cells["partial"] = "true" if row.partial else "false"
        rows.append(tuple(None if cells[k] == "-" else cells[k] for k in keys))
    return Table(tuple(keys), tuple(rows))


def lineup_markdown(lineup: Lineup) -> str:
    """A heading, the legend and one markdown table, a row per treaty."""
    cols = columns(lineup)
    lines = [
        f"**{md_inline(_title(lineup))}**",
        "",
        md_inline(LEGEND),
        "",
        "| " + " | ".join(md_inline(h) for _, h in cols) + " |",
        "|" + "---|" * len(cols),
    ]
    for row in lineup.rows:
        cells = row_cells(row)
        lines.append("| " + " | ".join(md_inline(visible(cells[k])) for k, _ in cols) + " |")
    return "\n".join(lines) + "\n"


# Wide windows: one table of eight columns (who, what it does, the six buffers), every
# cell wrapped to fit (no sideways scrolling at 1,280 px). Narrow ones (a phone, 400 px):
# one card per treaty, each cell under its column's name.
CSS = """
body { font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 110rem;
  padding: 0 1rem; line-height: 1.4; color: #1b1b1b; }
h1 { font-size: 1.3rem; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #ccc; padding: .35rem .5rem; vertical-align: top;
  text-align: left; overflow-wrap: anywhere; }
th { background: #f3f3f3; }
th, td { min-width: 6rem; }
td.who { min-width: 9rem; }
td .k { color: #555; }
td .name { font-weight: 600; }
td.gap { color: #9a6700; font-style: italic; }
td.none { color: #888; }
@media (max-width: 60rem) {
  table, tbody, tr, td { display: block; width: auto; }
  thead { display: none; }
  tr { border: 1px solid #bbb; border-radius: .4rem; margin: 0 0 1rem; padding: .4rem .6rem; }
  td { border: 0; padding: .15rem 0; }
  td::before { content: attr(data-label) ": "; font-weight: 600; color: #444;
    font-style: normal; }
  td.who::before { content: none; }
  td.who .name { font-size: 1.1rem; }
}
"""

WHO = ("clause", "match", "score", "reason")
WHAT = ("obligation", "triggers", "response", "response_words", "strength")


def _lines(cells: dict[str, str], keys: tuple[str, ...]) -> str:
    """``key: value`` lines of one cell of the page."""
    return "<br>".join(
        f'<span class="k">{k.replace("_", " ")}:</span> {html_escape(visible(cells[k]))}'
        for k in keys
    )


def lineup_html(lineup: Lineup) -> str:
    """A self-contained HTML page: inline CSS, no scripts, every text escaped; a table
    on a wide window, a card per treaty on a narrow one. Every value of the CSV row is
    on the page: who and how found, what it does, then a column per buffer."""
    buffers = list(lineup.buffer_labels)
    heads = ["treaty / clause", "what it does", *(label for _, label in buffers)]
    title = html_escape(visible(_title(lineup)))
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
        f"<p>{html_escape(LEGEND)}</p>",
        "<table>",
        "<thead><tr>" + "".join(f"<th>{html_escape(h)}</th>" for h in heads) + "</tr></thead>",
        "<tbody>",
    ]
    for row in lineup.rows:
        cells = row_cells(row)
        name = html_escape(visible(cells["treaty"]))
        who = f'<span class="name">{name}</span><br>' + _lines(cells, WHO)
        tds = [
            f'<td class="who" data-label="{heads[0]}">{who}</td>',
            f'<td data-label="{heads[1]}">{_lines(cells, WHAT)}</td>',
        ]
        for key, label in buffers:
            text = cells[key]
            css = ' class="gap"' if text == "gap" else ' class="none"' if text == "-" else ""
            tds.append(
                f'<td{css} data-label="{html_escape(label)}">{html_escape(visible(text))}</td>'
            )
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.extend(["</tbody>", "</table>", "</body>", "</html>"])
    return "\n".join(out) + "\n"


def lineup_table(lineup: Lineup) -> Any:
    """A rich table, a row per treaty: the clause and how it was found, what it does,
    and its buffers (a line each)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table as RichTable
    from rich.text import Text

    table = RichTable(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_lines=True)
    # fold, never an ellipsis: a cut legal phrase misleads
    table.add_column("treaty / clause", style="cyan", ratio=2, overflow="fold")
    table.add_column("what it does", ratio=4, overflow="fold")
    table.add_column("buffers", ratio=4, overflow="fold")
    labels = dict(lineup.buffer_labels)
    for row in lineup.rows:
        cells = row_cells(row)
        who = Text()
        who.append(visible(cells["treaty"]), style="bold")
        who.append("\n" + visible(cells["clause"]))
        how = cells["match"] if cells["score"] == "-" else f"{cells['match']} {cells['score']}"
        who.append(f"\n{visible(how)}: {visible(cells['reason'])}", style="dim")
        what = Text()
        for key in ("obligation", "triggers", "response", "response_words", "strength"):
            if what:
                what.append("\n")
            what.append(f"{key.replace('_', ' ')}: ", style="dim")
            what.append(visible(cells[key]))
        buffers = Text()
        for rule_id, _ in row.buffers:
            if buffers:
                buffers.append("\n")
            buffers.append(f"{labels[rule_id]}: ", style="dim")
            value = cells[rule_id]
            buffers.append(visible(value), style="yellow" if value == "gap" else "")
        table.add_row(who, what, buffers)
    return Group(data_text(_title(lineup), style="bold"), data_text(LEGEND), table)
