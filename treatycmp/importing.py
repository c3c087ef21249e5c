"""Plain-text treaty -> model: the way a user brings a new text into the corpus.

The input is what one copies from a printed treaty: an optional header of
``# Key: value`` lines, then the preamble, then article headings (``Article 1``,
``ARTICLE I``, ``Art. 1.``, ``제1조``, ``Статья 1``) each followed by its
paragraphs, one per line. ``[GAP: reason]`` marks missing text, on a line of its
own or at either end of a paragraph. Words are never changed.

What is built is dumped and checked by the loader before anyone writes it, so an
import never produces a file that ``validate`` rejects; problems point at the
input's lines.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .dump import treaty_to_yaml
from .errors import Problem, TreatyFileError
from .loading import LANG_PATTERN, check_text, yaml_loader
from .model import Article, Gap, Paragraph, Source, Treaty, paragraph_id

HEADING = re.compile(
    r"^(?:(?:Article|ARTICLE|Art\.|ART\.|Статья|СТАТЬЯ)\s+(?P<num>[0-9]+[A-Za-z]?|[IVXLCDM]+)\.?"
    r"|제\s*(?P<ko>[0-9]+)\s*조)\s*$"
)
CHAPTER = re.compile(r"^(?:CHAPTER|Chapter|PART|Part|Глава|ГЛАВА|제\s*[0-9]+\s*장)\b.*$")
GAP_ONLY = re.compile(r"^\[GAP:\s*(?P<reason>[^\[\]]*)\]$")
GAP_AFTER = re.compile(r"^(?P<text>.*?\S) \[GAP:\s*(?P<reason>.*)\]$", re.DOTALL)
GAP_BEFORE = re.compile(r"^\[GAP:\s*(?P<reason>[^\]]*)\] (?P<text>\S.*)$", re.DOTALL)
# The closing formula ("IN WITNESS WHEREOF ...", "Done at ...") ends the last article.
CLOSING_START = re.compile(r"^(?:IN WITNESS WHEREOF|In witness whereof|DONE at|Done at)\b")
UNNUMBERED = re.compile(r"^\[(?P<reason>Article number not known[^\]]*)\]$")
ARTICLES_WORD = re.compile(r"\b(?:articles?|article\(s\)|статьи|조)\b", re.IGNORECASE)
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


def _date(text: str) -> str | None:
    """The first date in ``text`` ("6 July 1961" or "1961-07-06") as YYYY-MM-DD, if real.

    >>> _date("Moscow, 6 July 1961"), _date("1961-07-06"), _date("31 June 1961")
    ('1961-07-06', '1961-07-06', None)
    >>> _date("Ташкент, 15 мая 1992 года")
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
    header_lines: dict[str, int] = {}
    body: list[tuple[str, int]] = []
    in_header = True
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        if in_header and line.startswith("#"):
            key, sep, value = line.lstrip("# ").partition(":")
            if sep and key and " " not in key.strip()[:1] and len(key) < 40:
                header.setdefault(key.strip().lower(), value.strip())
                header_lines.setdefault(key.strip().lower(), number)
            continue
        in_header = False
        if line.strip():
            body.extend((part, number) for part in split_inner_gap(line.strip()))

    preamble: list[tuple[str, int]] = []
    drafts: list[_ArticleDraft | Gap] = []
    closing: list[tuple[str, int]] = []
    chapter: str | None = None
    current: _ArticleDraft | None = None
    unnumbered = 0
    in_closing = False
    skip = -1
    for i, (line, number) in enumerate(body):
        if i == skip:
            continue
        m = HEADING.match(line)
        note = UNNUMBERED.match(line)
        if m or note:
            in_closing = False
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
        elif in_closing or CLOSING_START.match(line):
            in_closing = True
            closing.append((line, number))
        elif gap and _is_closing_gap(gap["reason"]):
            closing.append((line, number))
        elif gap and current.lines and _is_article_gap(gap["reason"]):
            # A gap after an article's text that names articles: the articles that follow.
            drafts.append(Gap(gap["reason"].strip(), number))
        else:
            current.lines.append((line, number))

    seen: set[str] = set()
    problems = _header_problems(header, header_lines, path, language)
    problems.extend(
        Problem(path, n, "a [GAP: ...] mark gives no reason", "say what is missing, and why")
        for line, n in body
        if EMPTY_GAP.search(line)
    )
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
    ends = tuple(_paragraph(t, f"closing.{k}", n) for k, (t, n) in enumerate(closing, start=1))
    has_gap = any(p.is_gap or p.is_partial for p in (*paras, *ends)) or any(
        isinstance(a, Gap) or a.has_gap for a in articles
    )
    treaty = Treaty(
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
        closing=ends,
        path=path,
    )
    fields = {"title": "title", "short_title": "title", "parties": "parties"}
    fields |= {"signed": "signed", "place": "signed"}
    checked_yaml(treaty, {k: header_lines[v] for k, v in fields.items() if v in header_lines})
    return treaty


