"""Blocks (a document's paragraphs and headings) and what a user says about a document.

The types and small text helpers every reader shares: a reader yields ``Block``s,
the user's options arrive as ``Meta``; dates are read one way everywhere.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from treatycmp.errors import TreatyFileError

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
# Russian month names in the genitive, as dates are written ("15 мая 1992 года").
_MONTH_NAMES_RU = (
    "января февраля марта апреля мая июня июля августа сентября октября ноября декабря"
)
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
MONTHS |= {m: i for i, m in enumerate(_MONTH_NAMES_RU.split(), start=1)}
DATE_WORDS = re.compile(r"(?P<day>\d{1,2}) (?P<month>[^\W\d_]+),? (?P<year>\d{4})")
DATE_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")


@dataclass(frozen=True)
class Block:
    """One paragraph or heading of a document, in reading order.

    ``line`` is where it starts in the input (a line, or for a PDF the page),
    ``heading`` says the document marks it as a heading (a style, ``<h2>``,
    larger type) whatever its words.
    """

    text: str
    line: int | None = None
    heading: bool = False
    lang: str | None = None  # the language the document declares for it (``lang=``)


@dataclass(frozen=True)
class Meta:
    """What the user (or a text's header) says about a document that its body does not."""

    title: str | None = None
    parties: tuple[str, ...] = ()
    signed: str | None = None
    language: str = "en"
    official: bool | None = None  # None: not given (an import not told)
    complete: bool | None = None
    source: str | None = None
    language_given: bool = False  # else the language is detected from the text
    allow_partial: bool = False  # import a text that lost words with a warning, not an error
    # The format marks its headings (TEI's <head>): a long text without articles lost
    # none, so it is a preamble with a warning, not refused.
    headings_marked: bool = False


class SideBySideError(TreatyFileError):
    """A page or table sets two texts side by side and no column was chosen: with
    ``--language`` the reader of documents picks the column in that language."""


def squeeze(text: str) -> str:
    r"""Layout white space (line ends, tabs, runs of spaces) as one space; a no-break
    space is part of the text and stays.

    >>> squeeze("  a\n\t b\u00a0c ")
    'a b\xa0c'
    """
    return re.sub(r"[ \t\r\n\f\v]+", " ", text).strip(" ")


def split_inner_gap(line: str) -> list[str]:
    """A line with a ``[GAP: ...]`` between its words, as two partial paragraphs.

    A paragraph holds text with a gap before or after it, never inside: the words on
    each side become a paragraph of their own, each carrying the gap note.

    >>> split_inner_gap("that juridical [GAP: lost] of security")
    ['that juridical [GAP: lost]', '[GAP: lost] of security']
    >>> split_inner_gap("the end [GAP: lost]")
    ['the end [GAP: lost]']
    """
    start = line.find(" [GAP:", 1)
    if start < 0:
        return [line]
    depth = 0
    for end in range(start + 1, len(line)):
        depth += {"[": 1, "]": -1}.get(line[end], 0)
        if depth == 0:
            break
    else:
        return [line]
    rest = line[end + 1 :].strip()
    if not rest:
        return [line]
    note = line[start + 1 : end + 1]
    return [f"{line[:start]} {note}", *split_inner_gap(f"{note} {rest}")]


def read_date(text: str) -> str | None:
    """The first date in ``text`` ("6 July 1961" or "1961-07-06") as YYYY-MM-DD, if real.

    >>> read_date("Moscow, 6 July 1961"), read_date("1961-07-06"), read_date("31 June 1961")
    ('1961-07-06', '1961-07-06', None)
    >>> read_date("Ташкент, 15 мая 1992 года")
    '1992-05-15'
    """
    if m := DATE_ISO.search(text):
        year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
    elif (m := DATE_WORDS.search(text)) and m["month"].lower() in MONTHS:
        year, month, day = int(m["year"]), MONTHS[m["month"].lower()], int(m["day"])
    else:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


# An annex, appendix or schedule after the articles (``ANNEX``, ``Annex I - Rules of
# Procedure``, ``ANNEX ON FINANCIAL SERVICES``, ``Anlage 2``, ``附件一``): the closing's
# text, not the last article's; a wrapped reference (``Annex I to this Agreement
# shall ...``) goes on in lower case and stays text.
ANNEX_START = re.compile(
    r"^(?:(?:ANNEXE?|Annexe?|APPENDIX|Appendix|SCHEDULE|Schedule|ATTACHMENT|Attachment"
    r"|ANEXO|Anexo|ALLEGATO|Allegato|ANLAGE|Anlage|ANHANG|Anhang|BIJLAGE|Bijlage"
    r"|ZAŁĄCZNIK|Załącznik|ПРИЛОЖЕНИЕ|Приложение|ДОДАТОК|Додаток)"
    r"(?:\s+(?:[0-9]+|[IVXLCDM]+|[A-Z])(?:[.-][0-9A-Z]+)*)?"
    r"(?:\s*[.:\-\u2013\u2014]+(?:\s+\S.*)?|\s+[A-Z\u00c0-\u00de\u0400-\u042f][^a-z]*)?"
    r"|附件[一二三四五六七八九十0-9]*|부속서\s*[0-9]*)\s*$"
)
MAX_ANNEX_LINE = 120
# A paragraph of the article named: "Artikel 106 Absatz 2 des Vertrags" wrapped onto a
# line; Czech "odst." and Slovak "ods." ("ČLÁNOK 106 ODS. 2 ZMLUVY" in capitals).
PARAGRAPH_OF = re.compile(
    r"(?:Absatz|Absätze|Abs\.|paragraphs?|para\.|alinéas?|paragraphes?|párrafos?|apartados?"
    r"|odst\.|ods\.)"
    r"\s+[0-9]",
    re.IGNORECASE,
)
# A gap whose reason starts by naming articles stands for articles ("Articles 1-3 - ...").
ARTICLES_FIRST = re.compile(
    r"^(?:articles?\b|article\(s\)|стать|제\s*\d+\s*조|第\s*\S{1,4}\s*[條条])", re.IGNORECASE
)
ARTICLES_WORD = re.compile(
    r"\b(?:articles?|article\(s\)|статьи|조)\b|第\s*\S{1,4}\s*[條条]", re.IGNORECASE
)


def is_closing_gap(reason: str) -> bool:
    return reason.lower().startswith(("closing", "the closing"))


def names_preamble_and_articles(reason: str) -> bool:
    """Whether a gap says the preamble and some articles are missing."""
    what = reason.split(" - ")[0]
    return bool(re.search(r"\bpreamble\b", what, re.I) and ARTICLES_WORD.search(what))


def is_article_gap(reason: str) -> bool:
    """Whether a gap after an article's text stands for whole articles, not a paragraph.

    It names articles, unless what it says is missing (before the first " - ") is a
    paragraph ("Article 52, paragraph 2 - ...", "paragraphs 4, 5 and 6 - not read").

    >>> is_article_gap("Articles 5-23 - not quoted"), is_article_gap("Article 52, paragraph 2")
    (True, False)
    """
    what = reason.split(" - ")[0]
    return bool(ARTICLES_WORD.search(reason)) and not re.search(r"\bparagraph", what, re.I)


# The closing formula ends the last article: "IN WITNESS WHEREOF ...", "Done at ...",
# "Done in duplicate" or "Done in Paris" (not "Done in accordance with ...", a sentence),
# and as the languages treaties come in print it ("Zu Urkund dessen", "EN FOI DE QUOI",
# "Fait à", "EN FE DE LO CUAL", "Hecho en", "Feito em", "Fatto a", "Gedaan te",
# "Sporządzono w", "Совершено в").
CLOSING_START = re.compile(
    r"^(?:IN WITNESS WHEREOF|In witness whereof|IN FAITH WHEREOF|In faith whereof"
    r"|(?:DONE|Done) (?:at|in (?=duplicate|triplicate|two|three|four|[0-9A-Z]))|Signed at|SIGNED at"
    r"|Zu Urkund dessen|Urkundlich dessen|Geschehen (?:zu|in)\s"
    r"|EN FOI DE QUOI|En foi de quoi|Fait (?:à|en)|FAIT (?:À|A|à)"
    r"|EN FE DE LO CUAL|En fe de lo cual|EN TESTIMONIO DE LO CUAL|En testimonio de lo cual"
    r"|Hecho en|HECHO EN|EM FÉ DO QUE|Em fé do que|EM TESTEMUNHO DO QUE|Em testemunho do que"
    r"|Feito em|FEITO EM|IN FEDE DI CHE|In fede di che|Fatto a|FATTO A"
    r"|TEN BLIJKE WAARVAN|Ten blijke waarvan|Gedaan te|GEDAAN TE"
    r"|NA DOWÓD CZEGO|Na dowód czego|Sporządzono w|SPORZĄDZONO W"
    r"|В УДОСТОВЕРЕНИЕ ЧЕГО|В удостоверение чего|Совершено в|СОВЕРШЕНО В|Вчинено в)\b"  # noqa: RUF001
)


def block_lines(body: list[Block]) -> tuple[list[tuple[str, int | None]], list[bool]]:
    """The blocks as lines (with where each came from) and whether each is styled as a
    heading: a run-in heading split from its words, a gap inside a paragraph split out."""
    lines: list[tuple[str, int | None]] = []
    styled: list[bool] = []
    for b in body:
        text = " ".join(b.text.split()) if b.heading else b.text.strip()
        parts = [text] if b.heading else split_inner_gap(text)
        lines.extend((part, b.line) for part in parts)
        styled.extend(b.heading for _ in parts)
    return lines, styled
