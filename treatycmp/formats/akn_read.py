"""Akoma Ntoso 3.0 XML -> treaty (see ``formats.akn`` for the mapping).

Reading uses expat with document type declarations refused (no entity
expansion, no external entities), like the ToTA reader; any Akoma Ntoso act is
read for its preamble, articles (wherever they are nested), paragraphs and
headings, with our metadata when present.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from xml.parsers import expat

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.akn_write import ISO3, TC_NS
from treatycmp.formats.budget import over_budget
from treatycmp.formats.segment import Meta
from treatycmp.formats.xmlparse import run_expat
from treatycmp.model import Article, Gap, Paragraph, Source, Status, Treaty, paragraph_id

if TYPE_CHECKING:
    from treatycmp.formats.registry import ReadRequest

_ISO2 = {v: k for k, v in ISO3.items()}
MAX_DEPTH = 100


@dataclass
class _El:
    tag: str
    attrib: dict[str, str]
    line: int
    children: list[_El] = field(default_factory=list)
    # Text in order, with ("omissis", reason) marks for gaps.
    parts: list[str | tuple[str]] = field(default_factory=list)

    def find(self, tag: str) -> _El | None:
        return next((c for c in self.children if c.tag == tag), None)

    def iter(self, tag: str) -> list[_El]:
        out: list[_El] = []
        for c in self.children:
            if c.tag == tag:
                out.append(c)
            out.extend(c.iter(tag))
        return out


def parse(data: bytes, name: str, *, max_articles: int | None = None) -> _El:
    """The element tree of an Akoma Ntoso text, ours as ``tc:`` names, each with its line.

    Raises:
        TreatyFileError: not XML, too deep, or more than ``max_articles`` articles
            (counted as they are read: a file over the budget is refused early).
    """
    parser = expat.ParserCreate(namespace_separator="}")
    stack: list[_El] = []
    roots: list[_El] = []
    articles = 0

    def local(tag: str) -> str:
        uri, _, loc = tag.rpartition("}")
        return f"tc:{loc}" if uri == TC_NS else loc

    def start(tag: str, attrib: dict[str, str]) -> None:
        if len(stack) >= MAX_DEPTH:
            raise TreatyFileError(
                Problem(
                    name,
                    parser.CurrentLineNumber,
                    f"nests elements more than {MAX_DEPTH} levels deep",
                    "give an Akoma Ntoso document of ordinary shape",
                )
            )
        nonlocal articles
        el = _El(local(tag), {local(k): v for k, v in attrib.items()}, parser.CurrentLineNumber)
        if el.tag == "article":
            articles += 1
            if max_articles is not None and articles > max_articles:
                raise over_budget(name, parser.CurrentLineNumber, "articles", max_articles)
        if stack:
            stack[-1].children.append(el)
            stack[-1].parts.append(("",))  # where a child sits in the text
        else:
            roots.append(el)
        stack.append(el)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            stack[-1].parts.append(text)

    run_expat(
        parser,
        data,
        name,
        start=start,
        end=end,
        chars=chars,
        doctype=(
            "declares a document type, which Akoma Ntoso files do not need",
            "remove the <!DOCTYPE ...> line",
        ),
        not_xml="is not well-formed XML",
    )
    if not roots:
        raise TreatyFileError(Problem(name, None, "holds no XML element", "give an XML file"))
    return roots[0]


def _words(el: _El) -> tuple[str, str | None, str | None, str | None]:
    """An element's text, with a leading or trailing ``<omissis>`` read as a gap.

    Returns (text, gap_before, gap_after, whole_gap).
    """
    pieces: list[tuple[bool, str]] = []  # (is_gap, text)
    child = iter(el.children)

    def walk(e: _El) -> None:
        kids = iter(e.children)
        for part in e.parts:
            if isinstance(part, tuple):
                c = next(kids)
                if c.tag == "omissis":
                    pieces.append((True, _flat(c)))
                else:
                    walk(c)
            else:
                pieces.append((False, part))

    del child
    walk(el)
    text_parts = [(g, _squeeze(t)) for g, t in pieces]
    text_parts = [(g, t) for g, t in text_parts if t]
    if not text_parts:
        return "", None, None, None
    if len(text_parts) == 1 and text_parts[0][0]:
        return "", None, None, text_parts[0][1]
    before = text_parts.pop(0)[1] if text_parts[0][0] else None
    after = text_parts.pop()[1] if text_parts and text_parts[-1][0] else None
    words = " ".join(t if not g else f"[{t}]" for g, t in text_parts)
    return unicodedata.normalize("NFC", words), before, after, None


def _squeeze(text: str) -> str:
    """XML layout white space (line ends, indents) as one space; a no-break space is text."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" ")


