"""Article headings as an OCR layer garbles them, read where the numbering is certain.

A designator a letter or two off the document's own (``Artide 3``), digits read as
letters (``Article IS`` for 15, kept as printed), a numeral with one character garbled
(``ARTICLE IH`` after II is III, ``ARTICLE H`` after 10 is 11), a speck before a heading
(``- ARTICLE 12``): each is the next article's heading only where the numbering says so,
and the caller says each reading (docs/format.md).
"""

from __future__ import annotations

import re

from treatycmp.formats.headings import (
    Heading,
    edit_distance,
    follows,
    numeral_value,
    ordinal,
    read_heading,
    roman,
)

_ROMAN = frozenset("IVXLCDM")

# Letters an OCR layer reads for digits: I l | for 1, O o for 0, S s for 5, B for 8, Z for
# 2, G for 6.
_OCR_DIGITS = str.maketrans("Il|OoSsBZzG", "11100558226")


def ocr_number(line: str, word: str) -> str | None:
    """The digits a line ``<word> <token>`` holds when its token is a number an OCR
    layer read partly as letters (``Article IS``: 15), else None.

    >>> ocr_number("Article IS", "Article"), ocr_number("Article 1O.", "Article")
    ('15', '10')
    >>> ocr_number("Article 15", "Article"), ocr_number("Article Is the", "Article")
    (None, None)
    """
    m = re.fullmatch(rf"{re.escape(word)}\s+([0-9Il|OoSsBZzG]{{1,3}})[.:]?", line.strip())
    if not word or m is None or m[1].isdigit():
        return None
    digits = m[1].translate(_OCR_DIGITS)
    # One letter alone is a roman numeral or a word, not a misread digit.
    return str(int(digits)) if digits.isdigit() and len(m[1]) > 1 else None


# What an OCR layer reads for one glyph of a numeral: in roman numerals H or U for II, a
# small x, v or i, l 1 | for I; in digits H for 11, I l | for 1, O o for 0, S s for 5, B
# for 8, Z z for 2, G for 6.
_OCR_ROMAN = {"H": "II", "U": "II", "x": "X", "v": "V", "i": "I", "l": "I", "1": "I", "|": "I"}
_OCR_DIGIT = {"H": "11", "I": "1", "l": "1", "|": "1", "O": "0", "o": "0", "S": "5", "s": "5"}
_OCR_DIGIT |= {"B": "8", "Z": "2", "z": "2", "G": "6"}


