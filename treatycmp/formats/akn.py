"""Akoma Ntoso 3.0 (OASIS LegalDocML) XML: write a treaty, and read one back.

A treaty is written as an ``<act name="treaty">``: our metadata in the FRBR
block of ``<meta>`` (work: id, signature date, parties as authors; expression:
language; manifestation: treatycmp) and, for what FRBR has no place for (short
title, source, completeness, status, aliases), in ``<proprietary>`` under our
own namespace; the title in ``<preface>``; the preamble paragraphs;
``<article eId="art_4">`` with ``<num>``, ``<heading>`` and ``<paragraph>``s in
``<body>``, chapters as ``<chapter>``; the closing in ``<conclusions>``. A gap is
an ``<omissis>`` (Akoma Ntoso's element for omitted text) with its reason, so a
partial text stays partial. Files we write validate against the OASIS schema
(tested when the schema is at hand) and read back into the same treaty.

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
from xml.sax.saxutils import escape, quoteattr

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.extras import need
from treatycmp.formats.segment import Meta
from treatycmp.formats.xmlparse import run_expat
from treatycmp.model import Article, Gap, Paragraph, Source, Status, Treaty, paragraph_id

if TYPE_CHECKING:
    from treatycmp.formats.registry import ReadRequest

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
TC_NS = "https://github.com/treatycmp/treatycmp/ns/1"
_ISO3 = {
    "en": "eng", "fr": "fra", "ru": "rus", "ko": "kor", "zh": "zho", "es": "spa",
    "ar": "ara", "de": "deu", "ja": "jpn", "it": "ita", "pt": "por", "nl": "nld",
}  # fmt: skip
_ISO2 = {v: k for k, v in _ISO3.items()}
MAX_DEPTH = 100


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_") or "x"


# --- writing -------------------------------------------------------------------


def _p(text: str, gap_before: str | None = None, gap_after: str | None = None) -> str:
    inner = escape(text)
    if gap_before:
        inner = f"<omissis>{escape(gap_before)}</omissis> {inner}"
    if gap_after:
        inner = f"{inner} <omissis>{escape(gap_after)}</omissis>"
    return f"<p>{inner}</p>"


def _paragraph_xml(p: Paragraph, eid: str, indent: str) -> str:
    body = (
        f"<p><omissis>{escape(p.gap)}</omissis></p>"
        if p.is_gap and p.gap
        else _p(p.text, p.gap_before, p.gap_after)
    )
    return f'{indent}<paragraph eId="{eid}"><content>{body}</content></paragraph>\n'


def _eid(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "-", text)


def treaty_to_akn(t: Treaty) -> str:
    """The treaty as an Akoma Ntoso 3.0 XML document (UTF-8 text)."""
    lang3 = _ISO3.get(t.language, t.language)
    date = t.signed or "0001-01-01"
    date_name = "signature" if t.signed else "unknown"
    work = f"/akn/int/act/treaty/{t.signed or 'undated'}/{t.id.replace('@', '-')}"
    expr = f"{work}/{lang3}"
    authors = [f"#party_{i}" for i in range(1, len(t.parties) + 1)] or ["#treatycmp"]
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    out.append(f'<akomaNtoso xmlns="{NS}" xmlns:tc="{TC_NS}">\n  <act name="treaty">\n')
    out.append('    <meta>\n      <identification source="#treatycmp">\n')
    out.append("        <FRBRWork>\n")
    out.append(f'          <FRBRthis value="{work}/!main"/>\n          <FRBRuri value="{work}"/>\n')
    out.append(f'          <FRBRalias value={quoteattr(t.id)} name="treatycmp-id"/>\n')
    out.append(f'          <FRBRdate date="{date}" name="{date_name}"/>\n')
    out.extend(f'          <FRBRauthor href="{a}"/>\n' for a in authors)
    out.append('          <FRBRcountry value="int"/>\n')
    out.append(f"          <FRBRname value={quoteattr(t.title)}/>\n")
    out.append("        </FRBRWork>\n        <FRBRExpression>\n")
    out.append(f'          <FRBRthis value="{expr}/!main"/>\n          <FRBRuri value="{expr}"/>\n')
    out.append(f'          <FRBRdate date="{date}" name="{date_name}"/>\n')
    out.append('          <FRBRauthor href="#treatycmp"/>\n')
    out.append(f'          <FRBRlanguage language="{lang3}"/>\n')
    out.append("        </FRBRExpression>\n        <FRBRManifestation>\n")
    out.append(f'          <FRBRthis value="{expr}/!main.xml"/>\n')
    out.append(f'          <FRBRuri value="{expr}.akn"/>\n')
    out.append(f'          <FRBRdate date="{date}" name="{date_name}"/>\n')
    out.append('          <FRBRauthor href="#treatycmp"/>\n')
    out.append("        </FRBRManifestation>\n      </identification>\n")
    out.append('      <references source="#treatycmp">\n')
    out.append(
        '        <TLCOrganization eId="treatycmp" href="/ontology/organization/treatycmp" '
        'showAs="treatycmp"/>\n'
    )
    out.extend(
        f'        <TLCOrganization eId="party_{i}" href="/ontology/organization/{_slug(p)}" '
        f"showAs={quoteattr(p)}/>\n"
        for i, p in enumerate(t.parties, start=1)
    )
    out.append("      </references>\n")
    out.append('      <proprietary source="#treatycmp">\n        <tc:treaty')
    attrs = {
        "id": t.id,
        "short_title": t.short_title,
        "completeness": t.completeness,
        "place": t.place,
        "in_force": t.in_force,
        "rendering_of": t.rendering_of,
        "numbering_inferred": t.numbering_inferred,
    }
    out.extend(f" {k}={quoteattr(v)}" for k, v in attrs.items() if v)
    out.append(">\n")
    s = t.source
    src = {"text": s.text, "authentic": str(s.authentic).lower()}
    src |= {"official": str(s.official).lower()}
    src |= {k: v for k, v in (("translator", s.translator), ("citation", s.citation)) if v}
    out.append("          <tc:source" + "".join(f" {k}={quoteattr(v)}" for k, v in src.items()))
    out.append(">\n")
    out.extend(f"            <tc:url>{escape(u)}</tc:url>\n" for u in s.urls)
    out.extend(f"            <tc:note>{escape(n)}</tc:note>\n" for n in s.notes)
    out.append("          </tc:source>\n")
    for tag, values in (
        ("alias", t.aliases),
        ("authentic_language", t.authentic_languages),
        ("supersedes", t.supersedes),
    ):
        out.extend(f"          <tc:{tag}>{escape(v)}</tc:{tag}>\n" for v in values)
    if t.status is not None:
        st = {k: v for k, v in vars(t.status).items() if v}
        out.append("          <tc:status" + "".join(f" {k}={quoteattr(v)}" for k, v in st.items()))
        out.append("/>\n")
    out.extend(f"          <tc:preface>{escape(p.text)}</tc:preface>\n" for p in t.preface)
    out.append("        </tc:treaty>\n      </proprietary>\n    </meta>\n")
    out.append(f"    <preface>\n      <longTitle><p>{escape(t.title)}</p></longTitle>\n")
    out.append("    </preface>\n")
    if t.preamble:
        out.append("    <preamble>\n")
        for p in t.preamble:
            if p.is_gap:
                out.append(f"      <p><omissis>{escape(p.gap or '')}</omissis></p>\n")
            else:
                out.append(f"      {_p(p.text, p.gap_before, p.gap_after)}\n")
        out.append("    </preamble>\n")
    out.append("    <body>\n")
    chapter: str | None = None
    chapters = 0
    gaps = 0
    for a in t.articles:
        if isinstance(a, Article) and a.chapter != chapter:
            if chapter is not None:
                out.append("      </chapter>\n")
            chapter = a.chapter
            if chapter is not None:
                chapters += 1
                out.append(f'      <chapter eId="chp_{chapters}">\n')
                out.append(f"        <heading>{escape(chapter)}</heading>\n")
        indent = "        " if chapter is not None else "      "
        if isinstance(a, Gap):
            gaps += 1
            out.append(
                f'{indent}<hcontainer name="gap" eId="gap_{gaps}"><content><p><omissis>'
                f"{escape(a.reason)}</omissis></p></content></hcontainer>\n"
            )
            continue
        eid = f"art_{_eid(a.number)}"
        out.append(f'{indent}<article eId="{eid}"')
        if a.unnumbered:
            out.append(f" tc:unnumbered={quoteattr(a.unnumbered)}")
        out.append(">\n")
        if a.label:
            out.append(f"{indent}  <num>{escape(a.label)}</num>\n")
        if a.heading:
            out.append(f"{indent}  <heading>{escape(a.heading)}</heading>\n")
        for k, p in enumerate(a.paragraphs, start=1):
            out.append(_paragraph_xml(p, f"{eid}__para_{k}", indent + "  "))
        out.append(f"{indent}</article>\n")
    if chapter is not None:
        out.append("      </chapter>\n")
    if not t.articles:
        out.append('      <hcontainer name="no-articles" eId="none"><content><p/></content>')
        out.append("</hcontainer>\n")
    out.append("    </body>\n")
    if t.closing:
        out.append("    <conclusions>\n")
        for p in t.closing:
            if p.is_gap:
                out.append(f"      <p><omissis>{escape(p.gap or '')}</omissis></p>\n")
            else:
                out.append(f"      {_p(p.text, p.gap_before, p.gap_after)}\n")
        out.append("    </conclusions>\n")
    out.append("  </act>\n</akomaNtoso>\n")
    return "".join(out)


# --- reading -------------------------------------------------------------------


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


def _parse(data: bytes, name: str) -> _El:
    parser = expat.ParserCreate(namespace_separator="}")
    stack: list[_El] = []
    roots: list[_El] = []

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
        el = _El(local(tag), {local(k): v for k, v in attrib.items()}, parser.CurrentLineNumber)
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
    containers = [c for c in el.children if c.tag not in ("num", "heading", "subheading")]
    raw: list[_El] = []
    for c in containers:
        if c.tag in ("paragraph", "subparagraph", "point", "list", "clause", "alinea"):
            content = c.find("content")
            if content is not None:
                raw.extend(content.iter("p") or [content])
            else:
                raw.extend(c.iter("p") or [c])
        elif c.tag in ("content", "intro", "wrapUp"):
            raw.extend(c.iter("p") or [c])
        elif c.tag == "p":
            raw.append(c)
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


def _walk_body(el: _El, chapter: str | None, out: list[Article | Gap]) -> None:
    for c in el.children:
        if c.tag == "article":
            art = _article(c, chapter, sum(isinstance(a, Article) for a in out) + 1)
            if art is not None:
                out.append(art)
        elif c.tag == "hcontainer" and c.attrib.get("name") == "gap":
            _, _, _, gap = _words(c)
            if gap:
                out.append(Gap(gap, c.line))
        elif c.tag in ("chapter", "part", "title", "section", "division", "book", "hcontainer"):
            head = c.find("heading")
            num = c.find("num")
            name = " ".join(_flat(x) for x in (num, head) if x is not None) or chapter
            _walk_body(c, name, out)


def treaty_from_akn(
    data: bytes, name: str, *, treaty_id: str | None = None, meta: Meta | None = None
) -> Treaty:
    """A treaty from an Akoma Ntoso document (ours, or any act with articles).

    Raises:
        TreatyFileError: not well-formed XML, a root other than ``<akomaNtoso>``,
            no document inside, or no id to give it.
    """
    meta = meta or Meta()
    root = _parse(data, name)
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
    mine = next(iter(doc.iter("tc:treaty")), None)
    attrs = mine.attrib if mine is not None else {}
    frbr_name = next((e.attrib.get("value") for e in doc.iter("FRBRname")), None)
    long_title = next((_flat(e) for e in doc.iter("longTitle")), None)
    tid = treaty_id or attrs.get("id")
    if tid is None:
        alias = next(
            (e.attrib.get("value") for e in doc.iter("FRBRalias") if e.attrib.get("value")), None
        )
        tid = alias
    if not tid:
        raise TreatyFileError(
            Problem(name, None, "the file gives no treatycmp id", "pass --id, e.g. --id my-act")
        )
    lang3 = next((e.attrib.get("language", "") for e in doc.iter("FRBRlanguage")), "")
    language = meta.language if meta.language != "en" or not lang3 else _ISO2.get(lang3, "en")
    dates = [e.attrib for e in doc.iter("FRBRdate") if e.attrib.get("name") == "signature"]
    parties = meta.parties or tuple(
        e.attrib["showAs"]
        for e in doc.iter("TLCOrganization")
        if e.attrib.get("eId", "").startswith("party_") and e.attrib.get("showAs")
    )
    src_el = next(iter(doc.iter("tc:source")), None)
    if src_el is not None and not meta.source:
        sa = src_el.attrib
        source = Source(
            text=sa.get("text", f"imported from {name}"),
            authentic=sa.get("authentic") == "true",
            official=sa.get("official") == "true",
            translator=sa.get("translator"),
            citation=sa.get("citation"),
            urls=tuple(_flat(u) for u in src_el.iter("tc:url")),
            notes=tuple(_flat(n) for n in src_el.iter("tc:note")),
        )
    else:
        source = Source(
            text=meta.source or f"imported from {name}", authentic=False, official=meta.official
        )
    status_el = next(iter(doc.iter("tc:status")), None)
    status = (
        Status(
            state=status_el.attrib.get("state", "in force"),  # type: ignore[arg-type]
            date=status_el.attrib.get("date"),
            by=status_el.attrib.get("by"),
            note=status_el.attrib.get("note"),
        )
        if status_el is not None
        else None
    )
    preamble_el = doc.find("preamble")
    preamble = tuple(
        p
        for k, e in enumerate(preamble_el.iter("p") if preamble_el else [], start=1)
        if (p := _para(e, f"preamble.{k}")) is not None
    )
    articles: list[Article | Gap] = []
    body = doc.find("body") or doc.find("mainBody")
    if body is not None:
        _walk_body(body, None, articles)
    concl = doc.find("conclusions")
    closing = tuple(
        p
        for k, e in enumerate(concl.iter("p") if concl else [], start=1)
        if (p := _para(e, f"closing.{k}")) is not None
    )
    preface = tuple(
        Paragraph(f"preface.{k}", _flat(e), e.line)
        for k, e in enumerate(doc.iter("tc:preface"), start=1)
    )
    if not articles and not preamble:
        raise TreatyFileError(
            Problem(name, None, "holds no preamble and no articles", "give an act with a body")
        )
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
        source=source,
        completeness="partial" if has_gap else "complete",
        status=status,
        authentic_languages=tuple(_flat(e) for e in doc.iter("tc:authentic_language")),
        numbering_inferred=attrs.get("numbering_inferred"),
        preface=preface,
        preamble=preamble,
        articles=tuple(articles),
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


def read_akn(data: bytes, name: str, request: ReadRequest) -> Treaty:
    """The registry's reader of Akoma Ntoso: ``treaty_from_akn``, checked by the loader."""
    from treatycmp.formats.importing import checked_yaml

    treaty = treaty_from_akn(data, name, treaty_id=request.treaty_id, meta=request.meta)
    checked_yaml(treaty)
    return treaty