def _flat(el: _El) -> str:
    out: list[str] = []
    kids = iter(el.children)
    for part in el.parts:
        out.append(_flat(next(kids)) if isinstance(part, tuple) else part)
    return _squeeze("".join(out))


def _para(el: _El, pid: str) -> Paragraph | None:
    text, before, after, gap = _words(el)
    if gap:
        return Paragraph(pid, "", el.line, gap=gap)
    if not text:
        return None
    return Paragraph(pid, text, el.line, gap_before=before, gap_after=after)


def _article(el: _El, chapter: str | None, index: int) -> Article | None:
    num_el = el.find("num")
    label = _flat(num_el) if num_el is not None else None
    head_el = el.find("heading")
    heading = _flat(head_el) if head_el is not None else None
    eid = el.attrib.get("eId", "")
    unnumbered = el.attrib.get("tc:unnumbered")
    last = eid.rpartition("__")[2]
    number = re.sub(r"^(?:art(?:icle)?[_ .]*)", "", last, flags=re.IGNORECASE) if eid else ""
    if not number and label:
        number = re.sub(r"^\s*(?:Article|ARTICLE|Art\.)\s*", "", label).rstrip(". ")
    if unnumbered or not number:
        number = f"u{index}"
        unnumbered = unnumbered or "no number in the Akoma Ntoso file"
    raw = text_blocks(el, skip=("num", "heading", "subheading"))
    count = len(raw)
    paras = [_para(p, paragraph_id(number, k, count)) for k, p in enumerate(raw, start=1)]
    kept = tuple(p for p in paras if p is not None)
    if not kept:
        return None
    return Article(
        number,
        kept,
        el.line,
        label=label,
        heading=heading,
        chapter=chapter,
        unnumbered=unnumbered,
    )


# Elements that hold blocks of text rather than words: their text is read block by
# block (any schema-valid container of an article: paragraph, section, level, list,
# point, indent, alinea, hcontainer, ...). Anything else inside a block is inline
# (i, b, ref, term, date, omissis, ...) and stays part of its sentence.
_BLOCK_TAGS = frozenset({
    "paragraph", "subparagraph", "section", "subsection", "clause", "subclause", "point",
    "indent", "list", "sublist", "alinea", "level", "hcontainer", "container",
    "blockContainer", "blockList", "item", "listIntroduction", "listWrapUp", "intro",
    "wrapUp", "content", "crossHeading", "tblock", "part", "subpart", "chapter",
    "subchapter", "title", "subtitle", "division", "subdivision", "book", "tome", "rule",
    "subrule", "proviso", "transitional", "table", "tr", "td", "th", "ul", "ol", "li",
    "foreign", "heading", "subheading", "num",
})  # fmt: skip


def text_blocks(el: _El, *, skip: tuple[str, ...] = ("num",)) -> list[_El]:
    """The blocks of text inside an article, in order: every ``<p>``, every heading of a
    nested container, and every run of text outside a ``<p>`` (``<content>Text</content>``)
    as a block of its own; nothing with words in it is left out. ``skip``: numbers (the
    model numbers paragraphs itself), and at the top the article's own number and heading.
    """
    out: list[_El] = []
    run = _El("run", {}, el.line)

    def flush() -> None:
        nonlocal run
        if any(isinstance(p, tuple) or p.strip() for p in run.parts):
            out.append(run)
        run = _El("run", {}, el.line)

    kids = iter(el.children)
    for part in el.parts:
        if not isinstance(part, tuple):
            run.parts.append(part)
            continue
        child = next(kids)
        if child.tag == "p":
            flush()
            out.append(child)
        elif child.tag in _BLOCK_TAGS:
            flush()
            if child.tag not in skip:
                out.extend(text_blocks(child) if child.tag != "heading" else [child])
        else:
            if not run.children:
                run.line = child.line
            run.children.append(child)
            run.parts.append(part)
    flush()
    return out


@dataclass
class _Body:
    """What the walk of a body found: articles and gaps, and text it could not place."""

    out: list[Article | Gap] = field(default_factory=list)
    articles: int = 0
    outside: list[int] = field(default_factory=list)  # lines of text outside any article


