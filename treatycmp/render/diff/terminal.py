"""The side-by-side terminal view of a comparison (rich).

Treaty text is data: every cell is a ``rich.text.Text`` printed with markup off and
control characters spelled out. Without colour the changes stay visible as wdiff
marks (``[-deleted-]{+inserted+}``, ``«rule phrase» ⟨category: label⟩``).
Columns wrap at word boundaries and never truncate.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from treatycmp.analysis import Comparison
from treatycmp.escape import visible
from treatycmp.kinds import CATEGORY_ORDER, RULE_CATEGORIES
from treatycmp.render.console import ColorSystem, make_console
from treatycmp.render.diff.runs import Run, finding_label, inline_runs, wdiff
from treatycmp.render.diff.summary import (
    buffer_lines,
    counts_text,
    none_label,
    other_changes,
    treaty_line,
)
from treatycmp.render.diff.view import (
    ClauseView,
    DiffView,
    Row,
    build_view,
    kind_label,
    marks_in_texts,
    marks_note,
    score_label,
)
from treatycmp.render.tables import strip_trailing_spaces
from treatycmp.render.wrap import fold_cjk

if TYPE_CHECKING:
    from rich.console import Group, RenderableType
    from rich.table import Table
    from rich.text import Text

STYLES: dict[str, str] = {
    "delete": "red strike",
    "insert": "green underline",
    **{c.name: c.style for c in RULE_CATEGORIES},
    "gap": "italic yellow",
    "caveat": "yellow",
    "id": "bold cyan",
    "label": "dim",
}


def _runs_text(runs: Sequence[Run], color: bool, labels: bool = True) -> Text:
    from rich.text import Text

    if not labels:
        runs = [replace(r, labels=()) for r in runs]
    if not color:
        return Text(wdiff(runs))
    out = Text()
    for r in runs:
        styles = [STYLES[r.change]] if r.change != "equal" else []
        if r.finding is not None:
            styles.append(STYLES.get(r.finding.category, "bold"))
        out.append(visible(r.text), style=" ".join(styles))
        for f in r.labels:
            out.append(" ⟨" + visible(finding_label(f)) + "⟩", style=STYLES["label"])
    return out


def _cell(views: tuple[ClauseView, ...], gap: str | None, color: bool, labels: bool = True) -> Text:
    from rich.text import Text

    out = Text()
    for k, v in enumerate(views):
        if k:
            out.append("\n")
        out.append(v.clause.id, style=STYLES["id"])
        if v.flags:
            out.append(" (" + ", ".join(v.flags) + ")", style=STYLES["caveat"])
        out.append("\n")
        if v.gap_before:
            out.append(f"[gap: {visible(v.gap_before)}] ", style=STYLES["gap"])
        out.append_text(_runs_text(v.runs, color, labels))
        if v.gap_after:
            out.append(f" [gap: {visible(v.gap_after)}]", style=STYLES["gap"])
    if gap is not None:
        out.append(f"[gap: {visible(gap)}]", style=STYLES["gap"])
    return out


def _row_title(c: Comparison, row: Row) -> Text:
    from rich.text import Text

    title = Text()
    if row.pair is None:
        title.append("gap", style=STYLES["gap"])
        return title
    p = row.pair
    left = ", ".join(x.id for x in p.left) or "-"
    right = ", ".join(x.id for x in p.right) or "-"
    title.append(f"{left} → {right}", style="bold")
    title.append(f" · {kind_label(c, p)}")
    if p.left and p.right:
        title.append(f" · {score_label(p, c.options.threshold)}")
    if row.note:
        title.append(f" · {row.note}", style=STYLES["caveat"])
    return title


# What the marks are written as without colour (with it, the words are only styled).
PLAIN_MARKS = ("[-", "-]", "{+", "+}", "«", "»", "⟨", "⟩")


def _legend(view: DiffView, color: bool) -> Text:
    from rich.text import Text

    legend = Text("Marks: ")
    if color:
        legend.append("deleted", style=STYLES["delete"])
        legend.append("  ")
        legend.append("inserted", style=STYLES["insert"])
        for cat in CATEGORY_ORDER:
            legend.append("  ")
            legend.append(cat, style=STYLES[cat])
        legend.append("  ⟨category: rule⟩", style=STYLES["label"])
    else:
        legend.append("[-deleted-]  {+inserted+}  «rule phrase» ⟨category: rule⟩")
        note = marks_note(marks_in_texts(view, PLAIN_MARKS), "colour, -f html or -f json")
        if note:
            legend.append("\n" + note, style=STYLES["caveat"])
    return legend


def _header(view: DiffView, color: bool) -> list[RenderableType]:
    from rich.text import Text

    c = view.comparison
    head = Text()
    head.append(visible(treaty_line(c.left)), style="bold")
    head.append("\n  → ")
    head.append(visible(treaty_line(c.right)), style="bold")
    head.append(f"\nsimilarity {c.summary.similarity:.2f} · {counts_text(c)}")
    head.append(f" · level {c.options.level}, threshold {c.options.threshold:g}")
    lines: list[RenderableType] = [head]
    for title, items in buffer_lines(view):
        line = Text(f"{title}: ", style="bold")
        if items:
            line.append(visible(items), style=STYLES["buffer"])
        else:
            line.append(none_label(view, title))
        lines.append(line)
    others = other_changes(view)
    if others:
        lines.append(Text("Other rules:", style="bold"))
        lines.extend(Text("  " + visible(x)) for x in others)
    for side, notes in (("left", view.left_caveats), ("right", view.right_caveats)):
        for note in notes:
            lines.append(Text(f"! {side}: {visible(note)}", style=STYLES["caveat"]))
    lines.append(_legend(view, color))
    return lines


def _inline_body(row: Row, color: bool, labels: bool) -> Text:
    """One column: both sides' words in one text, gaps and caveats on their own lines."""
    from rich.text import Text

    out = Text()
    notes: list[str] = []
    for side, views, gap in (("left", row.left, row.left_gap), ("right", row.right, row.right_gap)):
        for v in views:
            if v.flags:
                notes.append(f"{side} {v.clause.id}: {', '.join(v.flags)}")
            if v.gap_before:
                notes.append(f"[gap before {side} {v.clause.id}: {visible(v.gap_before)}]")
            if v.gap_after:
                notes.append(f"[gap after {side} {v.clause.id}: {visible(v.gap_after)}]")
        if gap is not None:
            notes.append(f"[gap in the {side} text: {visible(gap)}]")
    for note in notes:
        out.append(visible(note) + "\n", style=STYLES["gap" if note.startswith("[") else "caveat"])
    if row.pair is not None:
        out.append_text(_runs_text(inline_runs(row.pair), color, labels))
    out.rstrip()
    return out


