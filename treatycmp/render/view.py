"""What every diff renderer shows, computed once: marked runs, rows, gaps and flags.

The terminal, markdown and HTML views differ only in how they spell a deletion, an
insertion or a rule finding; which words are deleted, which phrase is a buffer and
where a gap sits is decided here, so the formats cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

from treatycmp.align.pairs import JOINER
from treatycmp.analysis import Comparison, PairResult
from treatycmp.defaults import Category
from treatycmp.escape import visible
from treatycmp.model import Article, Clause, Gap, Level, Treaty
from treatycmp.profile import Evidence
from treatycmp.render.corpus import caveats
from treatycmp.rules.core import Finding

Change = Literal["equal", "delete", "insert"]
Side = Literal["left", "right"]

# When findings overlap, the one shown is the highest here: buffers are what
# analysts look for first.
CATEGORY_ORDER: tuple[Category, ...] = (
    "buffer",
    "trigger",
    "intensifier",
    "condition",
    "modality",
)


@dataclass(frozen=True)
class Run:
    """A stretch of one side's text with one change kind and at most one finding.

    ``first``/``last`` say whether the run opens/closes its finding, so a finding
    that spans an unchanged and an inserted stretch is marked once. ``labels`` go
    right after the run: at the first space after a finding, never inside a word
    (Korean particles cling to the noun a rule matched: "무력침공을").
    """

    text: str
    change: Change
    finding: Finding | None = None
    first: bool = False
    last: bool = False
    labels: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ClauseView:
    """One clause on one side of a row: id, flags, runs, and gaps around its words."""

    clause: Clause
    runs: tuple[Run, ...]
    flags: tuple[str, ...] = ()
    gap_before: str | None = None
    gap_after: str | None = None


@dataclass(frozen=True)
class Row:
    """A pair (both sides' clauses), or a gap on one or both sides (``pair`` is None)."""

    pair: PairResult | None
    left: tuple[ClauseView, ...] = ()
    right: tuple[ClauseView, ...] = ()
    left_gap: str | None = None
    right_gap: str | None = None
    note: str | None = None

    @property
    def kind(self) -> str:
        return self.pair.kind if self.pair else "gap"


@dataclass(frozen=True)
class RuleChange:
    """A rule found on one side of a pair and not the other (or unknown: gap)."""

    change: Literal["added", "removed", "unknown", "shifted"]
    rule_id: str
    category: Category | None
    label: str
    where: str


@dataclass(frozen=True)
class View:
    """Everything a diff renderer shows, in order."""

    comparison: Comparison
    rows: tuple[Row, ...]
    rule_changes: tuple[RuleChange, ...]
    left_caveats: tuple[str, ...]
    right_caveats: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())

    def changes(self, category: str, change: str) -> tuple[RuleChange, ...]:
        return tuple(
            r
            for r in self.rule_changes
            if r.change == change and (category == "*" or r.category == category)
        )


# --- findings ----------------------------------------------------------------------


def shown_findings(findings: Sequence[Finding], shifted: bool) -> list[Finding]:
    """Non-overlapping findings to mark, higher categories first.

    Modality words ("shall") are marked only where the pair's modality shifted:
    marking every "shall" would drown the buffers.
    """
    rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    chosen: list[Finding] = []
    for f in sorted(findings, key=lambda f: (rank.get(f.category, 99), f.start, -f.end)):
        if f.category == "modality" and not shifted:
            continue
        if f.end <= f.start or any(f.start < c.end and c.start < f.end for c in chosen):
            continue
        chosen.append(f)
    return sorted(chosen, key=lambda f: f.start)


def finding_label(f: Finding) -> str:
    """``buffer: UN Charter Article 51``."""
    return f"{f.category}: {f.label}"


# --- runs --------------------------------------------------------------------------


def side_changes(pair: PairResult, side: Side) -> list[tuple[str, Change]]:
    """One side's text as (text, change) pieces, rebuilt from the word ops."""
    out: list[tuple[str, Change]] = []
    for op in pair.ops:
        text = op.left if side == "left" else op.right
        if not text:
            continue
        if op.op == "equal":
            out.append((text, "equal"))
        else:
            out.append((text, "delete" if side == "left" else "insert"))
    if not pair.ops:
        text = pair.left_text if side == "left" else pair.right_text
        if text:
            out.append((text, "equal"))
    return out


