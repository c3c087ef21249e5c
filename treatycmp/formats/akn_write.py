"""Treaty -> Akoma Ntoso 3.0 XML (see ``formats.akn`` for the mapping).

Written by hand, line by line, so the output is stable to the byte: metadata in
the FRBR block and ``<proprietary>``, the text in ``<preface>``, ``<preamble>``,
``<body>`` and ``<conclusions>``, gaps as ``<omissis>``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from xml.sax.saxutils import escape, quoteattr

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.model import Article, Gap, Paragraph, Treaty

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
TC_NS = "https://github.com/treatycmp/treatycmp/ns/1"
ISO3 = {
    "en": "eng", "fr": "fra", "ru": "rus", "ko": "kor", "zh": "zho", "es": "spa",
    "ar": "ara", "de": "deu", "ja": "jpn", "it": "ita", "pt": "por", "nl": "nld",
    "pl": "pol", "uk": "ukr", "bg": "bul", "sr": "srp", "mk": "mkd", "tr": "tur", "az": "aze",
}  # fmt: skip


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_") or "x"


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
    out: list[str] = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    out.append(f'<akomaNtoso xmlns="{NS}" xmlns:tc="{TC_NS}">\n  <act name="treaty">\n')
    out.append('    <meta>\n      <identification source="#treatycmp">\n')
    _identification(t, out)
    _references(t, out)
    _proprietary(t, out)
    out.append(f"    <preface>\n      <longTitle><p>{escape(t.title)}</p></longTitle>\n")
    out.append("    </preface>\n")
    _paragraphs("preamble", t.preamble, out)
    _body(t, out)
    _paragraphs("conclusions", t.closing, out)
    out.append("  </act>\n</akomaNtoso>\n")
    return "".join(out)


def _identification(t: Treaty, out: list[str]) -> None:
    """The FRBR work, expression and manifestation, closing ``<identification>``."""
    lang3 = ISO3.get(t.language, t.language)
    date = t.signed or "0001-01-01"
    date_name = "signature" if t.signed else "unknown"
    work = f"/akn/int/act/treaty/{t.signed or 'undated'}/{t.id.replace('@', '-')}"
    expr = f"{work}/{lang3}"
    authors = [f"#party_{i}" for i in range(1, len(t.parties) + 1)] or ["#treatycmp"]
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


def _references(t: Treaty, out: list[str]) -> None:
    """treatycmp and the parties as organisations the FRBR block refers to."""
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


def _proprietary(t: Treaty, out: list[str]) -> None:
    """What FRBR has no place for, under our namespace; closes ``<meta>``."""
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
    src |= {"official": str(s.official).lower()} if s.official is not None else {}
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


def _paragraphs(tag: str, paragraphs: tuple[Paragraph, ...], out: list[str]) -> None:
    """The preamble or the conclusions, one ``<p>`` a paragraph; nothing when empty."""
    if not paragraphs:
        return
    out.append(f"    <{tag}>\n")
    for p in paragraphs:
        if p.is_gap:
            out.append(f"      <p><omissis>{escape(p.gap or '')}</omissis></p>\n")
        else:
            out.append(f"      {_p(p.text, p.gap_before, p.gap_after)}\n")
    out.append(f"    </{tag}>\n")


def _body(t: Treaty, out: list[str]) -> None:
    """The articles, in ``<chapter>``s where they have one, and the gaps between them."""
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
        _article(a, indent, out)
    if chapter is not None:
        out.append("      </chapter>\n")
    if not t.articles:
        out.append('      <hcontainer name="no-articles" eId="none"><content><p/></content>')
        out.append("</hcontainer>\n")
    out.append("    </body>\n")


def _article(a: Article, indent: str, out: list[str]) -> None:
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


def write_akn(treaty: Treaty) -> str:
    """The registry's writer of Akoma Ntoso: the document, its invisible and control
    characters as references (see ``escape.xml_safe``).

    Raises:
        TreatyFileError: a text holds a character XML 1.0 cannot carry at all.
    """
    from treatycmp.escape import xml_safe

    refuse_unwritable(treaty)
    return xml_safe(treaty_to_akn(treaty))


# What XML 1.0 cannot carry, not even as a character reference (its production Char):
# C0 controls other than tab and line ends, lone surrogates, U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def refuse_unwritable(treaty: Treaty) -> None:
    """Refuse, at its file, line and clause, a character XML 1.0 cannot carry.

    Spelling ``\\x1b`` out as text would change a treaty text without a word, and
    no reference can stand for it: the YAML export carries it exactly.
    """
    for where, line, text in _strings(treaty, "", None):
        if m := NOT_XML.search(text):
            kind = "control character" if ord(m[0]) < 0x20 else "character"
            raise TreatyFileError(
                Problem(
                    treaty.path or treaty.id,
                    line,
                    f"{where} holds the {kind} U+{ord(m[0]):04X}, "
                    "which XML 1.0 cannot carry (not even as a reference)",
                    "remove it from the treaty file, or export with -f yaml, which keeps it",
                )
            )


def _strings(value: object, where: str, line: int | None) -> Iterator[tuple[str, int | None, str]]:
    """Every string the treaty holds, with what a message calls it and its line."""
    if isinstance(value, str):
        yield where, line, value
    elif isinstance(value, tuple):
        for item in value:
            yield from _strings(item, where, line)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        line = getattr(value, "line", line)
        if isinstance(value, Paragraph):
            where = f"clause {value.id}"
        elif isinstance(value, Article):
            where = f"article {value.number}"
        elif isinstance(value, Gap):
            where = "gap"
        for f in dataclasses.fields(value):
            if f.name in ("path", "line"):
                continue
            name = "" if f.name in ("text", "reason") else f.name.replace("_", " ")
            yield from _strings(getattr(value, f.name), " ".join(filter(None, (where, name))), line)
