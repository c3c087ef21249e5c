"""The words an import read and the words it kept: no text is lost silently.

The rule (docs/format.md, "Words read, words kept"): the words of the body (the
text after the title, in the language imported; article designators such as
``Article 5`` are labels, not words) are counted, and so are the words the
treaty holds (preamble, article captions and paragraphs, chapter headings,
closing). An import stops (exit 2) when the treaty holds less than 99% of the
body's words, or when a text longer than a page holds no article but shows a
structure that was not read; under ``--allow-partial`` it imports with a warning
instead. What a language choice leaves out is counted apart and said.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.headings import ARTICLE_WORD
from treatycmp.formats.number_words import EN_ORDINALS
from treatycmp.formats.segment_blocks import ANNEX_START, MAX_ANNEX_LINE
from treatycmp.model import Article, Treaty

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
# The share of the body's words the treaty must hold.
MIN_KEPT = 0.99
# A page of text: more words than this, and no article, is refused when the text shows a
# structure that was not read (docs/format.md, "Words read, words kept"): lines shaped
# like headings, or this many article designators run into its text (headings
# flattened into running text). A text that shows none is a preamble, with a warning.
PAGE_WORDS = 500
_RUN_IN = re.compile(
    r"\b(?:Article|ARTICLE|Art\.|Artikel|Artículo|Artigo|Articolo|Artykuł|Статья|Стаття)"
    r"\s+(?:[0-9]+(?:\.[0-9]+)*|[IVXLC]+)\b"
)
RUN_IN_ARTICLES = 3
_MARKUP = "#*_>[|~=+- \t"
# A number alone on its line in the marks a heading takes (I.  - 1 -  (2)), and the
# designator word with its number in words (FIRST ARTICLE, BİRİNCİ MADDE, Article the
# first): headings in a shape the reader does not read are evidence all the same.
_ALONE = re.compile(r"[\W_]*(?:[0-9]{1,3}|[IVXLCDM]{1,7})[\W_]*")
_DESIGNATOR = re.compile(rf"(?:{ARTICLE_WORD})[.:]?")
# The formulas of a diplomatic letter (an exchange of notes or letters): its opening
# "I have the honour to ..." and its courtesy close "... the assurance of my highest
# consideration", in the languages treaties come in. In a text with two of them, lines
# numbered (1), (2) or opened by First, Second are the letter's own paragraphs, not
# article headings the reader missed.
_LETTER = re.compile(
    r"I have the hono(?:u)?r\b|J'ai l'honneur|J’ai l’honneur|Ich beehre mich"
    r"|Tengo el honor|Tenho a honra|Ho l'onore|Ik heb de eer|Mam zaszczyt|Имею честь"
    r"|(?:highest|high|most distinguished) consideration|haute considération"
    r"|ausgezeichneten Hochachtung|alta consideración|alta consideração"
    r"|alta considerazione|hoogachting|najwyższego szacunku|высок\w+ уважени",
    re.IGNORECASE,
)
MIN_LETTER_FORMULAS = 2
_PARAGRAPH_SHAPES = ("(N) text", "'First.' ordinals")
# Provisions opened by an English ordinal and a stop or comma (First. Second, FIRST.-),
# a sequence the reader does not read as articles (it reads Firstly. and 1st.). Not a
# dash alone: a Robinson treaty of 1850 lists its reserves FIRST - ..., SECOND - ...
# in running prose (a schedule, not articles; bench/realdocs can-rt01).
_ORDINAL = re.compile(rf"({'|'.join(EN_ORDINALS[:10])})(?:ly)?\s*[.,:;]", re.IGNORECASE)
# A caption in capitals alone on its line (SCOPE, ENTRY INTO FORCE): at most this many
# words, and the next line prose of at least this many.
CAPTION_WORDS = 6
PROSE_WORDS = 8
_CAPTIONS = "'CAPTION' in capitals alone"


def count_words(text: str) -> int:
    """Words as the benchmark counts them: a Han or kana character, or a run of letters
    or digits.

    >>> count_words("Article 5. The Parties — 第一條")
    7
    """
    return len(_TOKEN.findall(text))


def treaty_words(treaty: Treaty) -> tuple[int, int, int]:
    """Words the treaty holds: (preamble, articles with their chapters, closing); a
    chapter's heading counts where a run of its articles begins."""
    preamble = sum(count_words(p.text) for p in treaty.preamble)
    closing = sum(count_words(p.text) for p in treaty.closing)
    chapter: str | None = None
    articles = 0
    for art in treaty.articles:
        if not isinstance(art, Article):
            continue
        articles += count_words(art.heading or "")
        articles += sum(count_words(p.text) for p in art.paragraphs)
        if art.chapter and art.chapter != chapter:
            # Printed once where it begins: again when a later part repeats the name
            # (CHAPTER 1 of PART I, then of PART II).
            articles += count_words(art.chapter)
        chapter = art.chapter
    return preamble, articles, closing