def side_runs(pair: PairResult, side: Side) -> list[Run]:
    """One side's runs: split where the change kind or the marked finding changes."""
    pieces = side_changes(pair, side)
    found = pair.findings
    shifted = found.modality_shift is not None
    findings = shown_findings(found.left if side == "left" else found.right, shifted)
    cuts = {0}
    pos = 0
    for text, _ in pieces:
        pos += len(text)
        cuts.add(pos)
    total = pos
    full = "".join(t for t, _ in pieces)
    label_at: dict[int, list[Finding]] = {}
    for f in findings:
        cuts.update((min(f.start, total), min(f.end, total)))
        end = min(f.end, total)
        # Defer the label to the end of the word only when the word goes on.
        space = re.search(r"[^\w]", full[end:]) if end < total and full[end].isalnum() else None
        at = (
            end
            if end == total or not full[end].isalnum()
            else end + (space.start() if space else total - end)
        )
        label_at.setdefault(at, []).append(f)
        cuts.add(at)
    bounds = sorted(cuts)
    changes: list[Change] = []
    for text, change in pieces:
        changes.extend([change] * len(text))
    runs: list[Run] = []
    for a, b in pairwise(bounds):
        if a >= b:
            continue
        finding = next((f for f in findings if f.start <= a and b <= f.end), None)
        runs.append(
            Run(
                full[a:b],
                changes[a],
                finding,
                finding is not None and a == finding.start,
                finding is not None and b == min(finding.end, total),
                tuple(label_at.get(b, ())),
            )
        )
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    out: list[Run] = []
    for r in runs:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.change == r.change
            and prev.finding is None
            and r.finding is None
            and not prev.labels
        ):
            out[-1] = Run(prev.text + r.text, r.change, labels=r.labels)
        else:
            out.append(r)
    return out


def _take(runs: list[Run], n: int) -> list[Run]:
    """The first ``n`` characters of ``runs`` (removed from the list), cut where needed."""
    out: list[Run] = []
    while n > 0 and runs:
        r = runs[0]
        if len(r.text) <= n:
            out.append(runs.pop(0))
            n -= len(r.text)
            continue
        out.append(Run(r.text[:n], r.change, r.finding, r.first, False, ()))
        runs[0] = Run(r.text[n:], r.change, r.finding, False, r.last, r.labels)
        n = 0
    return out


def inline_runs(pair: PairResult) -> list[Run]:
    """Both sides in one text, as ``git diff --word-diff``: unchanged words once (with
    the right side's findings), deleted words from the left, inserted from the right."""
    left = side_runs(pair, "left")
    right = side_runs(pair, "right")
    if not pair.ops:
        return right or left
    out: list[Run] = []
    for op in pair.ops:
        if op.op == "equal":
            _take(left, len(op.left))
            out.extend(_take(right, len(op.right)))
            continue
        out.extend(_take(left, len(op.left)))
        out.extend(_take(right, len(op.right)))
    return out + left + right


def split_clauses(runs: Sequence[Run], clauses: Sequence[Clause]) -> list[list[Run]]:
    """Runs of a joined side cut back into one list per clause (at ``JOINER``)."""
    ends: list[int] = []
    pos = 0
    for c in clauses:
        ends.append(pos + len(c.text))
        pos += len(c.text) + len(JOINER)
    out: list[list[Run]] = [[] for _ in clauses]
    pos = 0
    for r in runs:
        start = pos
        pos += len(r.text)
        for k, c in enumerate(clauses):
            lo, hi = ends[k] - len(c.text), ends[k]
            a, b = max(start, lo), min(pos, hi)
            if a < b:
                piece = r.text[a - start : b - start]
                out[k].append(
                    Run(
                        piece,
                        r.change,
                        r.finding,
                        r.first and a == start,
                        r.last and b == pos,
                        r.labels if b == pos else (),
                    )
                )
    return out


