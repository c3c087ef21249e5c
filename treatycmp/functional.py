"""Functional pairing: clauses that do the same job, whatever their words.

NATO Article 5 and the 2024 DPRK-Russia Article 4 were never copies of each other:
their text similarity (0.4-0.5) sits in the same band as unrelated clauses, so no
threshold of the textual aligner can pair them. Both are defence obligations set off
by an armed attack and answered with military assistance. This module pairs such
clauses among those the textual aligner left unpaired, as ``corresponds`` pairs that
carry the reason and the words it rests on. Text and function are one decision: a
text pair stands when its wording is strong (``STRONG_TEXT``) or its two clauses do the
same job; a weak text pair whose clauses do different jobs yields a clause to a clear
functional counterpart (issue 19), and the other clause stays alone. How it scores and
where it can be wrong: docs/alignment.md, "Functional pairing".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from shlex import quote

from treatycmp.align.lexical import Space
from treatycmp.align.pairs import ClausePair
from treatycmp.align.scorers import LEXICAL, get_scorer
from treatycmp.defaults import DEFAULT_SCORER
from treatycmp.model import Clause, Treaty
from treatycmp.profile import (
    OBLIGATION_LABELS,
    SECURITY_TYPES,
    Evidence,
    ObligationType,
    obligation_evidence,
    response_words,
)
from treatycmp.rule_model import RuleSet
from treatycmp.rules.findings import Finding
from treatycmp.rules.match import find_rules
from treatycmp.text import normalize

# Weights of the three features (they add up to 1); a pair needs a shared obligation
# type and at least MIN_SCORE.
W_TYPE = 0.5
W_TRIGGER = 0.3
W_RESPONSE = 0.2
MIN_SCORE = 0.6
_TRIGGERS = frozenset({"armed-attack", "state-of-war", "threat-of-attack"})
_FEATURE_RULES = frozenset({"consultation", "consultative", "all-means"})
# A text pair at or above this similarity is copied wording and stands whatever the
# functions say; below it, a clause doing another job yields to a functional counterpart
# (a weak text pair never hides a clear functional one, issue 19): in ``diff`` and in
# ``lineup``.
STRONG_TEXT = 0.6
# The text pairs a functional counterpart may break (a split, merge or an identical
# text never).
WEAK_KINDS = frozenset({"changed", "moved"})
_ALLIANCE_WORDS = ("alliance", "coalition", "bloc", "동맹", "연합", "союз", "коалиц", "блок")


@dataclass(frozen=True)
class Function:
    """What one clause does: its security obligation types, triggers and responses."""

    clause: Clause
    obligations: tuple[ObligationType, ...]
    triggers: tuple[tuple[str, str], ...]
    responses: tuple[tuple[ObligationType, str], ...]
    evidence: tuple[Evidence, ...]

    def response(self, obligation: ObligationType) -> str:
        return dict(self.responses).get(obligation, "")


@dataclass(frozen=True)
class FunctionalMatch:
    """Why two clauses were paired by what they do: the shared features and their words.

    ``score`` is the functional score (0-1); ``text_score`` the textual similarity on the
    aligner's own scale (``text_scorer``: for the default scorer, the TF-IDF cosine with
    IDF from the clauses of the two texts, the number ``diff A:X B:Y`` shows too).
    """

    score: float
    text_score: float
    obligations: tuple[ObligationType, ...]
    triggers: tuple[str, ...]
    left_response: str
    right_response: str
    reason: str
    left_evidence: tuple[Evidence, ...]
    right_evidence: tuple[Evidence, ...]


def _response(kind: ObligationType, evidence: Sequence[Evidence], text: str, lang: str) -> str:
    if kind == "defence":
        return response_words(text, lang)[0] or "assistance"
    if kind in ("consultation", "general-consultation"):
        return "consultation"
    if kind == "non-aggression":
        alliance = any(w in e.text.casefold() for e in evidence for w in _ALLIANCE_WORDS)
        return "no hostile alliance" if alliance else "no use of force"
    if kind == "neutrality":
        return "neutrality"
    return "joint attack"


def clause_function(
    clause: Clause, language: str, rules: RuleSet, findings: Sequence[Finding] | None = None
) -> Function | None:
    """The function of one clause, or None when it carries no security obligation.

    Preamble and closing clauses carry none: "resolved to extend assistance" in a
    preamble states a purpose, not an obligation.
    """
    if clause.article is None:
        return None
    found = find_rules(clause.text, language, rules) if findings is None else findings
    kinds = [
        (k, ev)
        for k, ev in obligation_evidence(clause.text, language, found)
        if k in SECURITY_TYPES
    ]
    if not kinds:
        return None
    triggers = tuple({f.rule_id: f.label for f in found if f.rule_id in _TRIGGERS}.items())
    responses = tuple((k, _response(k, ev, clause.text, language)) for k, ev in kinds)
    evidence = tuple(e for _, ev in kinds for e in ev)
    return Function(clause, tuple(k for k, _ in kinds), triggers, responses, evidence)


def functional_rules(rules: RuleSet) -> RuleSet:
    """The rules the features read (triggers, consultation, all means): the rest cannot
    change a clause's function, and skipping them keeps pairing cheap on long texts."""
    return RuleSet(tuple(r for r in rules if r.category == "trigger" or r.id in _FEATURE_RULES))


