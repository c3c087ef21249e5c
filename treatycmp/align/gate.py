"""The character tier's gate (``CHAR_TIER_GATE``, off; issue 19's eighth round).

The character tier (``edges.char_tier``) pairs leftover clauses whose letters agree
(``blend``) though their words do not. On ToTA's held-out families its pairs at article
level were right 2 of 15 judged on seed 28 where the two clauses' lexical cell was the
best of neither its row nor its column (docs/alignment.md, "The eighth round"): the
words place the two clauses nowhere near each other, and shared boilerplate letters
pair them. With the gate on, such a pair is left unpaired.
"""

from __future__ import annotations

from treatycmp.align.lexical import Space
from treatycmp.align.pairs import Edge


def gated(tier: list[Edge], space: Space) -> list[Edge]:
    """The one-to-one ``tier`` pairs whose lexical cell is the best of its row or of its
    column over the whole matrix of ``space`` (ties count as best)."""
    if not tier:
        return tier
    ii = sorted({e.lefts[0] for e in tier})
    jj = sorted({e.rights[0] for e in tier})
    # A pair's own cell is read from its row: a cell scores the same float alone or in
    # its row (``Space.rows``), so it is not scored a second time.
    rows = dict(zip(ii, space.rows(ii, range(len(space.right))), strict=True))
    row_best = {i: max(r) for i, r in rows.items()}
    by_col = space.rows(range(len(space.left)), jj)
    col_best = {j: max(r[k] for r in by_col) for k, j in enumerate(jj)}
    out = []
    for e in tier:
        i, j = e.lefts[0], e.rights[0]
        x = rows[i][j]
        if x >= row_best[i] or x >= col_best[j]:
            out.append(e)
    return out
