"""What every diff renderer shows, computed once: rows, gaps, flags and rule changes.

The terminal, markdown and HTML views differ only in how they spell a deletion, an
insertion or a rule finding; which words are deleted, which phrase is a buffer and
where a gap sits is decided here (and in ``runs``), so the formats cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from treatycmp.align.claims import MOVE_NOT_CLAIMED
from treatycmp.analysis import Comparison, PairResult
from treatycmp.functional import shown_score
from treatycmp.kinds import CATEGORY_RANK, Category
from treatycmp.model import Article, Clause, Gap, Level, Treaty
from treatycmp.profile import Evidence
from treatycmp.render.corpus import caveats
from treatycmp.render.diff.runs import Run, side_runs, split_clauses


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


RuleChangeKind = Literal["added", "removed", "unknown", "shifted"]


@dataclass(frozen=True)
class RuleChange:
    """A rule found on one side of a pair and not the other (or unknown: gap)."""

    change: RuleChangeKind
    rule_id: str
    category: Category | None
    label: str
    where: str
    # unknown only: other renderings of the treaty that carry the words
    elsewhere: str = ""


@dataclass(frozen=True)
class DiffView:
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


def marks_in_texts(view: DiffView, marks: Iterable[str]) -> list[str]:
    """The marks a renderer writes into the words (``«``, ``[-`` ...) that the shown texts
    hold themselves: there a mark and the treaty's own characters look alike (a Russian
    or French text quotes with « »), and the legend has to say so."""
    texts = [v.clause.text for row in view.rows for v in (*row.left, *row.right)]
    return [m for m in marks if any(m in t for t in texts)]


def marks_note(found: Sequence[str], where: str) -> str:
    """The legend's warning for ``found`` (from ``marks_in_texts``), or ''."""
    if not found:
        return ""
    return (
        f"Note: the texts themselves hold {' '.join(found)}: there a mark and the treaty's "
        f"own characters look alike ({where} tell them apart)."
    )


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
    if not t.source.authentic and t.source.official is False:
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
    if (pair.kind == "moved" or pair.note == MOVE_NOT_CLAIMED) and pair.left:
        return "was " + ", ".join(clause_name(x) for x in pair.left)
    if pair.may_be_in_gap:
        side = "right" if pair.kind == "removed" else "left"
        return f"may be in a gap of the {side} text"
    return None


def score_label(pair: PairResult, threshold: float | None = None) -> str:
    """``similarity 0.73``; for a pair found by function, its text similarity and its
    functional score apart: ``similarity 0.42, function 1.00`` when the wording reaches
    the threshold (a ``changed`` pair with its word diff), ``function 1.00, text
    similarity 0.346 (threshold 0.35)`` for a ``corresponds`` pair (docs/alignment.md,
    "Which score is which")."""
    f = pair.function
    if f is None:
        return f"similarity {shown_score(pair.score, threshold)}"
    if pair.kind != "corresponds":
        return f"similarity {pair.score:.2f}, function {f.score:.2f}"
    below = "" if threshold is None else f" (threshold {threshold:.2f})"
    text = shown_score(f.text_score, threshold)
    return f"function {pair.score:.2f}, text similarity {text}{below}"


def kind_label(c: Comparison, pair: PairResult) -> str:
    """``removed`` becomes ``removed?`` when the other text has gaps that may hold it;
    ``changed (case)`` / ``changed (punctuation)`` names a case- or punctuation-only change;
    ``changed (split not claimed)`` a pair's note (``align.claims``)."""
    if pair.may_be_in_gap and pair.kind in ("added", "removed"):
        return pair.kind + "?"
    # Every qualifier shows: a case-only change and a note can hold together.
    marks = [] if pair.note is None else [pair.note]
    if pair.change is not None:
        # A case- or punctuation-only change is a change; folded on request, it says so.
        if pair.kind == "same":
            return f"same (ignoring {pair.change})"
        marks.insert(0, pair.change)
    return f"{pair.kind} ({'; '.join(marks)})" if marks else pair.kind


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
    rank = CATEGORY_RANK
    out: list[RuleChange] = []
    for pair in c.pairs if pairs is None else pairs:
        found = pair.findings
        by_id = {f.rule_id: f for f in (*found.left, *found.right)}
        left_ids = ", ".join(x.id for x in pair.left) or "-"
        right_ids = ", ".join(x.id for x in pair.right) or "-"
        where = f"{left_ids} → {right_ids}"
        found_ids: tuple[tuple[RuleChangeKind, tuple[str, ...]], ...] = (
            ("added", found.added),
            ("removed", found.removed),
            ("unknown", found.unknown),
        )
        for change, ids in found_ids:
            for rule_id in ids:
                f = by_id.get(rule_id)
                out.append(
                    RuleChange(
                        change,
                        rule_id,
                        f.category if f else None,
                        f.label if f else rule_id,
                        where,
                        "; ".join(str(e) for e in found.elsewhere if e.rule_id == rule_id)
                        if change == "unknown"
                        else "",
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


def build_view(
    c: Comparison, *, only_changed: bool = False, article: str | None = None
) -> DiffView:
    """The shared view of a comparison for every human-readable format."""
    rows = build_rows(c, only_changed=only_changed, article=article)
    pairs = [r.pair for r in rows if r.pair is not None] if article else None
    return DiffView(
        c,
        rows,
        tuple(rule_changes(c, pairs)),
        tuple(caveats(c.left)),
        tuple(caveats(c.right)),
    )