def _header_problems(
    header: Mapping[str, str], lines: Mapping[str, int], path: str, language: str
) -> list[Problem]:
    """What the header or the options say that no treaty file could hold."""
    problems: list[Problem] = []
    if not LANG_PATTERN.match(language):
        problems.append(
            Problem(
                path,
                None,
                f"language '{language}' is not a language code",
                "use an ISO 639-1 code such as en, ko, ru",
            )
        )
    if not any(p.strip() for p in header.get("parties", "").split(";")):
        problems.append(
            Problem(
                path,
                lines.get("parties"),
                "the text names no parties",
                "add a header line such as '# Parties: Alpha; Beta' at the top",
            )
        )
    signed = header.get("signed", "")
    if signed and _date(signed) is None:
        problems.append(
            Problem(
                path,
                lines["signed"],
                f"'# Signed: {signed}' holds no date that can be read",
                "write the date as 1961-07-06 or 6 July 1961, after the place: "
                "'# Signed: Moscow, 6 July 1961'",
            )
        )
    return problems


def checked_yaml(treaty: Treaty, field_lines: Mapping[str, int] | None = None) -> str:
    """The treaty as YAML, once the loader accepts it: an import never writes a bad file.

    Each problem is placed at the input line the offending part came from
    (paragraphs and articles carry their input line; ``field_lines`` gives the
    lines of top-level fields such as ``signed``), or at no line when unknown.

    Raises:
        TreatyFileError: the loader rejects the result.
    """
    text = treaty_to_yaml(treaty)
    name = treaty.path or treaty.id
    _, problems = check_text(text, name)
    if not problems:
        return text
    where = _input_lines(text, treaty, field_lines or {})
    raise TreatyFileError(
        [Problem(name, where.get(p.line) if p.line else None, p.message, p.hint) for p in problems]
    )


def _input_lines(text: str, treaty: Treaty, field_lines: Mapping[str, int]) -> dict[int, int]:
    """YAML line -> input line, by walking the dumped YAML beside the model it came from."""
    out: dict[int, int] = {}

    def mark(node: yaml.Node, line: int) -> None:
        first = int(node.start_mark.line) + 1
        last = int(node.end_mark.line) + (1 if node.end_mark.column else 0)
        for n in range(first, max(first, last) + 1):
            out[n] = line

    root = yaml.compose(text, Loader=yaml_loader())
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        name = str(key.value)
        if name in field_lines:
            mark(key, field_lines[name])
            mark(value, field_lines[name])
        parts: tuple[Paragraph | Article | Gap, ...] = getattr(treaty, name, ())
        if name not in ("preface", "preamble", "articles", "closing"):
            continue
        if not isinstance(value, yaml.SequenceNode):
            continue
        for node, part in zip(value.value, parts, strict=False):
            mark(node, part.line)
            if isinstance(part, Article) and isinstance(node, yaml.MappingNode):
                paras = next((v for k, v in node.value if k.value == "paragraphs"), None)
                if isinstance(paras, yaml.SequenceNode):
                    for pnode, para in zip(paras.value, part.paragraphs, strict=False):
                        mark(pnode, para.line)
    return out