def garbled_numeral(line: str, word: str, last: str | None) -> Heading | None:
    """``line`` as the next article's heading where an OCR layer garbled one character
    of its numeral (``ARTICLE IH`` after II is III, ``VH`` after VI is VII, ``Ix`` after
    VIII is IX, ``ARTICLE H`` after 10 is 11): the document's own designator word with a
    numeral that, that one character read as the OCR misreads it, is the next number in
    the document's own numerals (roman or digits). Roman letters that make no numeral
    (``XLVIL``: ``I.`` read as ``L``) are garbled too, where they are the next numeral but
    for one letter. The numeral may be followed by the article's own words (``Article
    XLl. The parties ...``), after a stop or colon or before a capital. The number is the
    one the numbering expects; the caller says the reading. Two characters garbled
    (``Article IS`` for 15) are no such certainty (``ocr_number``).

    >>> garbled_numeral("ARTICLE IH", "ARTICLE", "II").number
    'III'
    >>> garbled_numeral("ARTICLE Ix", "ARTICLE", "VIII").number
    'IX'
    >>> garbled_numeral("ARTICLE H", "ARTICLE", "10").number
    '11'
    >>> garbled_numeral("Article XLl. The parties may agree", "Article", "XL")
    Heading(number='XLI', label='Article XLl.', rest='The parties may agree', separated=True)
    >>> garbled_numeral("Article LUI. This Treaty", "Article", "LII").number
    'LIII'
    >>> garbled_numeral("Article XLVIL Any differences", "Article", "XLVI").label
    'Article XLVIL'
    >>> garbled_numeral("ARTICLE IH", "ARTICLE", "IV"), garbled_numeral("ARTICLE IV", "A", "III")
    (None, None)
    >>> garbled_numeral("ARTICLE HH", "ARTICLE", "III"), garbled_numeral("Article IS", "Art", "14")
    (None, None)
    >>> garbled_numeral("Article Il of the Pact", "Article", "I")  # a reference, in lower case
    """
    m = re.fullmatch(
        rf"{re.escape(word)}\s+([A-Za-z0-9|]{{1,8}})([.:])?(?:\s+(\S.*))?", line.strip()
    )
    if not word or m is None or last is None:
        return None
    token, sep, rest = m[1], m[2], m[3]
    if rest is not None and not (rest[0].isupper() or (sep and rest[0] == "(")):
        return None
    if re.fullmatch(r"[IVXLCDM]+", last):
        glyphs, valid, expected = _OCR_ROMAN, _ROMAN, roman(numeral_value(last) + 1)
    elif last.isdigit():
        glyphs, valid, expected = _OCR_DIGIT, frozenset("0123456789"), str(int(last) + 1)
    else:
        return None
    odd = [i for i, c in enumerate(token) if c not in valid]
    if not odd and valid is _ROMAN and token != roman(numeral_value(token)):
        # No numeral at all (XLVIL): the expected one but for one letter.
        same = len(token) == len(expected)
        off = same and sum(a != b for a, b in zip(token, expected, strict=True)) == 1
        read = expected if off else token
    elif len(odd) != 1 or token[odd[0]] not in glyphs:
        return None
    else:
        read = token[: odd[0]] + glyphs[token[odd[0]]] + token[odd[0] + 1 :]
    if read != expected:
        return None
    if rest is None:
        return Heading(expected, line.strip())
    return Heading(expected, f"{word} {token}{sep or ''}", rest, bool(sep))


def no_numeral(number: str) -> bool:
    """Whether a heading's number is no numeral the numbering can place: unknown
    (``IS``), or roman letters that make no roman numeral (``XLVIL``, which would
    otherwise read as 94 and hide every article after it).

    >>> no_numeral("IS"), no_numeral("XLVIL"), no_numeral("XLVII"), no_numeral("5bis")
    (True, True, False, False)
    """
    if ordinal(number) is None:
        return True
    return bool(re.fullmatch(r"[IVXLCDM]+", number)) and number != roman(numeral_value(number))


# How far ahead an old print's additive numeral (IIII, VIIII, IL) may stand and still be
# the next heading: an article or two lost before it, not XLVIL read as 94 after XLVI.
NEAR_AHEAD = 3


def stray_numeral(number: str, last: str) -> bool:
    """Whether a heading's number is out of the numbering as no numeral (``no_numeral``),
    unless it is roman letters an old print writes additively that stand a few ahead of
    ``last`` (``VIIII`` after VII: article 8 lost, not a line of article 7's text).

    >>> stray_numeral("XLVIL", "II"), stray_numeral("VIIII", "VII"), stray_numeral("IS", "14")
    (True, False, True)
    """
    if not no_numeral(number):
        return False
    ahead, before = ordinal(number), ordinal(last)
    return ahead is None or before is None or not 0 < ahead[0] - before[0] <= NEAR_AHEAD


# A speck an OCR layer sets before a heading: a dash, a stroke or a stop and a space.
_SPECK = re.compile(r"[-_|.,'`~\u2013\u2014\u2022]\s+(?P<rest>\S.*)")


def specked_heading(line: str, last: str | None) -> Heading | None:
    """``line`` as the next article's heading behind an OCR speck (``- ARTICLE 12`` after
    11, ``_ ARTICLE 30`` after 29): a bare heading, and the very next number.

    >>> specked_heading("- ARTICLE 12", "11").number, specked_heading("- ARTICLE 14", "11")
    ('12', None)
    """
    m = _SPECK.fullmatch(line.strip())
    heading = read_heading(m["rest"]) if m else None
    if heading is None or heading.rest or last is None:
        return None
    now, before = ordinal(heading.number), ordinal(last)
    if now is None or before is None or now != (before[0] + 1, 0):
        return None
    return Heading(heading.number, line.strip())