@dataclass(frozen=True)
class Coverage:
    """What an import read and kept, in words."""

    read: int
    preamble: int
    articles: int
    closing: int
    other_language: int = 0
    languages: tuple[str, ...] = ()

    @property
    def kept(self) -> int:
        return self.preamble + self.articles + self.closing

    def line(self, path: str) -> str:
        """The one line ``import`` says on stderr."""
        share = min(1.0, self.kept / self.read) if self.read else 1.0
        text = (
            f"{path}: read {self.read:,} words, kept {self.kept:,} ({100 * share:.1f}%: "
            f"preamble {self.preamble:,}, articles {self.articles:,}, closing {self.closing:,})"
        )
        if self.other_language:
            text += (
                f"; left out {self.other_language:,} words in {', '.join(self.languages)} "
                "(another language)"
            )
        return text


def heading_style(lines: list[str]) -> str | None:
    """The commonest shape of the short lines that look like headings ('Artikulu N'),
    said when no article heading was recognised.

    >>> heading_style(["Artikulu 1", "Text of it.", "Artikulu 2", "More."])
    "'Artikulu N' (2 lines)"
    >>> heading_style(["#### Article 6.1: Scope", "Text.", "#### Article 6.2: Terms", "More."])
    "'Article N' (2 lines)"
    >>> heading_style(["(1) The Parties shall.", "Text.", "(2) Each Party may."])
    "'(N) text' (2 lines)"
    >>> heading_style(["I have the honour ...", "(1) The Parties shall.", "(2) Each may.",
    ...                "Accept the assurance of my highest consideration."]) is None
    True
    """
    shapes = _captions(lines) + _ordinals(lines)
    for line in lines:
        # Markup the reader did not take for a heading's (``#### Article 6.1: Scope``,
        # ``> Article 2``) does not hide the shape.
        words = line.lstrip(_MARKUP).split()
        if 1 <= len(words) <= 6 and re.fullmatch(
            r"\(?([0-9]+(?:\.[0-9]+)*|[IVXLCDM]+|[\u4e00-\u9fff]+)[.:)]?",
            words[1] if len(words) > 1 else "",
        ):
            shapes[f"{words[0]} N"] += 1
        elif m := re.match(r"^([0-9]+|[IVXLCDM]+)[.)]\s*\S", line):
            shapes["N. text" if m[1].isdigit() else "I. text"] += 1
        elif re.match(r"^\([0-9]+\)\s*\S", line):
            shapes["(N) text"] += 1  # numbered paragraphs not read as articles
        elif len(line) <= 40 and _ALONE.fullmatch(line.strip()):
            shapes["'N' alone"] += 1
        elif shape := _worded(line.split()):
            shapes[shape] += 1
    if sum(len(_LETTER.findall(line)) for line in lines) >= MIN_LETTER_FORMULAS:
        for shape in _PARAGRAPH_SHAPES:
            del shapes[shape]  # a letter's numbered paragraphs: its own, not headings
    if not shapes:
        return None
    shape, n = shapes.most_common(1)[0]
    shown = shape if shape.startswith("'") else f"'{shape}'"
    return f"{shown} ({n} lines)" if n >= 2 else None