def _walk_body(el: _El, chapter: str | None, body: _Body) -> None:
    """Articles and gaps in document order, wherever they are nested; one pass (each
    element is visited once: the work is linear in the size of the document)."""
    for c in el.children:
        if c.tag == "article":
            body.articles += 1
            art = _article(c, chapter, body.articles)
            if art is not None:
                body.out.append(art)
        elif c.tag == "hcontainer" and c.attrib.get("name") == "gap":
            _, _, _, gap = _words(c)
            if gap:
                body.out.append(Gap(gap, c.line))
        elif c.tag in ("num", "heading", "subheading"):
            continue
        elif c.tag == "p" or not c.children:
            if _flat(c):
                body.outside.append(c.line)
        else:
            if any(isinstance(p, str) and p.strip() for p in c.parts):
                body.outside.append(c.line)
            head = c.find("heading")
            num = c.find("num")
            name = " ".join(_flat(x) for x in (num, head) if x is not None) or chapter
            _walk_body(c, name, body)


def treaty_from_akn(
    data: bytes,
    name: str,
    *,
    treaty_id: str | None = None,
    meta: Meta | None = None,
    max_articles: int | None = None,
    warnings: list[str] | None = None,
) -> Treaty:
    """A treaty from an Akoma Ntoso document (ours, or any act with articles).

    Raises:
        TreatyFileError: not well-formed XML, a root other than ``<akomaNtoso>``,
            no document inside, or no id to give it.
    """
    meta = meta or Meta()
    whole = _document(parse(data, name, max_articles=max_articles), name)
    # Metadata is looked up outside the body: each lookup walks the head, not every article.
    doc = _El(whole.tag, whole.attrib, whole.line, [c for c in whole.children if not _is_body(c)])
    mine = next(iter(doc.iter("tc:treaty")), None)
    attrs = mine.attrib if mine is not None else {}
    frbr_name = next((e.attrib.get("value") for e in doc.iter("FRBRname")), None)
    long_title = next((_flat(e) for e in doc.iter("longTitle")), None)
    tid = _treaty_id(doc, treaty_id or attrs.get("id"), name)
    lang3 = next((e.attrib.get("language", "") for e in doc.iter("FRBRlanguage")), "")
    language = meta.language if meta.language != "en" or not lang3 else _ISO2.get(lang3, "en")
    dates = [e.attrib for e in doc.iter("FRBRdate") if e.attrib.get("name") == "signature"]
    parties = meta.parties or tuple(
        e.attrib["showAs"]
        for e in doc.iter("TLCOrganization")
        if e.attrib.get("eId", "").startswith("party_") and e.attrib.get("showAs")
    )
    preamble, articles, closing = _text(whole, name, warnings)
    has_gap = any(p.is_gap or p.is_partial for p in (*preamble, *closing)) or any(
        isinstance(a, Gap) or a.has_gap for a in articles
    )
    title = meta.title or frbr_name or long_title or tid
    lists = {tag: tuple(_flat(e) for e in doc.iter(f"tc:{tag}")) for tag in ("alias", "supersedes")}
    return Treaty(
        id=tid,
        title=title,
        short_title=attrs.get("short_title") or (title if len(title) <= 40 else tid),
        parties=parties,
        language=language,
        source=_source(doc, meta, name),
        completeness="partial" if has_gap else "complete",
        status=_status(doc),
        authentic_languages=tuple(_flat(e) for e in doc.iter("tc:authentic_language")),
        numbering_inferred=attrs.get("numbering_inferred"),
        preface=tuple(
            Paragraph(f"preface.{k}", _flat(e), e.line)
            for k, e in enumerate(doc.iter("tc:preface"), start=1)
        ),
        preamble=preamble,
        articles=articles,
        closing=closing,
        path=name,
        signed=meta.signed or (dates[0].get("date") if dates else None),
        place=attrs.get("place"),
        in_force=attrs.get("in_force"),
        supersedes=lists["supersedes"],
        rendering_of=attrs.get("rendering_of"),
        # The aliases are other names of the file's own treaty: under a new --id
        # they would claim 'nato' etc. for a second treaty and make them ambiguous.
        aliases=lists["alias"] if tid == attrs.get("id", tid) else (),
    )


