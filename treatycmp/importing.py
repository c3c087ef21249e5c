"""Plain-text treaty -> model: the way a user brings a new text into the corpus.

The input is what one copies from a printed treaty: an optional header of
``# Key: value`` lines, then the preamble, then article headings (``Article 1``,
``ARTICLE I``, ``Art. 1.``, ``제1조``, ``Статья 1``) each followed by its
paragraphs, one per line. ``[GAP: reason]`` marks missing text, on a line of its
own or at either end of a paragraph. Words are never changed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem, TreatyFileError
from .model import Article, Gap, Paragraph, Source, Treaty, paragraph_id

HEADING = re.compile(
    r"^(?:(?:Article|ARTICLE|Art\.|ART\.|Статья|СТАТЬЯ)\s+(?P<num>[0-9]+[A-Za-z]?|[IVXLCDM]+)\.?"
    r"|제\s*(?P<ko>[0-9]+)\s*조)\s*$"
)
CHAPTER = re.compile(r"^(?:CHAPTER|Chapter|PART|Part|Глава|ГЛАВА|제\s*[0-9]+\s*장)\b.*$")
GAP_ONLY = re.compile(r"^\[GAP:\s*(?P<reason>[^\[\]]*)\]$")
GAP_AFTER = re.compile(r"^(?P<text>.*?\S) \[GAP:\s*(?P<reason>.*)\]$", re.DOTALL)
GAP_BEFORE = re.compile(r"^\[GAP:\s*(?P<reason>[^\]]*)\] (?P<text>\S.*)$", re.DOTALL)
UNNUMBERED = re.compile(r"^\[(?P<reason>Article number not known[^\]]*)\]$")
ARTICLES_WORD = re.compile(r"\b(?:articles?|article\(s\)|статьи|조)\b", re.IGNORECASE)
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
DATE_WORDS = re.compile(r"(?P<day>\d{1,2}) (?P<month>[A-Za-z]+),? (?P<year>\d{4})")


@dataclass
class _ArticleDraft:
    number: str
    label: str
    line: int
    chapter: str | None
    unnumbered: str | None = None
    lines: list[tuple[str, int]] = field(default_factory=list)


def _is_closing_gap(reason: str) -> bool:
    return reason.lower().startswith(("closing", "the closing"))


def _is_article_gap(reason: str) -> bool:
    """Whether a gap after an article's text stands for whole articles, not a paragraph."""
    return bool(ARTICLES_WORD.search(reason))


def _paragraph(text: str, pid: str, line: int) -> Paragraph:
    text = unicodedata.normalize("NFC", text)
    m = GAP_ONLY.match(text)
    if m:
        return Paragraph(pid, "", line, gap=m["reason"].strip())
    gap_before = None
    m = GAP_BEFORE.match(text)
    if m:
        gap_before, text = m["reason"].strip(), m["text"]
    m = GAP_AFTER.match(text)
    if m:
        return Paragraph(pid, m["text"], line, gap_before=gap_before, gap_after=m["reason"].strip())
    return Paragraph(pid, text, line, gap_before=gap_before)


def _date(text: str) -> str | None:
    m = DATE_WORDS.search(text)
    if not m or m["month"].lower() not in MONTHS:
        return None
    return f"{int(m['year']):04d}-{MONTHS[m['month'].lower()]:02d}-{int(m['day']):02d}"


def import_text(
    text: str,
    *,
    treaty_id: str,
    path: str = "<text>",
    title: str | None = None,
    language: str = "en",
) -> Treaty:
    """Build a ``Treaty`` from plain text (see the module docstring for the layout)."""
    header: dict[str, str] = {}
    body: list[tuple[str, int]] = []
    in_header = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if in_header and line.startswith("#"):
            key, sep, value = line.lstrip("# ").partition(":")
            if sep and key and " " not in key.strip()[:1] and len(key) < 40:
                header.setdefault(key.strip().lower(), value.strip())
            continue
        in_header = False
        if line.strip():
            body.append((line.strip(), number))

    preamble: list[tuple[str, int]] = []
    drafts: list[_ArticleDraft | Gap] = []
    closing: list[tuple[str, int]] = []
    chapter: str | None = None
    current: _ArticleDraft | None = None
    unnumbered = 0
    skip = -1
    for i, (line, number) in enumerate(body):
        if i == skip:
            continue
        m = HEADING.match(line)
        note = UNNUMBERED.match(line)
        if m or note:
            if note:
                unnumbered += 1
                current = _ArticleDraft(f"u{unnumbered}", "", number, chapter, note["reason"])
            else:
                current = _ArticleDraft(m["num"] or m["ko"], line, number, chapter)  # type: ignore[index]
            drafts.append(current)
            continue
        if CHAPTER.match(line) and len(line) < 80:
            chapter = line
            nxt = body[i + 1][0] if i + 1 < len(body) else ""
            if nxt.isupper() and not HEADING.match(nxt) and len(nxt) < 80:
                chapter, skip = f"{line}: {nxt}", i + 1
            continue
        gap = GAP_ONLY.match(line)
        if current is None:
            preamble.append((line, number))
        elif gap and _is_closing_gap(gap["reason"]):
            closing.append((line, number))
        elif gap and current.lines and _is_article_gap(gap["reason"]):
            # A gap after an article's text that names articles: the articles that follow.
            drafts.append(Gap(gap["reason"].strip(), number))
        else:
            current.lines.append((line, number))

    seen: set[str] = set()
    problems: list[Problem] = []
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
            _paragraph(t, paragraph_id(draft.number, k, count), n)
            for k, (t, n) in enumerate(draft.lines, start=1)
        )
        articles.append(
            Article(
                draft.number,
                paragraphs,
                draft.line,
                label=draft.label or None,
                chapter=draft.chapter,
                unnumbered=draft.unnumbered,
            )
        )
    if not articles and not preamble:
        problems.append(
            Problem(
                path, None, "holds no treaty text", "give it a preamble or 'Article 1' headings"
            )
        )
    if problems:
        raise TreatyFileError(problems)

    title = title or header.get("title") or treaty_id
    title = re.sub(r"\s+-\s+[A-Z ]+TEXT.*$", "", title)
    signed = header.get("signed", "")
    parties = tuple(p.strip() for p in header.get("parties", "").split(";") if p.strip())
    paras = tuple(_paragraph(t, f"preamble.{k}", n) for k, (t, n) in enumerate(preamble, start=1))
    has_gap = any(p.is_gap or p.is_partial for p in paras) or any(
        isinstance(a, Gap) or a.has_gap for a in articles
    )
    return Treaty(
        id=treaty_id,
        title=title,
        short_title=title if len(title) <= 40 else treaty_id,
        parties=parties,
        language=language,
        source=Source(text=f"imported from {Path(path).name}", authentic=False, official=True),
        completeness="partial" if has_gap else "complete",
        signed=_date(signed),
        place=signed.split(",")[0].strip() or None if "," in signed else None,
        preamble=paras,
        articles=tuple(articles),
        closing=tuple(
            _paragraph(t, f"closing.{k}", n) for k, (t, n) in enumerate(closing, start=1)
        ),
        path=path,
    )
