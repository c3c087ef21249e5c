"""A plain, readable listing of a comparison's pairs (no colour, no tables)."""

from __future__ import annotations

from ..analysis import Comparison


def render_plain(c: Comparison) -> str:
    """One block per pair: kind, clause ids, score, then the wdiff-style text."""
    s = c.summary
    lines = [
        f"{c.left.short_title} ({c.left.id}) -> {c.right.short_title} ({c.right.id})",
        f"similarity {s.similarity:.3f}; " + ", ".join(f"{k} {n}" for k, n in s.counts if n),
        "",
    ]
    for p in c.pairs:
        ids_l = "+".join(x.id for x in p.left) or "-"
        ids_r = "+".join(x.id for x in p.right) or "-"
        lines.append(f"{p.kind:8} {ids_l} -> {ids_r} ({p.score:.3f})")
        if p.kind != "same":
            text = "".join(
                o.left
                if o.op == "equal"
                else (f"[-{o.left}-]" if o.left else "") + (f"{{+{o.right}+}}" if o.right else "")
                for o in p.ops
            )
            lines.extend("    " + line for line in text.splitlines())
        lines.append("")
    return "\n".join(lines)
