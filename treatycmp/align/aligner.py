"""Clause alignment: a similarity matrix, then pairs of clauses and what became of them.

How it works (the reasoning is in docs/alignment.md):

1. Every clause is normalised once (``text.normalize``) and the whole left x right
   similarity matrix is built: for small inputs (``SMALL_CELLS``) in Python lists, one
   ``rapidfuzz.process.extract`` call per row, so that they never import numpy
   (about 0.1 s of a cold CLI run); above it with ``process.cdist``. Both give the
   same floats. Clauses are also scored against the concatenation of two
   adjacent clauses on the other side: the split and merge candidates.
2. Pairs are chosen greedily, best score first (ties: the pair closest to the same
   relative position, then the earliest), among candidates at or above the threshold.
   A split or merge candidate competes with the one-to-one candidates and wins only
   when the joined text scores clearly better than each part alone. Once some pair
   clears the threshold, pairs down to ``MUTUAL_FLOOR`` that are each other's best
   match compete too (a second tier; unrelated texts never reach it).
   When both texts print chapters, the lexical aligner's article step ranks a pair of
   articles in chapters that match (by their pooled text) above one across chapters
   (``chapters``); each pair is still admitted and scored by its own words.
3. Of the chosen pairs, the chain that keeps the order on both sides with the most
   pairs stays in place (ties: least displacement, then most text); every other
   chosen pair is ``moved``.
4. Moves, splits and merges are claimed only where such claims hold (``claims``):
   otherwise the pair is ``changed`` with a note, or, a move whose articles other pairs
   tie elsewhere, dropped.

The scorers are in ``scorers``, steps 1-2 in ``matching`` (character scorers) and
``edges`` (the lexical default), step 3 in ``order``, the numbers in ``tuning``.
"""

from __future__ import annotations

from collections.abc import Sequence

from treatycmp.align import order, tuning
from treatycmp.align.claims import settle, settle_edges
from treatycmp.align.clear import (
    Cells,
    Runs,
    clear_cells,
    clear_runs,
    holds,
    run_cells,
    unpaired_clear,
    unpaired_runs,
    whole_articles,
)
from treatycmp.align.edges import char_tier, lexical_choose, lexical_edges, stands_alone
from treatycmp.align.gaps import filled
from treatycmp.align.lexical import Space, similarity
from treatycmp.align.matching import candidates, choose
from treatycmp.align.optimum import agreeing
from treatycmp.align.pairs import ClausePair, Edge
from treatycmp.align.scorers import LEXICAL, get_scorer
from treatycmp.defaults import DEFAULT_SCORER, default_threshold
from treatycmp.errors import TreatycmpError
from treatycmp.kinds import PairKind
from treatycmp.model import Clause
from treatycmp.text import normalize, surface


def align_clauses(
    left: Sequence[Clause],
    right: Sequence[Clause],
    *,
    threshold: float | None = None,
    scorer: str = DEFAULT_SCORER,
) -> tuple[ClausePair, ...]:
    """Pair the clauses of two texts; every clause appears in exactly one pair.

    Args:
        left: clauses of the left text, in document order.
        right: clauses of the right text, in document order.
        threshold: minimum similarity (0-1) for two clauses to correspond; the
            scorer's default (``defaults.default_threshold``) when ``None``.
        scorer: a key of ``SCORERS``.

    Returns:
        Pairs ordered by left position; ``added`` pairs are placed after the
        in-order pair that precedes them on the right.
    """
    threshold = default_threshold(scorer, threshold)
    if not 0.0 <= threshold <= 1.0:
        raise TreatycmpError(f"threshold must be between 0 and 1, not {threshold}")
    ln = [normalize(c.text) for c in left]
    rn = [normalize(c.text) for c in right]
    if scorer == LEXICAL:
        chosen, chain = _lexical_chain(left, right, ln, rn, threshold)
    else:
        sc = get_scorer(scorer)
        chosen = choose(candidates(sc, ln, rn, threshold), sc, ln, rn)
        chain = order.in_order(chosen, ln, rn)
    # Moves, splits and merges are claimed only where such claims hold (align.claims).
    chosen, chain, unclaimed = settle_edges(chosen, chain, left, right)
    return _clause_pairs(left, right, ln, rn, chosen, chain, unclaimed)


