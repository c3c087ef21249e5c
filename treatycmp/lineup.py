"""One clause lined up across many treaties: what corresponds to it in each, and its buffers.

The analysis treatycmp was built for sets the 2024 DPRK-Russia Article 4 beside the
1961 USSR-DPRK Article 1, US-ROK Article III, North Atlantic Article 5 and US-Japan
Article V and asks which buffers each has. ``line_up`` finds, in each listed treaty,
the clause that corresponds to the reference clause (textually, as ``diff`` would
pair it, or else by function) and reads, for each, the obligation type, triggers,
response and its strength, and every buffer with the words that carry it. Where the
text breaks off, a buffer it lacks is unknown (``gap``), never absent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from treatycmp.align.aligner import align_clauses
from treatycmp.align.pairs import JOINER
from treatycmp.defaults import DEFAULT_SCORER
from treatycmp.functional import (
    MIN_SCORE,
    STRONG_TEXT,
    Function,
    clause_function,
    explain,
    match_functions,
    pair_by_function,
)
from treatycmp.model import Clause, Level, Treaty
from treatycmp.profile import OBLIGATION_LABELS, ObligationType, obligation_types, response_words
from treatycmp.renderings import carried_elsewhere, siblings
from treatycmp.rule_model import RuleSet
from treatycmp.rules.findings import Elsewhere, Finding
from treatycmp.rules.match import find_rules

# The buffers the line-up has a column for, in the analysts' order.
BUFFERS: tuple[str, ...] = (
    "un-charter-51",
    "security-council",
    "domestic-law",
    "discretion",
    "consultation",
    "geographic-scope",
    "political-decision",
)
# How a reason names the two sides: the reference clause, and the treaty of the row.
NAMES = ("reference", "this text")
How = Literal["reference", "text", "function", "partial", "none"]
State = Literal["present", "absent", "unknown"]


@dataclass(frozen=True)
class Cell:
    """One buffer (or trigger) in one row: found with its words, absent, or unknown (gap)."""

    state: State
    words: tuple[str, ...] = ()
    # unknown only: other renderings of the treaty that carry the words (never merged)
    elsewhere: tuple[Elsewhere, ...] = ()


@dataclass(frozen=True)
class LineupRow:
    """One treaty's clause(s) corresponding to the reference, and what they hold."""

    treaty: Treaty
    clauses: tuple[Clause, ...]
    how: How
    score: float | None
    reason: str
    obligations: tuple[ObligationType, ...]
    triggers: tuple[tuple[str, str, tuple[str, ...]], ...]
    response: str
    response_words: tuple[str, ...]
    strength: tuple[tuple[str, tuple[str, ...]], ...]
    buffers: tuple[tuple[str, Cell], ...]

    @property
    def partial(self) -> bool:
        return any(c.partial for c in self.clauses)

    @property
    def clause_ids(self) -> str:
        return ", ".join(c.id for c in self.clauses)

    def buffer(self, rule_id: str) -> Cell:
        return dict(self.buffers)[rule_id]


@dataclass(frozen=True)
class Lineup:
    """The reference clause and one row per treaty (the reference's own row first)."""

    reference: Treaty
    clause: Clause
    level: Level
    rows: tuple[LineupRow, ...]
    buffer_labels: tuple[tuple[str, str], ...]


def _words(findings: Sequence[Finding]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(f.text for f in findings))