def mark(
    runs: Iterable[Run],
    *,
    escape: Callable[[str], str],
    wrap: Callable[[Change, str], str],
    finding: Callable[[Run, str], str],
    label: Callable[[Finding], str],
) -> str:
    """Spell runs in a text format: one delimited group per change, labels after findings.

    White space stays outside delimiters (markdown needs it there, and wdiff-style
    marks read better). A group closes before a label so the label sits outside
    the deletion or insertion.
    """
    out: list[str] = []
    group: list[str] = []
    group_change: Change = "equal"

    def flush() -> None:
        nonlocal group
        text = "".join(group)
        group = []
        if not text:
            return
        if group_change == "equal":
            out.append(text)
            return
        core = text.strip()
        if not core:
            out.append(text)
            return
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        out.append(lead + wrap(group_change, core) + trail)

    for r in runs:
        if r.change != group_change:
            flush()
            group_change = r.change
        piece = escape(r.text)
        if r.finding is not None:
            core = piece.strip()
            lead = piece[: len(piece) - len(piece.lstrip())]
            trail = piece[len(piece.rstrip()) :]
            piece = lead + finding(r, core) + trail if core else piece
        group.append(piece)
        if r.labels:
            flush()
            out.extend(" " + label(f) for f in r.labels)
    flush()
    return "".join(out)


def wdiff(runs: Iterable[Run]) -> str:
    """Plain text that keeps every change visible: ``[-deleted-]{+inserted+}``, «buffer»."""
    return mark(
        runs,
        escape=visible,
        wrap=lambda ch, t: f"[-{t}-]" if ch == "delete" else f"{{+{t}+}}",
        finding=guillemets,
        label=lambda f: f"⟨{finding_label(f)}⟩",
    )


def guillemets(run: Run, text: str) -> str:
    """« before a finding's first run, » after its last."""
    return ("«" if run.first else "") + text + ("»" if run.last else "")


# --- clauses, gaps and rows ----------------------------------------------------------


def clause_name(c: Clause) -> str:
    """How an analyst cites a clause: ``Article 1(2)``, ``Article 4``, ``preamble 3``."""
    head, _, rest = c.id.partition(".")
    if head in ("preamble", "closing", "preface"):
        return f"{head} {rest}".strip()
    return f"Article {head}({rest})" if rest else f"Article {head}"


def side_flags(t: Treaty, c: Clause) -> tuple[str, ...]:
    """Caveats that touch this clause: inferred number, unofficial translation, partial."""
    flags: list[str] = []
    if c.inferred:
        flags.append("numbering inferred")
    if not t.source.authentic and not t.source.official:
        flags.append("unofficial")
    if c.partial:
        flags.append("partial")
    return tuple(flags)


def clause_gaps(t: Treaty, c: Clause, level: Level) -> tuple[str | None, str | None]:
    """The gaps right before and after a partial clause's words."""
    if not c.partial:
        return None, None
    if level == "article" and c.article is not None:
        a = t.article(c.article)
        if a is None:
            return None, None
        reasons = [r for p in a.paragraphs for r in (p.gap, p.gap_before, p.gap_after) if r]
        return None, "; ".join(reasons) or None
    p = t.paragraph(c.id)
    if p is None:
        return None, None
    return p.gap_before, p.gap_after


def gap_positions(t: Treaty, level: Level) -> list[tuple[int, str, str | None]]:
    """Each whole gap as (index of the next clause, reason, article number)."""
    out: list[tuple[int, str, str | None]] = []
    n = 0
    for p in t.preamble:
        if p.is_gap:
            out.append((n, p.gap or "", None))
        else:
            n += 1
    for a in t.articles:
        if isinstance(a, Gap):
            out.append((n, a.reason, None))
            continue
        if level == "article":
            if a.text:
                n += 1
            else:
                out.append((n, _article_gap(a), a.number))
            continue
        for p in a.paragraphs:
            if p.is_gap:
                out.append((n, f"{p.id}: {p.gap}", a.number))
            else:
                n += 1
    for p in t.closing:
        if p.is_gap:
            out.append((n, p.gap or "", None))
        else:
            n += 1
    return _dedupe(out)


