"""Heading lines in the shapes converted gazettes print them, made into the lines the
segmentation reads: a heading run onto the end of a sentence (``... de la
convención.ARTICULO VII``) cut onto a line of its own, and a caption on the line after
a heading alone on its line (``ARTICULO 2``, then ``AUTORIDADES``) styled as the
article's caption. The numbering and the shape decide, never one document; no word is
changed."""

from __future__ import annotations

import re

from treatycmp.formats.headings import (
    ARTICLE_WORD,
    CAPTION_WORDS,
    CHAPTER,
    Heading,
    follows,
    read_heading,
)

_WORD = re.compile(r"\w+")
# A heading run onto the end of a sentence, the article's text on the next line
# (``... de la convención.ARTICULO VII``): the designator right after a stop, last on
# its line.
_TAIL = re.compile(rf"(?<=[.;:])\s*(?P<head>(?:{ARTICLE_WORD})\s*\S{{1,12}})\s*$")


def split_tail_headings(
    lines: list[tuple[str, int | None]], styled: list[bool]
) -> tuple[list[tuple[str, int | None]], list[bool]]:
    """The lines with a heading run onto a sentence's end cut onto a line of its own,
    where the numbering says it is one: its number follows the last heading's before it
    and the next heading's follows it (a reference closing a sentence stays text)."""
    heads = [read_heading(text) for text, _ in lines]
    styled = _captions(lines, heads, styled)
    out: list[tuple[str, int | None]] = []
    out_styled: list[bool] = []
    for i, ((text, number), style) in enumerate(zip(lines, styled, strict=True)):
        m = None if style else _TAIL.search(text)
        head = read_heading(m["head"]) if m else None
        if m and head is not None and head.rest is None and _in_sequence(heads, i, head.number):
            out += [(text[: m.start()].rstrip(), number), (m["head"], number)]
            out_styled += [False, False]
            continue
        out.append((text, number))
        out_styled.append(style)
    return out, out_styled


def _in_sequence(heads: list[Heading | None], at: int, number: str) -> bool:
    before = next((h.number for h in reversed(heads[:at]) if h is not None), None)
    after = next((h.number for h in heads[at + 1 :] if h is not None), None)
    return (
        before is not None and follows(before, number) and (after is None or follows(number, after))
    )


def _captions(
    lines: list[tuple[str, int | None]], heads: list[Heading | None], styled: list[bool]
) -> list[bool]:
    """A line in capitals right after a heading alone on its line, short (a caption's
    words), not a heading, a chapter or a sentence's end, with text in lower case after
    it, is styled: the segmentation takes it as the article's caption. A text printed all
    in capitals has no such line (the line after it is in capitals too)."""
    out = list(styled)
    for i in range(1, len(lines) - 1):
        text, head = lines[i][0], heads[i - 1]
        if head is None or head.rest is not None or styled[i] or heads[i] is not None:
            continue
        words = _WORD.findall(text)
        after = lines[i + 1][0]
        if (
            text.isupper()
            and 0 < len(words) <= CAPTION_WORDS
            and not text.endswith((".", ";", ",", ":"))
            and not CHAPTER.match(text)
            and any(c.islower() for c in after)
            and heads[i + 1] is None
        ):
            out[i] = True
    return out
