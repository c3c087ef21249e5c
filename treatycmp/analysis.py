"""Two treaties in, one ``Comparison`` out: aligned clause pairs with their word diffs.

Every renderer reads the same ``Comparison``, so two output formats cannot disagree.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from types import MappingProxyType
from typing import Literal

from treatycmp.align.aligner import align_clauses, unstripped_score, weighed_cells
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import JOINER, ClausePair
from treatycmp.align.regroup import absorb_contained
from treatycmp.align.scorers import LEXICAL, get_scorer, similarity_matrix
from treatycmp.defaults import DEFAULT_SCORER, MAX_PAIRS, default_threshold
from treatycmp.diff import WordOp, diff_words, mark_case
from treatycmp.errors import Problem, TreatycmpError
from treatycmp.formats.budget import MAX_CLAUSES, check_clauses
from treatycmp.functional import FunctionalMatch, pair_by_function, unpaired_hint
from treatycmp.kinds import CATEGORIES, PAIR_KINDS, PairKind
from treatycmp.model import LEVELS, Clause, Gap, Level, Treaty
from treatycmp.rule_model import RuleSet
from treatycmp.rules.compare import compare_findings, summarize
from treatycmp.rules.findings import Finding, PairFindings, missing_warning
from treatycmp.rules.load import load_rules
from treatycmp.rules.match import find_rules
from treatycmp.text import Change, folded, normalize, same_text, text_change

NO_FINDINGS = PairFindings((), (), ())


@dataclass(frozen=True)
class CompareOptions:
    """What to compare and how strictly."""

    level: Level = "paragraph"
    # NaN means "the scorer's own default" (``defaults.default_threshold``), resolved
    # at construction so that ``threshold`` is always the number that was used.
    threshold: float = math.nan
    scorer: str = DEFAULT_SCORER
    scope: Literal["treaties", "clauses"] = "treaties"
    max_pairs: int = MAX_PAIRS
    max_clauses: int = MAX_CLAUSES
    functional: bool = True
    # Fold a case-only or punctuation-only change into ``same`` (``diff -i`` and
    # ``--ignore-punctuation``); white space and Unicode forms are always folded.
    ignore_case: bool = False
    ignore_punctuation: bool = False

    def __post_init__(self) -> None:
        if math.isnan(self.threshold):
            object.__setattr__(self, "threshold", default_threshold(self.scorer))


@dataclass(frozen=True)
class PairResult:
    """One aligned pair with the word diff of its (joined) texts.

    Split and merged pairs diff the clauses of the many side joined with a newline
    (``align.JOINER``); the ops rebuild exactly those joined texts. A ``corresponds``
    pair (paired by function, ``function`` says why, its text similarity below the
    threshold) has no word ops: its wordings differ by nature, and a word diff would
    mark every word. A pair found by function whose wording reaches the threshold is
    ``changed``, with its word ops, its text score and ``function`` (the one decision
    of ``functional.pair_by_function``).
    """

    kind: PairKind
    left: tuple[Clause, ...]
    right: tuple[Clause, ...]
    score: float
    ops: tuple[WordOp, ...] = ()
    findings: PairFindings = NO_FINDINGS
    may_be_in_gap: bool = False
    function: FunctionalMatch | None = None
    # For a one-to-one pair whose texts differ only in case or punctuation, which
    # (``text.text_change``): "case", "punctuation" or "case+punctuation"; else None.
    change: Change | None = None
    # Why the pair is not the kind its shape or place suggests: a split, merge or move
    # the aligner does not claim is ``changed`` with a note (``align.claims``).
    note: str | None = None

    @property
    def left_text(self) -> str:
        return JOINER.join(c.text for c in self.left)

    @property
    def right_text(self) -> str:
        return JOINER.join(c.text for c in self.right)


@dataclass(frozen=True)
class Summary:
    """Pairs counted per kind, and the overall similarity 0-1.

    The similarity is the mean of pair scores weighted by the normalised text
    length of both sides of each pair; added and removed clauses count 0, so a
    text compared with itself scores 1 and with an unrelated one near 0. It measures
    wording: ``corresponds`` pairs (paired by function, below the text threshold) count
    0 too; a pair found by function whose wording reaches it counts its text score.
    """

    counts: tuple[tuple[PairKind, int], ...]
    similarity: float
    findings: MappingProxyType[str, MappingProxyType[str, int]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def count(self, kind: PairKind) -> int:
        return dict(self.counts)[kind]


@dataclass(frozen=True)
class Comparison:
    """The result of comparing two treaty texts: options, pairs in order, summary."""

    left: Treaty
    right: Treaty
    options: CompareOptions
    pairs: tuple[PairResult, ...]
    rules: RuleSet = field(default_factory=lambda: RuleSet(()), compare=False)
    hint: str | None = None

    @property
    def warnings(self) -> tuple[str, ...]:
        """Rules that could not look at a side's language, as sentences for stderr."""
        out: list[str] = []
        for treaty in dict.fromkeys((self.left, self.right)):
            message = missing_warning(
                treaty.language, self.rules.languages_missing(treaty.language)
            )
            if message and message not in out:
                out.append(message)
        return tuple(out)

    @property
    def summary(self) -> Summary:
        counts = tuple((k, sum(p.kind == k for p in self.pairs)) for k in PAIR_KINDS)
        total = 0.0
        weighted = 0.0
        for p in self.pairs:
            size = sum(len(normalize(c.text)) for c in (*p.left, *p.right)) or 1
            total += size
            weighted += size * (0.0 if p.kind == "corresponds" else p.score)
        totals = summarize([p.findings for p in self.pairs], self.rules)
        findings = MappingProxyType(
            {c: MappingProxyType(totals[c]) for c in CATEGORIES if c in totals}
        )
        return Summary(counts, weighted / total if total else 1.0, findings)


