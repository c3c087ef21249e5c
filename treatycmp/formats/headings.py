"""Article and chapter headings as treaties print them, and their numbers in order.

``Article 1``, ``ARTICLE I``, ``Art. 5``, ``Artikel 10 bis``, ``Artículo 3``,
``Article premier``, ``Article 1er``, ``ARTICLE FIRST``, ``Article One``,
``Статья 1``, ``المادة 1``, ``제1조``, ``第三條``, ``Art. 一``, ``Enig Artikel``,
``ARTÍCULO PRIMERO``, ``Artigo 1.º``, ``Articolo 1``, ``Artykuł 1``, ``Čl. 3`` (docs/format.md
lists every language);
alone on a line or with a caption or the article's first words after it
(``Article 1 - Title``, ``ARTICLE I : Title``, ``Article 2. 1. Cooperation ...``).
A heading's number is kept as printed but for words and spacing (``premier`` is
``1``, ``2 bis`` is ``2bis``, 三 is ``3``); ``ordinal`` places it in the
sequence, so that a cross-reference at the start of a wrapped line is told from
a heading by the numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from treatycmp.formats.number_words import WORD_NUMBERS, word_number

_ZH = "\u3007零一二三四五六七八九十百"
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"\u3007": 0}
_WORDS_RE = "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(WORD_NUMBERS, key=len, reverse=True)
)


def _cases(*words: str) -> str:
    """Each designator word as printed in a title and in capitals (Artigo, ARTIGO)."""
    return "|".join(f"{w}|{w.upper()}" for w in words)


_ARTICLE_WORD = (
    r"Article|ARTICLE|Artikel|ARTIKEL|Artículo|ARTÍCULO|Articulo|ARTICULO|Articolo|ARTICOLO"
    r"|Art\.|ART\.|Art|ART|Статья|СТАТЬЯ|Стаття|СТАТТЯ|المادة"
    r"|Madde|MADDE|Maddə|MADDƏ"  # Turkish, Azerbaijani
    # Portuguese, Romanian, Polish, Czech, Slovak, Croatian/Serbian, Slovene, Norwegian,
    # Indonesian, Vietnamese, Bulgarian/Serbian Cyrillic, Greek.
    rf"|{_cases('Artigo', 'Articolul', 'Artykuł', 'Artykul', 'Článek', 'Článok', 'Članak')}"
    rf"|{_cases('Član', 'Člen', 'Artikkel', 'Pasal', 'Điều', 'Член', 'Члан', 'Άρθρο', 'Αρθρο')}"
    r"|DIEU"  # Vietnamese Điều as an OCR layer without its accents reads the capitals
    r"|Čl\.|ČL\."  # Slovak and Czech: článok / článek abbreviated, as Art. is Article
)
# The designator words, for a reader that looks for headings in other shapes (coverage).
ARTICLE_WORD = _ARTICLE_WORD
# bis, ter ... or a Chinese 之二 / 之三 after a numeral (Art. 八之二, a bilingual page's 8 bis).
_SUFFIX = (
    r"(?:[\s-]*(?:bis|ter|quater|quinquies|sexies|septies|octies|BIS|TER|QUATER)\b"
    r"|\s*之\s*[二三四五])?"
)
# The ordinal mark of Spanish, Portuguese and Italian numbers: Artículo 1.º, Artigo 1º,
# Articolo 1°, Artículo 1o. (as typed without the raised o); old English 1st, 2d, 3rd.
_ORDINAL_MARK = r"\.?\s?[º°ª]|o(?=\.)|st|nd|rd|th|d(?=\.)"
# 2.1: an article numbered within its chapter by the drafters (Article 2.1: Scope), or
# within its roman-numbered section (Article II.1). A roman numeral may carry its bis
# glued on (Article Vbis, Article Vquater).
_SUFFIX_WORDS = r"bis|ter|quater|quinquies|sexies|septies|octies"
_NUMBER = (
    rf"(?:(?:[0-9]+|[IVXLCDM]+)\.[0-9]+(?![.0-9])|l?[0-9]+(?:er|re|{_ORDINAL_MARK})?"
    rf"|[0-9\u0660-\u0669]+"
    rf"|[IVXLCDM]+(?:\b|(?=(?:{_SUFFIX_WORDS})\b))|[{_ZH}]+|(?i:{_WORDS_RE})\b)"
    rf"(?:[A-Z](?![\w]))?"
)
# Article (4), and as an OCR layer reads the brackets: Article (1}, Article {3}.
_OPEN, _CLOSE = r"[({]", r"[)}]"


# The dashes a caption follows: hyphen, the Unicode hyphens and dashes (U+2010-U+2014),
# the minus sign U+2212 (as Greek gazettes print `Άρθρο 1 \u2212 Στόχος`), the small and full-width
# hyphen-minus; U+2015, a quotation dash, is not among them.
DASHES = r"\-\u2010-\u2014\u2212\ufe58\ufe63\uff0d"


# Text glued to a heading's dash (Artículo 1º-La presente, ARTICULO 1° -Apruébase,
# Artículo 10-1. El ...), as converted gazettes print it: a capital or a numbered
# paragraph right after the dash, never a letter of a word (Article 3-bis).
_GLUED = rf"(?<=[{DASHES}])(?=[A-ZÁÉÍÓÚÑ]|[0-9]+\.\s)"
# Only after the designators of the gazettes that print it: in an English amending
# protocol "Article 2-Paragraph 3 of the Treaty is deleted." is a line of text.
_GLUED_LABEL = re.compile(r"(?:art[ií]culo|artigo|art\.)", re.IGNORECASE)


def _designated(words: str) -> re.Pattern[str]:
    """A heading led by one of ``words``: designator, number, separator, what follows."""
    return re.compile(
        rf"^(?P<label>(?:{words})\s*{_OPEN}?(?P<num>{_NUMBER}){_SUFFIX}{_CLOSE}?)"
        rf"(?P<sep>(?:\s*[.:{DASHES})])+)?(?:\s+(?P<rest>\S.*)|{_GLUED}(?P<glued>\S.*))?\s*$",
        re.DOTALL,
    )


ARTICLE = _designated(_ARTICLE_WORD)
# Designators some instruments use instead of "Article" (a memorandum's Clause 1, rules'
# Rule 1, an agreement's Section 1 or § 1): articles only in a text without any article
# heading, since among articles they head sub-divisions or paragraphs (fallback_headings).
FALLBACK = _designated(rf"{_cases('Section', 'Clause', 'Rule', 'Regulation', 'Paragraph')}|§")
SOLE = re.compile(
    r"^(?P<label>Enig [Aa]rtikel|ENIG ARTIKEL|Sole [Aa]rticle|SOLE ARTICLE|Article unique"
    r"|ARTICLE UNIQUE|Artículo único|ARTÍCULO ÚNICO|Single [Aa]rticle|Artigo único"
    r"|ARTIGO ÚNICO|Articolo unico|ARTICOLO UNICO|Einziger Artikel|EINZIGER ARTIKEL)[.:]?\s*$"
)
# Not a heading glued to words that make it another word: 제3조에 (a particle: "under
# Article 3"), 第一条件 (条件, a condition), 第一条款 (a clause), 条约 / 條約, 条例 (but
# 第四条例外 is Article 4, "Exceptions").
_CJK = re.compile(
    rf"^(?P<label>제\s*(?P<ko>[0-9]+)\s*조(?:의\s*(?P<ko2>[0-9]+))?(?![\uac00-\ud7a3])"
    rf"|第\s*(?P<zh>[0-9]+|[{_ZH}]+)\s*(?:之\s*(?P<zh2>[一二三四五六七八九]))?\s*[條条]"
    r"(?![件款約约]|例(?!外))(?:之(?P<zh3>[二三四五]))?)"
    r"(?:(?P<gap>\s*)(?P<rest>\S.*))?\s*$"
)
# A heading alone on its line: what PDF and web-page readers test a line against.
# The number before the word, as Finnish, Hungarian, Latvian and Lithuanian print it:
# 1 artikla, 1. cikk, 1. pants, 1 straipsnis.
_AFTER_WORD = rf"{_cases('artikla', 'cikk', 'pants', 'straipsnis')}|Artikla|Cikk|Pants|Straipsnis"
_NUMBER_FIRST = re.compile(
    rf"^(?P<label>(?P<num>[0-9]+)\.?\s*(?:{_AFTER_WORD})(?P<suffix>{_SUFFIX}))"
    rf"(?P<sep>\s*[.:{DASHES}]+)?(?:\s+(?P<rest>\S.*))?\s*$"
)
HEADING = re.compile(
    rf"^(?:[0-9]+\.?\s*(?:{_AFTER_WORD})[.:]?"
    rf"|(?:{_ARTICLE_WORD})\s*{_OPEN}?(?:{_NUMBER}){_SUFFIX}{_CLOSE}?[.:]?"
    rf"|제\s*[0-9]+\s*조|第\s*(?:[0-9]+|[{_ZH}]+)\s*(?:之\s*[一二三四五六七八九])?\s*[條条]"
    r"(?:之[二三四五])?)\s*$"
)
# A line of the designator word and one short token, nothing else: what a heading
# alone on its line looks like, whether or not the numbering made it one.
BARE_HEADING = re.compile(rf"^(?:{_ARTICLE_WORD})\s*\S{{1,12}}\s*$")
_CHAPTER_WORD = (
    r"CHAPTER|Chapter|PART|Part|HOOFDSTUK|Hoofdstuk|CHAPITRE|Chapitre|TITRE|Titre|TITLE|Title"
    r"|CAPÍTULO|Capítulo|CAPITULO|Capitulo|PARTE|Parte|TEIL|Teil|KAPITEL|Kapitel|Глава|ГЛАВА"
    r"|Часть|ЧАСТЬ|Раздел|РАЗДЕЛ|الفصل"
    rf"|{_cases('Capo', 'Titolo', 'Título', 'Rozdział', 'Abschnitt', 'Afdeling', 'Kapitola')}"
    rf"|{_cases('Poglavlje', 'Розділ')}"
)
CHAPTER = re.compile(
    rf"^(?:(?:{_CHAPTER_WORD})\s+(?:[0-9]+|[IVXLCDM]+|(?i:{_WORDS_RE})|[{_ZH}]+)\b.*"
    r"|제\s*[0-9]+\s*장.*|第\s*\S{1,4}\s*[章編编部].*)$"
)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
_SUFFIXES = {"bis": 2, "ter": 3, "quater": 4, "quinquies": 5, "sexies": 6, "septies": 7}
_ZH_SUFFIX = {"二": "bis", "三": "ter", "四": "quater", "五": "quinquies"}
# A caption is short: a line of more words after the heading is the article's text.
CAPTION_WORDS = 14


@dataclass(frozen=True)
class Heading:
    """An article heading read from a line: its number, the heading as printed, what
    follows it on the line, and whether a separator (``.``, ``:``, ``-``) came first."""

    number: str
    label: str
    rest: str | None = None
    separated: bool = False

    @property
    def caption(self) -> str | None:
        """What follows the heading when it is a caption (short, not a numbered paragraph)."""
        rest = self.rest
        if not rest or re.match(r"^(?:\(?[0-9]+[.)]|\([a-z]\))\s", rest):
            return None
        words = re.findall(
            r"[\u3400-\u9fff]|[^\s\u3400-\u9fff]+", rest
        )  # a Han character is a word
        if len(words) > CAPTION_WORDS or rest.endswith((".", ";", ",", ":")):
            return None
        return rest


def zh_number(numeral: str) -> str:
    """A Chinese article numeral as digits (一 1, 十二 12, 二十 20, 一百零五 105).

    >>> [zh_number(n) for n in ("七", "十", "十二", "二十三", "一百零五", "7")]
    ['7', '10', '12', '23', '105', '7']
    """
    if numeral.isdigit():
        return str(int(numeral))
    total, digit = 0, 0
    for char in numeral:
        if char == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif char == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = _ZH_DIGITS[char]
    return str(total + digit)


def _number(raw: str, suffix: str) -> str:
    """An article number as the treaty file holds it: words and spacing aside.

    >>> _number("premier", ""), _number("1er", ""), _number("l4", ""), _number("5", " bis")
    ('1', '1', '14', '5bis')
    >>> _number("1.º", ""), _number("DÉCIMO PRIMERO", ""), _number("2o", "")
    ('1', '11', '2')
    >>> _number("十五", "之三")
    '15ter'
    """
    if (word := word_number(raw)) is not None:
        num = word
    elif re.fullmatch(rf"[{_ZH}]+", raw):
        num = zh_number(raw)
    elif re.fullmatch(r"[0-9\u0660-\u0669]+", raw):
        num = str(int(raw))
    elif m := re.fullmatch(r"l?([0-9]+)(?:er|re|\.?\s?[º°ª]|o|st|nd|rd|th|d)?", raw):
        num = ("1" if raw.startswith("l") else "") + m[1]
    else:
        num = raw
    suffix = re.sub(r"[\s-]+", "", suffix).lower()
    return num + (_ZH_SUFFIX[suffix[1]] if suffix.startswith("之") else suffix)


def read_heading(line: str) -> Heading | None:
    """The article heading that starts ``line``, if it reads as one.

    Text after the number needs a separator or a capital (``Article 5 of the
    Convention`` is a reference, not a heading).

    >>> read_heading("Article 1 - Title")
    Heading(number='1', label='Article 1', rest='Title', separated=True)
    >>> read_heading("Article 5 of this Treaty") is None
    True
    >>> read_heading("第八之二條").number, read_heading("Article premier").number
    ('8bis', '1')
    >>> read_heading("Article 2.1: Scope")
    Heading(number='2.1', label='Article 2.1:', rest='Scope', separated=True)
    >>> read_heading("第八條之二 侵略罪")  # the Rome Statute's Article 8 bis (zh-Hant)
    Heading(number='8bis', label='第八條之二', rest='侵略罪', separated=True)
    """
    if m := SOLE.match(line):
        return Heading("sole", m["label"])
    if (m := _NUMBER_FIRST.match(line)) and (not m["rest"] or m["sep"] or m["rest"][0].isupper()):
        return Heading(_number(m["num"], m["suffix"]), m["label"], m["rest"], bool(m["sep"]))
    if m := _CJK.match(line):
        if m["ko"]:
            num = m["ko"] + (f"-{m['ko2']}" if m["ko2"] else "")
        else:
            num = zh_number(m["zh"]) + (_ZH_SUFFIX.get(m["zh2"] or m["zh3"] or "", ""))
        # Glued to its words (第八条国际合作, as OCR and flattened pages print it): not
        # separated, so only the numbering can make it a heading (segment_parts.Parts._accepts).
        return Heading(num, m["label"], m["rest"], separated=bool(m["gap"]) or not m["rest"])
    return _designated_heading(ARTICLE.match(line), line)


def _designated_heading(m: re.Match[str] | None, line: str) -> Heading | None:
    """The heading a match of ``_designated`` reads, if what follows the number allows."""
    if m is None:
        return None
    if m["glued"] and not _GLUED_LABEL.match(m["label"]):
        return None
    rest, separated = m["rest"] or m["glued"], bool(m["sep"])
    if rest and not separated and not (rest[0].isupper() or rest[0] in '"\u201c\u00ab(['):
        return None  # a capital of any script (Ł, Č, Ά) or a quotation opens a caption
    if rest and separated and not re.match(r"[\w\"\u201c\u00ab(\[]", rest):
        return None
    raw = m["num"]
    if re.fullmatch(r"[A-Z]", raw[-1:]) and len(raw) > 1 and raw[:-1].isdigit():
        raw, extra = raw[:-1], raw[-1]
    else:
        extra = ""
    suffix = m["label"][m.end("num") - m.start("label") :].strip("(){} ")
    sep = (m["sep"] or "").strip()
    label = " ".join((m["label"] + (sep if sep in (".", ":") else "") if rest else line).split())
    return Heading(_number(raw, suffix) + extra, label, rest, separated)


def fallback_headings(lines: list[str]) -> dict[int, Heading]:
    """In a text without any article heading, its ``Section 1`` / ``Clause 1`` / ``Rule 1``
    / ``§ 1`` lines, one designator word, numbered from the first on (two or more): its
    articles. Line index -> heading; none when any line is an article heading.

    >>> sorted(fallback_headings(["Preamble.", "§ 1", "Text.", "§ 2 Scope", "Text."]))
    [1, 3]
    >>> fallback_headings(["Article 1", "Section 1", "x", "Section 2", "y"])
    {}
    >>> fallback_headings(["Section 3 of the Act applies.", "Section 4", "x"])
    {}
    """
    if any(read_heading(line) for line in lines):
        return {}
    found: dict[int, Heading] = {}
    last: Heading | None = None
    for i, line in enumerate(lines):
        h = _designated_heading(FALLBACK.match(line), line)
        if h is None or (last is None and not is_first(h.number)):
            continue
        if last is not None and (_word(h) != _word(last) or not follows(last.number, h.number)):
            continue
        found[i], last = h, h
    return found if len(found) >= 2 else {}


def _word(heading: Heading) -> str:
    """A heading's designator word (``Section``, ``§``)."""
    return heading.label[:1] if heading.label.startswith("§") else heading.label.split()[0]


