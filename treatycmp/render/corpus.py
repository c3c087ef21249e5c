"""Renderers for one treaty (``show``) and the corpus listing (``list``).

Treaty text is data: terminal output is built from ``rich.text.Text`` and
printed with markup off; markdown escapes what markdown would interpret.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from treatycmp.escape import md_escape, md_inline, visible
from treatycmp.model import Article, Gap, Paragraph, Treaty
from treatycmp.render.console import data_text
from treatycmp.render.tables import Cell, Table, joined, json_document
from treatycmp.render.wrap import fold_cjk

LANGUAGE_NAMES = {"en": "English", "ko": "Korean", "ru": "Russian", "fr": "French", "zh": "Chinese"}


def status_text(t: Treaty) -> str:
    """``in force``, ``terminated 1996``, ``superseded 2024-12-04`` ... or ``-``."""
    if t.status is None:
        return "-"
    return " ".join(x for x in (t.status.state, t.status.date or "") if x)


def article_count(t: Treaty) -> int:
    return len(t.article_list)


def listing_rows(treaties: tuple[Treaty, ...]) -> list[dict[str, Any]]:
    """One plain row per treaty: what ``list`` shows in every format."""
    return [
        {
            "id": t.id,
            "short_title": t.short_title,
            "parties": list(t.parties),
            "signed": t.signed,
            "language": t.language,
            "articles": article_count(t),
            "completeness": t.completeness,
            "status": status_text(t),
            "official": t.source.official,
            "rendering_of": t.rendering_of,
        }
        for t in treaties
    ]


def render_listing_json(treaties: tuple[Treaty, ...]) -> str:
    """``list -f json`` (schema: data/schema/list.schema.json)."""
    return json_document({"treaties": listing_rows(treaties)})


def listing_csv_table(treaties: tuple[Treaty, ...]) -> Table:
    """``list -f csv/tsv``: the JSON rows, parties joined with "; "."""
    rows = listing_rows(treaties)
    header = tuple(rows[0]) if rows else LISTING_FIELDS
    return Table(
        header,
        tuple(tuple(joined(v) if isinstance(v, list) else v for v in row.values()) for row in rows),
    )


LISTING_FIELDS = (
    "id",
    "short_title",
    "parties",
    "signed",
    "language",
    "articles",
    "completeness",
    "status",
    "official",
    "rendering_of",
)


def render_listing_markdown(treaties: tuple[Treaty, ...]) -> str:
    head = "| id | short title | parties | signed | language | articles | completeness | status |"
    lines = [head, "|---|---|---|---|---|---:|---|---|"]
    for row in listing_rows(treaties):
        cells = [
            f"`{row['id']}`",
            md_escape(row["short_title"]),
            md_escape("; ".join(row["parties"])),
            row["signed"] or "-",
            row["language"],
            str(row["articles"]),
            row["completeness"],
            md_escape(row["status"]),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def parties_text(t: Treaty) -> str:
    """The parties, or their number when a list would not fit a table cell."""
    return "; ".join(t.parties) if len(t.parties) <= 3 else f"{len(t.parties)} parties"


def grouped(treaties: tuple[Treaty, ...]) -> list[tuple[Treaty, bool]]:
    """Main texts in corpus order, each followed by its renderings (flagged True)."""
    ids = {t.id for t in treaties}
    renderings: dict[str, list[Treaty]] = {}
    for t in treaties:
        if t.rendering_of in ids:
            renderings.setdefault(t.rendering_of or "", []).append(t)
    out: list[tuple[Treaty, bool]] = []
    for t in treaties:
        if t.rendering_of in ids:
            continue
        out.append((t, False))
        out.extend((r, True) for r in renderings.get(t.id, []))
    return out


# Below this width the six columns no longer fit and rich cropped the ones that do not
# wrap (an article count of 11 read "1", the text column went): one block per text.
LISTING_TABLE_WIDTH = 80


def listing_table(treaties: tuple[Treaty, ...], width: int = LISTING_TABLE_WIDTH) -> Any:
    """A rich Table of the corpus: renderings indented under their main text; below
    ``LISTING_TABLE_WIDTH`` columns, a block per text (nothing cut)."""
    from rich import box
    from rich.table import Table as RichTable

    if width < LISTING_TABLE_WIDTH:
        return _listing_blocks(treaties)
    table = RichTable(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, padding=(0, 1))
    # Nothing is dropped or cut at 80 columns: status sits under the signing date,
    # long ids and titles fold onto more lines.
    table.add_column("id", style="cyan", overflow="fold", min_width=14)
    table.add_column("short title / parties", overflow="fold", min_width=16)
    table.add_column("signed / status", min_width=10)
    table.add_column("lang", no_wrap=True)
    table.add_column("arts", justify="right", no_wrap=True)
    table.add_column("text", no_wrap=True)
    for t, is_rendering in grouped(treaties):
        name = "  @" + t.id.partition("@")[2] if is_rendering else t.id
        title = data_text(t.short_title)
        if not is_rendering:
            title.append(visible("\n" + parties_text(t)), style="dim")
        when = data_text("" if is_rendering else t.signed or "-")
        if not is_rendering:
            when.append(visible("\n" + status_text(t)), style="dim")
        table.add_row(
            data_text(name),
            title,
            when,
            data_text(t.language),
            data_text(str(article_count(t))),
            data_text(t.completeness, style="yellow" if t.completeness == "partial" else ""),
        )
    return table


def _listing_blocks(treaties: tuple[Treaty, ...]) -> Any:
    """``list`` on a narrow terminal: the id, then what the table's columns say, each
    line folded under its indent."""
    from rich.console import Group
    from rich.padding import Padding

    blocks: list[Any] = []
    for t, is_rendering in grouped(treaties):
        if is_rendering:
            blocks.append(Padding(data_text("@" + t.id.partition("@")[2], style="cyan"), (0, 2)))
        else:
            blocks.append(data_text(t.id, style="cyan"))
        lines = [data_text(t.short_title)]
        if not is_rendering:
            lines.append(data_text(parties_text(t), style="dim"))
            status = status_text(t)
            lines.append(
                data_text(f"signed {t.signed or '-'}" + ("" if status == "-" else f" · {status}"))
            )
        count = article_count(t)
        last = data_text(f"{t.language} · {count} article{'s' * (count != 1)} · ")
        last.append(visible(t.completeness), style="yellow" if t.completeness == "partial" else "")
        lines.append(last)
        indent = 4 if is_rendering else 2
        blocks.extend(Padding(line, (0, 0, 0, indent)) for line in lines)
    return Group(*blocks)


def caveats(t: Treaty) -> list[str]:
    """The warnings every view of ``t`` must carry: translation status, numbering, gaps."""
    out: list[str] = []
    if not t.clauses():
        out.append("no treaty text: this file holds metadata and gaps only")
    elif not t.source.authentic and t.source.official is None:
        out.append(f"official status not given: {t.source.text}")  # an import not told
    elif not t.source.authentic:
        kind = "official" if t.source.official else "UNOFFICIAL"
        out.append(f"{kind} translation/rendering: {t.source.text}")
    if t.numbering_inferred:
        out.append(f"article numbering inferred: {t.numbering_inferred}")
    if t.completeness == "partial":
        out.append(f"partial text: {len(t.gaps)} gap(s)")
    return out


def article_title(a: Article) -> str:
    """``Article 4 (numbering inferred)``, ``Article I``, ``제1조`` ..."""
    if a.unnumbered:
        base = (
            f"{a.label} (unnumbered, {a.number})" if a.label else f"Unnumbered provision {a.number}"
        )
    else:
        base = a.label.rstrip(".") if a.label else f"Article {a.number}"
    if a.inferred:
        base += " (numbering inferred)"
    if a.heading:
        base += f" - {a.heading}"
    return base


def _para_lines(p: Paragraph) -> list[tuple[str, str]]:
    """(style, text) runs for one paragraph: gaps are shown as gaps."""
    if p.is_gap:
        return [("gap", f"[gap: {p.gap}]")]
    runs: list[tuple[str, str]] = []
    if p.gap_before:
        runs.append(("gap", f"[gap: {p.gap_before}] "))
    runs.append(("", p.text))
    if p.gap_after:
        runs.append(("gap", f" [gap: {p.gap_after}]"))
    return runs


def _head_lines(t: Treaty, esc: Callable[[str], str]) -> list[str]:
    """What every ``show`` format says under the title: id, language, signing, status,
    source, what it renders; ``esc`` makes a value safe for the format."""
    first = f"{esc(t.id)}  ·  {esc(LANGUAGE_NAMES.get(t.language, t.language))}"
    if t.signed or t.place:
        first += "  ·  signed " + esc(", ".join(x for x in (t.place, t.signed) if x))
    lines = [first + f"  ·  {esc(status_text(t))}", f"source: {esc(t.source.text)}"]
    if t.rendering_of:
        lines.append(f"rendering of: {esc(t.rendering_of)}")
    return lines


def show_renderables(t: Treaty, article: Article | None = None) -> list[Any]:
    """Rich renderables for ``show``: header, caveats, then the text with clause ids."""
    from rich.table import Table
    from rich.text import Text

    out: list[Any] = []
    head = Text()
    head.append(visible(t.title), style="bold")
    for line in _head_lines(t, visible):
        head.append("\n" + line)
    for c in caveats(t):
        head.append(visible(f"\n! {c}"), style="yellow")
    for note in t.source.notes:
        head.append(visible(f"\nnote: {note}"), style="dim")
    out.append(head)

    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="cyan")
    grid.add_column(overflow="fold")

    def add(pid: str, p: Paragraph) -> None:
        cell = Text()
        for style, text in _para_lines(p):
            cell.append(visible(text), style="italic yellow" if style == "gap" else "")
        grid.add_row(data_text(pid), fold_cjk(cell))

    if article is None:
        for p in t.preface:
            add(p.id, p)
        for p in t.preamble:
            add(p.id, p)
    entries: tuple[Article | Gap, ...] = (article,) if article else t.articles
    for a in entries:
        if isinstance(a, Gap):
            grid.add_row(data_text("-"), data_text(f"[gap: {a.reason}]", style="italic yellow"))
            continue
        grid.add_row(data_text(""), data_text(article_title(a), style="bold"))
        for p in a.paragraphs:
            add(p.id, p)
    if article is None:
        for p in t.closing:
            add(p.id, p)
    out.append(data_text(""))
    out.append(grid)
    return out


def show_group(t: Treaty, article: Article | None = None) -> Callable[[Any], Any]:
    """``show`` for ``cli.common.emit``: the renderables as one group."""
    from rich.console import Group

    return lambda _console: Group(*show_renderables(t, article))


def render_show_markdown(t: Treaty, article: Article | None = None) -> str:
    """``show`` as markdown: headings per article, clause ids in bold, gaps in italics."""
    lines = [f"# {md_escape(t.title)}", ""]
    # A backslash at the end of a line is a hard line break (CommonMark 6.7).
    lines.append("\\\n".join(_head_lines(t, md_escape)))
    lines.append("")
    for c in caveats(t):
        lines.append(f"> {md_escape(c)}")
    for note in t.source.notes:
        lines.append(f"> note: {md_escape(note)}")
    lines.append("")

    def para(p: Paragraph) -> str:
        words = "".join(
            f"*{md_escape(text.strip())}*" + (" " if text.endswith(" ") else "")
            if style == "gap"
            else md_escape(text)
            for style, text in _para_lines(p)
        )
        return f"**{md_inline(p.id)}** {words}"

    if article is None:
        lines.extend(para(p) + "\n" for p in (*t.preface, *t.preamble))
    for a in (article,) if article else t.articles:
        if isinstance(a, Gap):
            lines.append(f"*[gap: {md_escape(a.reason)}]*\n")
            continue
        lines.append(f"## {md_escape(article_title(a))}\n")
        lines.extend(para(p) + "\n" for p in a.paragraphs)
    if article is None:
        lines.extend(para(p) + "\n" for p in t.closing)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_show_json(t: Treaty, article: Article | None = None) -> str:
    """``show`` as JSON: the treaty in the YAML format's own structure."""
    from treatycmp.formats.treaty_writer import treaty_to_dict

    data = treaty_to_dict(t)
    if article is not None:
        data["articles"] = [
            a for a in data.get("articles", []) if a.get("number") == article.number
        ]
        data.pop("preamble", None)
        data.pop("preface", None)
        data.pop("closing", None)
    return json_document(data)


def show_rows(t: Treaty, article: Article | None = None) -> Table:
    """``show -f csv/tsv``: one row per clause (a gap is a row too), columns
    ``render.columns.SHOW``."""
    from treatycmp.render.columns import SHOW, table

    rows: list[tuple[Cell, ...]] = []

    def add(part: str, a: Article | None, p: Paragraph) -> None:
        number, heading = (a.number, article_title(a)) if a is not None else (None, None)
        gaps = (p.gap, p.gap_before, p.gap_after)
        rows.append((t.id, part, number, heading, p.id, p.text or None, *gaps, p.line))

    if article is None:
        for part, paragraphs in (("preface", t.preface), ("preamble", t.preamble)):
            for p in paragraphs:
                add(part, None, p)
    for a in (article,) if article else t.articles:
        if isinstance(a, Gap):
            rows.append((t.id, "article", None, None, None, None, a.reason, None, None, a.line))
            continue
        for p in a.paragraphs:
            add("article", a, p)
    if article is None:
        for p in t.closing:
            add("closing", None, p)
    return table(SHOW, rows)
