"""Find a phrase in every clause of a corpus, fuzzily by default.

Translations of one treaty rarely agree word for word ("all the means at its
disposal" / "all means in its possession"), so ``grep`` scores clauses with
rapidfuzz's partial matching on normalised text and reports, for each hit, the
original characters to highlight. Only real text is searched: gaps are not clauses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from .errors import TreatycmpError
from .model import Level, Treaty
from .rules import SPACE_OPTIONAL_LANGUAGES, language_key
from .text import normalize, normalize_with_offsets

DEFAULT_MIN_SCORE = 90.0

Span = tuple[int, int]


@dataclass(frozen=True)
class GrepHit:
    """A clause that contains the phrase; ``spans`` index the ORIGINAL clause text."""

    treaty_id: str
    clause_id: str
    score: float
    spans: tuple[Span, ...]
    text: str
    language: str
    partial: bool = False

    @property
    def matched(self) -> tuple[str, ...]:
        """The highlighted words, as printed."""
        return tuple(self.text[s:e] for s, e in self.spans)


def match_phrase(
    phrase: str,
    text: str,
    *,
    language: str = "en",
    exact: bool = False,
    min_score: float = DEFAULT_MIN_SCORE,
) -> tuple[float, tuple[Span, ...]] | None:
    """The score (0-100) and original-text spans of ``phrase`` in ``text``, or None.

    Exact matches score 100 and give every occurrence; otherwise the best partial
    alignment per paragraph, widened to whole words, scores at least ``min_score``.

    >>> match_phrase("without delay", "shall provide assistance without  delay")
    (100.0, ((25, 39),))
    """
    query = normalize(phrase, strip_number=False)
    if not query:
        raise TreatycmpError(f"the phrase {phrase!r} has no letters or digits to search for")
    spaced = language_key(language) not in SPACE_OPTIONAL_LANGUAGES
    # Korean spacing varies ("지체없이" / "지체 없이"): spaces are optional there.
    chars = query.replace(" ", "")
    needle = re.escape(query) if spaced else " ?".join(re.escape(c) for c in chars)
    exact_re = re.compile(rf"(?<![\w']){needle}(?![\w'])" if spaced else needle)
    best: tuple[float, list[Span]] | None = None
    offset = 0
    for line in text.split("\n"):
        norm, offsets = normalize_with_offsets(line, strip_number=False)
        found = _exact_spans(exact_re, norm) if norm else []
        if found:
            spans = [_original(s, e, offsets, offset) for s, e in found]
            if best is not None and best[0] == 100.0:
                best[1].extend(spans)
            else:
                best = (100.0, spans)
        elif not exact and norm and (best is None or best[0] < 100.0):
            alignment = fuzz.partial_ratio_alignment(query, norm, score_cutoff=min_score)
            if alignment is not None and alignment.score >= min_score:
                s, e = alignment.dest_start, alignment.dest_end
                if spaced:
                    s, e = _whole_words(query, norm, s, e)
                if best is None or alignment.score > best[0]:
                    best = (float(alignment.score), [_original(s, e, offsets, offset)])
        offset += len(line) + 1
    if best is None:
        return None
    return round(best[0], 2), tuple(best[1])


def _exact_spans(pattern: re.Pattern[str], norm: str) -> list[Span]:
    return [m.span() for m in pattern.finditer(norm)]


def _whole_words(query: str, norm: str, start: int, end: int) -> Span:
    """Snap an alignment to word edges: at each end, grow or shrink, whichever fits best.

    A partial alignment often starts or stops inside a word ("y all means ... u");
    highlighting half a word misleads, so the span becomes whole words.
    """
    starts = {start}
    ends = {end}
    grow = start
    while grow > 0 and norm[grow - 1] != " ":
        grow -= 1
    starts.add(grow)
    shrink = start
    while shrink < end and norm[shrink - 1 : shrink] not in ("", " "):
        shrink += 1
    starts.add(shrink)
    grow = end
    while grow < len(norm) and norm[grow] != " ":
        grow += 1
    ends.add(grow)
    shrink = end
    while shrink > start and norm[shrink : shrink + 1] not in ("", " "):
        shrink -= 1
    ends.add(shrink)
    candidates = [
        (fuzz.ratio(query, norm[s:e].strip()), -(e - s), s, e)
        for s in starts
        for e in ends
        if norm[s:e].strip()
        and (s == 0 or norm[s - 1] == " ")
        and (e == len(norm) or norm[e] == " ")
    ]
    if not candidates:
        return start, end
    _, _, s, e = max(candidates)
    while norm[s] == " ":
        s += 1
    while norm[e - 1] == " ":
        e -= 1
    return s, e


def _original(start: int, end: int, offsets: list[int], base: int) -> Span:
    return base + offsets[start], base + offsets[end - 1] + 1


def grep_clauses(
    phrase: str,
    treaties: Iterable[Treaty],
    *,
    exact: bool = False,
    min_score: float = DEFAULT_MIN_SCORE,
    level: Level = "paragraph",
) -> tuple[GrepHit, ...]:
    """Every clause in ``treaties`` that contains ``phrase``, best scores first.

    Args:
        phrase: the words to look for; normalised like the clauses.
        treaties: where to look (e.g. ``Corpus.load().treaties``).
        exact: only exact (normalised) occurrences, no fuzzy matching.
        min_score: the lowest fuzzy score (0-100) that counts as a hit.
        level: search ``paragraph`` clauses (default) or whole ``article`` s.

    Raises:
        TreatycmpError: the phrase has nothing to search for, or ``min_score`` is
            outside 0-100.
    """
    if not 0 <= min_score <= 100:
        raise TreatycmpError(f"the minimum score must be between 0 and 100, not {min_score}")
    hits: list[GrepHit] = []
    for treaty in treaties:
        for clause in treaty.clauses(level):
            result = match_phrase(
                phrase, clause.text, language=treaty.language, exact=exact, min_score=min_score
            )
            if result is not None:
                score, spans = result
                hits.append(
                    GrepHit(
                        treaty.id,
                        clause.id,
                        score,
                        spans,
                        clause.text,
                        treaty.language,
                        clause.partial,
                    )
                )
    # Stable: equal scores keep corpus and document order.
    hits.sort(key=lambda h: -h.score)
    return tuple(hits)
