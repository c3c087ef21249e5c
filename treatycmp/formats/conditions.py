"""Numbered provisions as a text without article headings prints them.

An engagement that numbers its conditions, or an old instrument that numbers its
provisions, has no ``Article`` heading: its numbered lines are its articles, read in
sequence from the first (three or more), said in a warning by the caller. They come
as ``1.`` / ``1)``, as English ordinals ``1st.`` ``2nd.`` ``3rd.``, or as ordinal
adverbs ``Firstly.`` ``Secondly.`` (Canadian Crown-Indigenous treaties, 1850-1862). A
heading's number is the number (``Firstly.`` is 1, as ``Article premier`` is); its
label stays as printed, misprints too (``Fiftly.`` where the numbering is at 5: one
letter off the ordinal the sequence expects). A sentence that opens with
``Firstly,`` is not one of them: the designator ends with a stop, and among article
headings (any line read as one) no line is read this way.
"""

from __future__ import annotations

import bisect
import re
import sys

from treatycmp.formats.headings import Heading, edit_distance, read_heading
from treatycmp.formats.number_words import EN_ORDINALS

# Not a decimal: "1.5 million tonnes ..." is a sentence, not condition 1 of "5 million".
_DIGITS = re.compile(r"^(?P<num>[1-9][0-9]?)(?P<mark>[.)])(?![0-9])\s*(?P<rest>\S.*)$")
# An ordinal as printed, then a stop and a capital: 1st. 2nd. 3rd. 4th. (2d. 3d.).
_ORDINAL = re.compile(r"^(?P<num>[1-9][0-9]?)(?:st|nd|rd|d|th)\.\s*(?P<rest>[A-Z\"(\[].*)$")
# An ordinal adverb, then a stop: Firstly. SECONDLY. (not "Firstly, the Parties ...").
_ADVERB = re.compile(r"^(?P<word>[A-Z][A-Za-z]{2,12}(?:ly|LY))\.\s+(?P<rest>\S.*)$")
# A run of numbered lines is a text's articles from this many on.
MIN_CONDITIONS = 3


def _item(line: str, expected: int) -> tuple[str, int, str, str] | None:
    """A numbered line as (style, number, label, text), else None; an adverb one letter
    off the ordinal ``expected`` (``Fiftly`` at 5) is that number."""
    if m := _DIGITS.match(line):
        return "digits", int(m["num"]), line[: m.start("rest")].strip(), m["rest"]
    if m := _ORDINAL.match(line):
        return "ordinal", int(m["num"]), line[: m.start("rest")].strip(), m["rest"]
    if (m := _ADVERB.match(line)) is None:
        return None
    stem = m["word"][:-2].casefold()
    if stem in EN_ORDINALS:
        number = EN_ORDINALS.index(stem) + 1
    elif 1 <= expected <= len(EN_ORDINALS) and edit_distance(stem, EN_ORDINALS[expected - 1]) == 1:
        number = expected  # a misprint where the numbering is certain
    else:
        return None
    return "adverb", number, line[: m.start("rest")].strip(), m["rest"]


# A numbered paragraph as an OCR layer garbles its mark: ``9, The ...`` (a comma for the
# stop), ``4 With ...`` (the stop lost), ``2 (1) The ...`` (its first sub-paragraph).
_LOOSE = re.compile(
    r"^(?P<num>[1-9][0-9]?)(?:,\s+(?=[A-Z])|\s+(?=\([0-9]+\)\s|[A-Z][a-z]))(?P<rest>\S.*)$"
)


# Where each number opens a line: as printed, and in a garbled mark.
_Marks = tuple[dict[int, list[int]], dict[int, list[int]]]


def _marks(lines: list[str]) -> _Marks:
    """Where each number opens a line, in order: marked as printed (``1.``), and in a
    garbled mark (``_LOOSE``); read once, so each look-up (``_loose``) is a search."""
    printed: dict[int, list[int]] = {}
    garbled: dict[int, list[int]] = {}
    for i, line in enumerate(lines):
        if m := _DIGITS.match(line):
            printed.setdefault(int(m["num"]), []).append(i)
        elif m := _LOOSE.match(line):
            garbled.setdefault(int(m["num"]), []).append(i)
    return printed, garbled


def _loose(marks: _Marks, n: int, after: int) -> int | None:
    """The line after ``after`` that opens with ``n`` in a garbled mark (``_LOOSE``),
    where no line numbered ``n`` as printed comes before the next one, ``n + 1``: the
    numbering is certain there. Else None."""

    def first(at: dict[int, list[int]], number: int) -> int:
        found = at.get(number, [])
        k = bisect.bisect_right(found, after)
        return found[k] if k < len(found) else sys.maxsize  # never

    printed, garbled = marks
    stop = first(printed, n + 1)
    if first(printed, n) < stop:
        return None  # the number as printed comes: the garbled one is a wrapped line
    line = first(garbled, n)
    return line if line < stop else None


