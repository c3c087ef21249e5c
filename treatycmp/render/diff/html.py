"""A self-contained HTML report: inline CSS, no scripts, nothing from the network.

A list of the changed pairs (links), then each pair side by side (one column on a
phone) with coloured deletions, insertions and rule phrases; runs of unchanged
pairs and gaps are collapsed in ``<details>``. Every piece of treaty text is
HTML-escaped.
"""

from __future__ import annotations

from treatycmp.analysis import Comparison
from treatycmp.escape import html_escape, visible
from treatycmp.kinds import CATEGORY_ORDER, RULE_CATEGORIES
from treatycmp.model import Treaty
from treatycmp.render.diff.runs import Run, finding_label, mark
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
    score_label,
)

CSS = """
* { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 80rem;
  padding: 0 1rem; line-height: 1.45; color: #1b1b1b; overflow-wrap: anywhere; }
.pair { border: 1px solid #ccc; margin: .8rem 0; }
.pair h3 { background: #f3f3f3; font-size: 1rem; margin: 0; padding: .4rem .6rem; }
.sides { display: grid; grid-template-columns: 1fr 1fr; }
.side { padding: .4rem .6rem; white-space: pre-wrap; min-width: 0; }
.side + .side { border-left: 1px solid #ccc; }
.side-name { display: none; color: #666; font-size: .85em; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 .5rem; }
  .sides { grid-template-columns: 1fr; }
  .side + .side { border-left: none; border-top: 1px dashed #ccc; }
  .side-name { display: block; }
}
details { margin: .8rem 0; }
summary { cursor: pointer; color: #555; }
del { background: #ffd7d5; color: #82071e; }
ins { background: #d1f8d9; color: #055d20; text-decoration: underline; }
mark { background: none; border-bottom: 2px solid; font-weight: 600; }
{marks}
.label { color: #666; font-size: .85em; }
.id { font-weight: 600; color: #0550ae; }
.flag, .caveat, .note { color: #9a6700; }
.gap { color: #9a6700; font-style: italic; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; padding: 0; list-style: none; }
.changes li { margin: .1rem 0; }
"""
# One rule per category, two to a line.
_MARKS = [f"mark.{c.name} {{ {c.css} }}" for c in RULE_CATEGORIES]
CSS = CSS.replace(
    "{marks}", "\n".join(" ".join(_MARKS[i : i + 2]) for i in range(0, len(_MARKS), 2))
)


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


def _title(c: Comparison, row: Row) -> str:
    if row.pair is None:
        return "gap"
    p = row.pair
    left = ", ".join(x.id for x in p.left) or "-"
    right = ", ".join(x.id for x in p.right) or "-"
    title = f"{esc(left)} → {esc(right)} · {esc(kind_label(c, p))}"
    if p.left and p.right:
        title += f" · {esc(score_label(p, c.options.threshold))}"
    return title


def _row(c: Comparison, row: Row, anchor: str) -> str:
    title = _title(c, row)
    if row.note:
        title += f' · <span class="note">{esc(row.note)}</span>'
    left, right = esc(c.left.short_title), esc(c.right.short_title)
    return (
        f'<section class="pair" id="{anchor}">\n<h3>{title}</h3>\n<div class="sides">'
        f'<div class="side"><span class="side-name">{left}</span>'
        f"{_cell(row.left, row.left_gap)}</div>"
        f'<div class="side"><span class="side-name">{right}</span>'
        f"{_cell(row.right, row.right_gap)}</div></div>\n</section>"
    )


def _quiet(row: Row) -> bool:
    """Rows a reader skims: unchanged pairs and gaps (collapsed in <details>)."""
    return row.pair is None or row.pair.kind == "same"


def _rows(c: Comparison, rows: tuple[Row, ...]) -> tuple[str, str]:
    """The rows (runs of unchanged pairs and gaps collapsed) and the list of changes."""
    body: list[str] = []
    toc: list[str] = []
    quiet: list[str] = []
    counts = {"same": 0, "gap": 0}

    def flush() -> None:
        if not quiet:
            return
        parts = [f"{n} {'unchanged' if k == 'same' else 'gap'}" for k, n in counts.items() if n]
        body.append(
            f"<details>\n<summary>{esc(', '.join(parts))}</summary>\n"
            + "\n".join(quiet)
            + "\n</details>"
        )
        quiet.clear()
        counts.update(same=0, gap=0)

    for k, row in enumerate(rows, start=1):
        anchor = f"pair-{k}"
        html = _row(c, row, anchor)
        if _quiet(row):
            quiet.append(html)
            counts["same" if row.pair is not None else "gap"] += 1
            continue
        flush()
        body.append(html)
        toc.append(f'<li><a href="#{anchor}">{_title(c, row)}</a></li>')
    flush()
    changes = f'<ol class="changes">{"".join(toc)}</ol>' if toc else "<p>No changed clauses.</p>"
    return "\n".join(body), changes


def _provenance(t: Treaty, caveats: tuple[str, ...]) -> str:
    if t.source.authentic:
        kind = "authentic text"
    elif t.source.official is None:
        kind = "status not given"
    else:
        kind = ("official" if t.source.official else "UNOFFICIAL") + " translation"
    items = [
        f"<li>{esc(treaty_line(t))}</li>",
        f"<li>source: {esc(t.source.text)} ({kind})</li>",
        f"<li>completeness: {esc(t.completeness)}</li>",
    ]
    items.extend(f'<li class="caveat">! {esc(x)}</li>' for x in caveats)
    return "<ul>" + "".join(items) + "</ul>"


def _rules(view: DiffView) -> str:
    items = [
        f"<li><strong>{title}</strong>: {esc(text or none_label(view, title))}</li>"
        for title, text in buffer_lines(view)
    ]
    others = other_changes(view)
    if others:
        inner = "".join(f"<li>{esc(x)}</li>" for x in others)
        items.append(f"<li>Other rules:<ul>{inner}</ul></li>")
    return "<ul>" + "".join(items) + "</ul>"


def _legend() -> str:
    marks = "".join(f'<li><mark class="{c}">{c}</mark></li>' for c in CATEGORY_ORDER)
    return (
        '<ul class="legend"><li><del>deleted</del></li><li><ins>inserted</ins></li>'
        f'{marks}<li class="label">⟨category: rule⟩</li></ul>'
    )


def render_html(c: Comparison, *, only_changed: bool = False, article: str | None = None) -> str:
    """The comparison as one self-contained HTML page (readable from 400 px up)."""
    view = build_view(c, only_changed=only_changed, article=article)
    title = f"{esc(c.left.short_title)} → {esc(c.right.short_title)}"
    rows, changes = _rows(c, view.rows)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{title}</h1>\n"
        f"<p>similarity {c.summary.similarity:.2f} · {esc(counts_text(c))} · "
        f"level {esc(c.options.level)}, threshold {c.options.threshold:g}</p>\n"
        f"<h2>Changes</h2>\n{changes}\n"
        f"<h2>Buffer changes</h2>\n{_rules(view)}\n"
        "<h2>Texts</h2>\n"
        f"<h3>Left</h3>\n{_provenance(c.left, view.left_caveats)}\n"
        f"<h3>Right</h3>\n{_provenance(c.right, view.right_caveats)}\n"
        f"<h2>Clauses</h2>\n{_legend()}\n"
        f"<p><strong>Left:</strong> {esc(c.left.short_title)} · "
        f"<strong>Right:</strong> {esc(c.right.short_title)}</p>\n"
        f"{rows}\n"
        "</body>\n</html>\n"
    )
