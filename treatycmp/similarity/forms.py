"""What every similarity question reads: normalised forms of clauses and whole treaties.

``normalize_many`` is ``text.normalize`` without number stripping, vectorised: the
pure-Python normaliser takes about a minute on the 40 million characters of ToTA.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from treatycmp.model import Article, Level, Treaty
from treatycmp.text import normalize

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` while work goes on, so a CLI can draw a bar."""


def normalize_many(texts: Sequence[str]) -> list[str]:
    """``normalize(t, strip_number=False)`` for every text, each put in NFC first.

    The loader stores NFC text; texts from elsewhere (a query typed by the user)
    may be decomposed. ``text.normalize`` is the one definition of the same words.

    >>> normalize_many(["The “Parties” [T]he other's", "체약 쌍방은, 지체없이"])
    ["the parties the other's", '체약 쌍방은 지체없이']
    """
    return [
        normalize(
            t if unicodedata.is_normalized("NFC", t) else unicodedata.normalize("NFC", t),
            strip_number=False,
        )
        for t in texts
    ]


def treaty_text(treaty: Treaty, level: Level = "paragraph") -> str:
    """What a whole treaty is compared by: its clauses' real text, gaps left out.

    At paragraph level the paragraphs are read directly, without making the
    ``Clause`` objects (and the open-ends test of each article) whose text it joins:
    the same text (tested), a fifth of the time, for every treaty of a cold ``matrix``.
    """
    if level != "paragraph":
        return "\n".join(c.text for c in treaty.clauses(level))
    parts = [p.text for p in treaty.preamble if p.gap is None]
    for article in treaty.articles:
        if isinstance(article, Article):
            parts += [p.text for p in article.paragraphs if p.gap is None]
    parts += [p.text for p in treaty.closing if p.gap is None]
    return "\n".join(parts)
