"""Articles as the segmenter reads them, and the treaty's articles made from them.

Agreements of many chapters (free-trade agreements above all) number their
articles within each chapter: ``Chapter 2 ... Article 2.1`` (the drafters'
own chapter-qualified number, kept as printed) or ``Article 1`` again under
every chapter. An article's id must be unique in a treaty, so in the second
layout each article of a numbered chapter gets the chapter's number in front
(``Article 1`` of ``CHAPTER 2`` is article ``2.1``, the form drafters use when
they qualify numbers themselves) and keeps ``Article 1`` as its label, as
printed. Any number still repeated after that is an error, never dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from treatycmp.errors import Problem
from treatycmp.formats.conditions import numbered_conditions, stray_conditions
from treatycmp.formats.headings import (
    BARE_HEADING,
    CHAPTER,
    Heading,
    fallback_headings,
    follows,
    ordinal,
    zh_number,
)
from treatycmp.formats.instrument_words import KINDS_UPPER
from treatycmp.formats.languages import other_script
from treatycmp.formats.number_words import WORD_NUMBERS
from treatycmp.formats.ocr_headings import ocr_number
from treatycmp.formats.segment_build import paragraph_of
from treatycmp.model import Article, Gap, paragraph_id


def part_name(levels: tuple[str, ...]) -> str | None:
    """The levels above a chapter as one name (``PART I: TITLE II``), or None."""
    return ": ".join(levels) or None


@dataclass
class ArticleDraft:
    number: str
    label: str
    line: int | None
    chapter: str | None
    unnumbered: str | None = None
    lines: list[tuple[str, int | None]] = field(default_factory=list)
    heading: str | None = None
    inferred: str | None = None
    also: list[str] = field(default_factory=list)  # its designator in the other text
    levels: tuple[str, ...] = ()  # the levels above its chapter, outermost first (PART I, TITLE II)
    printed: str | None = None  # its heading's line as printed, should it become text again

    @property
    def part(self) -> str | None:
        """Its levels as one name: where chapters restart in parts."""
        return part_name(self.levels)

    def as_text(self) -> str:
        """The heading line as printed (separator included: ``Άρθρο 1 \u2212 Στόχος``), for an
        article read back as text; built from label and caption where no line was kept."""
        if self.printed is not None and not self.also:
            return self.printed
        return " ".join(x for x in (self.label, *self.also, self.heading) if x)

    def shown_label(self) -> str:
        """The designator in the script of the article's text (第一條 over Chinese
        text, Article 1 over English), whichever of the two the page printed first."""
        return next(
            (x for x in (self.label, *self.also) if not other_script(x, self.lines)), self.label
        )


# A chapter heading is a short line.
MAX_CHAPTER_LINE = 80
# A reference that begins a wrapped line: "Chapter 16 (Institutional Provisions) shall",
# "Chapter 2 of this Agreement" (a heading's title is not in brackets or lower case).
_REFERENCE = re.compile(r"^\S+\s+\S+\s+[(a-z]")
# The number of a chapter heading: CHAPTER 2, Chapter II: Title, PART ONE, 제2장, 第二章.
_CHAPTER_NUMBER = re.compile(
    r"^(?:\S+\s+(?P<n>[0-9]+|[IVXLCDM]+\b|[A-Za-z]+)|제\s*(?P<ko>[0-9]+)\s*장"
    r"|第\s*(?P<zh>[0-9]+|[\u3007零一二三四五六七八九十百]+)\s*[章編编部])"
)


def chapter_number(heading: str) -> str | None:
    """The number a chapter heading prints, in digits; None when it prints none.

    >>> [chapter_number(h) for h in ("CHAPTER 2", "Chapter IV: Trade", "PART ONE", "第三章")]
    ['2', '4', '1', '3']
    >>> chapter_number("Trade in Goods") is None
    True
    """
    if not CHAPTER.match(heading):
        return None
    m = _CHAPTER_NUMBER.match(heading)
    if m is None:
        return None
    if m["ko"]:
        return str(int(m["ko"]))
    if m["zh"]:
        return zh_number(m["zh"])
    raw = m["n"]
    if raw.casefold() in WORD_NUMBERS:
        return WORD_NUMBERS[raw.casefold()]
    place = ordinal(raw)
    return str(place[0]) if place is not None and place[1] == 0 else None


def _last_of_kind(line: str, chapters: list[str]) -> tuple[str | None, str | None]:
    """The number of ``line`` and of the last chapter heading of its kind before it."""
    word = line.split()[0].casefold() if line.split() else ""
    last = next((c for c in reversed(chapters) if c.split()[0].casefold() == word), None)
    return chapter_number(line), chapter_number(last) if last is not None else None


def chapter_follows(line: str, chapters: list[str]) -> bool:
    """Whether a line shaped like a chapter heading is one by the numbering: the first
    chapter, the next one after the last heading of its kind (CHAPTER after CHAPTER),
    or a first one again (the chapters of the next part). A line that opens with a
    reference to another chapter, wrapped so that it reads like a heading ("Chapter 6
    (Standards, Technical" inside Article 12 of Chapter 2, "Chapter 16 (Institutional
    Provisions) shall ..." under Chapter 15), is text.

    >>> chapter_follows("CHAPTER 3", ["CHAPTER 1", "CHAPTER 2"])
    True
    >>> chapter_follows("Chapter 6 (Standards, Technical", ["CHAPTER 1", "CHAPTER 2"])
    False
    >>> chapter_follows("CHAPTER I", ["PART I", "CHAPTER I", "CHAPTER II", "PART II"])
    True
    >>> chapter_follows("Chapter 16 (Institutional Provisions).", ["CHAPTER 15"])
    False
    """
    if _REFERENCE.match(line):
        return False
    now, before = _last_of_kind(line, chapters)
    if now is None or before is None:
        return True
    return int(now) in (1, int(before) + 1)


def next_chapter(line: str, chapters: list[str]) -> bool:
    """Whether a line is the heading of the chapter after the last one: what ends a
    chapter's annex (its own ``Article 1`` ...) in an agreement of many chapters.

    >>> next_chapter("CHAPTER 9", ["CHAPTER 8"]), next_chapter("PART I", ["PART XVII"])
    (True, False)
    """
    if not CHAPTER.match(line) or len(line) >= MAX_CHAPTER_LINE:
        return False
    now, before = _last_of_kind(line, chapters)
    return now is not None and before is not None and int(now) == int(before) + 1


def restarts_in_chapter(number: str, chapter: str | None, last_chapter: str | None) -> bool:
    """Whether an ``Article 1`` begins a new numbered chapter's own numbering (not an
    annex's): it comes under a chapter heading whose number is after the last article's.

    >>> restarts_in_chapter("1", "CHAPTER 2", "CHAPTER 1"), restarts_in_chapter("1", None, None)
    (True, False)
    >>> restarts_in_chapter("1", "Chapter 2 (Trade in Goods) applies", "CHAPTER 6")
    False
    """
    if ordinal(number) != (1, 0) or chapter is None or chapter == last_chapter:
        return False
    now = chapter_number(chapter)
    before = chapter_number(last_chapter) if last_chapter else None
    return now is not None and (before is None or int(now) > int(before))


def spaced_number(heading: Heading, last: str | None) -> Heading:
    """``Article 23. 8: Caption`` after Article 23.7: a space crept into the chapter-qualified
    number (as text layers and conversions print it); it is Article 23.8 where that is the
    next number, else the heading as read (``Article 2. 1. Cooperation``: Article 2 and
    its paragraph 1).

    >>> spaced_number(Heading("23", "Article 23.", "8: Relation", True), "23.7").number
    '23.8'
    >>> spaced_number(Heading("2", "Article 2.", "1. Cooperation ...", True), "1").number
    '2'
    """
    m = re.match(r"([0-9]+)[.:]?(?:\s+(\S.*))?$", heading.rest or "")
    if m is None or last is None or "." not in last:
        return heading
    if not re.fullmatch(r"[0-9]+|[IVXLCDM]+", heading.number):
        return heading  # Article IV. 3 after IV.2 likewise (a section's article)
    number = f"{heading.number}.{m[1]}"
    if not follows(last, number):
        return heading
    return Heading(number, f"{heading.label} {m[1]}", m[2], True)


def qualify_by_chapter(drafts: list[ArticleDraft | Gap]) -> None:
    """Number each article of a numbered chapter within it: ``Article 1`` of
    ``CHAPTER 2`` becomes article ``2.1`` (its label stays as printed).

    The chapters' own numbering decides which chapter an article is in: a line that
    opens with a reference to an earlier chapter ("Chapter 2 (Trade in Goods) shall
    not apply ...", wrapped so that it reads like a heading) does not move it back.
    """
    place: str | None = None
    numbered = [d for d in drafts if isinstance(d, ArticleDraft) and not d.unnumbered]
    # Chapters numbered from 1 again in each part: the part's number goes first too
    # (Article 1 of CHAPTER 1 of PART II is 2.1.1).
    nested = len({(d.part, d.chapter) for d in numbered if d.part}) > len(
        {d.chapter for d in numbered if d.part}
    )
    for draft in numbered:
        now = chapter_number(draft.chapter) if draft.chapter else None
        if nested and draft.part and now is not None:
            draft.number = f"{chapter_number(draft.part)}.{now}.{draft.number}"
            continue
        if now is not None and (place is None or int(now) > int(place)):
            place = now
        if place is not None:
            draft.number = f"{place}.{draft.number}"


def articles_of(
    drafts: list[ArticleDraft | Gap],
    path: str,
    problems: list[Problem],
    empty_fix: str | None = None,
) -> list[Article | Gap]:
    """The drafts as articles; a repeated number or an article without text is a problem
    (``empty_fix``: the fix to name for the latter, when not the usual one)."""
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
        if not draft.lines and draft.heading:
            # All its words on the heading line ("Статья 56 Предотвращение споров Стороны
            # сотрудничают ..."): what looked like a caption is the article's text.
            draft.lines, draft.heading = [(draft.heading, draft.line)], None
        if not draft.lines:
            problems.append(
                Problem(
                    path,
                    draft.line,
                    f"article {draft.number} has no text",
                    empty_fix or "add its paragraphs or a [GAP: reason] line",
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
                label=draft.shown_label() or None,
                heading=draft.heading,
                chapter=draft.chapter,
                inferred=draft.inferred,
                unnumbered=draft.unnumbered,
            )
        )
    return articles


def inferred_headings(texts: list[str], path: str, warnings: list[str]) -> dict[int, Heading]:
    """A text without article headings: its ``Section 1`` / ``§ 1`` lines, else its
    numbered paragraphs ``1.`` ``2.`` ``3.``, are its articles; said in a warning (with
    the numbered lines out of sequence kept as text), since the reading is inferred."""
    found = fallback_headings(texts)
    kind = "lines" if found else "numbered paragraphs"
    found = found or numbered_conditions(texts)
    if not found:
        return found
    heads = list(found.values())
    warning = (
        f"{path}: no 'Article' heading; the {len(heads)} {kind} '{heads[0].label}' ... "
        f"'{heads[-1].label}' are read as its articles"
    )
    if kind != "lines" and (stray := stray_conditions(texts, found)):
        warning += f", {stray} numbered line(s) out of their sequence kept as text"
    if garbled := [h for h in heads if kind != "lines" and not h.label.endswith((".", ")"))]:
        said = ", ".join(
            f"'{h.label} {(h.rest or '')[:12].strip()}' as {h.number}" for h in garbled
        )
        warning += f"; read {said} where the numbering is certain (a mark garbled by OCR)"
    warnings.append(warning + " (write 'Article N' headings if that is not its structure)")
    return found


def headings_kept_as_text(
    lines: list[tuple[str, int | None]],
    labels: list[tuple[str, int | None]],
    path: str,
    misread: list[str] | None = None,
) -> list[str]:
    """The warning (none or one) naming the lines that look like a heading alone on
    its line (``Article IV.8``, ``Article Vbis``) but were kept as text.

    The numbering keeps such a line as text when it is a cross-reference, a list of
    articles or an annex's own article: right most of the time, but a heading style
    the reader does not know ends the same way, and the structure would then be lost
    with every word kept. Saying so leaves no structure lost silently. ``labels``: the
    headings read and their lines (a concordance's line is named, not the heading after).

    >>> lines = [("Article 1", 1), ("Article 4", 7)]
    >>> headings_kept_as_text(lines, [("Article 1", 1)], "t")[0].split(":")[:2]
    ['t', ' 1 line shaped like an article heading kept as text (line 7']
    >>> headings_kept_as_text([("Article 1", 1)], [("Article 1", None)], "t")
    []
    """
    accepted = Counter(" ".join(label.split()) for label, _ in labels)
    heads = Counter((" ".join(label.split()), at) for label, at in labels)
    bare = [(t, n) for line, n in lines if BARE_HEADING.match(t := " ".join(line.split()))]
    read: list[bool] = []  # whether a line is a heading read (each at most once)
    for text, number in bare:
        read.append(heads[text, number] > 0)
        heads[text, number] -= 1
        accepted[text] -= read[-1]
    kept: list[tuple[str, int | None]] = []
    for (text, number), was in zip(bare, read, strict=True):
        if not was and accepted[text] > 0:
            accepted[text] -= 1
        elif not was:
            kept.append((text, number))
    said = (
        [
            f"{path}: read {', '.join(misread)} where the numbering is certain (an OCR slip "
            "of the designator or its numeral; a numeral with one character garbled is read "
            "as the number expected, any other number is kept as printed): check the source"
        ]
        if misread
        else []
    )
    if not kept:
        return said
    first, number = kept[0]
    where = f"line {number}: " if number is not None else ""
    if (ocr := ocr_number(first, first.split()[0])) is not None:
        first += f"', perhaps OCR for '{first.split()[0]} {ocr}"
    many = "line" if len(kept) == 1 else "lines"
    return [
        *said,
        f"{path}: {len(kept)} {many} shaped like an article heading kept as text "
        f"({where}'{first}'): a cross-reference, a list or an annex's own article; "
        "if it is a heading, check the numbering before it",
    ]


def annexes_kept(annexes: list[tuple[str, int | None]], path: str) -> list[str]:
    """The warning (none or one) that annexes after the articles were kept as the
    closing's text: they are not the last article's, nor lost.

    >>> annexes_kept([("ANNEX I", 40), ("ANNEX II", 52)], "t")[0].split(":")[1]
    ' 2 annexes after the articles (line 40'
    """
    if not annexes:
        return []
    first, number = annexes[0]
    where = f"line {number}: " if number is not None else ""
    many = "an annex" if len(annexes) == 1 else f"{len(annexes)} annexes"
    return [
        f"{path}: {many} after the articles ({where}'{first}') kept as the closing's text, "
        "with what follows it up to the next article heading; if it is the last "
        "article's text, join it to that article's paragraphs"
    ]


def several_instruments(
    line: str,
    number: int | None,
    lead: tuple[str, int | None] | None,
    annexes: list[tuple[str, int | None]],
) -> Problem | None:
    """The refusal of a file of several instruments (a notice of several decisions): its
    first articles came under an annex heading (``Anhang 1``) and the numbering starts
    again under the next one. No treaty file holds two articles 1, and keeping the later
    ones as annex text would hide instruments; a treaty's annex with its own articles
    comes after articles not under an annex heading, and stays text (with a warning).

    >>> several_instruments("Art. 1", 9, ("Anhang 1", 2), [("Anhang 2", 8)]).line
    9
    >>> several_instruments("Art. 1", 9, None, [("Anhang 2", 8)]) is None
    True
    """
    if lead is None or not annexes:
        return None
    again, again_at = annexes[-1]
    return Problem(
        "",
        number,
        f"'{line}' under '{again}' (line {again_at}) numbers from 1 again, as under "
        f"'{lead[0]}' (line {lead[1]}): several instruments in one file",
        "split it into one file per instrument",
    )


# A title line that opens an instrument: in capitals, led by the kind of instrument
# (TREATY WITH THE CREEK NATION., CONVENTION ON ...).
INSTRUMENT_TITLE = re.compile(rf"^(?P<kind>{KINDS_UPPER})\b[^a-z]{{0,120}}$")
Title = tuple[str, int | None, int]  # a title line: its text, line number and index


def titled_again(titles: list[Title], first_at: int) -> tuple[Title, Title] | None:
    """The title line over the first articles and the last one after them, where both
    name the same kind of instrument (``TREATY WITH ...`` twice): an ``Article 1`` under
    the second starts another instrument (a statute book's volume of treaties), not an
    annex of the first (an annexed ``PROTOCOL`` after a ``TREATY`` stays text).

    >>> t = [("TREATY WITH A.", 1, 0), ("TREATY WITH B.", 90, 40)]
    >>> [x[0] for x in titled_again(t, 3) or ()]
    ['TREATY WITH A.', 'TREATY WITH B.']
    >>> titled_again([("TREATY WITH A.", 1, 0), ("PROTOCOL", 90, 40)], 3) is None
    True
    """
    before = [t for t in titles if t[2] < first_at]
    after = [t for t in titles if t[2] > first_at]
    if not before or not after:
        return None
    lead, again = before[-1], after[-1]
    kinds = [INSTRUMENT_TITLE.match(t[0]) for t in (lead, again)]
    same = all(kinds) and len({k["kind"] for k in kinds if k}) == 1
    return (lead, again) if same else None


# Headings with no text between them, from this many on, then the first again: contents.
MIN_CONTENTS = 3


def restarts_after_contents(drafts: list[ArticleDraft | Gap], heading: Heading) -> bool:
    """Whether a heading starts the text again after a list of contents (headings with
    no text between them, then the first again); the last may hold the text before
    the first article (``The Parties have agreed as follows:``)."""
    return (
        len(drafts) >= MIN_CONTENTS
        and all(isinstance(d, ArticleDraft) and not d.lines for d in drafts[:-1])
        and isinstance(drafts[-1], ArticleDraft)
        and isinstance(drafts[0], ArticleDraft)
        and heading.number == drafts[0].number
    )
