"""The markdown report: what an analyst pastes into a paper or a GitHub README.

Deletions are ``~~struck~~``, insertions ``**bold**``, rule phrases «quoted» with
their label; treaty text is escaped so it never turns into markup, links or HTML.
"""

from __future__ import annotations

import re
import unicodedata

from treatycmp.analysis import Comparison
from treatycmp.escape import md_inline, visible
from treatycmp.model import Treaty
from treatycmp.render.corpus import LANGUAGE_NAMES
from treatycmp.render.diff.runs import Run, finding_label, guillemets, mark
from treatycmp.render.diff.summary import buffer_lines, none_label, other_changes, uncertain_counts
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

LEGEND = "Marks: ~~deleted~~, **inserted**, «rule phrase» ⟨category: rule⟩."


def esc(text: str) -> str:
    """Treaty or corpus text as literal markdown inline text."""
    return md_inline(visible(_PRIVATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)))


_OPEN = {"delete": "\ue000", "insert": "\ue001"}
_CLOSE = "\ue002"
_PLACEHOLDER = re.compile("([\ue000\ue001])([^\ue000-\ue002]*)\ue002")
_PRIVATE = re.compile("[\ue000-\ue002]")


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _flanking(before: str, after: str) -> tuple[bool, bool]:
    """(left-flanking, right-flanking) of a delimiter run between two characters
    (CommonMark 6.2; "" is the start or end of the line)."""
    b_space = before == "" or before.isspace()
    a_space = after == "" or after.isspace()
    left = not a_space and (not _punct(after) or b_space or _punct(before))
    right = not b_space and (not _punct(before) or a_space or _punct(after))
    return left, right


def gfm_changes(text: str) -> str:
    """Spell the change placeholders ``wrap`` left as ``~~deleted~~`` / ``**inserted**``,
    or as ``<del>``/``<strong>`` where GitHub would print those marks literally.

    GFM opens ``**`` and ``~~`` only where the run is left-flanking and closes them
    only where it is right-flanking: ``word**,**`` or ``a~~.~~`` stay literal
    asterisks and tildes. Whether they would is decided from the real neighbours.
    """
    out: list[str] = []
    pos = 0
    before = ""
    for m in _PLACEHOLDER.finditer(text):
        between = text[pos : m.start()]
        out.append(between)
        before = between[-1:] or before
        core = m[2]
        after = text[m.end() : m.end() + 1]
        if after in ("\ue000", "\ue001"):
            after = "*"  # another change's delimiter follows: punctuation either way
        delete = m[1] == _OPEN["delete"]
        opens, _ = _flanking(before, core[:1])
        _, closes = _flanking(core[-1:], after)
        if opens and closes:
            out.append(f"~~{core}~~" if delete else f"**{core}**")
            before = out[-1][-1]
        else:
            out.append(f"<del>{core}</del>" if delete else f"<strong>{core}</strong>")
            before = ">"
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


CHANGE_WORDS = {"+": "added", "-": "removed", "~": "shifted", "?": "unknown"}


def marked(runs: tuple[Run, ...]) -> str:
    """Runs as markdown: ~~deleted~~, **inserted**, «finding» ⟨label⟩."""
    return gfm_changes(
        mark(
            runs,
            escape=esc,
            wrap=lambda ch, t: _OPEN[ch] + t + _CLOSE,
            finding=guillemets,
            label=lambda f: f"⟨{esc(finding_label(f))}⟩",
        )
    )


def translation(t: Treaty) -> str:
    if t.source.authentic:
        return "authentic text"
    if t.source.official is None:
        return "status not given"
    kind = "official" if t.source.official else "**unofficial**"
    by = f" by {esc(t.source.translator)}" if t.source.translator else ""
    return f"{kind} translation{by}"


def completeness(t: Treaty) -> str:
    if t.completeness == "complete":
        return "complete"
    return f"**partial**: {len(t.gaps)} gap(s)"


def _provenance(view: DiffView) -> list[str]:
    c = view.comparison
    rows: list[tuple[str, str, str]] = [
        ("Treaty", esc(c.left.title), esc(c.right.title)),
        ("Id", f"`{c.left.id}`", f"`{c.right.id}`"),
        ("Signed", esc(c.left.signed or "-"), esc(c.right.signed or "-")),
        (
            "Language",
            esc(LANGUAGE_NAMES.get(c.left.language, c.left.language)),
            esc(LANGUAGE_NAMES.get(c.right.language, c.right.language)),
        ),
        ("Source", esc(c.left.source.text), esc(c.right.source.text)),
        ("Translation", translation(c.left), translation(c.right)),
        ("Completeness", completeness(c.left), completeness(c.right)),
        (
            "Caveats",
            "<br>".join(esc(x) for x in view.left_caveats) or "none",
            "<br>".join(esc(x) for x in view.right_caveats) or "none",
        ),
    ]
    lines = ["| | Left | Right |", "|---|---|---|"]
    lines.extend(f"| {k} | {a} | {b} |" for k, a, b in rows)
    return lines


