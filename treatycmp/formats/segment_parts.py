"""Where each line of a treaty goes, read in order: the reading ``segment`` runs.

``Parts`` walks the lines once and puts each in the preamble, an article (or a gap
standing for articles) or the closing, keeping the chapter and the article being
read. Whether a line shaped like a heading starts an article is the numbering's
decision (``Parts._accepts``): the next number is a heading, an earlier one or a
reference to a paragraph of it (``Artikel 106 Absatz 2``) is text, a first number
again starts an annex's own articles. ``segment`` (blocks in, a treaty out, and
the checks of what was read) runs it; apart, each stays a module of one job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from treatycmp.errors import Problem
from treatycmp.formats.headings import (
    CHAPTER,
    Heading,
    follows,
    is_first,
    next_section,
    ordinal,
    read_heading,
)
from treatycmp.formats.languages import other_script
from treatycmp.formats.levels import name_parts, part_of
from treatycmp.formats.ocr_headings import (
    bracketed_heading,
    misread_heading,
    no_numeral,
    stray_numeral,
)
from treatycmp.formats.quotes import quoted_lines
from treatycmp.formats.segment_blocks import (
    ANNEX_START,
    ARTICLES_FIRST,
    CLOSING_START,
    MAX_ANNEX_LINE,
    PARAGRAPH_OF,
    is_article_gap,
    is_closing_gap,
    names_preamble_and_articles,
)
from treatycmp.formats.segment_build import GAP_ONLY
from treatycmp.formats.segment_drafts import (
    INSTRUMENT_TITLE,
    MAX_CHAPTER_LINE,
    ArticleDraft,
    Title,
    annexes_kept,
    chapter_follows,
    headings_kept_as_text,
    next_chapter,
    part_name,
    qualify_by_chapter,
    restarts_after_contents,
    restarts_in_chapter,
    several_instruments,
    spaced_number,
    titled_again,
)
from treatycmp.formats.segment_front import CONTINUED, UNNUMBERED
from treatycmp.model import Gap

# A table of contents' entry: the caption led to a page number by dots
# (``Article 1 Definitions ........ 2``; ``... this Convention.. 18`` where the caption
# left room for two), never an article's heading.
LEADER = re.compile(
    r"(?:\.\s?){4,}\s*[0-9ivxlc]*\s*$|\.{2,}\s*[0-9]+\s*$|\u2026+\s*[0-9ivxlc]*\s*$"
)


@dataclass
class Parts:
    """Where each line goes, read in order: preamble, an article (or a gap standing for
    articles), or the closing; with the chapter and article being read."""

    preamble: list[tuple[str, int | None]] = field(default_factory=list)
    drafts: list[ArticleDraft | Gap] = field(default_factory=list)
    closing: list[tuple[str, int | None]] = field(default_factory=list)
    chapter: str | None = None
    parts: tuple[str, ...] = ()  # the levels above the chapter, outermost first
    current: ArticleDraft | None = None
    unnumbered: int = 0
    in_closing: bool = False
    fresh_chapter: bool = False  # a chapter heading was just read, no article yet
    annexed: bool = False  # an annex's own "Article 1" was read: the rest is kept as text
    restarted: bool = False  # an "Article 1" under the next chapter: numbered per chapter
    chapters: list[str] = field(default_factory=list)
    numbered: dict[int, Heading] = field(default_factory=dict)  # conditions "1.I will"
    headed: frozenset[str] = frozenset()  # numbers with a heading on a line of its own
    quoted: frozenset[int] = frozenset()  # lines inside a quotation: an amendment's text
    merged_labels: list[str] = field(default_factory=list)  # a second heading of one article
    misread: list[str] = field(default_factory=list)  # OCR slips read by the numbering
    annexes: list[tuple[str, int | None]] = field(default_factory=list)  # kept as closing
    lead_annex: tuple[str, int | None] | None = None  # an annex heading over the first article
    titles: list[Title] = field(default_factory=list)  # instruments' title lines (TREATY ...)
    first_at: int = -1  # the index of the first article's heading
    last_at: int = -1  # the index of the last article's heading
    own_at: int = -1  # the index of the first heading numbered from 1 again after articles
    instruments: list[Problem] = field(default_factory=list)  # several in one file
    index: int = 0  # the line being read
    texts: list[str] = field(default_factory=list)  # every line, for the numbering ahead
    act_end: int = 0  # the lines of an act approving the instrument: the preamble's

    def read(self, lines: list[tuple[str, int | None]], styled: list[bool]) -> None:
        self.texts = [line for line, _ in lines]
        skip, self.quoted = -1, quoted_lines(self.texts)
        for i, (line, number) in enumerate(lines):
            if i < self.act_end:  # an approval act's line: the instrument's preamble
                self.preamble.append((line, number))
            if i == skip or i < self.act_end:
                continue
            self.index = i
            if INSTRUMENT_TITLE.match(line):
                self.titles.append((line, number, i))
            if self.annexed and not self.instruments and next_chapter(line, self.chapters):
                self.annexed = False  # a chapter's annex ends at the next chapter
            if self.annexed or (i in self.quoted and self.current is not None):
                self._aside(line, number)
                continue
            if self._heading(line, number, styled[i]):
                continue
            if not self.drafts and ANNEX_START.match(line) and len(line) <= MAX_ANNEX_LINE:
                self.lead_annex = (line, number)
            if self._annex(line, number):
                continue
            if (
                CHAPTER.match(line)
                and len(line) < MAX_CHAPTER_LINE
                and chapter_follows(line, self.chapters)
            ):
                self.parts = part_of(line, self.parts, self.chapter if self.fresh_chapter else None)
                self.fresh_chapter &= self.chapter not in self.parts  # a part's: name_parts
                self.flush_chapter()
                self.chapter, self.fresh_chapter = line, True
                self.chapters.append(line)
                nxt = lines[i + 1][0] if i + 1 < len(lines) else ""
                title = nxt.isupper() and len(nxt) < 80 and not CHAPTER.match(nxt)
                if title and not read_heading(nxt):
                    self.chapter, skip = f"{line}: {nxt}", i + 1
                    self.chapters[-1] = self.chapter
                continue
            gap = GAP_ONLY.match(line)
            if styled[i] and not gap and (self.current is not None or self.chapter is not None):
                self._styled_heading(line)
                continue
            self._text(line, number, gap)
        if self.restarted:  # numbered within each chapter: 2.1, 2.2 ...
            qualify_by_chapter(self.drafts)
        name_parts(self.drafts)
        self.flush_chapter()  # a chapter heading no article came under: text

    @property
    def part(self) -> str | None:
        """The levels above the chapter as one name, as each draft under them names them."""
        return part_name(self.parts)

    def _last_number(self) -> str | None:
        return next((d.number for d in reversed(self.drafts) if isinstance(d, ArticleDraft)), None)

    def _accepts(self, heading: Heading) -> bool | None:
        """Whether a heading starts the next article (True), is a cross-reference that
        begins a wrapped line (False), or starts an annex's own numbering (None).

        The numbering decides: the next number (or a bis of the last) is a heading; a
        first number after articles starts an annex; a later number may skip some
        (articles left out); an earlier one, or the same one with words after it, is a
        reference inside the text.
        """
        last = self._last_number()
        if heading.separated and not heading.rest and not heading.label.isascii():
            return True  # 第七條, 제7조: never a wrapped reference
        if not heading.separated and heading.label[:1] in "第제" and last is not None:
            # 第八条国际合作 glued to its words: a heading only where the numbering goes on
            # (第七十条规定 ... opening a paragraph is a reference, as is one whose number
            # has a heading of its own elsewhere: 第三条规定的 ... in Article 2).
            if heading.number in self.headed:
                return False
            return (
                True
                if follows(last, heading.number)
                else None
                if is_first(heading.number)
                else False
            )
        if (
            last is not None
            and "." in heading.number
            and "." not in last
            and not next_section(last, heading.number)
        ):
            return False  # Article 18.1 (Scope) among plain numbers: paragraph 1 of 18
        if last is None or follows(last, heading.number):
            return True
        # Článok 4, then "Článok 14 Zmluvy sa dopĺňa ...:": a sentence naming the article
        # it amends, not article 14 (which would leave article 4 without text), where the
        # next heading goes on from article 4 (else "Article 5 Each Party ..." after an
        # empty Article 3 and before Article 6 is article 5, not article 3's sentence).
        current = self.current
        empty = current is not None and not current.lines and current.heading is None
        if empty and heading.rest and heading.caption is None and self._resumes_after(last):
            return False
        if stray_numeral(heading.number, last):
            return False  # roman letters that make no numeral (XLVIL), out of the numbering
        if (heading.rest or "").startswith("(") or PARAGRAPH_OF.match(heading.rest or ""):
            return False  # "Article 11 (Establishment ...) of", "Artikel 106 Absatz 2": a reference
        if is_first(heading.number) and self._titled_anew():
            return None  # under another instrument's title: no part or chapter of the first
        last_draft = next(d for d in reversed(self.drafts) if isinstance(d, ArticleDraft))
        if restarts_in_chapter(heading.number, self.chapter, last_draft.chapter) or (
            is_first(heading.number) and self.part is not None and self.part != last_draft.part
        ):
            self.restarted = True  # articles numbered within each chapter
            return True
        if is_first(heading.number):
            return None
        if heading.rest is None and heading.number == last:
            return True  # a bare heading repeating the number: a duplicate, refused, not text
        now, before = ordinal(heading.number), ordinal(last)
        return now is None or before is None or now > before

    def _heading(self, line: str, number: int | None, styled: bool = False) -> bool:
        """Start an article at an article heading (or an editor's note standing for one)."""
        m = read_heading(line) or self.numbered.get(self.index)
        # No heading, or one whose number is no numeral (ARTICLE IH, XLVIL) or out of the
        # numbering (ARTICLE 1. after 6, an OCR slip): the numbering decides.
        found = self._misread(line, m)
        misread, m = found is not None, found or m
        m = spaced_number(m, self._last_number()) if m is not None else None
        note = UNNUMBERED.match(line)
        continued = CONTINUED.match(line)
        if not (m or note or continued) or (m is not None and m.rest and LEADER.search(m.rest)):
            return False  # no heading, or a table of contents' entry: text
        if m is not None:
            self._concordance(m)
        current = self.current
        if (
            m is not None
            and current is not None
            and m.number == current.number
            and (not current.lines or other_script(m.label, current.lines))
        ):
            # 第一條 then Art. 一 (or Article 1 after the Chinese text): one article.
            current.heading = current.heading or m.caption
            current.also.append(m.label)
            if m.rest and m.caption is None:
                current.lines.append((m.rest, number))  # the text run into the heading
            self.merged_labels.append(m.label)
            return True
        if m is not None and restarts_after_contents(self.drafts, m):
            # A list of contents (headings with no text between them), then the text
            # from its first article again: the list is front matter, kept as text.
            for draft in self.drafts:
                assert isinstance(draft, ArticleDraft)
                self.preamble += [(draft.as_text(), draft.line), *draft.lines]
            self.drafts, self.current = [], None
        if m is not None and not note and not continued and not misread:
            accepted = self._accepts(m)
            if accepted is None:  # an annex's own articles: no article's list of annexes
                self._own_numbering(line, number, m.label)
                self.in_closing = False
                return True
            if not accepted:
                return False
        if self.in_closing and self.annexes and not self.annexed and self.current is not None:
            at = self.closing.index(self.annexes.pop())  # an article follows: the last's text
            self.current.lines += self.closing[at:]
            del self.closing[at:]
        self.in_closing = False
        if note:
            self.unnumbered += 1
            self.current = ArticleDraft(
                f"u{self.unnumbered}", "", number, self.chapter, note["reason"]
            )
        elif continued:
            self.current = ArticleDraft(continued["num"], "", number, self.chapter)
            self.current.inferred = continued["reason"]
        else:
            assert m is not None
            self.current = ArticleDraft(m.number, m.label, number, self.chapter, levels=self.parts)
            if m.caption is not None:
                self.current.heading = m.caption
                self.current.printed = line.strip()
            elif m.rest:
                self.current.lines.append((m.rest, number))
        self.drafts.append(self.current)
        self.first_at = self.index if len(self.drafts) == 1 else self.first_at
        self.last_at = self.index
        self.fresh_chapter = False
        return True

    def _concordance(self, heading: Heading) -> None:
        """A bare heading repeating the article just begun, whose lines are all headings
        of other numbers (``Article 141`` / ``Article 119 - EC Treaty ...`` / ``Article
        119 - EEC Treaty`` / ``Article 141``: a database's concordance of former numbers
        above the heading): the first heading and its lines are text before the article
        (the preamble's, or the article's before), not a duplicate that refuses the file."""
        current = self.current
        if (
            current is None
            or not self.drafts
            or self.drafts[-1] is not current
            or heading.rest is not None
            or heading.number != current.number
            or current.heading is not None
            or not current.lines
        ):
            return
        for text, _ in current.lines:
            other = read_heading(text)
            if other is None or other.number == current.number:
                return
        self.drafts.pop()
        before = next((d for d in reversed(self.drafts) if isinstance(d, ArticleDraft)), None)
        (before.lines if before is not None else self.preamble).extend(
            [(current.label, current.line), *current.lines]
        )
        self.current = None

    def notes(self, lines: list[tuple[str, int | None]], path: str) -> list[str]:
        """What the reading leaves to be said: heading-shaped lines kept as text, OCR
        slips read by the numbering, annexes kept as the closing's text."""
        drafted = [d for d in self.drafts if isinstance(d, ArticleDraft)]
        labels = [(d.label, d.line) for d in drafted] + [(x, None) for x in self.merged_labels]
        return [
            *headings_kept_as_text(lines, labels, path, self.misread),
            *annexes_kept(self.annexes, path),
        ]

    def _aside(self, line: str, number: int | None) -> None:
        """A line no heading is read in: an annex's with its own articles (kept as the
        closing's text), or one quoted in an article (an amended article's heading)."""
        if self.annexed:
            self.closing.append((line, number))
        else:
            self._text(line, number, None)

    def _own_numbering(self, line: str, number: int | None, label: str) -> None:
        """An annex's own "Article 1": it and the rest are the closing's text, unless it
        starts the next of several instruments (refused): under the next annex heading
        when the first articles came under one, or under a title of the same kind as the
        first articles' (``TREATY WITH ...`` again)."""
        found = several_instruments(line, number, self.lead_annex, self.annexes)
        found = found if self.in_closing else None
        if found is None and (titled := titled_again(self.titles, self.first_at)) is not None:
            lead, again = titled
            found = several_instruments(label, number, lead[:2], [again[:2]])
        if found is not None and not self.instruments:
            self.instruments.append(found)
        self.own_at = self.index if self.own_at < 0 else self.own_at
        self.annexed = True
        self.closing.append((line, number))

    def _titled_anew(self) -> bool:
        """Whether a title of the same kind as the first articles' (``CONVENIO ...``
        again) came after the last article: an ``Article 1`` under it, even under a
        ``PARTE I`` or ``CHAPTER 1``, starts another instrument, not a part of the first."""
        titled = titled_again(self.titles, self.first_at)
        return titled is not None and titled[1][2] > self.last_at

    def _annex(self, line: str, number: int | None) -> bool:
        """An annex's heading after the articles starts the closing's text."""
        if self.current is None or not self.current.lines or len(line) > MAX_ANNEX_LINE:
            return False  # an article's heading may read "Article 3 Annex": its text
        if not ANNEX_START.match(line):
            return False
        self.flush_chapter()
        if not self.in_closing:
            self.annexes.append((line, number))
        self.in_closing = True
        self.closing.append((line, number))
        return True

    def _resumes_after(self, last: str) -> bool:
        """Whether the next heading after the line being read is the article after
        ``last`` (the numbering goes on as if that line were no heading)."""
        for text in self.texts[self.index + 1 :]:
            if (ahead := read_heading(text)) is not None:
                return follows(last, ahead.number)
        return False

    def _misread(self, line: str, heading: Heading | None) -> Heading | None:
        last = next((d for d in reversed(self.drafts) if isinstance(d, ArticleDraft)), None)
        if last is None:
            return None
        odd = heading is None or no_numeral(heading.number)
        found = misread_heading(line, last.label, last.number) if odd else None
        if found is None and (heading is None or not follows(last.number, heading.number)):
            word = last.label.split()[0] if last.label else ""
            found = bracketed_heading(self.texts, self.index, word, last.number)
        if found is not None:
            said = f"the article after {last.number}"
            if not found.label.endswith(found.number):
                said = f"{found.number}, {said}"  # a garbled roman numeral: the one expected
            self.misread.append(f"'{found.label}' as {said}")
        return found

    def _styled_heading(self, line: str) -> None:
        # A heading by its style, not its words: an article's caption right after
        # "Article N", a chapter's title right after "CHAPTER N", else a new part.
        current = self.current
        if current is not None and not current.lines and current.heading is None:
            current.heading = line
        elif self.fresh_chapter and self.chapter is not None:
            self.chapter = f"{self.chapter}: {line}"
        else:
            self.flush_chapter()
            self.chapter, self.fresh_chapter = line, True

    def flush_chapter(self) -> None:
        """A chapter heading no article came under (a sub-heading, or one at the end)
        stays text where it stood, so its words are not lost."""
        if self.fresh_chapter and self.chapter is not None:
            where = self.current.lines if self.current is not None else self.preamble
            (self.closing if self.in_closing or self.annexed else where).append(
                (self.chapter, None)
            )
            self.fresh_chapter = False

    def _text(self, line: str, number: int | None, gap: re.Match[str] | None) -> None:
        current = self.current
        if current is None and gap and ARTICLES_FIRST.match(gap["reason"]):
            # Before the first article heading: the articles missing before it.
            self.drafts.append(Gap(gap["reason"].strip(), number or 0))
        elif current is None and gap and names_preamble_and_articles(gap["reason"]):
            # "preamble and Articles 1-2 - not read": both are missing.
            self.preamble.append((line, number))
            self.drafts.append(Gap(gap["reason"].strip(), number or 0))
        elif current is None:
            self.preamble.append((line, number))
        elif self.in_closing or CLOSING_START.match(line):
            self.in_closing = True
            self.closing.append((line, number))
        elif gap and is_closing_gap(gap["reason"]):
            self.closing.append((line, number))
        elif gap and current.lines and is_article_gap(gap["reason"]):
            # A gap after an article's text that names articles: the articles that follow;
            # when it names the closing formula too, the closing is missing as well.
            self.drafts.append(Gap(gap["reason"].strip(), number or 0))
            if re.search(r"\bclosing\b", gap["reason"], re.IGNORECASE):
                self.closing.append((line, number))
        else:
            current.lines.append((line, number))
