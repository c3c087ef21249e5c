"""Find a phrase in every clause of a corpus, fuzzily by default.

Translations of one treaty rarely agree word for word ("all the means at its
disposal" / "all means in its possession"), so ``grep`` scores clauses with
rapidfuzz's partial matching on normalised text and reports, for each hit, the
original characters to highlight. Only real text is searched: gaps are not clauses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from treatycmp.errors import Problem, TreatycmpError
from treatycmp.model import Level, Treaty
from treatycmp.rule_model import SPACE_OPTIONAL_LANGUAGES, language_key
from treatycmp.text import normalize, normalize_with_offsets

DEFAULT_MIN_SCORE = 0.9
DEFAULT_CONTEXT = 8

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

    def snippets(self, context: int = DEFAULT_CONTEXT) -> tuple[Snippet, ...]:
        """Each match with ``context`` words either side (keyword in context)."""
        return tuple(snippet(self.text, span, context) for span in self.spans)


@dataclass(frozen=True)
class Snippet:
    """A match and the words around it; ``cut_before``/``cut_after``: the clause goes on."""

    before: str
    match: str
    after: str
    start: int
    end: int
    cut_before: bool
    cut_after: bool


_WORD = re.compile(r"\S+")
_SPACES = re.compile(r"\s+")


def snippet(text: str, span: Span, context: int = DEFAULT_CONTEXT) -> Snippet:
    """``context`` words before and after ``span`` of ``text``, line breaks as spaces.

    >>> s = snippet("one two three four five six", (8, 13), 1)
    >>> (s.before, s.match, s.after, s.cut_before, s.cut_after)
    ('two ', 'three', ' four', True, True)
    """
    start, end = span
    before_words = list(_WORD.finditer(text, 0, start))
    after_words = list(_WORD.finditer(text, end))
    # A match that ends inside a word: the rest of that word is not context.
    if after_words and after_words[0].start() == end:
        after_words = after_words[1:]
    lo = before_words[-context].start() if context and len(before_words) >= context else 0
    if context == 0:
        lo = start
    hi = after_words[context - 1].end() if context and len(after_words) >= context else len(text)
    if context == 0:
        hi = end
    return Snippet(
        _SPACES.sub(" ", text[lo:start]).lstrip(),
        text[start:end],
        _SPACES.sub(" ", text[end:hi]).rstrip(),
        start,
        end,
        bool(text[:lo].strip()),
        bool(text[hi:].strip()),
    )


def match_phrase(
    phrase: str,
    text: str,
    *,
    language: str = "en",
    exact: bool = False,
    min_score: float = DEFAULT_MIN_SCORE,
) -> tuple[float, tuple[Span, ...]] | None:
    """The score (0-1) and original-text spans of ``phrase`` in ``text``, or None.

    Exact matches score 1 and give every occurrence. Otherwise the best partial
    alignment, widened or narrowed to whole words, is scored again as a whole
    (``fuzz.ratio`` of the phrase and the words it covers): a hit is never much
    shorter than the phrase, however the text is broken into lines.

    >>> match_phrase("without delay", "shall provide assistance without  delay")
    (1.0, ((25, 39),))
    """
    query = normalize(phrase, strip_number=False)
    if not query:
        raise TreatycmpError(
            Problem(
                "",
                None,
                f"the phrase {phrase!r} has no letters or digits to search for",
                "give words to search for, e.g. treatycmp grep 'armed attack'",
            )
        )
    spaced = language_key(language) not in SPACE_OPTIONAL_LANGUAGES
    # Korean spacing varies ("지체없이" / "지체 없이"): spaces are optional there.
    chars = query.replace(" ", "")
    needle = re.escape(query) if spaced else " ?".join(re.escape(c) for c in chars)
    exact_re = re.compile(rf"(?<![\w']){needle}(?![\w'])" if spaced else needle)
    # Line breaks are spaces here: a phrase may run over one, and a short line is
    # never scored on its own (where it would match inside the phrase).
    norm, offsets = normalize_with_offsets(text, strip_number=False)
    if not norm:
        return None
    found = _exact_spans(exact_re, norm)
    if found:
        return 1.0, tuple(_original(s, e, offsets, 0) for s, e in found)
    if exact or len(norm.replace(" ", "")) < len(chars) * min_score:
        return None
    alignment = fuzz.partial_ratio_alignment(query, norm, score_cutoff=min_score * 100)
    if alignment is None or alignment.score < min_score * 100:
        return None
    start, end = alignment.dest_start, alignment.dest_end
    if start >= end:
        return None
    if spaced:
        start, end = _whole_words(query, norm, start, end)
    score = fuzz.ratio(query, norm[start:end]) / 100
    if score < min_score:
        return None
    return round(score, 4), (_original(start, end, offsets, 0),)


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
    progress: Callable[[int, int], None] | None = None,
) -> tuple[GrepHit, ...]:
    """Every clause in ``treaties`` that contains ``phrase``, best scores first.

    Args:
        phrase: the words to look for; normalised like the clauses.
        treaties: where to look (e.g. ``Corpus.load().treaties``).
        exact: only exact (normalised) occurrences, no fuzzy matching.
        min_score: the lowest fuzzy score (0-1) that counts as a hit.
        level: search ``paragraph`` clauses (default) or whole ``article`` s.
        progress: called as ``progress(done, total)`` after each treaty.

    Raises:
        TreatycmpError: the phrase has nothing to search for, or ``min_score`` is
            outside 0-1.
    """
    if not 0 <= min_score <= 1:
        raise TreatycmpError(f"the minimum score must be between 0 and 1, not {min_score}")
    hits: list[GrepHit] = []
    treaties = list(treaties)
    for done, treaty in enumerate(treaties, 1):
        if progress is not None:
            progress(done, len(treaties))
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
