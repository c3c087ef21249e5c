"""What the aligner answers with: pairs of clauses and their kinds, and the index pairs
(``Edge``) the matchers choose among before they become ``ClausePair``s."""

from __future__ import annotations

from dataclasses import dataclass

from treatycmp.kinds import PairKind
from treatycmp.model import Clause

# Clauses joined for split/merge scoring and for the diff of a split/merged pair.
JOINER = "\n"


@dataclass(frozen=True)
class ClausePair:
    """Clauses that correspond (or a clause with no counterpart) and how they relate.

    ``note`` says why a pair is not the kind its shape or place suggests: a split, merge
    or move the aligner does not claim is ``changed`` with a note (``align.claims``).
    """

    kind: PairKind
    left: tuple[Clause, ...]
    right: tuple[Clause, ...]
    score: float
    note: str | None = None


@dataclass(frozen=True)
class Edge:
    """A candidate pair by clause positions: one-to-one, or a split/merge run of two or more."""

    score: float
    lefts: tuple[int, ...]
    rights: tuple[int, ...]


def edge_key(e: Edge, n: int, m: int) -> tuple[float, int, int, int, int]:
    """The greedy order of candidates among ``n`` left and ``m`` right clauses: best score,
    then closest to the same relative position, then the smallest and earliest."""
    # Symmetric in the two sides, so that swapping them mirrors the choice.
    i, j = e.lefts[0], e.rights[0]
    return (-e.score, abs(i * m - j * n), len(e.lefts) + len(e.rights), i + j, abs(i - j))