def _jaccard(a: set[str], b: set[str]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def _response_match(left: str, right: str) -> float:
    if left == right:
        return 1.0
    defence = {"military assistance", "assistance", "action"}
    restraint = left.startswith("no ") and right.startswith("no ")
    return 0.5 if {left, right} <= defence or restraint else 0.0


def match_functions(left: Function, right: Function) -> tuple[float, ObligationType] | None:
    """The functional score of two clauses and the obligation type it rests on, or None
    when they share no obligation type."""
    shared = [k for k in left.obligations if k in right.obligations]
    if not shared:
        return None
    types = _jaccard(set(left.obligations), set(right.obligations))
    triggers = _jaccard({t for t, _ in left.triggers}, {t for t, _ in right.triggers})
    best = max(shared, key=lambda k: _response_match(left.response(k), right.response(k)))
    response = _response_match(left.response(best), right.response(best))
    return W_TYPE * types + W_TRIGGER * triggers + W_RESPONSE * response, best


def explain(left: Function, right: Function, names: tuple[str, str] = ("left", "right")) -> str:
    """Why two functions match: ``both: defence obligation; trigger armed attack; ...``."""
    shared = [k for k in left.obligations if k in right.obligations]
    return _reason(left, right, shared, names)


def _reason(
    left: Function,
    right: Function,
    shared: Sequence[ObligationType],
    names: tuple[str, str] = ("left", "right"),
) -> str:
    """``both: defence obligation; trigger armed attack; response military assistance``."""
    parts = ["both: " + ", ".join(OBLIGATION_LABELS[k] for k in shared)]
    lt, rt = dict(left.triggers), dict(right.triggers)
    common = [label for t, label in lt.items() if t in rt]
    only_l = [label for t, label in lt.items() if t not in rt]
    only_r = [label for t, label in rt.items() if t not in lt]
    if common:
        parts.append("trigger " + ", ".join(common))
    if only_l:
        parts.append(f"{names[0]} only: " + ", ".join(only_l))
    if only_r:
        parts.append(f"{names[1]} only: " + ", ".join(only_r))
    for k in shared:
        lr, rr = left.response(k), right.response(k)
        parts.append(
            f"response {lr}" if lr == rr else f"response {lr} ({names[0]}), {rr} ({names[1]})"
        )
    return "; ".join(parts)


def pair_by_function(
    aligned: Sequence[ClausePair],
    languages: tuple[str, str],
    rules: RuleSet,
    scorer: str = DEFAULT_SCORER,
    names: tuple[str, str] = ("left", "right"),
    find: Callable[[str, str], Sequence[Finding]] | None = None,
    threshold: float | None = None,
) -> tuple[tuple[ClausePair, FunctionalMatch | None], ...]:
    """Pair clauses by what they do, in one decision with the text pairs.

    Candidates are the ``removed`` (left) and ``added`` (right) clauses, and the
    clauses of weak text pairs that do another job (``weak_pairs``): a weak textual
    pair never hides a clear functional counterpart (NATO Art. 8 paired by its words
    with US-Philippines Art. IV, the defence clause, kept Art. 5 out). Candidates are
    taken best functional score first (ties: the higher text similarity, then the
    closer relative position), one to one, down to ``MIN_SCORE``. A ``corresponds``
    pair takes the place of its left clause's entry; the right clause's ``added`` entry
    goes; a weak pair that loses a clause leaves the other alone (removed or added).
    With a ``threshold``, a pair whose text similarity (``text_scorer``) reaches it is
    ``changed`` instead, scored by its words, its match kept: the aligner found the
    wording but did not keep the pair (a move it does not claim, ``align.claims``),
    and the function confirms it. Every sort key is symmetric, so swapping the texts
    mirrors the pairs.

    ``find(text, language)``, when given, supplies the rule findings of a clause (a
    caller that needs them anyway passes its cache); otherwise only the rules the
    features read are run.

    Returns:
        The pairs in the aligner's order, each with its match (None for text pairs
        and for clauses that stay unpaired).
    """
    subset = functional_rules(rules)

    def function(c: Clause, language: str) -> Function | None:
        found = None if find is None or c.article is None else find(c.text, language)
        return clause_function(c, language, subset, found)

    def by_side(c: Clause, side: int) -> Function | None:
        return function(c, languages[side])

    weak = weak_pairs(aligned, by_side)
    lfun, rfun = (_functions(aligned, weak, by_side, side) for side in (0, 1))
    if not lfun or not rfun:
        return tuple((p, None) for p in aligned)
    used_l: set[int] = set()
    used_r: set[int] = set()
    took: dict[int, tuple[ClausePair, FunctionalMatch]] = {}
    text = text_scorer(aligned, scorer)
    for score, text_score, _, a, b, _ in _candidates(lfun, rfun, text):
        if a in used_l or b in used_r:
            continue
        used_l.add(a)
        used_r.add(b)
        (li, lf), rf = lfun[a], rfun[b][1]
        match = _match(lf, rf, score, text_score, names)
        sides = ((lf.clause,), (rf.clause,))
        if threshold is not None and text_score >= threshold:
            took[li] = (ClausePair("changed", *sides, text_score), match)
        else:
            took[li] = (ClausePair("corresponds", *sides, match.score), match)
    gone_r = {rfun[b][0] for b in used_r}
    return tuple(_rebuilt(aligned, took, gone_r))


def _functions(
    aligned: Sequence[ClausePair],
    weak: dict[int, tuple[Function | None, Function | None]],
    function: Callable[[Clause, int], Function | None],
    side: int,
) -> list[tuple[int, Function]]:
    """The candidates of one side (0 left, 1 right), by index into ``aligned``, in its
    order (so that a rank reads as a relative position): clauses alone on that side and
    the weak pairs' clauses, with their functions."""
    alone = ("removed", "added")[side]
    out: list[tuple[int, Function]] = []
    for i, p in enumerate(aligned):
        if i in weak:
            f = weak[i][side]
        elif p.kind == alone:
            f = function((p.left, p.right)[side][0], side)
        else:
            continue
        if f is not None:
            out.append((i, f))
    return out


def _rebuilt(
    aligned: Sequence[ClausePair],
    took: dict[int, tuple[ClausePair, FunctionalMatch]],
    gone_r: set[int],
) -> list[tuple[ClausePair, FunctionalMatch | None]]:
    """The aligner's pairs with the functional choices in place: entry ``i`` in ``took``
    becomes its ``corresponds`` pair, an entry whose right clause went loses it; what a
    broken text pair leaves is a clause alone."""
    out: list[tuple[ClausePair, FunctionalMatch | None]] = []
    for i, p in enumerate(aligned):
        left_gone, right_gone = i in took, i in gone_r
        if left_gone:
            out.append(took[i])
        elif right_gone and p.left:
            out.append((ClausePair("removed", p.left, (), 0.0), None))
        elif not right_gone:
            out.append((p, None))
        if left_gone and p.right and not right_gone:
            out.append((ClausePair("added", (), p.right, 0.0), None))
    return out


def weak_pairs(
    aligned: Sequence[ClausePair], function: Callable[[Clause, int], Function | None]
) -> dict[int, tuple[Function | None, Function | None]]:
    """The one-to-one text pairs below ``STRONG_TEXT`` whose clauses do different jobs
    (one does a security job the other does not share), by index, with the functions
    of their two clauses (side 0 left, 1 right)."""
    out: dict[int, tuple[Function | None, Function | None]] = {}
    for i, p in enumerate(aligned):
        if p.kind not in WEAK_KINDS or len(p.left) != 1 or len(p.right) != 1:
            continue
        if p.score >= STRONG_TEXT:
            continue
        fl, fr = function(p.left[0], 0), function(p.right[0], 1)
        if (fl is None) != (fr is None) or (
            fl is not None and fr is not None and match_functions(fl, fr) is None
        ):
            out[i] = (fl, fr)
    return out


Candidate = tuple[float, float, int, int, int, ObligationType]
"""(functional score, text score, left pair index, left rank, right rank, obligation)."""


def text_scorer(
    aligned: Sequence[ClausePair], scorer: str = DEFAULT_SCORER
) -> Callable[[Clause, Clause], float]:
    """The text similarity of a left and a right clause of ``aligned`` on the aligner's
    own scale: for the lexical default the TF-IDF cosine with IDF from every clause of
    the two texts (the aligner's matrix, whose threshold is 0.35), else the character
    scorer's score. One number for one pair, whichever view shows it (docs/alignment.md,
    "Which score is which")."""
    if scorer != LEXICAL:
        sc = get_scorer(scorer)
        return lambda a, b: sc.score(normalize(a.text), normalize(b.text))
    lefts = [c for p in aligned for c in p.left]
    rights = [c for p in aligned for c in p.right]
    index = ({id(c): k for k, c in enumerate(lefts)}, {id(c): k for k, c in enumerate(rights)})
    built: list[Space] = []

    def score(a: Clause, b: Clause) -> float:
        if not built:  # built on the first call: most comparisons pair nothing by function
            built.append(
                Space([normalize(c.text) for c in lefts], [normalize(c.text) for c in rights])
            )
        return built[0].score(index[0][id(a)], index[1][id(b)])

    return score


def _candidates(
    lfun: Sequence[tuple[int, Function]],
    rfun: Sequence[tuple[int, Function]],
    text_score: Callable[[Clause, Clause], float],
) -> list[Candidate]:
    """Every left x right pair of functions matching at ``MIN_SCORE``, in the greedy order."""
    candidates: list[Candidate] = []
    for a, (li, lf) in enumerate(lfun):
        for b, (_, rf) in enumerate(rfun):
            found = match_functions(lf, rf)
            if found is not None and found[0] >= MIN_SCORE - 1e-9:
                text = text_score(lf.clause, rf.clause)
                candidates.append((found[0], text, li, a, b, found[1]))
    n, m = len(lfun), len(rfun)

    def order(c: Candidate) -> tuple[float, float, int, int, str, str]:
        # Every key is symmetric in the two sides, so swapping the texts mirrors the
        # pairs: score, text similarity, closeness of relative position, then texts.
        lt, rt = lfun[c[3]][1].clause.text, rfun[c[4]][1].clause.text
        return (
            -round(c[0], 6),
            -round(c[1], 6),
            abs(c[3] * m - c[4] * n),
            c[3] + c[4],
            min(lt, rt),
            max(lt, rt),
        )

    candidates.sort(key=order)
    return candidates


def _match(
    lf: Function, rf: Function, score: float, text_score: float, names: tuple[str, str]
) -> FunctionalMatch:
    """What two clauses paired by function share, and why they pair."""
    shared = tuple(k for k in lf.obligations if k in rf.obligations)
    return FunctionalMatch(
        round(score, 6),
        text_score,
        shared,
        tuple(t for t, _ in lf.triggers if t in dict(rf.triggers)),
        " / ".join(lf.response(k) for k in shared),
        " / ".join(rf.response(k) for k in shared),
        _reason(lf, rf, shared, names),
        tuple(e for e in lf.evidence if e.obligation in shared),
        tuple(e for e in rf.evidence if e.obligation in shared),
    )


def shown_score(score: float, threshold: float | None = None) -> str:
    """``score`` to two decimals, or three where two would put it on the wrong side of
    ``threshold`` (0.346 is not "0.35" beside a threshold of 0.35)."""
    text = f"{score:.2f}"
    if threshold is not None and (round(score, 2) >= threshold) != (score >= threshold):
        text = f"{score:.3f}"
    return text


def named_again(treaty: Treaty) -> str:
    """How a user names ``treaty`` in the next command: a document by the path it was read
    from (its id is in no corpus: ``pact:2`` found nothing), else its id."""
    path = treaty.path or ""
    if path and not path.startswith("<") and not path.casefold().endswith((".yaml", ".yml")):
        return path
    return treaty.id


def unpaired_hint(
    left: Treaty,
    right: Treaty,
    pairs: Sequence[tuple[ClausePair, FunctionalMatch | None]],
    functional_on: bool,
    threshold: float | None = None,
) -> str | None:
    """What to tell a user whose two treaties have no clause pair aligned by its wording
    (None otherwise, and None when a pair found by function is shown as a text pair).

    It never says the texts "share no wording": two clauses may share much of it and
    still stay below the threshold, or be left unpaired by the order of the others;
    each pair found by function is listed with its text similarity.
    """
    left_id, right_id = named_again(left), named_again(right)
    textual = {"same", "changed", "moved", "split", "merged"}
    if any(p.kind in textual and (m is None or functional_on) for p, m in pairs):
        return None
    if not any(p.left for p, _ in pairs) or not any(p.right for p, _ in pairs):
        return None
    found = [(p, m) for p, m in pairs if m is not None]
    limit = "" if threshold is None else f" {threshold:.2f}"
    head = f"no clause pair was aligned by its wording (text threshold{limit})"
    if found:
        listed = "; ".join(
            f"{p.left[0].id} → {p.right[0].id} ("
            + ", ".join(OBLIGATION_LABELS[k] for k in m.obligations)
            + f", text similarity {shown_score(m.text_score, threshold)})"
            for p, m in found
        )
        verb = "paired by function" if functional_on else "would pair by function (--functional)"
        p0 = found[0][0]
        return (
            f"{head}; {verb}: {listed}. Put two clauses side by side with "
            f"treatycmp diff {quote(f'{left_id}:{p0.left[0].id}')} "
            f"{quote(f'{right_id}:{p0.right[0].id}')}"
        )
    return (
        f"{head}, and no two clauses do the same job. Put two clauses side by side with "
        f"treatycmp diff {quote(f'{left_id}:CLAUSE')} {quote(f'{right_id}:CLAUSE')}"
    )
