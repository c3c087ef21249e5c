"""What a pair may claim: a split, a merge or a move only where such claims hold.

Measured on the ToTA pairs the aligner is tuned on (bench/bench_tota_align.py, seed 9;
docs/alignment.md gives the figures and their check on held-out families):

- A split or merge whose several clauses lie in different articles was never right
  (0 of 40 at article level, 0 of 6 at paragraph level), nor was one whose articles
  other pairs tie to different articles; one inside an article was right .93 (split)
  and .96 (merge) of the time, .97 from ``SPLIT_CLAIM_FLOOR``. A split or merge across
  articles, tied elsewhere or scoring below that floor keeps its clauses (the word
  diff still shows what the texts share) but is reported ``changed`` with a note.
- A moved pair was right 86 % of the time at article level, and much less often when
  other pairs tie its articles elsewhere. A move is claimed only with evidence beyond
  its score (``MOVED_WITH_NEIGHBOURS``: a neighbouring pair moved with it, or another
  pair links the same two articles) or a score that stands alone (``MOVED_ALONE``).
  Without that evidence the pair stays (it is as often right as an in-place pair of
  its score) but is ``changed`` with a note; a move whose articles other pairs tie
  elsewhere is dropped, its clauses left unpaired (removed and added), unless its
  score stands alone: then it stays, its move claimed only when the texts are equal.

"A pair ties an article elsewhere": it holds a clause of one of the pair's articles on
one side and none of the pair's articles on the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from treatycmp.align.pairs import ClausePair, Edge
from treatycmp.align.tuning import MOVED_ALONE, MOVED_WITH_NEIGHBOURS, SPLIT_CLAIM_FLOOR
from treatycmp.model import Clause

SPLIT_NOT_CLAIMED = "split not claimed"
MERGE_NOT_CLAIMED = "merge not claimed"
MOVE_NOT_CLAIMED = "move not claimed"
NOTES = (SPLIT_NOT_CLAIMED, MERGE_NOT_CLAIMED, MOVE_NOT_CLAIMED)
"""Every note a pair can carry, for the docs and the JSON schema."""

IDENTICAL = 1.0 - 1e-9
"""A score only equal texts reach (floating point aside)."""

Links = tuple[frozenset[str], frozenset[str]]
"""The articles (or parts) a pair holds clauses of, left and right."""


def part(clause: Clause) -> str:
    """The article a clause belongs to, or its part (preamble, closing) outside articles."""
    return clause.article if clause.article is not None else clause.id.split(".")[0]


def _links(e: Edge, left: Sequence[Clause], right: Sequence[Clause]) -> Links:
    return frozenset(part(left[i]) for i in e.lefts), frozenset(part(right[j]) for j in e.rights)


def _evidence(k: int, links: Sequence[Links], index: tuple[_Index, _Index]) -> tuple[int, int]:
    """(pairs that link the same articles as pair ``k``, pairs that tie one of its
    articles elsewhere); ``index`` holds the pairs touching each article, left and
    right, so that only the pairs sharing an article with ``k`` are visited."""
    la, ra = links[k]
    on_left = set().union(*(index[0][a] for a in la)) - {k}
    on_right = set().union(*(index[1][a] for a in ra)) - {k}
    agree = len(on_left & on_right)
    return agree, len(on_left) + len(on_right) - 2 * agree


_Index = dict[str, set[int]]


def _article_index(links: Sequence[Links]) -> tuple[_Index, _Index]:
    """The pairs holding clauses of each article, left and right."""
    index: tuple[_Index, _Index] = ({}, {})
    for x, sides in enumerate(links):
        for side, parts in zip(index, sides, strict=True):
            for a in parts:
                side.setdefault(a, set()).add(x)
    return index


def _moved_with_neighbour(k: int, chosen: Sequence[Edge], starts: set[tuple[int, int]]) -> bool:
    """Whether a neighbouring pair moved along with pair ``k`` (a block moved):
    ``starts`` holds the first (left, right) clauses of the moves that stay."""
    i, j = chosen[k].lefts[0], chosen[k].rights[0]
    return (i + 1, j + 1) in starts or (i - 1, j - 1) in starts


def settle_edges(
    chosen: list[Edge], chain: set[int], left: Sequence[Clause], right: Sequence[Clause]
) -> tuple[list[Edge], set[int], set[int]]:
    """The chosen edges without the moves whose articles other pairs tie elsewhere;
    which of them stay in place (``chain``, renumbered); and which moves, splits and
    merges are not claimed (``changed`` with a note)."""
    links = [_links(e, left, right) for e in chosen]
    moved = {k for k, e in enumerate(chosen) if k not in chain and len(e.lefts) == len(e.rights)}
    # Only moves, splits and merges need evidence: the pairs in place are most of them.
    index = _article_index(links)
    evidence = {
        k: _evidence(k, links, index)
        for k, e in enumerate(chosen)
        if k in moved or len(e.lefts) != len(e.rights)
    }
    # A pair whose score stands alone is never dropped (an identical clause that moved
    # is not removed and added); tied elsewhere, only an identical one claims its move.
    drop = {k for k in moved if evidence[k][1] and chosen[k].score < MOVED_ALONE}
    unclaimed = set()
    # Only a move that stays can back its neighbour's claim (looked up, not scanned:
    # a diff of thousands of moves stays linear).
    starts = {(chosen[x].lefts[0], chosen[x].rights[0]) for x in moved - drop}
    for k in moved - drop:
        backed = evidence[k][0] > 0 or _moved_with_neighbour(k, chosen, starts)
        score = chosen[k].score
        if evidence[k][1]:
            if score < IDENTICAL:
                unclaimed.add(k)
        elif not (score >= MOVED_ALONE or (backed and score >= MOVED_WITH_NEIGHBOURS)):
            unclaimed.add(k)
    unclaimed.update(
        k
        for k, e in enumerate(chosen)
        if len(e.lefts) != len(e.rights)
        and (
            evidence[k][1] > 0
            or e.score < SPLIT_CLAIM_FLOOR
            or not holds_run(links[k][0] if len(e.lefts) > 1 else links[k][1])
        )
    )
    keep = [k for k in range(len(chosen)) if k not in drop]
    renum = {k: x for x, k in enumerate(keep)}
    return (
        [chosen[k] for k in keep],
        {renum[k] for k in chain},
        {renum[k] for k in unclaimed},
    )


def holds_run(parts: frozenset[str]) -> bool:
    """Whether the several clauses of a split or merge lie in one article (or part)."""
    return len(parts) == 1


def settle(pair: ClausePair, claimed: bool = True) -> ClausePair:
    """``pair`` as it may be claimed: a split or merge across articles, or a move, split
    or merge not ``claimed`` (``settle_edges``), is ``changed`` with a note."""
    if pair.kind == "split" and not (claimed and holds_run(frozenset(map(part, pair.right)))):
        return ClausePair("changed", pair.left, pair.right, pair.score, SPLIT_NOT_CLAIMED)
    if pair.kind == "merged" and not (claimed and holds_run(frozenset(map(part, pair.left)))):
        return ClausePair("changed", pair.left, pair.right, pair.score, MERGE_NOT_CLAIMED)
    if pair.kind == "moved" and not claimed:
        return ClausePair("changed", pair.left, pair.right, pair.score, MOVE_NOT_CLAIMED)
    return pair
