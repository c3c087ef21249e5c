"""Renderers for rule findings in one treaty (``buffers``), obligation profiles
(``profile``) and phrase search results (``grep``).

Every format reads the same library objects; treaty text is escaped in markdown
and printed with markup off in the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from treatycmp.escape import md_escape, md_inline, visible
from treatycmp.kinds import COLUMNS, RULE_CATEGORIES
from treatycmp.model import Treaty
from treatycmp.profile import Profile, profiles_record
from treatycmp.render.console import data_text
from treatycmp.render.tables import Table, joined, json_document, ndjson
from treatycmp.rules.findings import Finding, TreatyFindings
from treatycmp.search import DEFAULT_CONTEXT, GrepHit, Snippet

MARK_OPEN, MARK_CLOSE = "«", "»"


def _finding_record(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule_id,
        "category": f.category,
        "label": f.label,
        "start": f.start,
        "end": f.end,
        "text": f.text,
    }


# --- buffers -----------------------------------------------------------------------


def buffers_json(found: TreatyFindings, treaty: Treaty) -> str:
    """``buffers -f json`` (schema: data/schema/buffers.schema.json)."""
    return json_document(
        {
            "treaty": {"id": treaty.id, "title": treaty.title, "language": treaty.language},
            "level": found.level,
            "rules_without_patterns": list(found.missing),
            "clauses": [
                {
                    "id": cf.clause.id,
                    "partial": cf.clause.partial,
                    "findings": [_finding_record(f) for f in cf.findings],
                }
                for cf in found.clauses
                if cf.findings
            ],
        }
    )


def buffers_rows(found: TreatyFindings, treaty: Treaty) -> Table:
    """``buffers -f csv/tsv``: one row per finding."""
    return Table(
        ("treaty", "clause", "partial", "category", "rule", "label", "start", "end", "text"),
        tuple(
            (
                treaty.id,
                cf.clause.id,
                cf.clause.partial,
                f.category,
                f.rule_id,
                f.label,
                f.start,
                f.end,
                f.text,
            )
            for cf in found.clauses
            for f in cf.findings
        ),
    )


def buffers_markdown(found: TreatyFindings, treaty: Treaty) -> str:
    lines = [f"# Findings in {md_escape(treaty.short_title)} (`{treaty.id}`)", ""]
    lines += ["| clause | category | rule | words |", "|---|---|---|---|"]
    for cf in found.clauses:
        for f in cf.findings:
            cells = [md_id(cf.clause.id), f.category, md_id(f.rule_id), md_escape(f.text)]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def buffers_table(found: TreatyFindings, treaty: Treaty) -> Any:
    """One row per finding: clause, category, rule, the matched words."""
    from rich import box
    from rich.table import Table

    table = Table(
        title=data_text(f"{treaty.short_title} ({treaty.id})"),
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
    )
    # Treaty words fold, never end in an ellipsis; the narrow columns give way first.
    table.add_column("clause", style="cyan", overflow="fold")
    table.add_column("category", overflow="fold")
    table.add_column("rule", overflow="fold")
    table.add_column("words", overflow="fold")
    style = {c.name: c.table_style for c in RULE_CATEGORIES}
    for cf in found.clauses:
        first = True
        for f in cf.findings:
            clause = cf.clause.id + (" (partial)" if cf.clause.partial else "") if first else ""
            table.add_row(
                data_text(clause),
                data_text(f.category, style=style.get(f.category, "")),
                data_text(f.rule_id),
                data_text(f.text),
            )
            first = False
    return table


# --- profile -----------------------------------------------------------------------


def profile_json(profiles: Sequence[Profile]) -> str:
    """``profile -f json`` (schema: data/schema/profile.schema.json)."""
    return json_document(profiles_record(profiles))


def profile_rows(profiles: Sequence[Profile]) -> Table:
    """``profile -f csv/tsv``: one row per obligation clause, rule ids joined with "; "."""
    return Table(
        ("treaty", "clause", "partial", "numbering_inferred", "obligation", *COLUMNS),
        tuple(
            (
                p.treaty_id,
                row.clause_id,
                row.partial,
                row.inferred,
                joined(row.obligations),
                *tuple(joined(row.ids(c)) for c in COLUMNS),
            )
            for p in profiles
            for row in p.rows
        ),
    )


def _cells(profile: Profile) -> list[list[str]]:
    rows = []
    for row in profile.rows:
        clause = row.clause_id + (" (partial)" if row.partial else "")
        clause += " (numbering inferred)" if row.inferred else ""
        rows.append(
            [profile.treaty_id, clause, ", ".join(row.obligations)]
            + [", ".join(row.ids(c)) or "-" for c in COLUMNS]
        )
    return rows


PROFILE_HEADERS = ["treaty", "clause", "obligation", *COLUMNS]


def profile_markdown(profiles: Sequence[Profile]) -> str:
    lines = [
        "| " + " | ".join(PROFILE_HEADERS) + " |",
        "|" + "---|" * len(PROFILE_HEADERS),
    ]
    for profile in profiles:
        for cells in _cells(profile):
            lines.append("| " + " | ".join(c if c == "-" else md_escape(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def profile_table(profiles: Sequence[Profile], width: int) -> Any:
    """A table when ``width`` allows one; otherwise one block per clause (nothing cut)."""
    from rich import box
    from rich.console import Group
    from rich.table import Table

    if width >= 130:
        table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
        for name in PROFILE_HEADERS:
            ident = name in ("treaty", "clause")
            table.add_column(name, style="cyan" if ident else "", no_wrap=name == "treaty")
        for profile in profiles:
            for i, cells in enumerate(_cells(profile)):
                cells[0] = cells[0] if i == 0 else ""
                table.add_row(*(data_text(c) for c in cells))
        return table
    blocks: list[Any] = []
    for profile in profiles:
        blocks.append(data_text(f"{profile.short_title} ({profile.treaty_id})", style="bold"))
        if not profile.rows:
            blocks.append(data_text("  no clause obliges the parties to assist or consult\n"))
        for cells in _cells(profile):
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="dim", no_wrap=True)
            grid.add_column()
            for name, value in zip(PROFILE_HEADERS[1:], cells[1:], strict=True):
                grid.add_row(
                    data_text("  " + name),
                    data_text(value, style="cyan" if name == "clause" else ""),
                )
            blocks.extend([grid, data_text("")])
    return Group(*blocks)


# --- grep --------------------------------------------------------------------------


def _hit_record(h: GrepHit, context: int) -> dict[str, Any]:
    return {
        "treaty": h.treaty_id,
        "clause": h.clause_id,
        "language": h.language,
        "partial": h.partial,
        "score": round(h.score, 4),
        "matched": list(h.matched),
        "spans": [list(s) for s in h.spans],
        "snippets": [
            {"before": x.before, "match": x.match, "after": x.after, "start": x.start, "end": x.end}
            for x in h.snippets(context)
        ],
        "text": h.text,
    }


def grep_json(phrase: str, hits: Sequence[GrepHit], context: int = DEFAULT_CONTEXT) -> str:
    """``grep -f json`` (schema: data/schema/grep.schema.json)."""
    return json_document({"phrase": phrase, "hits": [_hit_record(h, context) for h in hits]})


def grep_ndjson(phrase: str, hits: Sequence[GrepHit], context: int = DEFAULT_CONTEXT) -> str:
    """``grep -f ndjson``: one hit per line (schema: data/schema/grep-hit.schema.json)."""
    return ndjson({"phrase": phrase, **_hit_record(h, context)} for h in hits)


def kwic(s: Snippet, open_mark: str = MARK_OPEN, close_mark: str = MARK_CLOSE) -> str:
    """``… words before «match» words after …`` as plain text."""
    return (
        ("… " if s.cut_before else "")
        + s.before
        + open_mark
        + s.match
        + close_mark
        + s.after
        + (" …" if s.cut_after else "")
    )


def grep_rows(hits: Sequence[GrepHit], context: int = DEFAULT_CONTEXT) -> Table:
    """``grep -f csv/tsv``: one row per match (a clause may hold several)."""
    return Table(
        ("treaty", "clause", "score", "start", "end", "match", "before", "after"),
        tuple(
            (h.treaty_id, h.clause_id, h.score, x.start, x.end, x.match, x.before, x.after)
            for h in hits
            for x in h.snippets(context)
        ),
    )


def marked_snippets(hit: GrepHit, context: int, *, plain: bool) -> Any:
    """The hit's snippets as rich Text, one per line, the match highlighted (or «marked»)."""
    from rich.text import Text

    out = Text()
    for k, s in enumerate(hit.snippets(context)):
        if k:
            out.append("\n")
        out.append(visible(("… " if s.cut_before else "") + s.before))
        if plain:
            out.append(visible(MARK_OPEN + s.match + MARK_CLOSE))
        else:
            out.append(visible(s.match), style="bold reverse")
        out.append(visible(s.after + (" …" if s.cut_after else "")))
    return out