def _ops(
    left: tuple[Clause, ...], right: tuple[Clause, ...], ignore_case: bool
) -> tuple[WordOp, ...]:
    ltext = JOINER.join(c.text for c in left)
    rtext = JOINER.join(c.text for c in right)
    if not right:
        return (WordOp("delete", ltext, ""),)
    if not left:
        return (WordOp("insert", "", rtext),)
    ops = diff_words(ltext, rtext)
    return ops if ignore_case else mark_case(ops)


@cache
def bundled_rules() -> RuleSet:
    """The rule library shipped with the package (loaded once per process)."""
    return load_rules(env={})


def _pair_findings(
    left: tuple[Clause, ...],
    right: tuple[Clause, ...],
    languages: tuple[str, str],
    rules: RuleSet,
    may_be_in_gap: bool,
    find: Callable[[str, str], tuple[Finding, ...]] | None = None,
    gaps_inside: tuple[bool, bool] = (False, False),
) -> PairFindings:
    """Rule findings on both sides of a pair; spans index the pair's joined texts."""

    def run(text: str, language: str) -> tuple[Finding, ...]:
        return find(text, language) if find is not None else find_rules(text, language, rules)

    lfind = run(JOINER.join(c.text for c in left), languages[0]) if left else ()
    rfind = run(JOINER.join(c.text for c in right), languages[1]) if right else ()
    return compare_findings(
        lfind,
        rfind,
        left_partial=any(c.partial for c in left) or gaps_inside[0] or (not left and may_be_in_gap),
        right_partial=any(c.partial for c in right)
        or gaps_inside[1]
        or (not right and may_be_in_gap),
    )