def _row(
    treaty: Treaty,
    clauses: tuple[Clause, ...],
    how: How,
    score: float | None,
    reason: str,
    rules: RuleSet,
    renderings: Sequence[Treaty] = (),
) -> LineupRow:
    """Read obligation, triggers, response, strength and buffers off ``clauses``; an
    unknown buffer names the ``renderings`` of the same treaty that carry its words."""
    if not clauses:
        unknown = Cell("unknown") if treaty.gaps else Cell("absent")
        return LineupRow(
            treaty, (), how, score, reason, (), (), "", (), (), tuple((b, unknown) for b in BUFFERS)
        )
    text = JOINER.join(c.text for c in clauses)
    findings = find_rules(text, treaty.language, rules)
    obligations = obligation_types(text, treaty.language, findings)
    triggers = tuple(
        (rid, next(f.label for f in findings if f.rule_id == rid), _words(fs))
        for rid in dict.fromkeys(f.rule_id for f in findings if f.category == "trigger")
        for fs in [[f for f in findings if f.rule_id == rid]]
    )
    response, evidence = response_words(text, treaty.language)
    if "consultation" in obligations and "defence" not in obligations:
        response = "consultation"
        evidence = ()
    strength_findings = [f for f in findings if f.category in ("modality", "intensifier")]
    strength = tuple(
        (label, _words([f for f in strength_findings if f.label == label]))
        for label in dict.fromkeys(f.label for f in strength_findings)
    )
    partial = any(c.partial for c in clauses)
    lacking = [b for b in BUFFERS if not any(f.rule_id == b for f in findings)]
    others = siblings(treaty, renderings) if partial else ()
    carried = carried_elsewhere(lacking, clauses, others, rules) if others else ()
    cells: list[tuple[str, Cell]] = []
    for rule_id in BUFFERS:
        found = [f for f in findings if f.rule_id == rule_id]
        if found:
            cells.append((rule_id, Cell("present", _words(found))))
        elif partial:
            mine = tuple(e for e in carried if e.rule_id == rule_id)
            cells.append((rule_id, Cell("unknown", (), mine)))
        else:
            cells.append((rule_id, Cell("absent")))
    return LineupRow(
        treaty,
        clauses,
        how,
        score,
        reason,
        obligations,
        triggers,
        response,
        tuple(dict.fromkeys(e.text for e in evidence)),
        strength,
        tuple(cells),
    )


def _functional_over_text(
    found: Sequence[Clause],
    text_score: float,
    ref_fn: Function | None,
    targets: Sequence[Clause],
    treaty: Treaty,
    rules: RuleSet,
) -> tuple[tuple[Clause, ...], How, float | None, str] | None:
    """The functional counterpart that beats a weak text pair, or None.

    The text pair stands when it is strong (``STRONG_TEXT``: copied wording), when the
    reference does no security job, or when its clauses share the reference's
    obligation type; otherwise a clause whose function matches the reference's at
    ``MIN_SCORE`` or more (the best one) is the counterpart.
    """
    if ref_fn is None or text_score >= STRONG_TEXT:
        return None
    for c in found:
        fn = clause_function(c, treaty.language, rules)
        if fn is not None and match_functions(ref_fn, fn) is not None:
            return None
    best: tuple[float, Clause, str] | None = None
    for target in targets:
        fn = clause_function(target, treaty.language, rules)
        got = match_functions(ref_fn, fn) if fn is not None else None
        if got is not None and got[0] >= MIN_SCORE and (best is None or got[0] > best[0]):
            best = (got[0], target, explain(ref_fn, fn, NAMES) if fn is not None else "")
    if best is None:
        return None
    ids = ", ".join(c.id for c in found)
    reason = f"{best[2]}; text pair {ids} ({text_score:.2f}) does another job"
    return (best[1],), "function", best[0], reason