def write_akn(treaty: Treaty) -> str:
    """The registry's writer of Akoma Ntoso: the document, its invisible and control
    characters as references (see ``escape.xml_safe``)."""
    from treatycmp.escape import xml_safe

    return xml_safe(treaty_to_akn(treaty))


def akn_problems(text: str, name: str = "<akn>") -> list[Problem]:
    """A structural check of what ``treaty_to_akn`` writes, without the schema.

    Checks what the schema would and a reader needs: the root and namespace, one
    act with meta/identification/FRBRWork/FRBRExpression/FRBRManifestation,
    each FRBR level with this, uri, date and author, unique eIds, and articles
    only with an ``art_`` eId.
    """
    problems: list[Problem] = []
    try:
        root = _parse(text.encode("utf-8"), name)
    except TreatyFileError as exc:
        return list(exc.problems)
    if root.tag != "akomaNtoso":
        problems.append(Problem(name, root.line, f"root is <{root.tag}>, not <akomaNtoso>"))
        return problems
    acts = [c for c in root.children if c.tag == "act"]
    if len(acts) != 1:
        return [Problem(name, root.line, f"holds {len(acts)} <act> elements, not 1")]
    act = acts[0]
    ident = next(iter(act.iter("identification")), None)
    if ident is None:
        return [Problem(name, act.line, "<meta> has no <identification>")]
    for level, extra in (
        ("FRBRWork", "FRBRcountry"),
        ("FRBRExpression", "FRBRlanguage"),
        ("FRBRManifestation", None),
    ):
        el = ident.find(level)
        if el is None:
            problems.append(Problem(name, ident.line, f"no <{level}>"))
            continue
        for need_tag in ("FRBRthis", "FRBRuri", "FRBRdate", "FRBRauthor", extra):
            if need_tag and el.find(need_tag) is None:
                problems.append(Problem(name, el.line, f"<{level}> has no <{need_tag}>"))
    seen: set[str] = set()
    stack = [act]
    while stack:
        el = stack.pop()
        eid = el.attrib.get("eId")
        if eid is not None:
            if eid in seen:
                problems.append(Problem(name, el.line, f"eId '{eid}' is used twice"))
            seen.add(eid)
            if el.tag == "article" and not eid.startswith("art_"):
                problems.append(Problem(name, el.line, f"article eId '{eid}' lacks 'art_'"))
        stack.extend(el.children)
    if act.find("body") is None:
        problems.append(Problem(name, act.line, "<act> has no <body>"))
    return problems