# Bare heading lines with a garbled number, in a row, that the numbering can place.
MAX_BRACKETED = 3
# How far ahead the heading that brings the numbering back is looked for.
BRACKET_LINES = 200


def bracketed_heading(lines: list[str], at: int, word: str, last: str) -> Heading | None:
    """``lines[at]`` as the next article's heading where it is a bare heading line of the
    document's designator whose number an OCR layer garbled into another number or none,
    and the numbering says which it is: the bare heading lines that follow (up to
    ``MAX_BRACKETED`` in all) lead to the one whose number counts them (after 6,
    ``ARTICLE 1.`` and ``ARTICLE S.`` before ``ARTICLE 9.`` are 7 and 8: 1 for 7, S for 8).
    No other article heading may come between, and the garbled lines may not number
    in order themselves (``ARTICLE 3``, ``ARTICLE 4``: a list, or an annex's articles).
    The number is the one expected; the caller says the reading.

    >>> bracketed_heading(["ARTICLE 1.", "x", "ARTICLE S.", "y", "ARTICLE 9."], 0, "ARTICLE", "6")
    Heading(number='7', label='ARTICLE 1.', rest=None, separated=False)
    >>> bracketed_heading(["ARTICLE 1.", "x", "ARTICLE 2.", "y", "ARTICLE 3."], 0, "ARTICLE", "6")
    >>> bracketed_heading(["Article 1", "Article 2. The Parties", "Article 8"], 0, "Article", "6")
    >>> bracketed_heading(["Article 3", "x", "Article 4", "y", "Article 9"], 0, "Article", "6")
    """
    bare = re.compile(rf"{re.escape(word)}\s+\S{{1,8}}")
    before = ordinal(last)
    if not word or before is None or before[1] or not bare.fullmatch(lines[at].strip()):
        return None
    count, previous = 1, read_heading(lines[at].strip())
    for line in lines[at + 1 : at + BRACKET_LINES]:
        text = (m["rest"] if (m := _SPECK.fullmatch(line.strip())) else line).strip()
        heading = read_heading(text)
        if heading is not None and ordinal(heading.number) == (before[0] + count + 1, 0):
            value = before[0] + 1
            number = str(value) if last.isdigit() else roman(value)
            return Heading(number, lines[at].strip())
        if bare.fullmatch(text):
            count += 1
            if count > MAX_BRACKETED or (
                previous is not None
                and heading is not None
                and follows(previous.number, heading.number)
            ):
                return None
            previous = heading
        elif heading is not None:
            return None  # another heading first: the numbering is not certain
    return None


def misread_heading(line: str, label: str | None, last: str | None) -> Heading | None:
    """``line`` as the next article's heading where an OCR layer misread the document's
    own designator word ("Artide 3" after "Article 2": c-l read as d): the word a
    letter or two off ``label``'s (one for short words), alone with the next number;
    or its numeral one character off the next one (``garbled_numeral``), or the next
    heading behind an OCR speck (``specked_heading``)."""
    word = label.split()[0] if label else ""
    if (garbled := garbled_numeral(line, word, last) or specked_heading(line, last)) is not None:
        return garbled
    if (ocr := ocr_number(line, word)) is not None and last is not None:
        # Article IS after Article 14: the OCR of 15 (1 read as I, 5 as S), where the
        # numbering is certain (the next number, in a text numbered in digits). The
        # number stays as printed, as every number does: the reading is said, not made.
        if not last.isdigit() or int(last) + 1 != int(ocr):
            return None
        return Heading(line.split()[-1].rstrip(".:"), line.strip())
    m = re.fullmatch(r"(\w{4,})\s+([0-9]+)", line.strip())
    if m is None or last is None or not word or m[1] == word:
        return None
    if edit_distance(m[1].casefold(), word.casefold()) > (2 if len(word) >= 7 else 1):
        return None
    number = str(int(m[2]))
    return Heading(number, line.strip()) if follows(last, number) else None