def find_corresponding(
    reference: Treaty,
    clause: Clause,
    treaty: Treaty,
    rules: RuleSet,
    *,
    level: Level = "article",
    threshold: float | None = None,
    scorer: str = DEFAULT_SCORER,
) -> tuple[tuple[Clause, ...], How, float | None, str]:
    """The clause(s) of ``treaty`` that correspond to ``clause``: as the aligner pairs
    them, or else by function; ``()`` and ``none`` when nothing does."""
    targets = treaty.clauses(level)
    aligned = align_clauses([clause], targets, threshold=threshold, scorer=scorer)
    ref_fn = clause_function(clause, reference.language, rules)
    for p in aligned:
        if p.left and p.right:
            # One decision for both tiers: a weak text pair that does another job
            # never hides a clear functional counterpart.
            better = _functional_over_text(p.right, p.score, ref_fn, targets, treaty, rules)
            if better is not None:
                return better
            return p.right, "text", p.score, p.kind
    if level == "article":
        # A whole article dilutes a close paragraph (1961 Art. 1 holds two): look
        # paragraph by paragraph, and answer with the article that holds the match.
        paragraphs = treaty.clauses("paragraph")
        for p in align_clauses([clause], paragraphs, threshold=threshold, scorer=scorer):
            if p.left and p.right:
                numbers = {c.article for c in p.right}
                whole = tuple(c for c in targets if c.article in numbers)
                ids = ", ".join(c.id for c in p.right)
                return whole or p.right, "text", p.score, f"{p.kind} (paragraph {ids})"
    languages = (reference.language, treaty.language)
    paired = pair_by_function(aligned, languages, rules, scorer, NAMES)
    for p, match in paired:
        if match is not None:
            return p.right, "function", match.score, match.reason
    # Below the pairing score (a clause that also does another job): the nearest
    # clause that shares an obligation type, said as such.
    best: tuple[float, Clause, str] | None = None
    if ref_fn is not None:
        for target in targets:
            fn = clause_function(target, treaty.language, rules)
            found = match_functions(ref_fn, fn) if fn is not None else None
            if fn is not None and found is not None and (best is None or found[0] > best[0]):
                best = (found[0], target, explain(ref_fn, fn, NAMES))
    if best is not None:
        return (best[1],), "function", best[0], "below the pairing score; " + best[2]
    # A text that breaks off may stop before the words that show what a clause does
    # (the Russian 2024 Art. 4 stops after its trigger): a partial clause with the
    # reference's trigger may correspond, and is shown as such.
    if ref_fn is not None and ref_fn.triggers:
        wanted = dict(ref_fn.triggers)
        for target in targets:
            if not target.partial:
                continue
            found_ids = {f.rule_id for f in find_rules(target.text, treaty.language, rules)}
            shared = [label for rid, label in wanted.items() if rid in found_ids]
            if shared:
                return (
                    (target,),
                    "partial",
                    None,
                    f"may correspond: trigger {', '.join(shared)}; the text breaks off "
                    "before what the clause does",
                )
    if treaty.gaps:  # what was not read may hold it: not a finding of absence
        return (), "none", None, "no corresponding clause in the text read; a gap may hold one"
    return (), "none", None, "no corresponding clause in the text"


def line_up(
    reference: Treaty,
    clause: Clause,
    treaties: Sequence[Treaty],
    rules: RuleSet,
    *,
    level: Level = "article",
    threshold: float | None = None,
    scorer: str = DEFAULT_SCORER,
    renderings: Sequence[Treaty] = (),
) -> Lineup:
    """Line ``clause`` of ``reference`` up against its counterparts in ``treaties``.

    Args:
        reference: the treaty the clause comes from.
        clause: the reference clause (``corpus.clause("dprk-russia-2024:4", level)``).
        treaties: the treaties to look in, in the order of the rows.
        rules: the rule set that reads triggers, buffers and the rest.
        level: the unit looked for in each treaty (``article`` by default, so a
            buffer in a later paragraph of the same article counts).
        threshold: the text threshold of the aligner (the scorer's default when ``None``).
        scorer: the aligner's scorer.
        renderings: treaties to look in for the words of a buffer that is unknown
            (gap): the other renderings of the same treaty (the corpus, say).
    """
    rows = [
        _row(reference, (clause,), "reference", None, "the reference clause", rules, renderings)
    ]
    for treaty in treaties:
        found, how, score, reason = find_corresponding(
            reference, clause, treaty, rules, level=level, threshold=threshold, scorer=scorer
        )
        rows.append(_row(treaty, found, how, score, reason, rules, renderings))
    labels = tuple((b, r.label if (r := rules.get(b)) else b) for b in BUFFERS)
    return Lineup(reference, clause, level, tuple(rows), labels)


# --- plain data, shared by every format ------------------------------------------------