def _captions(lines: list[str]) -> Counter[str]:
    """Captions in capitals alone on their lines, between prose (``SCOPE``,
    ``DEFINITIONS``): the captions of unnumbered articles. A title (no prose before it),
    names in a signature block (``CANAGHQUIESON`` / ``for the Tuscaroras``), a quotation's
    last line (``JOHN BLAIR."``) and a caption said twice are not counted.

    >>> _captions(["TREATY", "The Parties agree to keep the roads between them open:",
    ...            "SCOPE", "This Treaty applies to the roads of both Parties.",
    ...            "TERMS", "The Parties shall keep the roads open to all vehicles."])
    Counter({"'CAPTION' in capitals alone": 2})
    """
    seen: set[str] = set()
    for before, line, after in zip(lines, lines[1:], lines[2:], strict=False):
        text = line.lstrip(_MARKUP).strip()
        if (
            1 <= len(text.split()) <= CAPTION_WORDS
            and text.isupper()
            and not any(c.isdigit() for c in text)
            and not text.endswith((":", ",", ";", '"', "\u201d", "'", "\u2019"))
            and count_words(before) >= PROSE_WORDS
            and count_words(after) >= PROSE_WORDS
            and not after.isupper()
        ):
            seen.add(text.rstrip("."))
    return Counter({_CAPTIONS: len(seen)}) if len(seen) >= 2 else Counter()


def _ordinals(lines: list[str]) -> Counter[str]:
    """Lines opened by an English ordinal and a stop or comma, counted when the
    sequence begins (a First and a Second): provisions numbered in words not read.

    >>> _ordinals(["First. The Parties shall.", "Second, each Party may.", "Firstly noted."])
    Counter({"'First.' ordinals": 2})
    """
    found = [m[1].lower() for line in lines if (m := _ORDINAL.match(line.lstrip(_MARKUP)))]
    if "first" in found and "second" in found:
        return Counter({"'First.' ordinals": len(found)})
    return Counter()


def _worded(words: list[str]) -> str | None:
    """The shape of a short line of the designator word and a number in words
    (``FIRST ARTICLE`` is ``W ARTICLE``), else None."""
    if not 2 <= len(words) <= 3 or any(c.isdigit() for w in words for c in w):
        return None
    marked = [w if _DESIGNATOR.fullmatch(w) else "W" for w in words]
    return " ".join(marked) if len(marked) - marked.count("W") == 1 else None


def run_in_style(lines: list[str]) -> str | None:
    """The article designators run into the text (a treaty flattened into running lines
    whose headings were not cut out), said when there are enough to be headings.

    >>> run_in_style(["Article 1 The Parties ... Article 2 Each ... Article 3 This ..."])
    "'Article N' run into the text (3 numbers: 1, 2, 3)"
    >>> run_in_style(["as Article 4 and Article 4 of the Convention say"]) is None
    True
    """
    found: dict[str, str] = {}
    for line in lines:
        for m in _RUN_IN.finditer(line):
            word, number = m.group(0).rsplit(None, 1)
            found.setdefault(number, word)
    if len(found) < RUN_IN_ARTICLES:
        return None
    word = next(iter(found.values()))
    shown = ", ".join(list(found)[:RUN_IN_ARTICLES])
    more = ", ..." if len(found) > RUN_IN_ARTICLES else ""
    return f"'{word} N' run into the text ({len(found)} numbers: {shown}{more})"


# A text of more than a page whose articles hold less than this share of the words it
# keeps (the rest its preamble and closing) may show a structure that was not read (a
# newsletter's column heads read as one article): said, and refused where the articles
# do not start the numbering either (``FAR_FROM_FIRST``).
MIN_ARTICLES_SHARE = 0.2


def annex_words(closing: list[str]) -> int:
    """The words of the closing from its first annex heading on (``ANNEX_START``): an
    annex or a schedule is the treaty's own text, kept, and no sign of headings unread
    however long it is.

    >>> annex_words(["Done at Rome.", "ANNEX", "1. Item one"])
    4
    """
    at = next(
        (i for i, x in enumerate(closing) if len(x) <= MAX_ANNEX_LINE and ANNEX_START.match(x)),
        None,
    )
    return 0 if at is None else sum(count_words(x) for x in closing[at:])