def compare(
    left: Treaty,
    right: Treaty,
    options: CompareOptions | None = None,
    rules: RuleSet | None = None,
) -> Comparison:
    """Align two treaty texts clause by clause and diff every pair word by word.

    Args:
        left: the older or reference text.
        right: the text compared with it.
        options: level, threshold and scorer; the defaults when ``None``.
        rules: the rule library for findings; the bundled one when ``None``
            (pass ``RuleSet(())`` for none).

    Returns:
        A ``Comparison`` whose pairs are ordered by left position.
    """
    opts = options or CompareOptions()
    if opts.level not in LEVELS:
        raise TreatycmpError(f"level must be one of {', '.join(LEVELS)}, not {opts.level!r}")
    get_scorer(opts.scorer)
    left_clauses, right_clauses = left.clauses(opts.level), right.clauses(opts.level)
    # The cells the aligner scores at most: every pair up to the lexical tier's
    # shortlist size, then a bound that grows with the clauses (align.weighed_cells).
    pairs = weighed_cells(len(left_clauses), len(right_clauses), opts.scorer)
    if pairs > opts.max_pairs:
        raise TreatycmpError(
            Problem(
                "",
                None,
                f"{left.id} and {right.id} have {len(left_clauses):,} and "
                f"{len(right_clauses):,} {opts.level}s: aligning them weighs {pairs:,} pairs, "
                f"more than the limit of {opts.max_pairs:,} (time and memory grow with "
                "the pairs scored)",
                "compare at --level article, compare a part saved as a treaty of its own, "
                f"or raise the limit with --max-pairs {pairs} (or $TREATYCMP_MAX_PAIRS)",
            )
        )
    # Counted in paragraphs at every level: the rules read all of the text either way.
    check_clauses(
        [(t.id, len(t.clauses("paragraph"))) for t in (left, right)],
        "paragraph",
        opts.max_clauses,
        "comparing",
        "compare a part saved as a treaty of its own (YAML), or ",
    )
    aligned = align_clauses(
        left_clauses,
        right_clauses,
        threshold=opts.threshold,
        scorer=opts.scorer,
    )
    aligned = absorb_contained(aligned, left_clauses, right_clauses, opts.scorer)
    ruleset = bundled_rules() if rules is None else rules
    languages = (left.language, right.language)
    textual = {"same", "changed", "moved", "split", "merged"}
    # Unpaired clauses are read once: for their function here, for findings below.
    found_cache: dict[tuple[str, str], tuple[Finding, ...]] = {}

    def find(text: str, language: str) -> tuple[Finding, ...]:
        key = (text, language)
        if key not in found_cache:
            found_cache[key] = find_rules(text, language, ruleset)
        return found_cache[key]

    paired: tuple[tuple[ClausePair, FunctionalMatch | None], ...] = tuple(
        (p, None) for p in aligned
    )
    hint = None
    if opts.functional or not any(p.kind in textual for p in aligned):
        # With functional pairing off, it still runs when nothing paired textually,
        # to tell the user what it would find.
        found = pair_by_function(
            aligned, languages, ruleset, opts.scorer, find=find, threshold=opts.threshold
        )
        hint = unpaired_hint(left, right, found, opts.functional, opts.threshold)
        if opts.functional:
            paired = found
    return _comparison(left, right, opts, paired, ruleset, hint, find)


def compare_clauses(
    left: Treaty,
    left_clause: Clause,
    right: Treaty,
    right_clause: Clause,
    options: CompareOptions | None = None,
    rules: RuleSet | None = None,
) -> Comparison:
    """Compare two clauses an analyst chose, whatever their alignment score.

    Treaties that share little wording (NATO Article 5 and the 2024 DPRK-Russia
    Article 4) never align; this puts the two clauses side by side anyway, with
    the word diff and the rule findings of a normal comparison.
    """
    opts = replace(options or CompareOptions(), scope="clauses")
    score = _clause_score(left, left_clause, right, right_clause, opts)
    same = same_text(left_clause.text, right_clause.text)
    if not same and score >= 1.0:
        score = unstripped_score(left_clause.text, right_clause.text)
    pair = ClausePair("same" if same else "changed", (left_clause,), (right_clause,), score)
    return _comparison(left, right, opts, ((pair, None),), rules)


def _clause_score(
    left: Treaty, left_clause: Clause, right: Treaty, right_clause: Clause, opts: CompareOptions
) -> float:
    """Two chosen clauses' text similarity as ``diff`` of the whole treaties scores it:
    the lexical default's IDF comes from every clause of both texts at the level that
    holds the two clauses (the article level for two whole articles), so the number is
    the one the aligned pair or the ``corresponds`` pair shows (docs/alignment.md)."""
    if opts.scorer == LEXICAL:
        for level in (opts.level, *(x for x in LEVELS if x != opts.level)):
            ls, rs = left.clauses(level), right.clauses(level)
            i = next((k for k, c in enumerate(ls) if c.id == left_clause.id), None)
            j = next((k for k, c in enumerate(rs) if c.id == right_clause.id), None)
            if i is None or j is None:
                continue
            if (ls[i].text, rs[j].text) == (left_clause.text, right_clause.text):
                space = Space([normalize(c.text) for c in ls], [normalize(c.text) for c in rs])
                return space.score(i, j)
    return float(similarity_matrix([left_clause.text], [right_clause.text], opts.scorer)[0][0])


