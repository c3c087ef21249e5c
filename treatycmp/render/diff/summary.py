"""The summary lines every diff format shows above the pairs: buffer changes, other
rule changes, the counts of pairs, the treaties' names."""

from __future__ import annotations

from treatycmp.analysis import Comparison
from treatycmp.model import Treaty
from treatycmp.render.diff.view import DiffView, RuleChange

BUFFER_HEADINGS = (
    ("added", "Buffers added"),
    ("removed", "Buffers removed"),
    ("unknown", "Buffers unknown (gap)"),
)


def buffer_lines(view: DiffView) -> list[tuple[str, str | None]]:
    """(heading, ``label (where); ...`` or None) per buffer change; unknown only if any."""
    out: list[tuple[str, str | None]] = []
    for change, title in BUFFER_HEADINGS:
        found = view.changes("buffer", change)
        if change == "unknown" and not found:
            continue
        out.append((title, "; ".join(_change_text(r) for r in found) or None))
    kept = functional_kept(view)
    if kept:
        # Across clauses paired by function the shared text says nothing: what both
        # have is a finding of its own.
        out.append(("Buffers kept (paired by function)", "; ".join(kept)))
    return out


def _change_text(r: RuleChange) -> str:
    """``label (where)``, and for an unknown one the renderings that carry its words."""
    if r.elsewhere:
        return f"{r.label} ({r.where}; in other renderings: {r.elsewhere})"
    return f"{r.label} ({r.where})"


def none_label(view: DiffView, title: str) -> str:
    """What an empty buffer line says: ``none``, or ``none found (...)`` when a paired
    clause on the side that would hold the change breaks off at a gap (KCNA's
    Article 4 stops before the buffers the 2024 treaty adds: not "none").
    """
    side, other = {"Buffers added": ("right", "removed"), "Buffers removed": ("left", "added")}.get(
        title, (None, None)
    )
    if side is not None:
        for r in view.rows:
            p = r.pair
            # a clause that breaks off, or one whose counterpart may be in a gap
            if p is not None and (
                any(c.partial for c in getattr(p, side)) or (p.kind == other and p.may_be_in_gap)
            ):
                return f"none found (a gap in the {side} text may hold some)"
    return "none"


def functional_kept(view: DiffView) -> list[str]:
    """``label (where)`` of every buffer both sides of a ``corresponds`` pair have."""
    pairs = [r.pair for r in view.rows if r.pair is not None and r.pair.function is not None]
    out: list[str] = []
    for pair in pairs:
        labels = {f.rule_id: f for f in (*pair.findings.left, *pair.findings.right)}
        where = f"{', '.join(x.id for x in pair.left)} → {', '.join(x.id for x in pair.right)}"
        for rule_id in pair.findings.kept:
            f = labels.get(rule_id)
            if f is not None and f.category == "buffer":
                out.append(f"{f.label} ({where})")
    return out


def other_changes(view: DiffView) -> list[str]:
    """Rule changes besides buffers: ``+ trigger: armed attack (1.2 → 4)``, one per line.

    Unknown ones (a gap may hold them) are many and say little each: one line
    counts them by label.
    """
    signs = {"added": "+", "removed": "-", "shifted": "~"}
    out = [
        f"{signs[r.change]} {r.category}: {r.label} ({r.where})"
        for r in view.rule_changes
        if r.category != "buffer" and r.change != "unknown"
    ]
    unknown: dict[str, int] = {}
    for r in view.rule_changes:
        if r.category != "buffer" and r.change == "unknown":
            unknown[r.label] = unknown.get(r.label, 0) + 1
    if unknown:
        items = ", ".join(f"{k} (x{n})" if n > 1 else k for k, n in unknown.items())
        out.append(f"? unknown (gap): {items}")
    return out


def uncertain_counts(c: Comparison) -> dict[str, int]:
    """How many ``added``/``removed`` pairs a gap of the other text may hold."""
    out = {"added": 0, "removed": 0}
    for pair in c.pairs:
        if pair.may_be_in_gap and pair.kind in out:
            out[pair.kind] += 1
    return out


def counts_text(c: Comparison) -> str:
    """``1 changed · 4 added · 12 removed`` (kinds with no pairs left out).

    Added or removed clauses that a gap of the other text may hold are counted
    apart, as ``removed?``, the label their pairs carry: a clause missing from a
    partial text is not known to be removed.
    """
    unsure = uncertain_counts(c)
    parts: list[str] = []
    last_unsure = 0
    for k, n in c.summary.counts:
        gap = unsure.get(k, 0)
        if n - gap:
            parts.append(f"{n - gap} {k}")
        if gap:
            parts.append(f"{gap} {k}?")
            last_unsure = len(parts) - 1
    if any(unsure.values()):
        parts[last_unsure] += " (?: may be in a gap)"
    return " · ".join(parts) or "no clauses"


def treaty_line(t: Treaty) -> str:
    """``USSR-DPRK 1961 (ussr-dprk-1961), signed 1961-07-06``."""
    signed = f", signed {t.signed}" if t.signed else ""
    return f"{t.short_title} ({t.id}){signed}"
