"""Gaps of the chain (``GAP_FLOOR``, off; issue 19's tenth round).

At article level, two articles left unpaired between two consecutive pairs of the
in-order chain (or between a text's start or end and its nearest pair), with every
article between those pairs free on both sides, sit where the neighbours place them:
the chain runs on around them. On ToTA's tuning seeds, such pairs at a lexical score of
0.25 or more were right 10 of 12 judged on seed 37, where free pairs outside gaps at the
same scores are right about 0.4 of the time whatever their relative position
(docs/alignment.md, "The tenth round"). With the switch on, the gaps' cells at the floor
pair in order, best first.
"""

from __future__ import annotations

import itertools

from treatycmp.align import tuning
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import Edge

Box = tuple[range, range]


def boxes(chosen: list[Edge], chain: set[int], n: int, m: int) -> list[Box]:
    """The gaps of the chain over ``n`` x ``m`` clauses whose clauses no edge holds; none
    without a chain (unrelated texts stay unpaired)."""
    if not chain:
        return []
    used_l = {i for e in chosen for i in e.lefts}
    used_r = {j for e in chosen for j in e.rights}
    links = sorted((chosen[k].lefts, chosen[k].rights) for k in chain)
    anchors = [((-1,), (-1,)), *links, ((n,), (m,))]
    out = []
    for (l1, r1), (l2, r2) in itertools.pairwise(anchors):
        ls, rs = range(max(l1) + 1, min(l2)), range(max(r1) + 1, min(r2))
        if ls and rs and used_l.isdisjoint(ls) and used_r.isdisjoint(rs):
            out.append((ls, rs))
    return out


def filled(
    chosen: list[Edge], chain: set[int], space: Space, floor: float
) -> tuple[list[Edge], set[int]]:
    """The chosen edges and chain with, in each gap, the cells at ``floor`` or more
    paired best first, each in order with those taken (and so with the chain). Nothing
    above ``LEXICAL_TIER_CELLS`` cells a gap."""
    out, chain = list(chosen), set(chain)
    for ls, rs in boxes(chosen, chain, len(space.left), len(space.right)):
        if len(ls) * len(rs) > tuning.LEXICAL_TIER_CELLS:
            continue
        rows = space.rows(ls, rs)
        cells = sorted(
            (-x, i, j)
            for i, row in zip(ls, rows, strict=True)
            for j, x in zip(rs, row, strict=True)
            if x >= floor
        )
        taken: list[tuple[int, int]] = []
        for neg, i, j in cells:
            if all((i - a) * (j - b) > 0 for a, b in taken):
                taken.append((i, j))
                chain.add(len(out))
                out.append(Edge(-neg, (i,), (j,)))
    return out, chain