def _comparison(
    left: Treaty,
    right: Treaty,
    opts: CompareOptions,
    aligned: Sequence[tuple[ClausePair, FunctionalMatch | None]],
    rules: RuleSet | None,
    hint: str | None = None,
    find: Callable[[str, str], tuple[Finding, ...]] | None = None,
) -> Comparison:
    """Word diffs and rule findings for aligned pairs: the one way pairs become results."""
    ruleset = bundled_rules() if rules is None else rules
    languages = (left.language, right.language)
    pairs: list[PairResult] = []
    # Treaty.gaps walks the whole text: ask once per side, not once per unmatched
    # clause (quadratic on long treaties: 1.6 s of 18 on TPP vs EU - Ukraine).
    has_gap = {id(left): bool(left.gaps), id(right): bool(right.gaps)}
    gap_lines = (_gap_lines(left), _gap_lines(right))
    for p, match in aligned:
        # An unmatched clause may have its counterpart in a gap of the other text.
        other = right if not p.right else left if not p.left else None
        in_gap = other is not None and has_gap[id(other)]
        kind, change = _kind_and_change(p, opts)
        pairs.append(
            PairResult(
                kind,
                p.left,
                p.right,
                p.score,
                () if p.kind == "corresponds" else _ops(p.left, p.right, opts.ignore_case),
                _pair_findings(
                    p.left,
                    p.right,
                    languages,
                    ruleset,
                    in_gap,
                    find,
                    (_gap_between(p.left, gap_lines[0]), _gap_between(p.right, gap_lines[1])),
                ),
                in_gap,
                match,
                change,
                p.note,
            )
        )
    return Comparison(left, right, opts, tuple(pairs), ruleset, hint)


def _kind_and_change(p: ClausePair, opts: CompareOptions) -> tuple[PairKind, Change | None]:
    """A pair's kind after the options fold case or punctuation, and what changed.

    Only a one-to-one textual pair has a ``change``; a ``changed`` pair whose change
    the options fold (``diff -i``, ``--ignore-punctuation``) becomes ``same``.
    """
    if p.kind not in ("changed", "moved") or len(p.left) != 1 or len(p.right) != 1:
        return p.kind, None
    change = text_change(p.left[0].text, p.right[0].text)
    if p.kind == "changed" and folded(change, opts.ignore_case, opts.ignore_punctuation):
        return "same", change
    return p.kind, change


def _gap_lines(treaty: Treaty) -> tuple[int, ...]:
    """The lines of every gap in ``treaty`` (between articles, or a paragraph gap)."""
    lines = [a.line for a in treaty.articles if isinstance(a, Gap)]
    lines += [p.line for p in treaty.all_paragraphs() if p.is_gap]
    return tuple(sorted(lines))


def _gap_between(clauses: Sequence[Clause], gap_lines: Sequence[int]) -> bool:
    """Whether a gap stands between the first and last of ``clauses`` (a split or merge
    across it): the words the pair covers may be in it."""
    if len(clauses) < 2 or not gap_lines:
        return False
    first, last = min(c.line for c in clauses), max(c.line for c in clauses)
    return any(first < line < last for line in gap_lines)


# --- the verdict: what counts as a difference ---------------------------------------


def pairs_touching(c: Comparison, article: str | None) -> tuple[PairResult, ...]:
    """The pairs a verdict looks at: all, or those with a clause of ``article`` on a side."""
    if article is None:
        return c.pairs
    wanted = article.strip().casefold()
    return tuple(
        p
        for p in c.pairs
        if any((x.article or "").casefold() == wanted for x in (*p.left, *p.right))
    )


def difference_kinds(pairs: Sequence[PairResult]) -> frozenset[str]:
    """Every kind of difference among ``pairs``, in the ``--fail-on`` vocabulary.

    A pair kind other than ``same``; ``added-CATEGORY`` / ``removed-CATEGORY`` for a
    rule found on one side only; ``unknown`` for a rule a gap may hide, and for a
    clause added or removed that a gap of the other text may hold (``removed?``:
    not known to be removed); ``modality-shift`` when the strongest verb changed.
    """
    found: set[str] = {
        "unknown" if p.may_be_in_gap and p.kind in ("added", "removed") else p.kind
        for p in pairs
        if p.kind != "same"
    }
    for p in pairs:
        f = p.findings
        category = {x.rule_id: x.category for x in (*f.left, *f.right)}
        for change, ids in (("added", f.added), ("removed", f.removed)):
            found.update(f"{change}-{category[i]}" for i in ids if i in category)
        if f.unknown:
            found.add("unknown")
        if f.modality_shift is not None:
            found.add("modality-shift")
    return frozenset(found)


def differs(
    c: Comparison, *, article: str | None = None, fail_on: frozenset[str] | None = None
) -> bool:
    """Whether ``c`` holds a difference (of a ``fail_on`` kind, when given): the exit status."""
    found = difference_kinds(pairs_touching(c, article))
    return bool(found & fail_on if fail_on is not None else found)
