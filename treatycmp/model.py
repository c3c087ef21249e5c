"""The treaty model: frozen dataclasses that every other module reads.

A treaty is metadata plus a preamble, articles and a closing, each a sequence of
paragraphs. Missing text is never invented: a paragraph, an article or a run of
articles that no source supplied is a gap with a reason. The units that align,
diff and rules work on are ``Clause`` objects, which only ever hold real text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["article", "paragraph"]
LEVELS: tuple[Level, ...] = ("article", "paragraph")
Completeness = Literal["complete", "partial"]
StatusState = Literal["in force", "terminated", "superseded", "not in force"]


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as printed, or a gap where no source supplied it.

    ``gap_before``/``gap_after`` mark a paragraph the sources only give in part:
    the words present are exact, the rest is missing.
    """

    id: str
    text: str
    line: int
    gap: str | None = None
    gap_before: str | None = None
    gap_after: str | None = None

    @property
    def is_gap(self) -> bool:
        return self.gap is not None

    @property
    def is_partial(self) -> bool:
        return self.gap_before is not None or self.gap_after is not None


@dataclass(frozen=True)
class Gap:
    """An article or a run of articles that no source supplied."""

    reason: str
    line: int


@dataclass(frozen=True)
class Article:
    """An article: ``number`` as written in the source ("1", "I"), its paragraphs.

    ``inferred`` holds the reason when the number is not in the source but
    inferred (the KCNA English item of 2024 has no article numbers);
    ``unnumbered`` the reason an article has no known number (its id is ``u1``...).
    """

    number: str
    paragraphs: tuple[Paragraph, ...]
    line: int
    label: str | None = None
    heading: str | None = None
    chapter: str | None = None
    inferred: str | None = None
    unnumbered: str | None = None

    @property
    def id(self) -> str:
        return self.number

    @property
    def text(self) -> str:
        """The article's real text: its paragraphs' words, gaps left out."""
        return "\n".join(p.text for p in self.paragraphs if not p.is_gap and p.text)

    @property
    def has_gap(self) -> bool:
        return any(p.is_gap or p.is_partial for p in self.paragraphs)


