"""The scores of a nearest query: the word-level shortlist and the exact Indel ratio.

Functions of one block of clauses, so that a query runs them over the whole index here
or block by block on Dask workers (``nearest_block``) with the same result.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from rapidfuzz import fuzz, process

from treatycmp.similarity.codes import word_codes

if TYPE_CHECKING:
    from treatycmp.arrays import Float32Array, Int64Array

# Clauses scored exactly per query, at least (and at least 20 per neighbour asked for).
_CANDIDATES = 200


def shortlist_size(k: int) -> int:
    """How many clauses a query scores exactly (the word-level shortlist)."""
    return max(_CANDIDATES, 20 * k)


def rough_scores(query: str, codes: Sequence[str], workers: int | None) -> Float32Array:
    """The word-level Indel ratio (0-100) of the query against every clause's word codes."""
    scores: Float32Array = process.cdist(
        word_codes([query]),
        codes,
        scorer=fuzz.ratio,
        processor=None,
        dtype=np.float32,
        workers=-1 if workers is None else workers,
    )[0]
    return scores


def best_rough(rough: Float32Array, positions: Int64Array, size: int) -> Int64Array:
    """The ``size`` positions with the highest rough score, ties to the earlier; sorted.

    Deterministic, so that a corpus split into blocks (Dask) picks the same clauses:
    the best of the blocks' bests are the best overall.
    """
    if positions.size <= size:
        return np.sort(positions)
    order = np.lexsort((positions, -rough))[:size]
    return np.sort(positions[order])


def exact_scores(query: str, forms: Sequence[str], cutoff: float) -> Float32Array:
    """The Indel ratio (0-100) of the query against each form, 0 below ``cutoff``: of
    normalised texts (the exact score), or of word codes (the word-level bound)."""
    scores: Float32Array = process.cdist(
        [query],
        forms,
        scorer=fuzz.ratio,
        processor=None,
        score_cutoff=cutoff,
        dtype=np.float32,
        workers=-1,
    )[0]
    return scores


def nearest_block(
    query: str,
    positions: Int64Array,
    forms: Sequence[str],
    codes: Sequence[str] | None,
    size: int | None,
    cutoff: float,
) -> tuple[Int64Array, Float32Array | None, Float32Array]:
    """One block of a nearest query (a Dask task): its shortlist and their exact scores.

    With ``size``: the block's ``size`` best by word-level score (``best_rough``), as
    (positions, rough scores, exact scores); the best of all blocks' shortlists is
    the shortlist of the whole corpus. Without: every position's exact score.
    """
    if size is None or codes is None:
        return positions, None, exact_scores(query, forms, cutoff)
    rough = rough_scores(query, codes, 1)
    keep = best_rough(rough, positions, size)
    local = np.searchsorted(positions, keep)
    return keep, rough[local], exact_scores(query, [forms[i] for i in local.tolist()], cutoff)
