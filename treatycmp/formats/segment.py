"""Lines of a treaty -> the treaty model: the segmentation every text-like format shares.

A reader (plain text, PDF, Word, a web page) turns its input into ``Block``s:
one paragraph or heading each, in reading order, with where it came from. This
module finds the preamble, the article headings (``Article 1``, ``ARTICLE I``,
``Art. 1.``, ``제1조``, ``Статья 1``), chapter headings, paragraphs and
``[GAP: reason]`` marks, and builds a ``Treaty``. Words are never changed.

An import never claims more than it knows: what the document does not state
(parties, signature date) stays unknown unless the user gives it, a text with
no article headings is partial (with a gap that says why), and an imported text
is not official unless the user says so. Each such decision is a warning.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.model import Article, Gap, Paragraph, Source, Treaty, paragraph_id

HEADING = re.compile(
    r"^(?:(?:Article|ARTICLE|Art\.|ART\.|Статья|СТАТЬЯ)\s+(?P<num>[0-9]+[A-Za-z]?|[IVXLCDM]+)[.:]?"
    r"|제\s*(?P<ko>[0-9]+)\s*조"
    r"|第\s*(?P<zh>[0-9]+|[\u3007零一二三四五六七八九十百]+)\s*[條条])\s*$"
)
# A heading run into its article's first words: "Article 4. In the event that ...".
RUN_IN = re.compile(
    r"^(?P<head>(?:Article|ARTICLE|Art\.|ART\.|Статья|СТАТЬЯ)\s+(?:[0-9]+[A-Za-z]?|[IVXLCDM]+)"
    r"[.:])\s+(?P<rest>[A-Z\u0410-\u042f\u0401\"\u201c\u00ab(\[].*)$"
)
CHAPTER = re.compile(r"^(?:CHAPTER|Chapter|PART|Part|Глава|ГЛАВА|제\s*[0-9]+\s*장)\b.*$")
GAP_ONLY = re.compile(r"^\[GAP:\s*(?P<reason>[^\[\]]*)\]$")
GAP_AFTER = re.compile(r"^(?P<text>.*?\S) \[GAP:\s*(?P<reason>.*)\]$", re.DOTALL)
GAP_BEFORE = re.compile(r"^\[GAP:\s*(?P<reason>[^\]]*)\] (?P<text>\S.*)$", re.DOTALL)
# The closing formula ("IN WITNESS WHEREOF ...", "Done at ...") ends the last article.
CLOSING_START = re.compile(r"^(?:IN WITNESS WHEREOF|In witness whereof|DONE at|Done at)\b")
UNNUMBERED = re.compile(r"^\[(?P<reason>Article number not known[^\]]*)\]$")
# An editor's note that the text below continues a numbered article whose heading was not
# read: "[Article 4, paragraph 2, from sub-paragraph (b) - source B]".
CONTINUED = re.compile(r"^\[(?P<reason>Article (?P<num>[0-9]+|[IVXLCDM]+),[^\[\]]*)\]$")
# A gap whose reason starts by naming articles stands for articles ("Articles 1-3 - ...").
ARTICLES_FIRST = re.compile(
    r"^(?:articles?\b|article\(s\)|стать|제\s*\d+\s*조|第\s*\S{1,4}\s*[條条])", re.IGNORECASE
)
ARTICLES_WORD = re.compile(
    r"\b(?:articles?|article\(s\)|статьи|조)\b|第\s*\S{1,4}\s*[條条]", re.IGNORECASE
)
_ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"\u3007": 0}
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
EMPTY_GAP = re.compile(r"\[GAP:\s*\]")
NO_HEADINGS_GAP = (
    "article structure unknown: the source shows no article headings, "
    "so it cannot be told whether text is missing"
)


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


@dataclass(frozen=True)
class Meta:
    """What the user (or a text's header) says about a document that its body does not."""

    title: str | None = None
    parties: tuple[str, ...] = ()
    signed: str | None = None
    language: str = "en"
    official: bool = False
    complete: bool | None = None
    source: str | None = None


@dataclass
class _ArticleDraft:
    number: str
    label: str
    line: int | None
    chapter: str | None
    unnumbered: str | None = None
    lines: list[tuple[str, int | None]] = field(default_factory=list)
    heading: str | None = None
    inferred: str | None = None


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


def _is_closing_gap(reason: str) -> bool:
    return reason.lower().startswith(("closing", "the closing"))


def _names_preamble_and_articles(reason: str) -> bool:
    """Whether a gap says the preamble and some articles are missing."""
    what = reason.split(" - ")[0]
    return bool(re.search(r"\bpreamble\b", what, re.I) and ARTICLES_WORD.search(what))


def _is_article_gap(reason: str) -> bool:
    """Whether a gap after an article's text stands for whole articles, not a paragraph.

    It names articles, unless what it says is missing (before the first " - ") is a
    paragraph ("Article 52, paragraph 2 - ...", "paragraphs 4, 5 and 6 - not read").

    >>> _is_article_gap("Articles 5-23 - not quoted"), _is_article_gap("Article 52, paragraph 2")
    (True, False)
    """
    what = reason.split(" - ")[0]
    return bool(ARTICLES_WORD.search(reason)) and not re.search(r"\bparagraph", what, re.I)


def paragraph_of(text: str, pid: str, line: int | None) -> Paragraph:
    """A paragraph from its words, reading ``[GAP: reason]`` marks at either end."""
    text = unicodedata.normalize("NFC", text)
    m = GAP_ONLY.match(text)
    if m:
        return Paragraph(pid, "", line or 0, gap=m["reason"].strip())
    gap_before = None
    m = GAP_BEFORE.match(text)
    if m:
        gap_before, text = m["reason"].strip(), m["text"]
    m = GAP_AFTER.match(text)
    if m:
        return Paragraph(
            pid, m["text"], line or 0, gap_before=gap_before, gap_after=m["reason"].strip()
        )
    return Paragraph(pid, text, line or 0, gap_before=gap_before)


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


def is_structure(text: str) -> bool:
    """Whether a line is an article or chapter heading (what a title never is)."""
    patterns = (HEADING, UNNUMBERED, CONTINUED, CHAPTER)
    return any(p.match(text) for p in patterns)


def segment(
    blocks: list[Block],
    *,
    treaty_id: str,
    path: str,
    meta: Meta,
    warnings: list[str] | None = None,
) -> Treaty:
    """Build a ``Treaty`` from a document's blocks (see the module docstring).

    Raises:
        TreatyFileError: duplicate article numbers, an article without text, an
            empty ``[GAP:]``, or no text at all; every problem located.
    """
    warnings = warnings if warnings is not None else []
    title, body = _title(blocks, meta)
    lines, styled = _lines(body)
    parts = _Parts()
    parts.read(lines, styled)
    problems = [
        Problem(path, n, "a [GAP: ...] mark gives no reason", "say what is missing, and why")
        for line, n in lines
        if EMPTY_GAP.search(line)
    ]
    articles = _articles(parts.drafts, path, problems)
    if not articles and not parts.preamble:
        problems.append(
            Problem(
                path, None, "holds no treaty text", "give it a preamble or 'Article 1' headings"
            )
        )
    if problems:
        raise TreatyFileError(problems)

    if not parts.drafts and meta.complete is not True:
        warnings.append(
            f"{path}: no article headings found; the text is imported as a preamble and "
            "marked partial (pass --complete if it is the whole text)"
        )
        articles.append(Gap(NO_HEADINGS_GAP, 0))
    if not meta.parties:
        warnings.append(f"{path}: the parties are not known; pass --parties 'A; B' to name them")
    return _treaty(parts, articles, title or treaty_id, treaty_id=treaty_id, path=path, meta=meta)


def _title(blocks: list[Block], meta: Meta) -> tuple[str | None, list[Block]]:
    """The title (the user's, else a first block styled as a heading that is no article
    heading) and the blocks of text after it."""
    body = [b for b in blocks if b.text.strip()]
    title = meta.title
    if title is None and body and body[0].heading and not is_structure(body[0].text.strip()):
        title = body[0].text.strip()
        body = body[1:]
    elif title is not None and body and " ".join(body[0].text.split()) == " ".join(title.split()):
        body = body[1:]  # the title the user named, printed above the text
    return title, body


def _lines(body: list[Block]) -> tuple[list[tuple[str, int | None]], list[bool]]:
    """The blocks as lines (with where each came from) and whether each is styled as a
    heading: a run-in heading split from its words, a gap inside a paragraph split out."""
    lines: list[tuple[str, int | None]] = []
    styled: list[bool] = []
    for b in body:
        text = " ".join(b.text.split()) if b.heading else b.text.strip()
        if m := RUN_IN.match(text):  # the heading on a line of its own, the words after it
            lines.append((m["head"], b.line))
            styled.append(b.heading)
            text = m["rest"]
        parts = [text] if b.heading else split_inner_gap(text)
        lines.extend((part, b.line) for part in parts)
        styled.extend(b.heading for _ in parts)
    return lines, styled


@dataclass
class _Parts:
    """Where each line goes, read in order: preamble, an article (or a gap standing for
    articles), or the closing; with the chapter and article being read."""

    preamble: list[tuple[str, int | None]] = field(default_factory=list)
    drafts: list[_ArticleDraft | Gap] = field(default_factory=list)
    closing: list[tuple[str, int | None]] = field(default_factory=list)
    chapter: str | None = None
    current: _ArticleDraft | None = None
    unnumbered: int = 0
    in_closing: bool = False
    fresh_chapter: bool = False  # a chapter heading was just read, no article yet

    def read(self, lines: list[tuple[str, int | None]], styled: list[bool]) -> None:
        skip = -1
        for i, (line, number) in enumerate(lines):
            if i == skip:
                continue
            if self._heading(line, number):
                continue
            if CHAPTER.match(line) and len(line) < 80:
                self.chapter, self.fresh_chapter = line, True
                nxt = lines[i + 1][0] if i + 1 < len(lines) else ""
                if nxt.isupper() and not HEADING.match(nxt) and len(nxt) < 80:
                    self.chapter, skip = f"{line}: {nxt}", i + 1
                continue
            gap = GAP_ONLY.match(line)
            if styled[i] and not gap and (self.current is not None or self.chapter is not None):
                self._styled_heading(line)
                continue
            self._text(line, number, gap)

    def _heading(self, line: str, number: int | None) -> bool:
        """Start an article at an article heading (or an editor's note standing for one)."""
        m = HEADING.match(line)
        note = UNNUMBERED.match(line)
        continued = CONTINUED.match(line)
        if not (m or note or continued):
            return False
        self.in_closing = False
        if note:
            self.unnumbered += 1
            self.current = _ArticleDraft(
                f"u{self.unnumbered}", "", number, self.chapter, note["reason"]
            )
        elif continued:
            self.current = _ArticleDraft(continued["num"], "", number, self.chapter)
            self.current.inferred = continued["reason"]
        else:
            assert m is not None
            num = m["num"] or m["ko"] or zh_number(m["zh"])
            self.current = _ArticleDraft(num, line, number, self.chapter)
        self.drafts.append(self.current)
        self.fresh_chapter = False
        return True

    def _styled_heading(self, line: str) -> None:
        # A heading by its style, not its words: an article's caption right after
        # "Article N", a chapter's title right after "CHAPTER N", else a new part.
        current = self.current
        if current is not None and not current.lines and current.heading is None:
            current.heading = line
        elif self.fresh_chapter and self.chapter is not None:
            self.chapter = f"{self.chapter}: {line}"
        else:
            self.chapter, self.fresh_chapter = line, True

    def _text(self, line: str, number: int | None, gap: re.Match[str] | None) -> None:
        current = self.current
        if current is None and gap and ARTICLES_FIRST.match(gap["reason"]):
            # Before the first article heading: the articles missing before it.
            self.drafts.append(Gap(gap["reason"].strip(), number or 0))
        elif current is None and gap and _names_preamble_and_articles(gap["reason"]):
            # "preamble and Articles 1-2 - not read": both are missing.
            self.preamble.append((line, number))
            self.drafts.append(Gap(gap["reason"].strip(), number or 0))
        elif current is None:
            self.preamble.append((line, number))
        elif self.in_closing or CLOSING_START.match(line):
            self.in_closing = True
            self.closing.append((line, number))
        elif gap and _is_closing_gap(gap["reason"]):
            self.closing.append((line, number))
        elif gap and current.lines and _is_article_gap(gap["reason"]):
            # A gap after an article's text that names articles: the articles that follow;
            # when it names the closing formula too, the closing is missing as well.
            self.drafts.append(Gap(gap["reason"].strip(), number or 0))
            if re.search(r"\bclosing\b", gap["reason"], re.IGNORECASE):
                self.closing.append((line, number))
        else:
            current.lines.append((line, number))


def _articles(
    drafts: list[_ArticleDraft | Gap], path: str, problems: list[Problem]
) -> list[Article | Gap]:
    """The drafts as articles; a repeated number or an article without text is a problem."""
    seen: set[str] = set()
    articles: list[Article | Gap] = []
    for draft in drafts:
        if isinstance(draft, Gap):
            articles.append(draft)
            continue
        if draft.number.casefold() in seen:
            problems.append(
                Problem(
                    path,
                    draft.line,
                    f"duplicate article number '{draft.number}'",
                    "number each article once",
                )
            )
            continue
        seen.add(draft.number.casefold())
        if not draft.lines:
            problems.append(
                Problem(
                    path,
                    draft.line,
                    f"article {draft.number} has no text",
                    "add its paragraphs or a [GAP: reason] line",
                )
            )
            continue
        count = len(draft.lines)
        paragraphs = tuple(
            paragraph_of(t, paragraph_id(draft.number, k, count), n)
            for k, (t, n) in enumerate(draft.lines, start=1)
        )
        articles.append(
            Article(
                draft.number,
                paragraphs,
                draft.line or 0,
                label=draft.label or None,
                heading=draft.heading,
                chapter=draft.chapter,
                inferred=draft.inferred,
                unnumbered=draft.unnumbered,
            )
        )
    return articles


def _treaty(
    parts: _Parts,
    articles: list[Article | Gap],
    title: str,
    *,
    treaty_id: str,
    path: str,
    meta: Meta,
) -> Treaty:
    """The treaty, partial when any part has a gap; never claiming what it does not know.

    Raises:
        TreatyFileError: ``--complete`` was given but the text has gaps.
    """
    name = Path(path).name if path != "<stdin>" else "standard input"
    title = re.sub(r"\s+-\s+[A-Z ]+TEXT.*$", "", title)
    signed = meta.signed or ""
    preamble, closing = parts.preamble, parts.closing
    paras = tuple(paragraph_of(t, f"preamble.{k}", n) for k, (t, n) in enumerate(preamble, start=1))
    ends = tuple(paragraph_of(t, f"closing.{k}", n) for k, (t, n) in enumerate(closing, start=1))
    has_gap = any(p.is_gap or p.is_partial for p in (*paras, *ends)) or any(
        isinstance(a, Gap) or a.has_gap for a in articles
    )
    if meta.complete is True and has_gap:
        raise TreatyFileError(
            Problem(
                path, None, "--complete was given but the text has gaps", "leave out --complete"
            )
        )
    source_text = meta.source or f"imported from {name}"
    return Treaty(
        id=treaty_id,
        title=title,
        short_title=title if len(title) <= 40 else treaty_id,
        parties=meta.parties,
        language=meta.language,
        source=Source(text=source_text, authentic=False, official=meta.official),
        completeness="partial" if has_gap else "complete",
        signed=read_date(signed) if signed else None,
        place=(signed.split(",")[0].strip() or None) if "," in signed else None,
        preamble=paras,
        articles=tuple(articles),
        closing=ends,
        path=path,
    )