def schema_problems(text: str, xsd: str, name: str = "<akn>") -> list[Problem]:
    """The problems the Akoma Ntoso XML schema at ``xsd`` finds in ``text`` (with lxml).

    The OASIS schema (``akomantoso30.xsd`` and its ``xml.xsd``) is not shipped:
    give the path of a copy. Each problem names its line.

    Raises:
        TreatyFileError: lxml is not installed, or ``xsd`` is not a readable schema.
    """
    etree = need("lxml.etree", name)
    from treatycmp.formats.inputs import read_input, shown

    read_input(xsd, what="schema file")  # a regular, bounded file, or a clear error
    try:
        schema = etree.XMLSchema(etree.parse(xsd, etree.XMLParser(resolve_entities=False)))
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError, OSError) as exc:
        raise TreatyFileError(
            Problem(
                shown(xsd),
                None,
                f"is not a schema lxml can read ({' '.join(str(exc).split())[:120]})",
                "give akomantoso30.xsd from the OASIS LegalDocML repository, with its xml.xsd",
            )
        ) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    document = etree.fromstring(text.encode("utf-8"), parser)
    if schema.validate(document):
        return []
    return [
        Problem(name, error.line or None, " ".join(error.message.split())[:300])
        for error in list(schema.error_log)[:20]
    ]
