"""Article headings run into the text: a treaty flattened into long lines.

Some texts lose their line breaks on the way to a dataset: several articles on one
line (``... other relevant factors. Article 5 1. The fishing vessels ...``), or the
whole treaty on one lower-case line where an editor's ``ARTICLE`` is glued to the
number and the article's first word (``... of this article ARTICLE ii1. any party
may propose ...``, ``ARTICLE ivthis treaty shall be ...``). Each such heading is cut
out onto a line of its own, where the numbering says it is the next article; the
words are never changed (a cut falls between the number and the text glued to it).

The numbering decides, as for headings at the start of a line: a run-in
``Article 7`` after Article 4 is a cross-reference and stays text, and so is a run-in
``Article 2`` last in its line where the next line that starts with a heading is
Article 2 (``... apply: Article 2 (Definitions), ...`` in article 1 of a text whose
headings have lines of their own), or where a later run-in heading in its line is
numbered 2 before one is numbered 3.
"""

from __future__ import annotations

import re

from treatycmp.formats.conditions import split_first_condition
from treatycmp.formats.headings import (
    DASHES,
    Heading,
    follows,
    is_first,
    numeral_value,
    ordinal,
    read_heading,
)
from treatycmp.formats.languages import FLAT_CHARS

# A designator in running text: "Article 5" after a sentence ends, or an editor's
# capitals "ARTICLE" in a lower-case text, glued to what follows.
_RUN_IN = re.compile(r"(?P<word>Article|ARTICLE)\s+(?P<num>[0-9]+|[IVXLC]+\b|[ivxlc]+)")
# What follows a heading run into a sentence: its caption or first words, capitalised,
# or its first numbered paragraph ("Article 5 1. The fishing vessels").
_OPENS = re.compile(rf"(?:\s*[.:{DASHES}])?\s+(?:\(?1\s?[.)]\s+)?[A-Z\"\u201c(]")
# A heading's own stop or dash ("Article 2. The ...", "Article 3: Scope"): the label's,
# as at the start of a line, not the first character of the article's text.
_STOP = re.compile(rf"\s*[.:{DASHES}](?=\s)")
_ROMAN_VALUES = ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
# A text is "lower-case" when at most this share of its letters are capitals.
_LOWER_SHARE = 0.1


def _roman(value: int) -> str:
    out = ""
    for v, s in ((100, "c"), (90, "xc"), (50, "l"), (40, "xl"), *_ROMAN_VALUES):
        while value >= v:
            out, value = out + s, value - v
    return out


def _expected(last: str | None) -> list[str]:
    """The next article's number, as a lower-case roman numeral and in digits."""
    if last is None:
        return ["i", "1"]
    now = ordinal(last)
    if now is None:
        return []
    return [_roman(now[0] + 1), str(now[0] + 1)]


def _glued(num: str, last: str | None) -> str | None:
    """The number printed at the start of ``num + tail`` when it is the next one: the
    longest roman numeral that is a numeral, else the expected one it starts with
    (``iiii .`` after II is III and a paragraph ``i``; ``ivthis`` after III is IV)."""
    expected = _expected(last)
    if num.isdigit():
        return num if num in expected else None
    low = num.casefold()
    if low in expected:
        return low
    numeral = _roman(numeral_value(low.upper())) == low  # all of it one numeral
    for form in expected:
        if not form.isdigit() and low.startswith(form) and not numeral:
            return form
    return None


def _lower_case(line: str) -> bool:
    letters = [c for c in line.replace("ARTICLE", "") if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) <= _LOWER_SHARE * len(letters)


def _ends_sentence(line: str, pos: int) -> bool:
    """Whether a sentence ends just before ``pos``: ``.``, ``;`` or ``:``, then spaces.
    Read back from ``pos``, not by a search of the text before it: on a treaty flattened
    into one line, a search per heading made the work grow with the line's square."""
    at = pos
    while at > 0 and line[at - 1].isspace():
        at -= 1
    return 0 < at < pos and line[at - 1] in ".;:"


def _plain(line: str, m: re.Match[str], lower: bool) -> str | None:
    """The number of a run-in ``Article N`` that reads as a heading wherever the
    numbering stands (after a sentence, before words that open an article), else None.
    In a text flattened into one line (``FLAT_CHARS``) no sentence need end before it:
    a running head or a footnote the line break kept apart may (``... 1948-1949 Article 2
    Each of ...``, ``... the following Treaty:- Article 1 There ...``); the numbering
    still decides."""
    if m["word"] == "ARTICLE" and lower and not m["num"].isupper():
        return None  # glued: only the number expected next can be read
    pos = m.start()
    flat = len(line) >= FLAT_CHARS
    if (pos == 0 or flat or _ends_sentence(line, pos)) and not m["num"].islower():
        return m["num"] if _OPENS.match(line, m.end()) else None
    return None


