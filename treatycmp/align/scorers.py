"""The character-level scorers (rapidfuzz on normalised text) and the similarity matrix.

Every scorer scores a pair, a list of pairs and a whole left x right matrix with the
same floats: in Python lists for small inputs (``tuning.small``), so that they never
import numpy (about 0.1 s of a cold CLI run), and with ``process.cdist``/``cpdist`` on
all cores above.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from treatycmp.align.tuning import small
from treatycmp.defaults import DEFAULT_SCORER
from treatycmp.errors import TreatycmpError
from treatycmp.text import normalize

if TYPE_CHECKING:
    from treatycmp.arrays import Float64Array


@dataclass(frozen=True)
class Scorer:
    """A named similarity: a weighted mean of rapidfuzz scorers on normalised text."""

    name: str
    parts: tuple[tuple[Callable[..., float], float], ...]
    description: str

    def score(self, left: str, right: str) -> float:
        """Similarity 0-1 of two already normalised texts."""
        if left == right:
            return 1.0
        if not left or not right:
            return 0.0
        return sum(w * f(left, right) for f, w in self.parts) / 100.0

    def matrix(self, left: Sequence[str], right: Sequence[str]) -> Float64Array:
        """Similarity 0-1 of every left x right pair of normalised texts (float64)."""
        import numpy as np

        out = np.zeros((len(left), len(right)), dtype=np.float64)
        if not left or not right:
            return out
        for f, w in self.parts:
            out += w * process.cdist(
                left, right, scorer=f, processor=None, dtype=np.float32, workers=-1
            ).astype(np.float64)
        out /= 100.0
        _fix_empty(out, left, right)
        return out

    def rows(self, left: Sequence[str], right: Sequence[str]) -> list[list[float]]:
        """``matrix(left, right).tolist()`` without numpy: the same floats, for small inputs.

        ``cdist`` rounds each part's scores to float32 before the float64 blend, so
        this rounds through ``array("f")`` and sums in the same order.
        """
        m = len(right)
        out = [[0.0] * m for _ in left]
        if not left or not right:
            return out
        for f, w in self.parts:
            for row, q in zip(out, left, strict=True):
                got = [0.0] * m
                for _, s, j in process.extract(
                    q, right, scorer=f, processor=None, limit=None, score_cutoff=None
                ):
                    got[j] = s
                row[:] = [x + w * s for x, s in zip(row, array("f", got), strict=True)]
        empty_right = [j for j, t in enumerate(right) if not t]
        for row, q in zip(out, left, strict=True):
            if not q:
                row[:] = [0.0 if t else 1.0 for t in right]
                continue
            row[:] = [x / 100.0 for x in row]
            for j in empty_right:
                row[j] = 0.0
        return out

    def cells(self, left: Sequence[str], right: Sequence[str]) -> list[float]:
        """``matrix``'s floats for the pairs ``(left[k], right[k])``: each part rounded to
        float32 (``cpdist``), blended in float64 in the same order.

        ``token_sort_ratio`` is the Indel ratio of the texts' sorted words: each distinct
        text is sorted once here, not once per pair (a third of the cost)."""
        import numpy as np

        out = np.zeros(len(left), dtype=np.float64)
        if not left:
            return []
        for f, w in self.parts:
            a, b, g = left, right, f
            if f is fuzz.token_sort_ratio:
                a, b, g = _sorted_words(left), _sorted_words(right), fuzz.ratio
            out += w * process.cpdist(
                a, b, scorer=g, processor=None, dtype=np.float32, workers=-1
            ).astype(np.float64)
        out /= 100.0
        return [
            x if a and b else float(not a and not b)
            for a, b, x in zip(left, right, out.tolist(), strict=True)
        ]

    def pairs(self, left: Sequence[str], right: Sequence[str]) -> list[float]:
        """``score(left[k], right[k])`` for every k; many on all cores (``process.cpdist``)."""
        if small(len(left)):
            return [self.score(a, b) for a, b in zip(left, right, strict=True)]
        import numpy as np

        out = np.zeros(len(left), dtype=np.float64)
        for f, w in self.parts:
            out += w * process.cpdist(
                left, right, scorer=f, processor=None, dtype=np.float64, workers=-1
            )
        return [
            1.0 if a == b else 0.0 if not a or not b else x / 100.0
            for a, b, x in zip(left, right, out.tolist(), strict=True)
        ]


def _sorted_words(texts: Sequence[str]) -> list[str]:
    """Each text's words sorted and joined by one space, as ``token_sort_ratio`` reads it."""
    done: dict[str, str] = {}
    for t in texts:
        if t not in done:
            done[t] = " ".join(sorted(t.split()))
    return [done[t] for t in texts]


def _fix_empty(out: Float64Array, left: Sequence[str], right: Sequence[str]) -> None:
    """Empty texts (a clause of punctuation only) match only each other."""
    import numpy as np

    le = np.array([not t for t in left])
    re_ = np.array([not t for t in right])
    if le.any() or re_.any():
        out[le, :] = 0.0
        out[:, re_] = 0.0
        out[np.ix_(le, re_)] = 1.0


SCORERS: Mapping[str, Scorer] = MappingProxyType(
    {
        "blend": Scorer(
            "blend",
            ((fuzz.ratio, 0.5), (fuzz.token_sort_ratio, 0.5)),
            "mean of the Indel ratio and token_sort_ratio",
        ),
        "indel": Scorer("indel", ((fuzz.ratio, 1.0),), "Indel ratio on characters"),
        "token_sort": Scorer(
            "token_sort", ((fuzz.token_sort_ratio, 1.0),), "Indel ratio of sorted words"
        ),
        "token_set": Scorer(
            "token_set", ((fuzz.token_set_ratio, 1.0),), "ratio of shared vs other word sets"
        ),
    }
)

# The default scorer: TF-IDF cosines with IDF from the two texts (treatycmp.align.lexical),
# not a fixed function of two strings, so it is not a ``Scorer``.
LEXICAL = "tfidf"


def get_scorer(name: str) -> Scorer:
    """The scorer called ``name``; a TreatycmpError naming the choices otherwise.

    ``LEXICAL`` is accepted too and answers with ``blend``, the character-level
    scorer used where one fixed pairwise function is needed.
    """
    if name == LEXICAL:
        return SCORERS["blend"]
    try:
        return SCORERS[name]
    except KeyError:
        raise TreatycmpError(
            f"unknown scorer {name!r}; choose one of {', '.join(sorted([*SCORERS, LEXICAL]))}"
        ) from None


def similarity_matrix(
    left: Sequence[str], right: Sequence[str], scorer: str = DEFAULT_SCORER
) -> Float64Array:
    """Similarity 0-1 of every left x right pair of raw texts, as a float64 array.

    Texts are normalised once (case, quotes, punctuation, leading numbers) before
    ``process.cdist`` runs; ``nearest``/``grep`` style lookups score one text against
    many with a one-element ``left``.

    Args:
        left: texts for the rows.
        right: texts for the columns.
        scorer: a key of ``SCORERS``.

    Returns:
        An array of shape ``(len(left), len(right))``.
    """
    if scorer == LEXICAL:
        import numpy as np

        from treatycmp.align.lexical import Space

        space = Space([normalize(t) for t in left], [normalize(t) for t in right])
        return np.array(space.rows(range(len(left)), range(len(right))), dtype=np.float64).reshape(
            len(left), len(right)
        )
    s = get_scorer(scorer)
    return s.matrix([normalize(t) for t in left], [normalize(t) for t in right])