def weighed_cells(n: int, m: int, scorer: str = DEFAULT_SCORER) -> int:
    """The cells aligning ``n`` and ``m`` clauses scores at most, which ``--max-pairs``
    limits: every pair for a character scorer, and for the lexical one every pair up to
    ``LEXICAL_TIER_CELLS``, beyond it the shortlists' bound (``LEXICAL_CELLS_PER_CLAUSE``
    a clause over the exhaustive blocks; tests/test_work.py holds the tally to it)."""
    if scorer != LEXICAL or n * m <= tuning.LEXICAL_TIER_CELLS:
        return n * m
    return min(n * m, 2 * tuning.LEXICAL_TIER_CELLS + tuning.LEXICAL_CELLS_PER_CLAUSE * (n + m))


def _lexical_chain(
    left: Sequence[Clause], right: Sequence[Clause], ln: list[str], rn: list[str], threshold: float
) -> tuple[list[Edge], set[int]]:
    """The lexical aligner's pairs and, by index into them, those kept in place."""
    space = Space(ln, rn)
    chosen = lexical_choose(left, right, ln, rn, threshold, space)
    # At article level a clear cell (align.clear) holds even out of order, and pairs
    # when its two articles are left over (under the threshold too).
    # With CLEAR_PARAGRAPHS the paragraph level does the same for whole articles: the
    # paragraphs of a clear pair of articles hold out of order, and pair among
    # themselves (at CLEAR_FLOOR) when neither article is paired.
    clear: dict[tuple[int, int], float] = {}
    runs = None
    if whole_articles(left, right):
        clear = clear_cells(space, left, right)
    elif tuning.CLEAR_PARAGRAPHS:
        runs = clear_runs(space, left, right)
        clear = run_cells(runs)
    # Pairs out of order must reach MOVED_FLOOR before they can open the tier.
    chain = order.in_order(chosen, ln, rn)
    if tuning.CHAR_TIER_FIRST:
        chosen, tier = _tier_first(chosen, chain, clear, ln, rn, space)
        chosen.extend(_clear_leftovers(chosen, clear, runs, space, threshold))
    else:
        chosen = [
            e for k, e in enumerate(chosen) if k in chain or stands_alone(e) or holds(e, clear)
        ]
        chosen.extend(_clear_leftovers(chosen, clear, runs, space, threshold))
        tier = char_tier(ln, rn, chosen, space)
        chosen.extend(tier)
    chain = order.in_order(chosen, ln, rn)
    keep = [
        k
        for k, e in enumerate(chosen)
        if k in chain or (e not in tier and (stands_alone(e) or holds(e, clear)))
    ]
    renum = {k: x for x, k in enumerate(keep)}
    chosen, chain = [chosen[k] for k in keep], {renum[k] for k in chain}
    if tuning.OPTIMUM_MARGIN is not None and whole_articles(left, right):
        chosen, chain = agreeing(chosen, chain, space, tuning.OPTIMUM_MARGIN)
    if tuning.GAP_FLOOR is not None and whole_articles(left, right):
        chosen, chain = filled(chosen, chain, space, min(threshold, tuning.GAP_FLOOR))
    return chosen, chain


def _clear_leftovers(
    chosen: list[Edge], clear: Cells, runs: Runs | None, space: Space, threshold: float
) -> list[Edge]:
    """The clear pairs (article level) or the pairs inside clear pairs of articles
    (``CLEAR_PARAGRAPHS``) whose clauses no chosen edge holds."""
    if runs is None:
        return unpaired_clear(chosen, clear)
    floor = min(threshold, tuning.CLEAR_FLOOR)
    return [
        e for ls, rs in unpaired_runs(chosen, runs) for e in lexical_edges(space, ls, rs, floor)
    ]