def _restated(plain: list[str | None], k: int) -> bool:
    """Whether a later heading in the line (``plain``) has the ``k``-th's number before
    one has the number after it: the ``k``-th then refers to it (``... apply: Article 2
    (Definitions) of the Convention. Article 2 Each Party ...``). The same number after
    the next one (an annex numbered anew) is not a restatement."""
    number = plain[k]
    for j in range(k + 1, len(plain)):  # not islice: it would step over the k first
        later = plain[j]
        if later == number:
            return True
        if later is not None and number is not None and follows(number, later):
            return False
    return False


def _cuts(
    line: str, last: str | None, coming: str | None
) -> tuple[list[tuple[int, int, Heading]], str | None]:
    """Where headings run into ``line`` (start, end of the designator and number, the
    heading), in order, and the last article number after the line. The last cut is
    dropped when it has the number of the next line that starts with a heading
    (``coming``): that line is the article, this a reference to it (the heading would
    be a duplicate); a cut before others in its line is structure (a protocol or annex
    numbered anew may follow)."""
    befores: list[str | None] = []
    cuts: list[tuple[int, int, Heading]] = []
    lower = _lower_case(line)
    start = read_heading(line)
    if start is not None and follows(last, start.number):
        last = start.number
    matches = list(_RUN_IN.finditer(line))
    plain = [_plain(line, m, lower) for m in matches]
    for k, m in enumerate(matches):
        pos = m.start()
        if pos == 0 and start is not None:
            continue
        number: str | None = None
        if m["word"] == "ARTICLE" and lower and not m["num"].isupper():
            number = _glued(m["num"], last)
            end = m.start("num") + len(number or "")
        else:
            end = m.end()
            if (
                plain[k] is not None
                and (last is not None or is_first(m["num"]))
                and follows(last, m["num"])
                and not _restated(plain, k)
            ):
                number = m["num"]
        if number is None or (last is None and not is_first(number.upper())):
            continue
        number = number.upper() if not number.isdigit() else number
        if stop := _STOP.match(line, end):
            end = stop.end()
        label = " ".join(line[pos:end].split())
        cuts.append((pos, end, Heading(number, label, None, separated=True)))
        befores.append(last)
        last = number
    if cuts and cuts[-1][2].number == coming:
        cuts.pop()
        last = befores.pop()
    return cuts, last


def split_run_in(
    lines: list[tuple[str, int | None]], styled: list[bool]
) -> tuple[list[tuple[str, int | None]], list[bool], dict[int, Heading]]:
    """The lines with each run-in heading cut out onto a line of its own, and the
    headings of those lines by their index (none when no heading runs in). A text's
    first numbered provision run into the line that announces it is cut out too
    (``split_first_condition``); its heading is read with the others'.

    >>> lines, _, heads = split_run_in(
    ...     [("Article 1 The Parties agree. Article 2 1. Each Party shall act.", 3)], [False]
    ... )
    >>> [text for text, _ in lines], sorted(heads)
    (['Article 1 The Parties agree.', 'Article 2', '1. Each Party shall act.'], [1])
    >>> text = "as follows: ARTICLE i1. each party ... ARTICLE iithis treaty"
    >>> lines, _, heads = split_run_in([(text, 1)], [False])
    >>> [text for text, _ in lines], [h.number for h in heads.values()]
    (['as follows:', 'ARTICLE i', '1. each party ...', 'ARTICLE ii', 'this treaty'], ['I', 'II'])
    """
    lines, styled = split_first_condition(lines, styled)
    out: list[tuple[str, int | None]] = []
    out_styled: list[bool] = []
    heads: dict[int, Heading] = {}
    last: str | None = None
    # For each line, the number of the next line after it that starts with a heading.
    coming: list[str | None] = []
    upcoming: str | None = None
    for line, _ in reversed(lines):
        coming.append(upcoming)
        if (h := read_heading(line)) is not None:
            upcoming = h.number
    coming.reverse()
    for i, ((line, number), style) in enumerate(zip(lines, styled, strict=True)):
        # A styled heading, or an editor's [GAP: Article XI ...] mark: nothing to cut.
        if style or "[GAP" in line:
            cuts: list[tuple[int, int, Heading]] = []
        else:
            cuts, last = _cuts(line, last, coming[i])
        if not cuts:
            out.append((line, number))
            out_styled.append(style)
            continue
        at = 0
        for pos, end, heading in cuts:
            if part := line[at:pos].strip():
                out.append((part, number))
                out_styled.append(False)
            heads[len(out)] = heading
            out.append((heading.label, number))
            out_styled.append(False)
            at = end
        if rest := line[at:].strip():
            out.append((rest, number))
            out_styled.append(False)
    return out, out_styled, heads