def table_renderables(
    view: DiffView, color: bool, *, labels: bool = True, layout: str = "side-by-side"
) -> list[RenderableType]:
    """The header, then one titled row per pair: side by side, or inline in one column."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    c = view.comparison
    out: list[RenderableType] = _header(view, color)
    if layout == "inline":
        out.append(
            Text(
                f"Inline: {visible(c.left.short_title)} → {visible(c.right.short_title)}",
                style="bold",
            )
        )
        if not view.rows:
            out.append(Text("(no pairs to show)"))
        for row in view.rows:
            out.append(Text(""))
            out.append(_row_title(c, row))
            body = _inline_body(row, color, labels)
            if body.plain:
                out.append(fold_cjk(body))
        return out

    def grid(show_header: bool) -> Table:
        table = Table(
            box=box.MINIMAL,
            show_header=show_header,
            show_edge=False,
            expand=True,
            padding=(0, 1),
            pad_edge=False,
        )
        if show_header:
            table.add_column(Text(visible(c.left.short_title), style="bold"), ratio=1)
            table.add_column(Text(visible(c.right.short_title), style="bold"), ratio=1)
        else:
            table.add_column(ratio=1, overflow="fold")
            table.add_column(ratio=1, overflow="fold")
        return table

    heading = grid(True)
    out.append(Text(""))
    out.append(heading)
    if not view.rows:
        out.append(Text("(no pairs to show)"))
    for k, row in enumerate(view.rows):
        if k:
            out.append(Text(""))
        out.append(_row_title(c, row))
        sides = grid(False)
        sides.add_row(
            fold_cjk(_cell(row.left, row.left_gap, color, labels)),
            fold_cjk(_cell(row.right, row.right_gap, color, labels)),
        )
        out.append(sides)
    return out


def table_group(
    c: Comparison,
    *,
    color: bool,
    only_changed: bool = False,
    article: str | None = None,
    labels: bool = True,
    layout: str = "side-by-side",
) -> Group:
    """The terminal view as one renderable, for the CLI's output pipeline."""
    from rich.console import Group

    view = build_view(c, only_changed=only_changed, article=article)
    return Group(*table_renderables(view, color, labels=labels, layout=layout))


def render_table(
    c: Comparison,
    *,
    width: int = 100,
    color: bool = False,
    color_system: ColorSystem = "standard",
    only_changed: bool = False,
    article: str | None = None,
    labels: bool = True,
    layout: str = "side-by-side",
) -> str:
    """The terminal view as text (ANSI styles only when ``color``), no trailing spaces."""
    buffer = io.StringIO()
    console = make_console(buffer, width=width, color=color, color_system=color_system)
    console.print(
        table_group(
            c,
            color=color,
            only_changed=only_changed,
            article=article,
            labels=labels,
            layout=layout,
        )
    )
    return strip_trailing_spaces(buffer.getvalue())