def _dedupe(gaps: list[tuple[int, str, str | None]]) -> list[tuple[int, str, str | None]]:
    """One gap where a file repeats a reason across sections (articles, then closing)."""
    out: list[tuple[int, str, str | None]] = []
    for g in gaps:
        if not out or out[-1][:2] != g[:2]:
            out.append(g)
    return out


def _article_gap(a: Article) -> str:
    reasons = "; ".join(p.gap for p in a.paragraphs if p.gap)
    return f"Article {a.number}: {reasons}"


def _clause_view(t: Treaty, c: Clause, runs: list[Run], level: Level) -> ClauseView:
    before, after = clause_gaps(t, c, level)
    return ClauseView(c, tuple(runs), side_flags(t, c), before, after)


def pair_note(c: Comparison, pair: PairResult) -> str | None:
    """What a row must say besides its text: where a moved clause was, a possible gap,
    why two clauses correspond."""
    if pair.function is not None:
        # Triggers are marked in the text; the other words the pairing rests on are named.
        f = pair.function

        def words(evidence: Sequence[Evidence]) -> str:
            seen = dict.fromkeys(
                e.text
                for e in evidence
                if e.cue not in ("armed-attack", "state-of-war", "threat-of-attack")
            )
            return ", ".join(f"“{w}”" for w in seen) or "-"

        return f"{f.reason} (left {words(f.left_evidence)}; right {words(f.right_evidence)})"
    if pair.kind == "moved" and pair.left:
        return "was " + ", ".join(clause_name(x) for x in pair.left)
    if pair.may_be_in_gap:
        side = "right" if pair.kind == "removed" else "left"
        return f"may be in a gap of the {side} text"
    return None


def score_label(pair: PairResult) -> str:
    """``similarity 0.73``; for a pair made by function, its score and the text's apart."""
    if pair.function is not None:
        return f"function {pair.score:.2f}, text similarity {pair.function.text_score:.2f}"
    return f"similarity {pair.score:.2f}"


def kind_label(c: Comparison, pair: PairResult) -> str:
    """``removed`` becomes ``removed?`` when the other text has gaps that may hold it."""
    if pair.may_be_in_gap and pair.kind in ("added", "removed"):
        return pair.kind + "?"
    return pair.kind


def _in_article(pair: PairResult, number: str) -> bool:
    wanted = number.strip().casefold()
    return any((x.article or "").casefold() == wanted for x in (*pair.left, *pair.right))


def _pair_row(c: Comparison, pair: PairResult) -> Row:
    level = c.options.level
    left = split_clauses(side_runs(pair, "left"), pair.left)
    right = split_clauses(side_runs(pair, "right"), pair.right)
    return Row(
        pair,
        tuple(_clause_view(c.left, x, r, level) for x, r in zip(pair.left, left, strict=True)),
        tuple(_clause_view(c.right, x, r, level) for x, r in zip(pair.right, right, strict=True)),
        note=pair_note(c, pair),
    )


