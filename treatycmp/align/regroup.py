"""Paragraphing differences: one paragraph on one side holding several on the other.

The aligner pairs a long paragraph with the one or two clauses of the other text that
score best and leaves the rest unpaired, so the sentences both texts share read as
``removed`` on one side and as inserted words on the other (one preamble paragraph
against seven: every sentence deleted and added again). ``absorb_contained`` grows such
a pair into a split or merge: an unpaired clause next to the pair's run, whose words
the single paragraph holds (normalised, in full), joins the run, and the word diff of
the regrouped pair shows those sentences as unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from treatycmp.align.claims import MOVE_NOT_CLAIMED, settle
from treatycmp.align.pairs import JOINER, ClausePair
from treatycmp.align.scorers import similarity_matrix
from treatycmp.kinds import PairKind
from treatycmp.model import Clause
from treatycmp.text import normalize

# A clause this short ("Article", "The Parties,") may sit in any paragraph by chance.
MIN_WORDS = 3
REGROUPED = ("changed", "split", "merged")


def _contained(clause: Clause, whole: str, run: str) -> bool:
    norm = normalize(clause.text)
    return len(norm.split()) >= MIN_WORDS and norm in whole and norm not in run


def _alone(pairs: Sequence[ClausePair], side: str, position: dict[str, int]) -> dict[int, int]:
    """The position on ``side`` of every clause no pair matches -> its pair's index."""
    return {
        position[c.id]: j
        for j, p in enumerate(pairs)
        if not (p.right if side == "left" else p.left)
        for c in getattr(p, side)
    }


def _grow(
    pairs: list[ClausePair],
    k: int,
    side: str,
    clauses: Sequence[Clause],
    found: tuple[dict[str, int], dict[int, int]],
) -> tuple[list[Clause], set[int]] | None:
    """The run of ``pairs[k]`` on ``side`` grown by the unpaired clauses the other side's
    single paragraph holds, and the indices of the pairs they came from; None if none.
    ``found``: each clause's position and ``_alone(pairs, ...)``, worked out once per
    state of ``pairs``, not once per pair (issue 22: a quarter-second on TPP)."""
    pair = pairs[k]
    run = list(getattr(pair, side))
    single = pair.right if side == "left" else pair.left
    if len(single) != 1 or not run:
        return None
    whole = normalize(single[0].text)
    position, alone = found
    taken: set[int] = set()
    for step in (-1, 1):
        i = position[run[0].id] if step < 0 else position[run[-1].id]
        while (i + step) in alone:
            clause = clauses[i + step]
            if not _contained(clause, whole, normalize(" ".join(c.text for c in run))):
                break
            run = [clause, *run] if step < 0 else [*run, clause]
            taken.add(alone[i + step])
            i += step
    return (run, taken) if taken else None


def absorb_contained(
    pairs: Sequence[ClausePair], left: Sequence[Clause], right: Sequence[Clause], scorer: str
) -> tuple[ClausePair, ...]:
    """``pairs`` with every changed, split or merged pair grown over the unpaired
    clauses its single paragraph holds (see the module's docstring)."""
    out = list(pairs)
    for side, clauses in (("left", left), ("right", right)):
        position = {c.id: i for i, c in enumerate(clauses)}
        found = (position, _alone(out, side, position))
        k = 0
        while k < len(out):
            grown = _grow(out, k, side, clauses, found) if out[k].kind in REGROUPED else None
            if grown is None:
                k += 1
                continue
            run, taken = grown
            p = out[k]
            ls, rs = (tuple(run), p.right) if side == "left" else (p.left, tuple(run))
            a, b = JOINER.join(c.text for c in ls), JOINER.join(c.text for c in rs)
            score = min(1.0, float(similarity_matrix([a], [b], scorer)[0][0]))
            kind: PairKind = "merged" if len(ls) > 1 else "split"
            kept = [j for j in range(len(out)) if j != k and j not in taken]
            at = sum(j < min(k, *taken) for j in kept)
            out = [out[j] for j in kept]
            out.insert(at, _regrouped(ClausePair(kind, ls, rs, score), p.note))
            found = (position, _alone(out, side, position))
            k = at + 1
    return tuple(out)


def _regrouped(pair: ClausePair, note: str | None) -> ClausePair:
    """The grown pair as it may be claimed. Words held in full are their own evidence:
    its split or merge is claimed, unless it spans articles or grew a pair whose split
    or merge was not (align.claims); one grown from a pair whose move was not claimed
    keeps that note (it is out of order, and its split was never in doubt)."""
    if note is None:
        run = pair.left if len(pair.left) > 1 else pair.right
        spans = len({c.article for c in run if c.article is not None}) > 1
        return settle(pair, claimed=False) if spans else pair
    if note == MOVE_NOT_CLAIMED:
        return ClausePair("changed", pair.left, pair.right, pair.score, MOVE_NOT_CLAIMED)
    return settle(pair, claimed=False)