def _is_body(el: _El) -> bool:
    return el.tag in ("body", "mainBody")


def _document(root: _El, name: str) -> _El:
    """The document inside ``<akomaNtoso>`` (an ``<act>``, usually)."""
    if root.tag != "akomaNtoso":
        raise TreatyFileError(
            Problem(
                name,
                root.line,
                f"is not Akoma Ntoso: the root element is <{root.tag[:40]}>, not <akomaNtoso>",
                "give an Akoma Ntoso 3.0 file, or --from to name its format",
            )
        )
    doc = next((c for c in root.children if c.tag not in ("components",)), None)
    if doc is None:
        raise TreatyFileError(
            Problem(name, root.line, "<akomaNtoso> holds no document", "give an <act>")
        )
    return doc


def _treaty_id(doc: _El, tid: str | None, name: str) -> str:
    """The id given (``--id``, else ours in ``<tc:treaty>``), else the FRBR alias."""
    if tid is None:
        alias = next(
            (e.attrib.get("value") for e in doc.iter("FRBRalias") if e.attrib.get("value")), None
        )
        tid = alias
    if not tid:
        raise TreatyFileError(
            Problem(name, None, "the file gives no treatycmp id", "pass --id, e.g. --id my-act")
        )
    return tid


def _source(doc: _El, meta: Meta, name: str) -> Source:
    """Ours from ``<tc:source>``, unless the user named a source or the file has none."""
    src_el = next(iter(doc.iter("tc:source")), None)
    if src_el is not None and not meta.source:
        sa = src_el.attrib
        return Source(
            text=sa.get("text", f"imported from {name}"),
            authentic=sa.get("authentic") == "true",
            official=None if sa.get("official") is None else sa.get("official") == "true",
            translator=sa.get("translator"),
            citation=sa.get("citation"),
            urls=tuple(_flat(u) for u in src_el.iter("tc:url")),
            notes=tuple(_flat(n) for n in src_el.iter("tc:note")),
        )
    return Source(
        text=meta.source or f"imported from {name}", authentic=False, official=meta.official
    )


def _status(doc: _El) -> Status | None:
    status_el = next(iter(doc.iter("tc:status")), None)
    if status_el is None:
        return None
    return Status(
        state=status_el.attrib.get("state", "in force"),  # type: ignore[arg-type]
        date=status_el.attrib.get("date"),
        by=status_el.attrib.get("by"),
        note=status_el.attrib.get("note"),
    )


def _text(
    doc: _El, name: str, warnings: list[str] | None = None
) -> tuple[tuple[Paragraph, ...], tuple[Article | Gap, ...], tuple[Paragraph, ...]]:
    """The preamble, the articles and gaps of the body, and the conclusions.

    Raises:
        TreatyFileError: there is neither a preamble nor an article.
    """
    preamble_el = doc.find("preamble")
    preamble = tuple(
        p
        for k, e in enumerate(preamble_el.iter("p") if preamble_el else [], start=1)
        if (p := _para(e, f"preamble.{k}")) is not None
    )
    found = _Body()
    body = doc.find("body") or doc.find("mainBody")
    if body is not None:
        _walk_body(body, None, found)
    articles = found.out
    if found.outside and warnings is not None:
        lines = ", ".join(map(str, found.outside[:5])) + (", ..." if len(found.outside) > 5 else "")
        warnings.append(
            f"{name}: {len(found.outside)} passage(s) of the body stand outside any article "
            f"(line {lines}) and are not imported: treatycmp reads a body's articles"
        )
    concl = doc.find("conclusions")
    closing = tuple(
        p
        for k, e in enumerate(concl.iter("p") if concl else [], start=1)
        if (p := _para(e, f"closing.{k}")) is not None
    )
    if not articles and not preamble:
        raise TreatyFileError(
            Problem(name, None, "holds no preamble and no articles", "give an act with a body")
        )
    return preamble, tuple(articles), closing


def read_akn(data: bytes, name: str, request: ReadRequest) -> Treaty:
    """The registry's reader of Akoma Ntoso: ``treaty_from_akn``, checked by the loader."""
    from treatycmp.formats.importing import checked_yaml

    treaty = treaty_from_akn(
        data,
        name,
        treaty_id=request.treaty_id,
        meta=request.meta,
        max_articles=request.options.limits.articles,
        warnings=request.warnings,
    )
    checked_yaml(treaty)
    return treaty