def _sequence(lines: list[str]) -> tuple[str | None, dict[int, Heading]]:
    """The numbered lines in sequence from 1, in the style of the first, and that style;
    in digits, a number whose mark an OCR layer garbled (``_loose``) where it is certain."""
    style: str | None = None
    found: dict[int, Heading] = {}
    loose: dict[int, int | None] = {}  # number -> its garbled line, looked for once
    marks = _marks(lines)
    for i, line in enumerate(lines):
        item = _item(line, len(found) + 1)
        if item is not None and (style is None or item[0] == style) and item[1] == len(found) + 1:
            style = item[0]
            found[i] = Heading(str(item[1]), item[2], item[3], separated=True)
            continue
        if style != "digits" or (m := _LOOSE.match(line)) is None:
            continue
        n = len(found) + 1
        if n not in loose:
            loose[n] = _loose(marks, n, max(found))
        if loose[n] == i:
            found[i] = Heading(m["num"], line[: m.start("rest")].strip(), m["rest"], True)
    return style, found


def numbered_conditions(lines: list[str]) -> dict[int, Heading]:
    """In a text without article headings, its numbered lines ``1.I will ...``,
    ``2. From this time ...``, ``1st.``, ``Firstly.`` (1, 2, 3 ... in order, three or
    more, in one style) are its articles. Line index -> the heading each stands for;
    none when any line is a heading.

    >>> sorted(numbered_conditions(["Preamble.", "1.I will.", "2.We shall.", "3)Done."]))
    [1, 2, 3]
    >>> numbered_conditions(["1.5 tonnes.", "2.75 per cent.", "3.0 a year."])
    {}
    >>> numbered_conditions(["Article 1", "1. The Parties.", "2. x", "3. y"])
    {}
    >>> lines = ["Firstly. A survey.", "1stly. That lots.", "Secondly. Deeds.", "Thirdly. Fish."]
    >>> [(h.number, h.label) for h in numbered_conditions(lines).values()]
    [('1', 'Firstly.'), ('2', 'Secondly.'), ('3', 'Thirdly.')]
    >>> numbered_conditions(["Firstly, we agree.", "Secondly, we go.", "Thirdly, we stay."])
    {}
    """
    if any(read_heading(line) or line.startswith("[Article") for line in lines):
        return {}
    found = _sequence(lines)[1]
    return found if len(found) >= MIN_CONDITIONS else {}


# The first numbered provision run into the sentence that announces it: "... with the
# following reservations, to wit: 1st. For the benefit of ...".
_FIRST_RUN_IN = re.compile(r":\s+(?=(?:1|1st|Firstly|FIRSTLY)[.)]\s*[A-Z\"(])")


def _numbered_at(texts: list[str], number: int) -> dict[str, list[int]]:
    """The indices of the lines numbered ``number`` (as the sequence expects it), by style."""
    found: dict[str, list[int]] = {}
    for i, text in enumerate(texts):
        if (item := _item(text, number)) is not None and item[1] == number:
            found.setdefault(item[0], []).append(i)
    return found


def _continues(after: int, style: str, later: list[dict[str, list[int]]]) -> bool:
    """Whether lines numbered 2, 3 ... (``later``) in ``style`` follow in order after
    line ``after``: a first provision cut out there would start a run of them."""
    for numbered in later:
        at = numbered.get(style, [])
        k = bisect.bisect_right(at, after)
        if k == len(at):
            return False
        after = at[k]
    return True


def split_first_condition(
    lines: list[tuple[str, int | None]], styled: list[bool]
) -> tuple[list[tuple[str, int | None]], list[bool]]:
    """The lines with the first numbered provision cut out of the line that announces it
    (after its colon), where the cut makes it the first of a text's numbered provisions
    (the next ones open later lines); else the lines as they were. Words are not changed.
    A cut is tried in full only where lines numbered 2 and 3 follow it, so a text of
    many such colons costs one pass, not one per colon.

    >>> lines = [("We reserve, to wit: 1st. The Point.", 1), ("2nd. The Bay.", 3)]
    >>> cut, _ = split_first_condition([*lines, ("3rd. The Isle.", 5)], [False] * 3)
    >>> [text for text, _ in cut]
    ['We reserve, to wit:', '1st. The Point.', '2nd. The Bay.', '3rd. The Isle.']
    """
    texts = [text for text, _ in lines]
    if not any(_FIRST_RUN_IN.search(text) for text in texts) or numbered_conditions(texts):
        return lines, styled
    later = [_numbered_at(texts, n) for n in range(2, MIN_CONDITIONS + 1)]
    for i, (text, number) in enumerate(lines):
        m = None if styled[i] else _FIRST_RUN_IN.search(text)
        first = _item(text[m.end() :], 1) if m else None
        if m and first and _continues(i, first[0], later):
            cut = [*lines[:i], (text[: m.start() + 1], number), (text[m.end() :], number)]
            cut += lines[i + 1 :]
            found = numbered_conditions([t for t, _ in cut])
            if found and min(found) == i + 1:
                return cut, [*styled[: i + 1], False, *styled[i + 1 :]]
        if (item := _item(text, 1)) is not None and item[1] == 1:
            break  # a provision 1 before any later cut: the cut would not be the first
    return lines, styled


def stray_conditions(lines: list[str], found: dict[int, Heading]) -> int:
    """Lines numbered like a text's conditions but out of their sequence (``5.`` after
    ``3.``, a second ``1.``), kept as text inside the conditions: counted, to be said.

    >>> lines = ["1. a.", "2. b.", "3. c.", "5. e.", "1. again."]
    >>> stray_conditions(lines, numbered_conditions(lines))
    2
    """
    style = _sequence(lines)[0] if found else None
    return sum(
        1
        for i, line in enumerate(lines)
        if i not in found and (item := _item(line, 0)) is not None and item[0] == style
    )
