"""Order keeping: of the chosen pairs, the chain that stays in place; the others moved.

The chain keeping the order on both sides with the most pairs stays in place (ties:
least displacement, then most text); every other chosen pair is ``moved``.
"""

from __future__ import annotations

from treatycmp.align.pairs import JOINER, Edge


def in_order(chosen: list[Edge], ln: list[str], rn: list[str]) -> set[int]:
    """Indexes (into ``chosen``) of the chain of pairs kept in place; the rest moved.

    The chain increases on both sides and is the best by, in turn: most pairs (the
    fewest clauses called moved, as a line diff's LCS); least displacement, the sum
    over its pairs of |rank among the chosen pairs by left position - rank by right
    position| (pairs that stay where they were stay in place); most text (normalised
    characters of both sides); highest scores; then the pairs whose texts sort first.
    Every criterion is symmetric in the two sides, so swapping them mirrors the
    result, and additive, so a Fenwick tree of prefix maxima finds the chain in
    O(k log k).
    """
    if not chosen:
        return set()
    size = len(chosen)
    by_left = sorted(range(size), key=lambda k: chosen[k].lefts[0])
    rank = {k: x for x, k in enumerate(sorted(range(size), key=lambda k: chosen[k].rights[0]))}
    texts = [
        (JOINER.join(ln[i] for i in e.lefts), JOINER.join(rn[j] for j in e.rights)) for e in chosen
    ]
    keys = sorted({(min(t), max(t)) for t in texts})
    # A bit per distinct text pair, highest for the first: the last, total tie-break.
    bit = {key: 1 << (len(keys) - 1 - x) for x, key in enumerate(keys)}
    Value = tuple[int, int, int, int, int]
    zero: Value = (0, 0, 0, 0, 0)
    # Fenwick tree over right ranks: (best chain value ending at or below, its last edge).
    tree: list[tuple[Value, int]] = [(zero, -1)] * (size + 1)
    prev: dict[int, int] = {}
    value: dict[int, Value] = {}
    for x, k in enumerate(by_left):
        e = chosen[k]
        lt, rt = texts[k]
        chars = sum(len(ln[i]) + 1 for i in e.lefts) + sum(len(rn[j]) + 1 for j in e.rights)
        q, best = rank[k], (zero, -1)
        while q > 0:
            best = max(best, tree[q])
            q -= q & -q
        b = best[0]
        total = (
            b[0] + 1,
            b[1] - abs(x - rank[k]),
            b[2] + chars,
            b[3] + round(e.score * 1e6),
            b[4] + bit[min(lt, rt), max(lt, rt)],
        )
        prev[k] = best[1]
        value[k] = total
        q = rank[k] + 1
        while q <= size:
            tree[q] = max(tree[q], (total, k))
            q += q & -q
    k = max(value, key=lambda x: (value[x], x))
    chain: set[int] = set()
    while k >= 0:
        chain.add(k)
        k = prev[k]
    return chain
