"""Which clauses anywhere are most like this one: the nearest-clause index.

The Indel ratio (align's ``indel`` scorer) of the query against a clause. Scoring
every clause costs the query's length times the corpus's (1.5 s a query on ToTA), so
the index first ranks all clauses by the Indel ratio of their *word* sequences (each
word coded as one character: about six times shorter on both sides, so some 30 times
cheaper) and scores exactly only the best ``shortlist_size(k)`` of those (and every
clause when the corpus is that small). Reported scores are always exact;
``exact=True`` scores every clause. Chosen by measurement (docs/performance.md).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

import numpy as np

from treatycmp.errors import LookupProblem
from treatycmp.model import Clause, Level, Treaty
from treatycmp.similarity.codes import word_codes
from treatycmp.similarity.columns import ClauseColumns
from treatycmp.similarity.forms import Progress, normalize_many
from treatycmp.similarity.shortlist import best_rough, exact_scores, shortlist_size
from treatycmp.similarity.stored_query import Neighbour as Neighbour
from treatycmp.similarity.stored_query import query_form

if TYPE_CHECKING:
    from treatycmp.arrays import Float64Array, Int32Array, Int64Array

NEAREST_METHOD = (
    "Indel ratio of normalised clause texts (rapidfuzz), exact, over the clauses "
    "whose word-level Indel ratio with the query ranks highest"
)
# Clauses scored per rapidfuzz call in the inverted shortlist, after the first ``size``.
_BLOCK = 2048


class ClauseIndex:
    """Every clause of a corpus in normalised form, built once and queried many times.

    Memory is one normalised copy of the corpus text plus one score per clause per
    query; no clause x clause matrix is ever built. An index built by ``build``
    holds Python objects; one opened from ``ClauseColumns`` (a stored index,
    ``index_store``) decodes only what a query touches, with the same answers.
    """

    def __init__(self, entries: Sequence[tuple[str, Clause]], forms: Sequence[str]) -> None:
        if len(entries) != len(forms):
            raise ValueError("one normalised form per clause")
        self._entries: tuple[tuple[str, Clause], ...] | None = tuple(entries)
        self._forms: list[str] | None = list(forms)
        self._columns: ClauseColumns | None = None
        self._n = len(self._entries)
        self._where: dict[tuple[str, str], int] | None = None
        self._codes: list[str] | None = None
        self._owner: tuple[Int32Array, list[str]] | None = None
        self._code_lengths: Int64Array | None = None

    @classmethod
    def from_columns(cls, columns: ClauseColumns) -> ClauseIndex:
        """An index over stored columns (see ``ClauseColumns``)."""
        index = cls((), ())
        index._entries = index._forms = None
        index._columns = columns
        index._n = columns.size
        index._owner = (columns.owner, columns.treaty_ids)
        return index

    def columns(self) -> ClauseColumns:
        """This index as flat arrays, for storing."""
        if self._columns is None:
            self._columns = ClauseColumns.from_index(self.entries, self._all_forms())
        return self._columns

    @classmethod
    def build(
        cls,
        treaties: Sequence[Treaty],
        *,
        level: Level = "paragraph",
        progress: Progress | None = None,
    ) -> ClauseIndex:
        """Index the clauses at ``level`` of every treaty (normalisation is the cost)."""
        entries = [(t.id, c) for t in treaties for c in t.clauses(level)]
        forms: list[str] = []
        step = 4096
        for lo in range(0, len(entries), step):
            forms.extend(normalize_many([c.text for _, c in entries[lo : lo + step]]))
            if progress is not None:
                progress(min(lo + step, len(entries)), len(entries))
        return cls(entries, forms)

    def __len__(self) -> int:
        return self._n

    @property
    def entries(self) -> tuple[tuple[str, Clause], ...]:
        """(treaty id, clause) of every indexed clause, in corpus order."""
        if self._entries is None:
            assert self._columns is not None
            self._entries = tuple(self._columns.entry(i) for i in range(self._n))
        return self._entries

    def _entry(self, i: int) -> tuple[str, Clause]:
        if self._entries is not None:
            return self._entries[i]
        assert self._columns is not None
        return self._columns.entry(i)

    def _all_forms(self) -> list[str]:
        if self._forms is None:
            assert self._columns is not None
            self._forms = self._columns.strings("form")
        return self._forms

    def _forms_at(self, chosen: Int64Array) -> list[str]:
        if self._forms is None and self._columns is not None and chosen.size < self._n:
            return self._columns.strings("form", chosen.tolist())
        forms = self._all_forms()
        return forms if chosen.size == self._n else [forms[i] for i in chosen]

    def _owners(self) -> tuple[Int32Array, list[str]]:
        """The treaty position of each clause, and the treaty ids."""
        if self._owner is None:
            ids = list(dict.fromkeys(t for t, _ in self.entries))
            position = {t: i for i, t in enumerate(ids)}
            owner = np.fromiter((position[t] for t, _ in self.entries), np.int32, self._n)
            self._owner = (owner, ids)
        return self._owner

    def position(self, treaty_id: str, clause_id: str) -> int | None:
        """Where the clause ``clause_id`` of ``treaty_id`` is in the index, if it is."""
        if self._where is None:
            if self._entries is None and self._columns is not None:
                owner, ids = self._owners()
                if treaty_id not in ids:
                    return None
                rows = np.flatnonzero(owner == ids.index(treaty_id))
                for i in rows.tolist():
                    if self._columns.string("id", i) == clause_id:
                        return int(i)
                return None
            self._where = {(t, c.id): i for i, (t, c) in enumerate(self.entries)}
        return self._where.get((treaty_id, clause_id))

    def nearest(
        self,
        text: str,
        k: int = 10,
        *,
        exclude_treaties: Collection[str] = (),
        exclude: tuple[str, str] | None = None,
        min_score: float = 0.0,
        exact: bool = False,
    ) -> tuple[Neighbour, ...]:
        """The ``k`` clauses most like ``text``, best first (ties in corpus order).

        Args:
            text: the query, as written (it is normalised here).
            k: how many neighbours at most.
            exclude_treaties: ids of treaties whose clauses are left out.
            exclude: one (treaty id, clause id) to leave out, usually the query itself.
            min_score: leave out clauses scoring below this (0-1).
            exact: score every clause, not only the word-level shortlist (slow on
                large corpora; the shortlist gives the same neighbours except,
                rarely, among near-ties at unrelated-text level, about 0.5).

        Returns:
            Up to ``k`` neighbours with scores 0-1.
        """
        plan = self._plan(text, k, exclude_treaties, exclude, min_score)
        if plan is None:
            return ()
        query, allowed, cutoff = plan
        size = shortlist_size(k)
        row = np.full(self._n, -1.0)
        chosen = allowed
        if not exact and chosen.size > size:
            if self._columns is not None and self._columns.has_postings:
                chosen = self._inverted_shortlist(query, allowed, size)
            else:
                chosen = self._rough_shortlist(query, allowed, size)
        if chosen.size:
            row[chosen] = exact_scores(query, self._forms_at(chosen), cutoff)
        return self._finish(row, k, cutoff)

    def _plan(
        self,
        text: str,
        k: int,
        exclude_treaties: Collection[str],
        exclude: tuple[str, str] | None,
        min_score: float,
    ) -> tuple[str, Int64Array, float] | None:
        """The normalised query, the allowed clause positions and the score cutoff."""
        query = query_form(text, k)
        if not self._n:
            return None
        cutoff = max(0.0, min(min_score, 1.0)) * 100.0
        allowed = np.ones(self._n, dtype=bool)
        if exclude_treaties:
            owner, ids = self._owners()
            banned = [i for i, t in enumerate(ids) if t in set(exclude_treaties)]
            allowed &= ~np.isin(owner, banned)
        if exclude is not None:
            where = self.position(*exclude)
            if where is not None:
                allowed[where] = False
        return query, np.flatnonzero(allowed), cutoff

    def _finish(self, row: Float64Array, k: int, cutoff: float) -> tuple[Neighbour, ...]:
        """The best ``k`` of the exact scores in ``row`` (-1: not scored), ties by position."""
        row[row < max(cutoff, 1e-9)] = -1.0
        candidates = np.flatnonzero(row >= 0)
        if candidates.size > k:
            top = np.argpartition(-row[candidates], k - 1)[:k]
            threshold = row[candidates[top]].min()
            candidates = candidates[row[candidates] >= threshold]
        order = sorted(candidates.tolist(), key=lambda i: (-row[i], i))[:k]
        return tuple(Neighbour(*self._entry(i), round(float(row[i]) / 100.0, 4)) for i in order)

    def _rough_shortlist(self, query: str, allowed: Int64Array, size: int) -> Int64Array:
        """``best_rough`` of the word-level scores of every allowed clause, in two passes.

        First the ``4 * size`` clauses closest in length to the query are scored: the
        ``size``-th best of them is a score at least ``size`` clauses reach. Then every
        clause is scored with that as rapidfuzz's ``score_cutoff`` (less a margin for
        float32 rounding), which lets it skip, from the lengths alone or early in
        the comparison, the clauses that cannot reach it. Scores above the cutoff are
        the same numbers, and nothing below it could enter the ``size`` best: the
        shortlist is the one-pass shortlist (tested), at a fraction of the cost.
        """
        codes = self._all_codes()
        query_codes = word_codes([query])[0]
        if self._code_lengths is None:
            self._code_lengths = np.fromiter(map(len, codes), dtype=np.int64, count=len(codes))
        gap = np.abs(self._code_lengths[allowed] - len(query_codes))
        sample = allowed[np.argsort(gap, kind="stable")[: 4 * size]]
        bound = 0.0
        if sample.size >= size:
            first = exact_scores(query_codes, [codes[i] for i in sample.tolist()], 0.0)
            bound = max(0.0, float(np.sort(first)[-size]) - 1e-3)
        rough = exact_scores(query_codes, codes, bound)
        return best_rough(rough[allowed], allowed, size)

    def _inverted_shortlist(self, query: str, allowed: Int64Array, size: int) -> Int64Array:
        """``_rough_shortlist``'s clauses, scoring only those the postings cannot rule out.

        A clause sharing no word with the query scores 0 at word level. The others
        have an upper bound from the postings (``ClauseColumns.overlaps``) and are
        scored in blocks, highest bound first. Once ``size`` clauses are scored, the
        ``size``-th best score is one at least ``size`` clauses reach: later blocks
        are scored with it as rapidfuzz's ``score_cutoff`` (less a margin for
        rounding), and scoring stops at the first clause whose bound is below it.
        Clauses left unscored cannot enter the ``size`` best, so this is
        ``best_rough`` over the scores of every allowed clause: the shortlist of the
        full scan (tested).
        """
        columns = self._columns
        assert columns is not None
        query_codes = word_codes([query])[0]
        overlap = columns.overlaps(query_codes)[allowed]
        lengths = np.diff(columns.arrays["code_at"])[allowed] - 1
        rough = np.zeros(allowed.size, dtype=np.float32)
        sharing = np.flatnonzero(overlap > 0)
        bound = 200.0 * overlap[sharing] / (len(query_codes) + lengths[sharing])
        order = sharing[np.argsort(-bound, kind="stable")]
        bound = np.sort(bound)[::-1]
        best = np.zeros(0, dtype=np.float32)  # the ``size`` best scores so far
        cutoff, done = 0.0, 0
        while done < order.size:
            block = slice(done, done + (size if not done else max(size, _BLOCK)))
            if best.size >= size:
                # Bounds are sorted: the block ends at the first one below the cutoff.
                stop = int(np.searchsorted(-bound[block], -cutoff, side="right"))
                block = slice(block.start, block.start + stop)
                if stop == 0:
                    break
            chosen = order[block]
            scores = exact_scores(query_codes, columns.codes_at(allowed[chosen]), cutoff)
            rough[chosen] = scores
            best = np.concatenate((best, scores))
            if best.size > size:
                best = np.partition(best, best.size - size)[-size:]
            if best.size >= size:
                cutoff = max(0.0, float(best.min()) - 1e-2)
            done = block.stop
        return best_rough(rough, allowed, size)

    def _all_codes(self) -> list[str]:
        if self._codes is None:
            self._codes = (
                self._columns.codes()
                if self._columns is not None
                else word_codes(self._all_forms())
            )
        return self._codes

    def nearest_to(
        self,
        treaty_id: str,
        clause_id: str,
        k: int = 10,
        *,
        other_treaties: bool = False,
        exact: bool = False,
    ) -> tuple[Neighbour, ...]:
        """The neighbours of an indexed clause, itself left out (and its treaty if asked)."""
        where = self.position(treaty_id, clause_id)
        if where is None:
            raise LookupProblem(f"no clause '{treaty_id}:{clause_id}' in the index")
        return self.nearest(
            self._entry(where)[1].text,
            k,
            exclude=(treaty_id, clause_id),
            exclude_treaties=(treaty_id,) if other_treaties else (),
            exact=exact,
        )