def ordinal(number: str) -> tuple[int, int] | None:
    """Where a number stands in a sequence: (base, suffix rank), or None when unknown.

    >>> ordinal("12"), ordinal("XIV"), ordinal("5bis"), ordinal("sole"), ordinal("2.1")
    ((12, 0), (14, 0), (5, 2), (1, 0), (2001, 0))
    >>> ordinal("5A"), ordinal("IS")
    ((5, 1), None)
    """
    if number == "sole":
        return (1, 0)
    if m := re.fullmatch(r"([0-9]+|[IVXLCDM]+)\.([0-9]+)([a-z]*)", number):
        # Numbered within a chapter or section: 2.1 after 1.9, before 2.2 (chapters of
        # under 1000); II.1 likewise.
        return (numeral_value(m[1]) * 1000 + int(m[2]), _SUFFIXES.get(m[3], 0))
    # A capital after digits is a letter suffix (5A); after a roman numeral it is no
    # numbering we know (IS, an OCR slip for 15): unknown, so it decides nothing.
    m = re.fullmatch(r"([0-9]+)([a-z]*|[A-Z])|([IVXLCDM]+)([a-z]*)", number)
    if m is None:
        return None
    if m[3]:
        return (numeral_value(m[3]), _SUFFIXES.get(m[4], 0))
    tail = m[2]
    rank = _SUFFIXES.get(tail, 0) if len(tail) > 1 else (ord(tail) - 64 if tail else 0)
    return (numeral_value(m[1]), rank)