def clause_table(rows: Iterable[tuple[str, str, str, Any]]) -> Any:
    """Clauses found in a corpus, one row each: treaty, clause id, score, text."""
    from rich import box
    from rich.table import Table as RichTable

    table = RichTable(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("treaty", style="cyan", overflow="fold")
    table.add_column("clause", style="cyan", overflow="fold")
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("text", ratio=1, overflow="fold")
    for treaty, clause, score, text in rows:
        table.add_row(data_text(treaty), data_text(clause), data_text(score), text)
    return table


def grep_table(hits: Sequence[GrepHit], *, plain: bool, context: int = DEFAULT_CONTEXT) -> Any:
    return clause_table(
        (h.treaty_id, h.clause_id, f"{h.score:.2f}", marked_snippets(h, context, plain=plain))
        for h in hits
    )


def grep_markdown(phrase: str, hits: Sequence[GrepHit], context: int = DEFAULT_CONTEXT) -> str:
    lines = [f"Clauses matching “{md_escape(phrase)}”", "", "| treaty | clause | score | text |"]
    lines.append("|---|---|---:|---|")
    for h in hits:
        cells = []
        for s in h.snippets(context):
            cells.append(
                ("… " if s.cut_before else "")
                + md_escape(s.before)
                + _md_strong(s.match)
                + md_escape(s.after)
                + (" …" if s.cut_after else "")
            )
        text = "<br>".join(cells)
        lines.append(
            f"| `{md_code(h.treaty_id)}` | {md_id(h.clause_id)} | {h.score:.2f} | {text} |"
        )
    return "\n".join(lines) + "\n"


def _md_strong(text: str) -> str:
    """Bold that GitHub renders even next to punctuation: ``<strong>``, not ``**``."""
    return "<strong>" + md_escape(text) + "</strong>"


def md_id(text: str) -> str:
    """An id or clause number in a markdown table cell (``5.1`` stays ``5.1``)."""
    return md_inline(visible(text))


def md_code(text: str) -> str:
    """Text for inside a single-backtick code span (a backtick would close it)."""
    return visible(text).replace("`", "'").replace("|", "\\|")
