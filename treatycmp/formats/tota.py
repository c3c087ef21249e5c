"""ToTA XML -> model: researchers who use the Texts of Trade Agreements corpus can use treatycmp.

ToTA (Alschner, Seiermann, Skougarevskiy; CC BY-NC 4.0) gives each agreement as
``<treaty><meta>...</meta><body><chapter><article>...`` with WTO RTA metadata.
Chapters become each article's ``chapter``; an unnumbered article in a chapter
named "Preamble" becomes the preamble; an article's text is one paragraph unless
it is plainly numbered "1. ... 2. ..." from 1 in order. Words, OCR errors
included, are kept exactly; only white space at paragraph edges is trimmed.

The XML is parsed with expat and a document type declaration is refused, so
entity expansion (the "billion laughs") cannot happen; ToTA files have none.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.parsers import expat

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.escape import shown as shown_value
from treatycmp.formats.inputs import check_folder, os_problem, read_input, shown
from treatycmp.formats.treaty_yaml import is_calendar_date
from treatycmp.formats.xmlparse import run_expat
from treatycmp.model import (
    Article,
    Gap,
    Paragraph,
    Source,
    Status,
    StatusState,
    Treaty,
    paragraph_id,
)

if TYPE_CHECKING:
    from treatycmp.formats.registry import ReadRequest

SOURCE_TEXT = "ToTA v0.5.0 (Alschner, Seiermann, Skougarevskiy), CC BY-NC 4.0"
CITATION = (
    "Alschner, Seiermann and Skougarevskiy, Text-as-data analysis of preferential trade "
    "agreements: Mapping the PTA landscape (UNCTAD, 2017); github.com/mappingtreaties/tota"
)
NOTES = (
    "Imported from ToTA: annexes and schedules were removed there, and OCR errors are kept as is.",
)
# ToTA strips every agreement's annexes, so each import is partial and says where.
ANNEX_GAP = "annexes and schedules, if any: removed in ToTA v0.5.0 (not in the XML)"
# "ARTICLE 1", "ARTÍCULO 2.3", "ARTICLE - 4", "Art. 5": the number is what follows the word.
_ARTICLE_WORD = re.compile(r"^\s*(?:ART[IÍ]CULO|ARTICLE|ART\.?)\s*[-\u2013\u2014:.]?\s*", re.I)
# A paragraph number "N. " at the start or after a sentence end; checked to run 1, 2, 3 ...
_PARA_NUMBER = re.compile(r"(?:^|(?<=[.;:]\s)|(?<=[.;:]\s\s))\s*(\d{1,2})\.\s")
_STATUS: dict[str, StatusState] = {"in force": "in force", "inactive": "terminated"}


@dataclass
class _Element:
    tag: str
    attrib: dict[str, str]
    line: int
    children: list[_Element] = field(default_factory=list)
    # Text and child elements in document order, so an article's words inside
    # <b>...</b> or any other child stay where they were.
    parts: list[str | _Element] = field(default_factory=list)

    @property
    def text(self) -> str:
        return unicodedata.normalize("NFC", "".join(self._texts()))

    def _texts(self) -> Iterator[str]:
        stack: list[str | _Element] = list(reversed(self.parts))
        while stack:
            part = stack.pop()
            if isinstance(part, str):
                yield part
            else:
                stack.extend(reversed(part.parts))

    def find(self, tag: str) -> _Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def findtext(self, tag: str) -> str:
        child = self.find(tag)
        return child.text.strip() if child is not None else ""


def _parse(data: bytes, path: str) -> _Element:
    """The element tree of an XML document, each element with its line number."""
    parser = expat.ParserCreate()
    stack: list[_Element] = []
    root: list[_Element] = []

    def start(tag: str, attrib: dict[str, str]) -> None:
        el = _Element(tag, attrib, parser.CurrentLineNumber)
        if stack:
            stack[-1].children.append(el)
            stack[-1].parts.append(el)
        else:
            root.append(el)
        stack.append(el)

    def end(tag: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        if stack:
            stack[-1].parts.append(data)

    run_expat(
        parser,
        data,
        path,
        start=start,
        end=end,
        chars=chars,
        doctype=(
            "the file declares a document type, which ToTA files never do",
            "give a ToTA XML file (xml/pta_N.xml from tota-xml.tar.xz)",
        ),
        not_xml="not well-formed XML",
    )
    return root[0]


def _not_tota(path: str, line: int | None, what: str) -> TreatyFileError:
    return TreatyFileError(
        Problem(
            path,
            line,
            f"not a ToTA treaty file: {what}",
            "give a ToTA XML file (xml/pta_N.xml from tota-xml.tar.xz)",
        )
    )


def _paragraph_texts(text: str) -> list[str]:
    """The article split at "1. ", "2. ", ... when they run from 1 in order; else whole."""
    text = text.strip()
    marks = list(_PARA_NUMBER.finditer(text))
    if len(marks) < 2 or marks[0].start() != 0 or marks[0].group(1) != "1":
        return [text]
    cuts: list[int] = []
    expected = 1
    for m in marks:
        if int(m.group(1)) == expected:
            cuts.append(m.start() if expected > 1 else 0)
            expected += 1
    if len(cuts) < 2:
        return [text]
    pieces = [text[a:b].strip() for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]
    return [p for p in pieces if p]


def _chapter_name(chapter: _Element) -> str | None:
    number = chapter.attrib.get("number", "").strip()
    name = chapter.attrib.get("name", "").strip()
    if number and name:
        return f"{number}: {name}"
    return number or name or None


def treaty_from_tota(data: bytes, path: str = "<tota>") -> Treaty:
    """Build a ``Treaty`` from the bytes of one ToTA XML file.

    Raises:
        TreatyFileError: the bytes are not well-formed XML or not a ToTA treaty.
    """
    root = _parse(data, path)
    if root.tag != "treaty":
        raise _not_tota(path, root.line, f"the root element is <{root.tag}>, not <treaty>")
    meta, body = root.find("meta"), root.find("body")
    if meta is None or body is None:
        missing = "<meta>" if meta is None else "<body>"
        raise _not_tota(path, root.line, f"<treaty> has no {missing}")
    number = meta.findtext("treaty_identifier") or Path(path).stem.removeprefix("pta_")
    if not (number.isascii() and number.isdigit()):
        raise _not_tota(path, meta.line, f"treaty_identifier '{number}' is not a number")
    name = meta.findtext("name") or f"ToTA agreement {number}"
    language = meta.findtext("language").lower() or "en"
    parties_el = meta.find("parties_original") or meta.find("parties")
    parties = tuple(
        c.text.strip() for c in (parties_el.children if parties_el else []) if c.text.strip()
    )
    notes = list(NOTES)
    rta = meta.findtext("wto_rta_id")
    if rta:
        notes.append(f"WTO RTA database id {rta}; type: {meta.findtext('type') or 'not given'}.")
    preamble, articles = _text(body, notes)
    signed = _meta_date(meta, "date_signed", notes)
    in_force = _meta_date(meta, "date_into_force", notes)
    status = _status(meta, notes)
    return Treaty(
        id=f"tota-pta-{number}",
        title=name,
        short_title=name,
        parties=parties,
        language=language,
        source=Source(
            text=SOURCE_TEXT,
            authentic=False,
            official=True,
            citation=f"{CITATION}; file pta_{number}.xml",
            urls=tuple(
                s.text.strip() for s in meta.children if s.tag == "source" and s.text.strip()
            ),
            notes=tuple(notes),
        ),
        completeness="partial",
        signed=signed,
        in_force=in_force,
        status=status,
        preamble=tuple(preamble),
        articles=(*articles, Gap(ANNEX_GAP, body.line)),
        path=path,
    )


def _text(body: _Element, notes: list[str]) -> tuple[list[Paragraph], list[Article]]:
    """The preamble and the articles of every chapter; a note when numbers repeat."""
    preamble: list[Paragraph] = []
    articles: list[Article] = []
    seen: set[str] = set()
    unnumbered = 0
    duplicates = 0
    for chapter in (c for c in body.children if c.tag == "chapter"):
        chapter_name = _chapter_name(chapter)
        for el in (a for a in chapter.children if a.tag == "article"):
            label = el.attrib.get("number", "").strip() or None
            texts = _paragraph_texts(el.text)
            is_preamble = (
                label is None
                and (chapter_name or "").casefold() == "preamble"
                and not articles
                and texts != [""]
            )
            if is_preamble:
                preamble.extend(
                    Paragraph(f"preamble.{len(preamble) + 1}", t, el.line) for t in texts
                )
                continue
            art_number = _ARTICLE_WORD.sub("", label).strip().rstrip(".") if label else ""
            why = None
            if art_number and art_number.casefold() in seen:
                duplicates += 1
                why = f"ToTA repeats the number '{label}' of an earlier article"
            elif not art_number:
                why = "ToTA gives no article number"
            if why is None:
                seen.add(art_number.casefold())
            else:
                unnumbered += 1
                art_number = f"u{unnumbered}"
            heading = el.attrib.get("name", "").strip() or None
            articles.append(
                Article(
                    art_number,
                    _paragraphs(art_number, texts, el.line),
                    el.line,
                    label,
                    heading,
                    chapter_name,
                    unnumbered=why,
                )
            )
    if duplicates:
        notes.append(
            f"{duplicates} article(s) repeat an earlier article's number in ToTA; "
            "they are imported as unnumbered, their printed number kept as the label."
        )
    return preamble, articles


def _paragraphs(number: str, texts: list[str], line: int) -> tuple[Paragraph, ...]:
    """An article's paragraphs; an article without text is one gap."""
    if texts == [""]:
        return (Paragraph(number, "", line, gap="no text in ToTA"),)
    return tuple(
        Paragraph(paragraph_id(number, i, len(texts)), t, line)
        for i, t in enumerate(texts, start=1)
    )