def gap_names_article(reason: str, number: str) -> bool:
    """Whether a gap's reason names article ``number`` itself (not a range after it).

    >>> gap_names_article("second paragraph of Article IV - not read", "IV")
    True
    >>> gap_names_article("ARTICLE V to ARTICLE VIII - not read", "IV")
    False
    >>> gap_names_article("Articles 5-23 - not read", "4")
    False
    >>> gap_names_article("Articles 1-41 - not in the source (an extract of Article 42 only)", "42")
    False
    """
    pattern = rf"\barticles?\s+(?:\w+\s+(?:and|,)\s+)*{re.escape(number)}(?![\w-])"
    what = reason.split(" - ", 1)[0]  # "WHAT - why": an aside in the why names nothing
    return re.search(pattern, what, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Status:
    """Whether the treaty is in force, and if not since when and by what."""

    state: StatusState
    date: str | None = None
    by: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Source:
    """Which text this is (an authentic text, an official or unofficial translation).

    ``official`` is None when nobody said (a document imported without --official or
    --unofficial): every view then says the status was not given, not that it is
    unofficial.
    """

    text: str
    authentic: bool = False
    official: bool | None = True
    translator: str | None = None
    citation: str | None = None
    urls: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Clause:
    """A unit of comparison: real text only, with the id every output uses.

    Ids: article ``"4"``; paragraph ``"4.2"`` (or ``"4"`` when the article has a
    single paragraph); ``"preamble.3"``; ``"closing.1"``. ``chapter`` is the
    article's chapter as the text prints it (``Article.chapter``): the aligner's
    chapter prior (``align.chapters``) reads which clauses share one. It is context,
    not part of what a clause is: equality and hashing leave it out, so a clause read
    back from a stored index (which keeps no chapters) equals the one it was built from.
    """

    id: str
    text: str
    line: int
    article: str | None = None
    inferred: bool = False
    partial: bool = False
    chapter: str | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Treaty:
    """A treaty text in one language, as loaded from one YAML file."""

    id: str
    title: str
    short_title: str
    parties: tuple[str, ...]
    language: str
    source: Source
    completeness: Completeness
    signed: str | None = None
    place: str | None = None
    in_force: str | None = None
    status: Status | None = None
    supersedes: tuple[str, ...] = ()
    authentic_languages: tuple[str, ...] = ()
    rendering_of: str | None = None
    aliases: tuple[str, ...] = ()
    numbering_inferred: str | None = None
    preface: tuple[Paragraph, ...] = ()
    preamble: tuple[Paragraph, ...] = ()
    articles: tuple[Article | Gap, ...] = ()
    closing: tuple[Paragraph, ...] = ()
    path: str | None = field(default=None, compare=False)

    @property
    def article_list(self) -> tuple[Article, ...]:
        """The articles that exist in the text (gaps left out)."""
        return tuple(a for a in self.articles if isinstance(a, Article))

    @property
    def gaps(self) -> tuple[str, ...]:
        """Every gap's reason, in document order, for headers and caveats."""
        reasons: list[str] = []
        for p in (*self.preface, *self.preamble):
            reasons.extend(r for r in (p.gap, p.gap_before, p.gap_after) if r)
        for a in self.articles:
            if isinstance(a, Gap):
                reasons.append(a.reason)
            else:
                for p in a.paragraphs:
                    reasons.extend(r for r in (p.gap, p.gap_before, p.gap_after) if r)
        for p in self.closing:
            reasons.extend(r for r in (p.gap, p.gap_before, p.gap_after) if r)
        return tuple(reasons)

    def article(self, number: str) -> Article | None:
        """The article numbered ``number`` (compared case-insensitively), if any."""
        wanted = number.strip().casefold()
        for a in self.article_list:
            if a.number.casefold() == wanted:
                return a
        return None

    def clauses(self, level: Level = "paragraph") -> tuple[Clause, ...]:
        """The units of comparison at ``level``, in document order, gaps left out."""
        out: list[Clause] = [
            Clause(p.id, p.text, p.line, partial=p.is_partial)
            for p in self.preamble
            if not p.is_gap
        ]
        for index, a in enumerate(self.articles):
            if isinstance(a, Gap):
                continue
            inferred = a.inferred is not None
            before, after = self._open_ends(index)
            if level == "article":
                if a.text:
                    partial = a.has_gap or before or after
                    out.append(Clause(a.id, a.text, a.line, a.id, inferred, partial, a.chapter))
                continue
            real = [p for p in a.paragraphs if not p.is_gap]
            out.extend(
                Clause(
                    p.id,
                    p.text,
                    p.line,
                    a.id,
                    inferred,
                    p.is_partial or (before and p is real[0]),
                    a.chapter,
                )
                for p in real
            )
        out.extend(
            Clause(p.id, p.text, p.line, partial=p.is_partial) for p in self.closing if not p.is_gap
        )
        return tuple(out)

    def _open_ends(self, index: int) -> tuple[bool, bool]:
        """Whether the gap just before / after article ``index`` holds words of that article.

        A gap between articles that names the article ("second paragraph of Article IV",
        "rest of Article 1", "Article 4 paragraph 1 and paragraph 2 opening") may hold
        its words, so the article read is partial; one that names only other articles
        ("ARTICLE V to ARTICLE VIII") does not.
        """
        article = self.articles[index]
        assert isinstance(article, Article)

        def names(item: Article | Gap) -> bool:
            return isinstance(item, Gap) and gap_names_article(item.reason, article.number)

        before = index > 0 and names(self.articles[index - 1])
        after = index + 1 < len(self.articles) and names(self.articles[index + 1])
        return before, after

    def paragraph(self, clause_id: str) -> Paragraph | None:
        """The paragraph with this id ("4.2", "preamble.1"; "4.1" also finds "4")."""
        for p in self.all_paragraphs():
            if p.id == clause_id:
                return p
        number, _, index = clause_id.partition(".")
        if index == "1":
            art = self.article(number)
            if art is not None and len(art.paragraphs) == 1:
                return art.paragraphs[0]
        return None

    def all_paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph, gaps included, in document order."""
        paras: list[Paragraph] = [*self.preface, *self.preamble]
        for a in self.article_list:
            paras.extend(a.paragraphs)
        paras.extend(self.closing)
        return tuple(paras)


def paragraph_id(article: str, index: int, count: int) -> str:
    """The clause id of paragraph ``index`` (1-based) of an article with ``count`` paragraphs.

    >>> paragraph_id("4", 1, 1), paragraph_id("1", 2, 2)
    ('4', '1.2')
    """
    return article if count == 1 else f"{article}.{index}"
