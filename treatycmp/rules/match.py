"""Rules that find buffers, intensifiers, triggers, conditions and modality in clauses.

The rules are data (``data/rules/default.yaml``, plus user files) so an analyst can
add a phrasing without touching code. Patterns match the normalised text and report
spans in the original, so every renderer highlights exactly the matched words.
Clauses only ever hold real text (gaps are left out by the model), and patterns are
matched paragraph by paragraph, so a finding is never claimed across or inside a gap.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

from treatycmp.errors import Problem, TreatycmpError
from treatycmp.model import Level, Treaty
from treatycmp.rule_model import REGEX_TIMEOUT, Pattern, Rule, RuleSet, language_key, quote_pattern
from treatycmp.rules.findings import ClauseFindings, Finding, TreatyFindings
from treatycmp.rules.literals import LiteralScan
from treatycmp.rules.subject import binds_party
from treatycmp.text import normalize, offset_map


class RegexTimeout(TreatycmpError):
    """A user regex took longer than ``REGEX_TIMEOUT`` on one paragraph."""


def find_rules(text: str, language: str, rules: RuleSet) -> tuple[Finding, ...]:
    """Every finding in ``text`` (a clause's real text), sorted by start.

    Rules without patterns for ``language`` cannot fire: ask
    ``rules.languages_missing(language)`` and say so. Patterns match within one
    paragraph (line) at a time; within a rule, findings never overlap. A modality
    finding whose subject is not a party (``treatycmp.rules.subject``) is left out.

    A pattern runs only on the paragraphs holding a literal of each of its required
    groups (``Pattern.requires``), exclusions only where the rule matched, and offsets into
    the original are computed only for paragraphs with a finding: the same
    findings as running every pattern on every paragraph, at a fraction of the cost.

    Raises:
        RegexTimeout: a user regex ran longer than ``REGEX_TIMEOUT`` on a paragraph.
    """
    plan, seen, index, scanner = _plan(rules, language)
    if not plan:
        return ()
    lines: list[tuple[int, str, str]] = []  # (offset, line, normalised line)
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            lines.append((offset, line, normalize(line, strip_number=False)))
        offset += len(line) + 1
    if not lines:
        return ()
    # The prefilter costs a parse of every pattern: worth it from a few hundred
    # paragraphs on (a long treaty), not for a handful (the bundled diff).
    seen[0] += len(lines)
    prefilter = seen[0] > PREFILTER_AFTER
    # From a long run on, one compiled scan a paragraph finds its literals (issue 22).
    scan = scanner() if prefilter and seen[0] > SCAN_AFTER else None
    found: list[Finding] = []
    # The index's literals the whole clause holds, searched once in it: each of its
    # paragraphs is then searched only for these (most of the hundreds are in none).
    among = (
        _among(index(), "\n".join(n for _, _, n in lines))
        if prefilter and scan is None and len(lines) > 1
        else None
    )
    for start_at, line, norm in lines:
        # Each paragraph's own literals choose its patterns: a pattern whose groups
        # are spread over several paragraphs of a clause never runs (issue 22).
        held = _held_in(norm) if prefilter else None
        present: set[str] | None = None  # the literals the scan found, when it ran
        if scan is not None and held is not None:
            scanned, order = scan
            present = scanned.present(norm)
            # The index literals among them, in index order (a few a paragraph).
            ours = sorted(filter(order.__contains__, present), key=order.__getitem__)
            live_by_rule = sorted(_live(index(), norm, held, ours, present=True).items())
        elif held is not None:
            live_by_rule = sorted(_live(index(), norm, held, among).items())
        else:
            live_by_rule = [(n, list(pats)) for n, (_, pats, _) in enumerate(plan)]
        where: Callable[[int], int] | None = None
        for number, live in live_by_rule:
            rule, _, exclude = plan[number]
            for s, e in _rule_spans(norm, live, exclude, rule, held, present):
                if where is None:
                    where = offset_map(line)
                start = start_at + where(s)
                end = start_at + where(e - 1) + 1
                found.append(
                    Finding(
                        rule.id,
                        rule.category,
                        rule.label,
                        start,
                        end,
                        text[start:end],
                        rule.strength,
                    )
                )
    found.sort(key=lambda f: (f.start, f.end, f.rule_id))
    # A modal binds whoever is its subject: one whose subject is no party is dropped.
    return tuple(
        f for f in found if f.category != "modality" or binds_party(text, f.start, f.end, language)
    )


_Plan = tuple[tuple[Rule, tuple[Pattern, ...], tuple[Pattern, ...]], ...]
# (rule number in the plan, pattern, its literal groups other than ``needs``)
_Entry = tuple[int, Pattern, tuple[tuple[str, ...], ...]]
# literal -> the entries whose ``needs`` hold it; the entries needing none
_Index = tuple[dict[str, list[_Entry]], list[_Entry]]
# The compiled scan of every literal a plan asks about, and the index's literal order.
_Scan = tuple[LiteralScan, dict[str, int]]
_PLANS: dict[
    tuple[int, str],
    tuple[RuleSet, _Plan, list[int], Callable[[], _Index], Callable[[], _Scan]],
] = {}
# Paragraphs a rule set matches before its literal prefilters are worked out.
PREFILTER_AFTER = 400
# ... and before its literals are found by one compiled scan (~20 ms to build for the
# English rules: a long treaty gains it back, the bundled diff would not).
SCAN_AFTER = 1500


def _plan(
    rules: RuleSet, language: str
) -> tuple[_Plan, list[int], Callable[[], _Index], Callable[[], _Scan]]:
    """The rules that can fire on ``language`` with their patterns, built once per set,
    a counter of the paragraphs matched with them, their literal index (built on first
    call: it parses every pattern) and the scan of their literals (built on first call)."""
    key = (id(rules), language_key(language))
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is rules:
        return cached[1], cached[2], cached[3], cached[4]
    plan = tuple(
        (r, r.patterns_for(language), r.exclude_for(language))
        for r in rules
        if r.patterns_for(language)
    )
    if len(_PLANS) > 64:
        _PLANS.clear()
    # Literals known already (the bundled rules cache): prefiltering costs nothing, so
    # it starts at once and a pattern whose literals no paragraph holds never compiles.
    known = all(p.needs_known for _, pats, excl in plan for p in (*pats, *excl))
    seen = [PREFILTER_AFTER + 1 if known else 0]
    built: list[_Index] = []

    def index() -> _Index:
        if not built:
            built.append(_literal_index(plan))
        return built[0]

    scans: list[_Scan] = []

    def scanner() -> _Scan:
        if not scans:
            scans.append(_literal_scan(plan, index()))
        return scans[0]

    _PLANS[key] = (rules, plan, seen, index, scanner)
    return plan, seen, index, scanner


def _literal_scan(plan: _Plan, index: _Index) -> _Scan:
    """One scan for the index's literals and the exclusions' ``needs``, with the index
    literals' order (the scan of every group's literals too, 876 for English against
    265, read TPP's paragraphs at twice the cost and saved less than that on the
    groups: measured, left). The exclusions' 87 more literals spare the groups of
    most exclusions of a rule that fired ("obligatory" has 36) a search each."""
    excluded = (literal for _, _, exclude in plan for p in exclude for literal in p.needs)
    return LiteralScan([*index[0], *excluded]), {k: n for n, k in enumerate(index[0])}


def _literal_index(plan: _Plan) -> _Index:
    """Every pattern of ``plan`` under each literal it needs (a literal shared by many
    patterns, "shall " or "the ", is then looked for once per paragraph)."""
    by_literal: dict[str, list[_Entry]] = {}
    always: list[_Entry] = []
    for number, (_rule, patterns, _exclude) in enumerate(plan):
        for pattern in patterns:
            others = tuple(g for g in pattern.requires if g != pattern.needs)
            if not pattern.needs:
                always.append((number, pattern, others))
            for literal in pattern.needs:
                by_literal.setdefault(literal, []).append((number, pattern, others))
    return by_literal, always


def _among(index: _Index, text: str) -> list[str]:
    """The index's literals that stand in ``text`` (a clause's normalised paragraphs
    joined), in index order: every literal of each paragraph is among them."""
    return [literal for literal in index[0] if literal in text]


def _live(
    index: _Index,
    whole: str,
    held: Callable[[tuple[str, ...]], bool],
    among: Sequence[str] | None = None,
    *,
    present: bool = False,
) -> dict[int, list[Pattern]]:
    """Rule number -> the patterns that can match ``whole`` (a literal of each of their
    groups is in it: found by the index on ``needs``, then the other groups asked of
    ``held``, which answers each group once a paragraph), in file order; rules with
    none are left out. ``among``: the index literals that can stand in ``whole``, in
    index order (``_among`` of a text holding it), when known; ``present``: exactly
    those that do (a ``LiteralScan`` found them), so none is searched again."""
    by_literal, always = index
    chosen: dict[int, dict[int, Pattern]] = {}
    for number, pattern, _ in always:
        chosen.setdefault(number, {})[id(pattern)] = pattern
    for literal in by_literal if among is None else among:
        if not present and literal not in whole:
            continue
        for number, pattern, others in by_literal[literal]:
            got = chosen.get(number)
            if got is not None and id(pattern) in got:
                continue
            if all(map(held, others)):
                chosen.setdefault(number, {})[id(pattern)] = pattern
    return {number: list(patterns.values()) for number, patterns in chosen.items()}


def _held_in(whole: str) -> Callable[[tuple[str, ...]], bool]:
    """Whether a literal of a group stands in ``whole``, each group searched once
    however many patterns and exclusions share it ("shall ", "the Parties"); a group
    asked again is a dictionary lookup in C (``_Asked.__getitem__``)."""
    return _Asked(whole).__getitem__


class _Asked(dict[tuple[str, ...], bool]):
    """Literal group -> whether ``whole`` holds one of its literals, searched on first ask."""

    def __init__(self, whole: str) -> None:
        super().__init__()
        self.whole = whole

    def __missing__(self, group: tuple[str, ...]) -> bool:
        got = self[group] = group_held(group, self.whole)
        return got


def group_held(group: tuple[str, ...], whole: str) -> bool:
    """Whether a literal of ``group`` stands in ``whole`` (one search per call: a work
    count in tests counts the calls); ``map`` of ``__contains__`` stops at the first
    literal found, as ``any`` over a generator would, without a Python frame a literal."""
    return any(map(whole.__contains__, group))


def _matches(
    pattern: Pattern,
    norm: str,
    rule: Rule,
    held: Callable[[tuple[str, ...]], bool] | None = None,
) -> list[tuple[int, int]]:
    """The non-empty spans of ``pattern`` in ``norm``, none unless ``held`` (when given)
    holds each of its literal groups; a timeout names the rule."""
    if held is not None and not all(map(held, pattern.requires)):
        return []
    try:
        return [m.span() for m in pattern.finditer(norm) if m.end() > m.start()]
    except TimeoutError:
        raise RegexTimeout(
            Problem(
                rule.path or "<rules>",
                pattern.line,
                f"rule '{rule.id}': regex {quote_pattern(pattern.source)} ran longer than "
                f"{REGEX_TIMEOUT:g} s on one paragraph (catastrophic backtracking)",
                "rewrite it without nested repetition, e.g. (a+)+ -> a+",
            )
        ) from None


def _rule_spans(
    norm: str,
    patterns: Sequence[Pattern],
    exclude: Sequence[Pattern],
    rule: Rule,
    held: Callable[[tuple[str, ...]], bool] | None,
    present: AbstractSet[str] | None = None,
) -> list[tuple[int, int]]:
    """``rule``'s merged spans in one normalised line: ``patterns`` all run (the line's
    literals chose them), ``exclude`` only where the rule matched and, given ``held``
    (prefiltering), where their literals stand. ``present``: the literals the scan
    found in the line, the exclusions' ``needs`` among them; an exclusion none of whose
    ``needs`` is there cannot match, and is dropped without a search."""
    hits = {span for p in patterns for span in _matches(p, norm, rule)}
    if not hits:
        return []
    if exclude and present is not None:
        exclude = [p for p in exclude if not p.needs or not present.isdisjoint(p.needs)]
    if exclude:
        blocked = [span for p in exclude for span in _matches(p, norm, rule, held)]
        hits = {
            (s, e)
            for s, e in hits
            if not any(s < b_end and b_start < e for b_start, b_end in blocked)
        }
    # Overlapping matches of one rule ("with all means" and "all means in its
    # possession") merge into one span, so the highlight covers every matched word.
    merged: list[tuple[int, int]] = []
    for s, e in sorted(hits):
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def scan_treaty(treaty: Treaty, rules: RuleSet, level: Level = "paragraph") -> TreatyFindings:
    """Every finding in one treaty, clause by clause (what ``treatycmp buffers`` shows)."""
    clauses = tuple(
        ClauseFindings(c, find_rules(c.text, treaty.language, rules)) for c in treaty.clauses(level)
    )
    return TreatyFindings(
        treaty.id, treaty.language, level, clauses, rules.languages_missing(treaty.language)
    )
