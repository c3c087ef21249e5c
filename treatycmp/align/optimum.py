"""The optimum's check (``OPTIMUM_MARGIN``, off; issue 19's ninth round).

TF-IDF + Hungarian pairs the clauses by the maximum-weight one-to-one assignment of its
matrix; treatycmp pairs them greedily with an order prior, and then lets the character
tier and the clear cells pair what is left. With the check on (article level only), a
one-to-one pair is kept where the optimum of treatycmp's own lexical matrix pairs the
same two articles, or where its lexical cell beats the optimum's cells of its two
articles (each with its own partner there) by the margin; elsewhere both articles are
left unpaired. On ToTA's tuning seeds it drops what the tier's gate drops, and little
else that pays (docs/alignment.md, "The ninth round").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from treatycmp.align import tuning
from treatycmp.align.lexical import Space
from treatycmp.align.pairs import Edge

if TYPE_CHECKING:
    from treatycmp.arrays import Float64Array


def optimum(mat: Float64Array) -> dict[int, int]:
    """The maximum-weight one-to-one assignment of a matrix, row to column
    (``scipy.optimize.linear_sum_assignment``)."""
    from scipy.optimize import linear_sum_assignment

    rows, cols = linear_sum_assignment(mat, maximize=True)
    return dict(zip(rows.tolist(), cols.tolist(), strict=True))


def agreeing(
    chosen: list[Edge], chain: set[int], space: Space, margin: float
) -> tuple[list[Edge], set[int]]:
    """The chosen edges without the one-to-one pairs the optimum disagrees with by more
    than ``margin``, and the chain renumbered (a chain less some pairs is still in order).
    Nothing is checked above ``LEXICAL_TIER_CELLS`` cells (the whole matrix is needed)."""
    n, m = len(space.left), len(space.right)
    if not n or not m or n * m > tuning.LEXICAL_TIER_CELLS:
        return chosen, chain
    mat = space.matrix(range(n), range(m))
    best = optimum(mat)
    back = {j: i for i, j in best.items()}
    keep = []
    for k, e in enumerate(chosen):
        if len(e.lefts) == len(e.rights) == 1:
            i, j = e.lefts[0], e.rights[0]
            if best.get(i) != j:
                others = [float(mat[i, best[i]])] if i in best else []
                others += [float(mat[back[j], j])] if j in back else []
                if float(mat[i, j]) - max(others, default=0.0) < margin:
                    continue
        keep.append(k)
    renum = {k: x for x, k in enumerate(keep)}
    return [chosen[k] for k in keep], {renum[k] for k in chain if k in renum}
