"""The words an import read and the words it kept: no text is lost silently.

The rule (docs/format.md, "Words read, words kept"): the words of the body (the
text after the title, in the language imported; article designators such as
``Article 5`` are labels, not words) are counted, and so are the words the
treaty holds (preamble, article captions and paragraphs, chapter headings,
closing). An import stops (exit 2) when the treaty holds less than 99% of the
body's words, or when a text longer than a page holds no article; under
``--allow-partial`` it imports with a warning instead. What a language choice
leaves out is counted apart and said.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.model import Article, Treaty

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
# The share of the body's words the treaty must hold.
MIN_KEPT = 0.99
# A page of text: more words than this, and no article, is a structure not seen ...
PAGE_WORDS = 500
# ... unless the text shows no sign of one: at most this many paragraphs (a letter,
# a firman, an exchange of notes), no line shaped like a heading, and fewer than
# this many run-in article designators (headings flattened into running text).
FEW_PARAGRAPHS = 12
_RUN_IN = re.compile(
    r"\b(?:Article|ARTICLE|Art\.|Artikel|Artículo|Artigo|Articolo|Artykuł|Статья|Стаття)"
    r"\s+(?:[0-9]+|[IVXLC]+)\b"
)
RUN_IN_ARTICLES = 3
# The formulas of a diplomatic letter (an exchange of notes or letters): its opening
# "I have the honour to ..." and its courtesy close "... the assurance of my highest
# consideration", in the languages treaties come in. A text that has two of them is a
# letter whatever its length: it has no articles to find.
_LETTER = re.compile(
    r"I have the hono(?:u)?r\b|J'ai l'honneur|J’ai l’honneur|Ich beehre mich"
    r"|Tengo el honor|Tenho a honra|Ho l'onore|Ik heb de eer|Mam zaszczyt|Имею честь"
    r"|(?:highest|high|most distinguished) consideration|haute considération"
    r"|ausgezeichneten Hochachtung|alta consideración|alta consideração"
    r"|alta considerazione|hoogachting|najwyższego szacunku|высок\w+ уважени",
    re.IGNORECASE,
)
MIN_LETTER_FORMULAS = 2
# A declaration, statement or communiqué names itself so in its first lines (its title):
# it states views and intentions without articles, so it has none to find either.
# "ERKL.RUNG": a PDF font may print the capital Ä as another glyph.
_DECLARATION = re.compile(
    r"\b(?:JOINT|GEMEINSAME|COMMUNE|CONJUNTA|CONGIUNTA|GEZAMENLIJKE)\b.{0,40}"
    r"\b(?:DECLARATION|STATEMENT|ERKL.RUNG|D.CLARATION|DECLARACI.N|DICHIARAZIONE|VERKLARING)"
    r"|\b(?:DECLARATION|D.CLARATION|DECLARACI.N)\s+(?:COMMUNE|CONJUNTA)\b"
    r"|\b(?:COMMUNIQU[EÉ]|KOMMUNIQU[EÉ])\b",
    re.IGNORECASE,
)
# How many lines at the start may hold that title.
TITLE_LINES = 6


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
    """
    shapes: Counter[str] = Counter()
    for line in lines:
        words = line.split()
        if 1 <= len(words) <= 6 and re.fullmatch(
            r"\(?([0-9]+|[IVXLCDM]+|[\u4e00-\u9fff]+)[.:)]?", words[1] if len(words) > 1 else ""
        ):
            shapes[f"{words[0]} N"] += 1
        elif m := re.match(r"^([0-9]+|[IVXLCDM]+)[.)]\s*\S", line):
            shapes["N. text" if m[1].isdigit() else "I. text"] += 1
    if not shapes:
        return None
    shape, n = shapes.most_common(1)[0]
    return f"'{shape}' ({n} lines)" if n >= 2 else None


def _plain_prose(lines: list[str]) -> bool:
    """Whether a text without articles shows no sign of a structure: a few paragraphs, a
    diplomatic letter's formulas (an exchange of notes of any length) or a title naming
    a joint declaration, statement or communiqué (of any length), and no article
    designators run into the text (a letter, not a flattened treaty).

    >>> _plain_prose(["Be it known to all that ...", "Dated 1758."])
    True
    >>> _plain_prose(["Article 1 The Parties ... Article 2 Each ... Article 3 This ..."])
    False
    >>> _plain_prose(["JOINT STATEMENT OF THE PARTIES"] + ["They note ..."] * 20)
    True
    """
    designators = {m.group(0).split()[-1] for line in lines for m in _RUN_IN.finditer(line)}
    letter = sum(len(_LETTER.findall(line)) for line in lines) >= MIN_LETTER_FORMULAS
    declaration = _DECLARATION.search(" ".join(lines[:TITLE_LINES])) is not None
    few = len(lines) <= FEW_PARAGRAPHS
    return (few or letter or declaration) and len(designators) < RUN_IN_ARTICLES


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
) -> None:
    """Stop an import that lost words or found no article in a long text, unless allowed.

    ``marked``: the format marks its headings (TEI), so a text without articles and
    without lines shaped like headings lost none: a preamble, warned by the caller.

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
        seen = heading_style(lines)
        if seen or not (marked or _plain_prose(lines)):
            problem = f"no article heading found in {coverage.read:,} words" + (
                f"; the lines that look like headings read {seen}" if seen else ""
            )
    if problem is None:
        return
    if allow_partial:
        warnings.append(f"{path}: {problem}; imported as found (--allow-partial)")
        return
    raise TreatyFileError(
        Problem(
            path,
            None,
            problem,
            "write each heading as 'Article N' on a line of its own (see docs/format.md), "
            "or pass --allow-partial to import it as found",
        )
    )