def read_tota(data: bytes, name: str, request: ReadRequest) -> Treaty:
    """The registry's reader of ToTA XML: ``treaty_from_tota``, checked by the loader."""
    from treatycmp.formats.importing import checked_yaml

    treaty = treaty_from_tota(data, name)
    checked_yaml(treaty)
    return treaty


def _meta_date(meta: _Element, tag: str, notes: list[str]) -> str | None:
    """A metadata date if it is a real calendar day; else None, and a note in the file
    saying what ToTA gave and where, so the value is neither written nor silently lost."""
    raw = meta.findtext(tag)
    if not raw:
        return None
    if is_calendar_date(raw):
        return raw
    el = meta.find(tag)
    line = f" (line {el.line})" if el is not None else ""
    notes.append(
        f"ToTA gives <{tag}>{shown_value(raw)}</{tag}>{line}, which is not a calendar date."
    )
    return None


def _status(meta: _Element, notes: list[str]) -> Status | None:
    raw = meta.findtext("status")
    if not raw:
        return None
    state: StatusState = _STATUS.get(raw.casefold(), "not in force")
    inactive = _meta_date(meta, "date_inactive", notes) if state == "terminated" else None
    return Status(
        state=state,
        date=inactive,
        note=f"WTO RTA status: {raw}.",
    )


