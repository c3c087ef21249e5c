"""Renderers for rule findings in one treaty (``buffers``), obligation profiles
(``profile``) and phrase search results (``grep``).

Every format reads the same library objects; treaty text is escaped in markdown
and printed with markup off in the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Treaty
from ..profile import COLUMNS, Profile, profiles_record
from ..rules import Finding, TreatyFindings
from ..search import GrepHit
from .escape import data_text, md_escape, md_inline, visible

JSON_VERSION = 1
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


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- buffers -----------------------------------------------------------------------


def buffers_json(found: TreatyFindings, treaty: Treaty) -> str:
    return _dump(
        {
            "schema_version": JSON_VERSION,
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


def buffers_markdown(found: TreatyFindings, treaty: Treaty) -> str:
    lines = [f"# Findings in {md_escape(treaty.short_title)} (`{treaty.id}`)", ""]
    lines += ["| clause | category | rule | words |", "|---|---|---|---|"]
    for cf in found.clauses:
        for f in cf.findings:
            ids = [md_inline(x) for x in (cf.clause.id, f.category, f.rule_id)]
            cells = [*ids, md_escape(f.text)]
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
    table.add_column("clause", no_wrap=True, style="cyan")
    table.add_column("category", no_wrap=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("words")
    style = {"buffer": "magenta", "intensifier": "red", "trigger": "yellow"}
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
    return _dump({"schema_version": JSON_VERSION, **profiles_record(profiles)})


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


def grep_json(phrase: str, hits: Sequence[GrepHit]) -> str:
    return _dump(
        {
            "schema_version": JSON_VERSION,
            "phrase": phrase,
            "hits": [
                {
                    "treaty": h.treaty_id,
                    "clause": h.clause_id,
                    "score": round(h.score / 100, 4),
                    "matched": list(h.matched),
                    "spans": [list(s) for s in h.spans],
                    "text": h.text,
                }
                for h in hits
            ],
        }
    )


def marked(text: str, spans: Sequence[tuple[int, int]], *, plain: bool) -> Any:
    """``text`` as a rich Text with ``spans`` highlighted, or «marked» when ``plain``."""
    from rich.text import Text

    out = Text()
    pos = 0
    for start, end in sorted(spans):
        out.append(visible(text[pos:start]))
        if plain:
            out.append(visible(MARK_OPEN + text[start:end] + MARK_CLOSE))
        else:
            out.append(visible(text[start:end]), style="bold reverse")
        pos = end
    out.append(visible(text[pos:]))
    return out


def clause_table(rows: Iterable[tuple[str, str, str, Any]]) -> Any:
    """Clauses found in a corpus, one row each: treaty, clause id, score, text."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    table.add_column("treaty", no_wrap=True, style="cyan")
    table.add_column("clause", no_wrap=True, style="cyan")
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("text")
    for treaty, clause, score, text in rows:
        table.add_row(data_text(treaty), data_text(clause), data_text(score), text)
    return table


def grep_table(hits: Sequence[GrepHit], *, plain: bool) -> Any:
    return clause_table(
        (h.treaty_id, h.clause_id, f"{h.score / 100:.2f}", marked(h.text, h.spans, plain=plain))
        for h in hits
    )


def grep_markdown(phrase: str, hits: Sequence[GrepHit]) -> str:
    lines = [f"Clauses matching “{md_escape(phrase)}”", "", "| treaty | clause | score | text |"]
    lines.append("|---|---|---:|---|")
    for h in hits:
        text = ""
        pos = 0
        for start, end in sorted(h.spans):
            text += md_escape(h.text[pos:start]) + "**" + md_escape(h.text[start:end]) + "**"
            pos = end
        text += md_escape(h.text[pos:])
        clause = md_inline(h.clause_id)
        lines.append(f"| `{h.treaty_id}` | {clause} | {h.score / 100:.2f} | {text} |")
    return "\n".join(lines) + "\n"