def thin_structure(coverage: Coverage, labels: list[str], annexed: int = 0) -> str | None:
    """What a long text's articles show when they hold too small a share of its words
    (``MIN_ARTICLES_SHARE``), said with the headings found; else None. The words of
    annexes after the closing (``annexed``) are left out of the text's.

    >>> thin_structure(Coverage(3652, 951, 1, 2700), ["Article 10"])
    "its 1 article ('Article 10') holds 1 of its 3,652 words (0.0%; preamble 951, closing 2,700)"
    >>> thin_structure(Coverage(3652, 100, 3000, 552), ["Article 1", "Article 2"]) is None
    True
    """
    kept = coverage.kept - annexed
    if not labels or kept <= PAGE_WORDS:
        return None
    share = coverage.articles / kept
    if share >= MIN_ARTICLES_SHARE:
        return None
    shown = ", ".join(f"'{x}'" for x in labels[:3]) + (", ..." if len(labels) > 3 else "")
    one = len(labels) == 1
    return (
        f"its {len(labels)} article{'' if one else 's'} ({shown}) {'holds' if one else 'hold'} "
        f"{coverage.articles:,} of its {kept:,} words ({100 * share:.1f}%; "
        f"preamble {coverage.preamble:,}, closing {coverage.closing - annexed:,})"
    )


# A lone article numbered from this on opens no numbering: an excerpt, or a reference
# read as a heading where the reader did not know the text's own headings.
FAR_FROM_FIRST = 3


def lone_article(coverage: Coverage, labels: list[str], first: int | None) -> str | None:
    """The warning's words for a long text whose one article is numbered far from 1
    (``FAR_FROM_FIRST``); else None.

    >>> lone_article(Coverage(3652, 951, 2000, 701), ["Article 10"], 10)
    "its one article is 'Article 10' (numbered far from 1)"
    """
    if len(labels) != 1 or first is None or first < FAR_FROM_FIRST:
        return None
    if coverage.kept <= PAGE_WORDS:
        return None
    return f"its one article is '{labels[0]}' (numbered far from 1)"


def check_coverage(
    coverage: Coverage,
    *,
    path: str,
    has_articles: bool,
    lines: list[str],
    allow_partial: bool,
    complete: bool,
    warnings: list[str],
    marked: bool = False,
    labels: list[str] | None = None,
    first: int | None = None,
    closing: list[str] | None = None,
) -> None:
    """Stop an import that lost words or found no article in a long text, unless allowed.

    A long text without articles is refused only where it shows a structure that was
    not read (lines shaped like headings, designators run into its text); one that
    shows none lost nothing: a preamble, warned by the caller (the refusal's purpose is
    the headings a reader missed, not the texts that have none). ``marked``: the format
    marks its headings (TEI), so designators in its running text are references.

    Raises:
        TreatyFileError: the rule of the module docstring is broken and
            ``allow_partial`` is False.
    """
    share = coverage.kept / coverage.read if coverage.read else 1.0
    problem: str | None = None
    if share < MIN_KEPT:
        problem = (
            f"the structure found holds {100 * share:.1f}% of the text's {coverage.read:,} "
            f"words (under {100 * MIN_KEPT:.0f}%)"
        )
    elif not has_articles and not complete and coverage.read > PAGE_WORDS:
        if seen := heading_style(lines):
            seen = f"the lines that look like headings read {seen}"
        elif not marked:
            seen = run_in_style(lines)
        if seen:
            problem = f"no article heading found in {coverage.read:,} words; {seen}"
    annexed = annex_words(closing or [])
    thin = None if complete else thin_structure(coverage, labels or [], annexed)
    far = first is not None and first >= FAR_FROM_FIRST
    if problem is None and thin and far:
        # Articles that hold little of a text and do not start its numbering: no
        # structure of the text's (a newsletter's column head read as an article).
        problem = f"the articles found hold little of the text: {thin}, numbered from {first}"
    if problem is None:
        if thin:  # from the first article: an amendment's sole article over its annex
            warnings.append(
                f"{path}: the articles found hold little of the text: {thin}; check that "
                "its headings were all read"
            )
        elif lone := lone_article(coverage, labels or [], first):
            warnings.append(
                f"{path}: {lone}: a text of more than a page numbered so is an excerpt, or "
                "its own headings were not read; check the source"
            )
        return
    if allow_partial:
        warnings.append(f"{path}: {problem}; imported as found (--allow-partial)")
        return
    raise TreatyFileError(
        Problem(
            path,
            None,
            problem,
            "write each heading as 'Article N' on a line of its own"
            + (" above its caption" if _CAPTIONS in problem else "")
            + " (see docs/format.md), or pass --allow-partial to import it as found",
        )
    )
