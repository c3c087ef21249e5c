"""A list of contents whose articles are never printed: text, not articles.

A law that ratifies an instrument may print only the instrument's list of contents
(one heading and its caption a line) and then its own text, the instrument's articles
left out (the Greek gazette's Markdown of 2020 on). Read as headings, the list made
articles that each held only a caption, with no word lost and nothing said. Told by
structure alone, for any language: three or more headings, each with a short caption
(no stop, few words) and nothing under it but the caption's wrapped end; a treaty
whose articles are each one sentence on the heading line
(``Article 5 This Agreement shall enter into force ...``) has stops and longer lines.
"""

from __future__ import annotations

import re
import statistics

from treatycmp.formats.segment_drafts import MIN_CONTENTS, ArticleDraft
from treatycmp.model import Gap

# A caption's words on its heading line, at most, as a median over the list: contents
# name articles in a few words; a heading line that holds the article is a sentence.
MEDIAN_CAPTION_WORDS = 6
# A caption wrapped onto the next line: one short line that ends no sentence.
MAX_WRAPPED_WORDS = 16
_STOP = re.compile(r"[.;:!?\u3002\uff1b\uff1a]\s*$|[.;!?]\s+\S")


def _words(text: str) -> int:
    return len(re.findall(r"[\u3400-\u9fff]|[^\s\u3400-\u9fff]+", text))


def _caption_only(draft: ArticleDraft, last: bool) -> bool:
    """Whether ``draft`` holds a short caption and, unless it is the last, nothing else
    but one wrapped line of it (the last holds whatever follows the list)."""
    if draft.heading is None or _STOP.search(draft.heading):
        return False
    if last:
        return True
    wrapped = [text for text, _ in draft.lines]
    return not wrapped or (
        len(wrapped) == 1
        and _words(wrapped[0]) <= MAX_WRAPPED_WORDS
        and not _STOP.search(wrapped[0])
    )


def contents_only(drafts: list[ArticleDraft | Gap]) -> bool:
    """Whether the articles read are a list of contents with no article's text.

    >>> heads = [ArticleDraft(str(n), f"Article {n}", n, None, heading=c)
    ...          for n, c in enumerate(["Scope", "Definitions", "Entry into force"], 1)]
    >>> contents_only(heads)
    True
    >>> heads[0].lines.append(("The Parties shall co-operate.", 2))
    >>> contents_only(heads)
    False
    """
    articles = [d for d in drafts if isinstance(d, ArticleDraft)]
    if len(articles) < MIN_CONTENTS or len(articles) != len(drafts):
        return False
    if not all(_caption_only(d, d is articles[-1]) for d in articles):
        return False
    return statistics.median(_words(d.heading or "") for d in articles) <= MEDIAN_CAPTION_WORDS


def read_as_contents(
    drafts: list[ArticleDraft | Gap],
    preamble: list[tuple[str, int | None]],
    path: str,
    warnings: list[str],
) -> bool:
    """Whether ``drafts`` are a list of contents with no article's text; if so, their
    lines go to the end of ``preamble`` as text, in order (each heading with its
    caption, the lines under it), ``drafts`` is emptied and a warning names them."""
    if not contents_only(drafts):
        return False
    heads = [d for d in drafts if isinstance(d, ArticleDraft)]
    for draft in heads:
        preamble.append((draft.as_text(), draft.line))
        preamble += draft.lines
    drafts.clear()
    where = f"lines {heads[0].line}-{heads[-1].line}" if heads[0].line else "the headings"
    warnings.append(
        f"{path}: {where} ('{heads[0].label}' ... '{heads[-1].label}', {len(heads)} headings "
        "each with only a short caption) are a list of contents: the articles' text is not "
        "in the file, so they are kept as text and no article is imported; import a file "
        "that prints the instrument's articles"
    )
    return True