def build_rows(
    c: Comparison, *, only_changed: bool = False, article: str | None = None
) -> tuple[Row, ...]:
    """Pairs in order, with each side's gaps placed before the first pair after them."""
    level = c.options.level
    left_index = {x.id: i for i, x in enumerate(c.left.clauses(level))}
    right_index = {x.id: i for i, x in enumerate(c.right.clauses(level))}
    left_gaps = gap_positions(c.left, level)
    right_gaps = gap_positions(c.right, level)
    wanted = None if article is None else article.strip().casefold()

    def keep_gap(art: str | None) -> bool:
        if c.options.scope == "clauses":
            return False  # two chosen clauses: the treaties' other gaps are beside the point
        return wanted is None or (art or "").casefold() == wanted

    rows: list[Row] = []

    def emit(upto_left: int | None, upto_right: int | None) -> None:
        lg = [g for g in left_gaps if upto_left is None or g[0] <= upto_left]
        rg = [g for g in right_gaps if upto_right is None or g[0] <= upto_right]
        for g in lg:
            left_gaps.remove(g)
        for g in rg:
            right_gaps.remove(g)
        lg = [g for g in lg if keep_gap(g[2])]
        rg = [g for g in rg if keep_gap(g[2])]
        for k in range(max(len(lg), len(rg))):
            rows.append(
                Row(
                    None,
                    left_gap=lg[k][1] if k < len(lg) else None,
                    right_gap=rg[k][1] if k < len(rg) else None,
                )
            )

    for pair in c.pairs:
        li = min((left_index.get(x.id, 0) for x in pair.left), default=None)
        ri = min((right_index.get(x.id, 0) for x in pair.right), default=None)
        emit(li if li is not None else -1, ri if ri is not None else -1)
        if only_changed and pair.kind == "same":
            continue
        if wanted is not None and not _in_article(pair, wanted):
            continue
        rows.append(_pair_row(c, pair))
    emit(None, None)
    return tuple(rows)


def rule_changes(c: Comparison, pairs: Iterable[PairResult] | None = None) -> list[RuleChange]:
    """Rules added, removed or unknown (gap) per pair, buffers first."""
    rank = {cat: i for i, cat in enumerate(CATEGORY_ORDER)}
    out: list[RuleChange] = []
    for pair in c.pairs if pairs is None else pairs:
        found = pair.findings
        by_id = {f.rule_id: f for f in (*found.left, *found.right)}
        left_ids = ", ".join(x.id for x in pair.left) or "-"
        right_ids = ", ".join(x.id for x in pair.right) or "-"
        where = f"{left_ids} → {right_ids}"
        for change, ids in (
            ("added", found.added),
            ("removed", found.removed),
            ("unknown", found.unknown),
        ):
            for rule_id in ids:
                f = by_id.get(rule_id)
                out.append(
                    RuleChange(
                        change,  # type: ignore[arg-type]
                        rule_id,
                        f.category if f else None,
                        f.label if f else rule_id,
                        where,
                    )
                )
        shift = found.modality_shift
        if shift is not None:
            names = {f.rule_id: f.label for f in (*found.left, *found.right)}
            before = ", ".join(names.get(x, x) for x in shift.from_ids)
            after = ", ".join(names.get(x, x) for x in shift.to_ids)
            out.append(
                RuleChange(
                    "shifted",
                    ",".join(shift.to_ids),
                    "modality",
                    f"{shift.direction}: {before} → {after}",
                    where,
                )
            )
    out.sort(key=lambda r: rank.get(r.category, 99) if r.category else 99)
    return out


def build_view(c: Comparison, *, only_changed: bool = False, article: str | None = None) -> View:
    """The shared view of a comparison for every human-readable format."""
    rows = build_rows(c, only_changed=only_changed, article=article)
    pairs = [r.pair for r in rows if r.pair is not None] if article else None
    return View(
        c,
        rows,
        tuple(rule_changes(c, pairs)),
        tuple(caveats(c.left)),
        tuple(caveats(c.right)),
    )


BUFFER_HEADINGS = (
    ("added", "Buffers added"),
    ("removed", "Buffers removed"),
    ("unknown", "Buffers unknown (gap)"),
)


def buffer_lines(view: View) -> list[tuple[str, str | None]]:
    """(heading, ``label (where); ...`` or None) per buffer change; unknown only if any."""
    out: list[tuple[str, str | None]] = []
    for change, title in BUFFER_HEADINGS:
        found = view.changes("buffer", change)
        if change == "unknown" and not found:
            continue
        out.append((title, "; ".join(f"{r.label} ({r.where})" for r in found) or None))
    kept = functional_kept(view)
    if kept:
        # Across clauses paired by function the shared text says nothing: what both
        # have is a finding of its own.
        out.append(("Buffers kept (paired by function)", "; ".join(kept)))
    return out


def none_label(view: View, title: str) -> str:
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


def functional_kept(view: View) -> list[str]:
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


def other_changes(view: View) -> list[str]:
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