def _tier_first(
    chosen: list[Edge], chain: set[int], clear: Cells, ln: list[str], rn: list[str], space: Space
) -> tuple[list[Edge], list[Edge]]:
    """``CHAR_TIER_FIRST``: the character tier pairs what the lexical passes leave
    before any clear pair is kept, so it pairs exactly what it pairs without clear
    pairs (issue 19, eighth round: after them it re-paired their leftovers, mostly
    wrongly); a clear pair out of order then holds only where the tier took neither
    clause. Returns the edges so far and the tier's, each of those in the chain."""
    base = [e for k, e in enumerate(chosen) if k in chain or stands_alone(e)]
    tier = char_tier(ln, rn, base, space)
    placed = order.in_order([*base, *tier], ln, rn)
    tier = [e for k, e in enumerate(tier, len(base)) if k in placed]
    used_l = {i for e in tier for i in e.lefts}
    used_r = {j for e in tier for j in e.rights}
    held = [
        e
        for k, e in enumerate(chosen)
        if k not in chain
        and not stands_alone(e)
        and holds(e, clear)
        and not used_l.intersection(e.lefts)
        and not used_r.intersection(e.rights)
    ]
    return [*base, *tier, *held], tier


def unstripped_score(left: str, right: str) -> float:
    """The lexical score of two texts with their leading references kept: a pair whose
    scoring forms are equal but whose texts are not ("Article VIII ..." / "Article XX
    ...") is not shown as similarity 1 unless only case or punctuation differ."""
    a, b = normalize(left, strip_number=False), normalize(right, strip_number=False)
    return 1.0 if a == b else min(1.0, similarity([a], [b])[0][0])


def _clause_pairs(
    left: Sequence[Clause],
    right: Sequence[Clause],
    ln: list[str],
    rn: list[str],
    chosen: list[Edge],
    chain: set[int],
    unclaimed: set[int],
) -> tuple[ClausePair, ...]:
    """The chosen edges as pairs with their kinds (a move, split or merge in
    ``unclaimed`` is ``changed`` with a note), and every unpaired clause alone."""
    pairs: list[tuple[tuple[float, float], ClausePair]] = []
    right_slot: dict[int, float] = {}
    for k, e in enumerate(chosen):
        ls = tuple(left[i] for i in e.lefts)
        rs = tuple(right[j] for j in e.rights)
        kind: PairKind
        if len(e.rights) > 1:
            kind = "split"
        elif len(e.lefts) > 1:
            kind = "merged"
        elif k not in chain:
            kind = "moved"
        elif surface(ls[0].text) == surface(rs[0].text):
            kind = "same"
        else:
            kind = "changed"
        score = 1.0 if kind == "same" else min(1.0, e.score)
        if kind != "same" and score >= 1.0 and len(ls) == len(rs) == 1:
            score = unstripped_score(ls[0].text, rs[0].text)
        pos = float(e.lefts[0])
        pairs.append(((pos, 0.0), settle(ClausePair(kind, ls, rs, score), k not in unclaimed)))
        if k in chain:
            for j in e.rights:
                right_slot[j] = pos
    used_l = {i for e in chosen for i in e.lefts}
    used_r = {j for e in chosen for j in e.rights}
    pairs.extend(
        ((float(i), 0.0), ClausePair("removed", (left[i],), (), 0.0))
        for i in range(len(left))
        if i not in used_l
    )
    anchor = -1.0
    for j in range(len(right)):
        if j in right_slot:
            anchor = right_slot[j]
        elif j not in used_r:
            # After the in-order pair holding the previous right clause.
            pairs.append(((anchor, 1.0 + j), ClausePair("added", (), (right[j],), 0.0)))
    pairs.sort(key=lambda p: p[0])
    return tuple(p for _, p in pairs)
