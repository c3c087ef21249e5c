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
    (a line's or one cut before) and the next heading's follows it (a line's, or that of
    the next run-on one: gazettes run several in a row). A reference closing a sentence
    stays text. One pass each way: the work is linear in the lines."""
    heads = [read_heading(text) for text, _ in lines]
    styled = _captions(lines, heads, styled)
    tails = [_tail(text, style) for (text, _), style in zip(lines, styled, strict=True)]
    after_head, after_tail = _next_numbers(heads, tails)
    out: list[tuple[str, int | None]] = []
    out_styled: list[bool] = []
    before: str | None = None
    for i, ((text, number), style) in enumerate(zip(lines, styled, strict=True)):
        if (head := heads[i]) is not None:
            before = head.number
        elif (tail := tails[i]) is not None and _in_sequence(
            before, tail[1], after_head[i], after_tail[i]
        ):
            out += [(text[: tail[0]].rstrip(), number), (text[tail[0] :].strip(), number)]
            out_styled += [False, False]
            before = tail[1]
            continue
        out.append((text, number))
        out_styled.append(style)
    return out, out_styled


def _tail(text: str, style: bool) -> tuple[int, str] | None:
    """Where a heading run onto the end of ``text`` starts, and its number."""
    m = None if style else _TAIL.search(text)
    head = read_heading(m["head"]) if m else None
    return (m.start("head"), head.number) if m and head is not None and head.rest is None else None


def _next_numbers(
    heads: list[Heading | None], tails: list[tuple[int, str] | None]
) -> tuple[list[str | None], list[str | None]]:
    """For each line, the number of the next heading line after it and of the next
    run-on heading before that line (None when there is none)."""
    head_after: list[str | None] = [None] * len(heads)
    tail_after: list[str | None] = [None] * len(heads)
    next_head: str | None = None
    next_tail: str | None = None
    for i in range(len(heads) - 1, -1, -1):
        head_after[i], tail_after[i] = next_head, next_tail
        if (h := heads[i]) is not None:
            next_head, next_tail = h.number, None  # a run-on one counts before it only
        elif (t := tails[i]) is not None:
            next_tail = t[1]
    return head_after, tail_after


def _in_sequence(
    before: str | None, number: str, after_head: str | None, after_tail: str | None
) -> bool:
    if before is None or not follows(before, number):
        return False
    return (
        after_head is None
        or follows(number, after_head)
        or (after_tail is not None and follows(number, after_tail))
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