def _summary(view: DiffView) -> list[str]:
    c = view.comparison
    # A column for pairs made by function only when there are some: textual
    # comparisons read as they always did.
    counts = tuple((k, n) for k, n in c.summary.counts if k != "corresponds" or n)
    head = "| similarity | " + " | ".join(k for k, _ in counts) + " |"
    rule = "|---:|" + "---:|" * len(counts)
    unsure = uncertain_counts(c)

    def cell(kind: str, n: int) -> str:
        gap = unsure.get(kind, 0)
        return f"{n} ({gap} may be in a gap)" if gap else str(n)

    body = f"| {c.summary.similarity:.2f} | " + " | ".join(cell(k, n) for k, n in counts) + " |"
    return [head, rule, body]


def _rule_list(view: DiffView) -> list[str]:
    lines = [
        f"- **{title}**: {esc(items or none_label(view, title))}"
        for title, items in buffer_lines(view)
    ]
    others = other_changes(view)
    if others:
        lines.extend(["", "Other rule changes:", ""])
        # "- + modality" would be a list inside a list on GitHub: the sign is a word here.
        for x in others:
            sign, _, rest = x.partition(" ")
            if sign == "?" and rest.startswith("unknown (gap): "):  # not "unknown unknown"
                lines.append(f"- *unknown (gap)*: {esc(rest.removeprefix('unknown (gap): '))}")
                continue
            lines.append(f"- *{CHANGE_WORDS.get(sign, sign)}* {esc(rest)}")
    return lines


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "x"


def _cell(views: tuple[ClauseView, ...], gap: str | None) -> str:
    parts: list[str] = []
    for v in views:
        text = marked(v.runs)
        if v.gap_before:
            text = f"*\\[gap: {esc(v.gap_before)}\\]* " + text
        if v.gap_after:
            text = text + f" *\\[gap: {esc(v.gap_after)}\\]*"
        flags = f" ({', '.join(v.flags)})" if v.flags else ""
        parts.append(f"**{esc(v.clause.id)}**{flags}<br>{text}")
    if gap is not None:
        parts.append(f"*\\[gap: {esc(gap)}\\]*")
    return "<br><br>".join(parts) or " "


def _section(c: Comparison, row: Row, anchors: set[str]) -> list[str]:
    lines: list[str] = []
    if row.pair is None:
        for side, gap in (("left", row.left_gap), ("right", row.right_gap)):
            if gap is not None:
                lines.append(f"> **Gap in the {side} text**: {esc(gap)}")
                lines.append("")
        return lines
    p = row.pair
    new = []
    for side, clauses in (("left", p.left), ("right", p.right)):
        for x in clauses:
            anchor = f"{side}-{_slug(x.article or x.id.partition('.')[0])}"
            if anchor not in anchors:
                anchors.add(anchor)
                new.append(anchor)
    lines.extend(f'<a id="{a}"></a>' for a in new)
    if new:
        lines.append("")
    left = ", ".join(x.id for x in p.left) or "-"
    right = ", ".join(x.id for x in p.right) or "-"
    title = f"### {esc(left)} → {esc(right)} · {kind_label(c, p)}"
    if p.left and p.right:
        title += f" · {esc(score_label(p, c.options.threshold))}"
    lines.extend([title, ""])
    if row.note:
        lines.extend([f"*{esc(row.note)}*", ""])
    lines.append(f"| {esc(c.left.short_title)} | {esc(c.right.short_title)} |")
    lines.append("|---|---|")
    lines.append(f"| {_cell(row.left, row.left_gap)} | {_cell(row.right, row.right_gap)} |")
    lines.append("")
    return lines


def render_markdown(c: Comparison, *, only_changed: bool = True, article: str | None = None) -> str:
    """The comparison as a GitHub-flavoured markdown report."""
    view = build_view(c, only_changed=only_changed, article=article)
    lines = [f"# {esc(c.left.short_title)} → {esc(c.right.short_title)}", ""]
    lines.append(
        f"Compared with treatycmp at {c.options.level} level "
        f"(alignment threshold {c.options.threshold:g}, scorer {c.options.scorer})."
    )
    lines.extend(["", "## Texts", "", *_provenance(view), ""])
    lines.extend(["## Summary", "", *_summary(view), ""])
    lines.extend(["## Buffer changes", "", *_rule_list(view), ""])
    lines.extend(["## Clauses", "", LEGEND, ""])
    # Brackets, braces and * are escaped in the words; « » and ⟨ ⟩ are not markup.
    note = marks_note(marks_in_texts(view, ("«", "»", "⟨", "⟩")), "-f html or -f json")
    if note:
        lines.extend([esc(note), ""])
    anchors: set[str] = set()
    for row in view.rows:
        lines.extend(_section(c, row, anchors))
    return "\n".join(lines).rstrip("\n") + "\n"
