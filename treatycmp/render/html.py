"""A self-contained HTML report: inline CSS, no scripts, nothing from the network.

Side by side with coloured deletions, insertions and rule phrases, and a legend.
Every piece of treaty text is HTML-escaped.
"""

from __future__ import annotations

from ..analysis import Comparison
from ..model import Treaty
from .escape import html_escape, visible
from .view import (
    CATEGORY_ORDER,
    ClauseView,
    Row,
    Run,
    View,
    buffer_lines,
    build_view,
    counts_text,
    finding_label,
    kind_label,
    mark,
    other_changes,
    score_label,
    treaty_line,
)

CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 80rem;
  padding: 0 1rem; line-height: 1.45; color: #1b1b1b; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #ccc; padding: .4rem .6rem; vertical-align: top;
  text-align: left; overflow-wrap: break-word; }
th.pair { background: #f3f3f3; font-weight: 600; }
td.text { white-space: pre-wrap; }
del { background: #ffd7d5; color: #82071e; }
ins { background: #d1f8d9; color: #055d20; text-decoration: underline; }
mark { background: none; border-bottom: 2px solid; font-weight: 600; }
mark.buffer { color: #8250df; } mark.trigger { color: #9a6700; }
mark.intensifier { color: #0969da; } mark.condition { color: #1f6feb; }
mark.modality { font-style: italic; }
.label { color: #666; font-size: .85em; }
.id { font-weight: 600; color: #0550ae; }
.flag, .caveat, .note { color: #9a6700; }
.gap { color: #9a6700; font-style: italic; }
.legend span { margin-right: 1em; }
"""


def esc(text: str) -> str:
    return html_escape(visible(text))


def marked(runs: tuple[Run, ...]) -> str:
    """Runs as HTML: <del>, <ins>, and <mark class=CATEGORY> per run, label after."""
    return mark(
        runs,
        escape=esc,
        wrap=lambda ch, t: f"<del>{t}</del>" if ch == "delete" else f"<ins>{t}</ins>",
        finding=lambda r, t: f'<mark class="{r.finding.category if r.finding else ""}">{t}</mark>',
        label=lambda f: f'<span class="label">⟨{esc(finding_label(f))}⟩</span>',
    )


def _cell(views: tuple[ClauseView, ...], gap: str | None) -> str:
    parts: list[str] = []
    for v in views:
        flags = f' <span class="flag">({esc(", ".join(v.flags))})</span>' if v.flags else ""
        text = marked(v.runs)
        if v.gap_before:
            text = f'<span class="gap">[gap: {esc(v.gap_before)}]</span> ' + text
        if v.gap_after:
            text += f' <span class="gap">[gap: {esc(v.gap_after)}]</span>'
        parts.append(f'<span class="id">{esc(v.clause.id)}</span>{flags}\n{text}')
    if gap is not None:
        parts.append(f'<span class="gap">[gap: {esc(gap)}]</span>')
    return "\n\n".join(parts)


def _row(c: Comparison, row: Row) -> str:
    if row.pair is None:
        title = "gap"
    else:
        p = row.pair
        left = ", ".join(x.id for x in p.left) or "-"
        right = ", ".join(x.id for x in p.right) or "-"
        title = f"{esc(left)} → {esc(right)} · {esc(kind_label(c, p))}"
        if p.left and p.right:
            title += f" · {esc(score_label(p))}"
        if row.note:
            title += f' · <span class="note">{esc(row.note)}</span>'
    return (
        f'<tr><th class="pair" colspan="2">{title}</th></tr>\n'
        f'<tr><td class="text">{_cell(row.left, row.left_gap)}</td>'
        f'<td class="text">{_cell(row.right, row.right_gap)}</td></tr>'
    )


def _provenance(t: Treaty, caveats: tuple[str, ...]) -> str:
    kind = (
        "authentic text"
        if t.source.authentic
        else ("official" if t.source.official else "UNOFFICIAL") + " translation"
    )
    items = [
        f"<li>{esc(treaty_line(t))}</li>",
        f"<li>source: {esc(t.source.text)} ({kind})</li>",
        f"<li>completeness: {esc(t.completeness)}</li>",
    ]
    items.extend(f'<li class="caveat">! {esc(x)}</li>' for x in caveats)
    return "<ul>" + "".join(items) + "</ul>"


def _rules(view: View) -> str:
    items = [
        f"<li><strong>{title}</strong>: {esc(text or 'none')}</li>"
        for title, text in buffer_lines(view)
    ]
    others = other_changes(view)
    if others:
        inner = "".join(f"<li>{esc(x)}</li>" for x in others)
        items.append(f"<li>Other rules:<ul>{inner}</ul></li>")
    return "<ul>" + "".join(items) + "</ul>"


def _legend() -> str:
    marks = "".join(f'<span><mark class="{c}">{c}</mark></span>' for c in CATEGORY_ORDER)
    return (
        '<p class="legend"><span><del>deleted</del></span><span><ins>inserted</ins></span>'
        f'{marks}<span class="label">⟨category: rule⟩</span></p>'
    )


def render_html(c: Comparison, *, only_changed: bool = False, article: str | None = None) -> str:
    """The comparison as one self-contained HTML page."""
    view = build_view(c, only_changed=only_changed, article=article)
    title = f"{esc(c.left.short_title)} → {esc(c.right.short_title)}"
    rows = "\n".join(_row(c, r) for r in view.rows)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n"
        f"<p>similarity {c.summary.similarity:.2f} · {esc(counts_text(c))} · "
        f"level {esc(c.options.level)}, threshold {c.options.threshold:g}</p>\n"
        f"<h2>Buffer changes</h2>\n{_rules(view)}\n"
        "<h2>Texts</h2>\n"
        f"<h3>Left</h3>\n{_provenance(c.left, view.left_caveats)}\n"
        f"<h3>Right</h3>\n{_provenance(c.right, view.right_caveats)}\n"
        f"<h2>Clauses</h2>\n{_legend()}\n"
        "<table>\n"
        f"<thead><tr><th>{esc(c.left.short_title)}</th>"
        f"<th>{esc(c.right.short_title)}</th></tr></thead>\n"
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
        "</body>\n</html>\n"
    )