GAP = "gap"
NONE = "-"


def cell_text(cell: Cell) -> str:
    """``"in accordance with its constitutional processes"``, ``-`` or ``gap``."""
    if cell.state == "present":
        return "; ".join(f"“{w}”" for w in cell.words)
    if cell.state == "unknown" and cell.elsewhere:
        return f"{GAP} (in other renderings: {'; '.join(str(e) for e in cell.elsewhere)})"
    return GAP if cell.state == "unknown" else NONE


def columns(lineup: Lineup) -> list[tuple[str, str]]:
    """(key, heading) of every column of the line-up table, in order.

    Keys shared with the JSON rows (``treaty``, ``match``, ``reason``, ``response``)
    hold the same values, so a CSV row and a JSON row read alike.
    """
    return [
        ("treaty", "treaty"),
        ("clause", "clause"),
        ("match", "match"),
        ("score", "score"),
        ("reason", "reason"),
        ("obligation", "obligation"),
        ("triggers", "triggers"),
        ("response", "response"),
        ("response_words", "response words"),
        ("strength", "strength"),
        *lineup.buffer_labels,
    ]


def _quoted(words: Sequence[str]) -> str:
    return ", ".join(f"“{w}”" for w in words)


def row_cells(row: LineupRow) -> dict[str, str]:
    """A row as one string per column (the markdown, HTML and CSV cells)."""
    score = NONE if row.score is None else f"{row.score:.2f}"
    if row.how == "none":
        missing = GAP if row.treaty.gaps else NONE
        out = {
            "treaty": row.treaty.id,
            "clause": missing,
            "match": row.how,
            "score": score,
            "reason": row.reason,
            "obligation": missing,
            "triggers": missing,
            "response": missing,
            "response_words": missing,
            "strength": missing,
        }
    else:
        unread = GAP if row.partial else NONE
        out = {
            "treaty": row.treaty.id,
            "clause": row.clause_ids + (" (partial)" if row.partial else ""),
            "match": row.how,
            "score": score,
            "reason": row.reason,
            "obligation": ", ".join(OBLIGATION_LABELS[k] for k in row.obligations) or unread,
            "triggers": "; ".join(f"{label} ({_quoted(words)})" for _, label, words in row.triggers)
            or unread,
            "response": row.response or unread,
            "response_words": _quoted(row.response_words) or unread,
            "strength": "; ".join(f"{label} ({_quoted(words)})" for label, words in row.strength)
            or unread,
        }
    for rule_id, cell in row.buffers:
        out[rule_id] = cell_text(cell)
    return out


def lineup_record(lineup: Lineup) -> dict[str, Any]:
    """The line-up as plain data in a stable key order (what ``lineup -f json`` writes)."""

    def cell(c: Cell) -> dict[str, Any]:
        return {
            "state": c.state,
            "words": list(c.words),
            "elsewhere": [
                {"treaty": e.treaty, "clauses": list(e.clauses), "words": list(e.words)}
                for e in c.elsewhere
            ],
        }

    return {
        "reference": {
            "treaty": lineup.reference.id,
            "clause": lineup.clause.id,
            "level": lineup.level,
        },
        "buffers": [{"id": b, "label": label} for b, label in lineup.buffer_labels],
        "rows": [
            {
                "treaty": r.treaty.id,
                "short_title": r.treaty.short_title,
                "language": r.treaty.language,
                "clauses": [c.id for c in r.clauses],
                "partial": r.partial,
                "match": r.how,
                "score": None if r.score is None else round(r.score, 4),
                "reason": r.reason,
                "obligations": list(r.obligations),
                "triggers": [
                    {"rule": rid, "label": label, "words": list(words)}
                    for rid, label, words in r.triggers
                ],
                "response": r.response or None,
                "response_words": list(r.response_words),
                "strength": [{"label": label, "words": list(w)} for label, w in r.strength],
                "buffers": {b: cell(c) for b, c in r.buffers},
            }
            for r in lineup.rows
        ],
    }