def load_tota(path: str | Path, *, limit: int | None = None) -> Treaty:
    """Read one ToTA XML file (see ``treaty_from_tota``); ``limit`` bounds its size."""
    p = Path(path)
    data = read_input(p, what="ToTA file", limit=limit)
    return treaty_from_tota(data, shown(p))


def tota_paths(path: str | Path) -> list[Path]:
    """The ToTA files at ``path``: the file itself, or a directory's ``*.xml`` in ToTA order."""
    p = Path(path)
    if p.is_dir():
        check_folder(p, "ToTA folder")
        files = [f for f in p.glob("*.xml") if f.is_file()]
        if not files:
            raise TreatyFileError(
                Problem(str(p), None, "no .xml files here", "give pta_N.xml files or their folder")
            )
        return sorted(files, key=_ordering)
    try:
        os.stat(p)
    except OSError as exc:
        raise TreatyFileError(os_problem(shown(p), exc, "ToTA file")) from None
    return [p]


def _ordering(p: Path) -> tuple[int, str]:
    digits = p.stem.removeprefix("pta_")
    return (int(digits) if digits.isascii() and digits.isdigit() else 1 << 30, p.name)


def iter_tota(path: str | Path) -> Iterator[Treaty]:
    """Every treaty in a ToTA file or folder, in ToTA order (pta_1, pta_2, ...)."""
    for p in tota_paths(path):
        yield load_tota(p)