# Roman numerals' values, from the largest, with their subtractive pairs.
ROMAN_VALUES: tuple[tuple[int, str], ...] = (
    *((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")),
    *((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")),
)


def roman(value: int) -> str:
    """A number as a roman numeral in capitals (``roman(9)`` is ``IX``), the reverse of
    ``numeral_value``."""
    out = ""
    for v, r in ROMAN_VALUES:
        while value >= v:
            out, value = out + r, value - v
    return out


def numeral_value(base: str) -> int:
    """An arabic or roman numeral's value (roman in capitals)."""
    if base.isdigit():
        return int(base)
    value = 0
    for a, b in zip(base, [*base[1:], ""], strict=True):
        v = _ROMAN[a]
        value += -v if b and _ROMAN[b] > v else v
    return value


def _sections(number: str) -> tuple[bool, int, int | None] | None:
    """A number as (roman?, section, article within it or None): II.1 is (True, 2, 1)."""
    m = re.fullmatch(r"([0-9]+|[IVXLCDM]+)(?:\.([0-9]+))?", number)
    if m is None:
        return None
    return (not m[1].isdigit(), numeral_value(m[1]), int(m[2]) if m[2] else None)


def next_section(previous: str, number: str) -> bool:
    """Whether ``number`` opens the section after ``previous``'s, where articles are
    numbered within their sections and a section may hold one article numbered alone
    (the Lisbon Convention: Article I, Article II.1 ... II.3, III.1 ..., VI.5, VII, VIII.1).

    >>> next_section("I", "II.1"), next_section("II.3", "III.1"), next_section("VI.5", "VII")
    (True, True, True)
    >>> next_section("XI.7", "IV.8"), next_section("II.1", "III.2"), next_section("4", "5")
    (False, False, False)
    """
    before, now = _sections(previous), _sections(number)
    if before is None or now is None or before[0] != now[0]:
        return False
    if before[2] is None and now[2] is None:
        return False
    return now[1] == before[1] + 1 and now[2] in (None, 1)


def follows(previous: str | None, number: str) -> bool:
    """Whether ``number`` is the article after ``previous`` (the next one, or a bis/ter of it).

    >>> follows("4", "5"), follows("23", "23bis"), follows("III", "V"), follows(None, "1")
    (True, True, False, True)
    """
    now = ordinal(number)
    if now is None:
        return True
    if previous is None:
        return True
    before = ordinal(previous)
    if before is None:
        return True
    if now[0] == before[0] + 1 or (now[0] == before[0] and now[1] > before[1]):
        return True
    return next_section(previous, number)


def is_first(number: str) -> bool:
    """Whether a number starts a sequence (a translation, or an annex's own articles)."""
    return ordinal(number) in ((1, 0), (0, 0))


def edit_distance(a: str, b: str) -> int:
    """Edits (a letter changed, added or dropped) that turn ``a`` into ``b``."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]
