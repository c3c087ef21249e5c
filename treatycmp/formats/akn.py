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

The writer is ``akn_write``, the reader ``akn_read``; this module holds the
checks of a written document and the public names.
"""

from __future__ import annotations

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.akn_read import parse, read_akn, treaty_from_akn
from treatycmp.formats.akn_write import NS, TC_NS, treaty_to_akn, write_akn
from treatycmp.formats.extras import need

__all__ = [
    "NS",
    "TC_NS",
    "akn_problems",
    "read_akn",
    "schema_problems",
    "treaty_from_akn",
    "treaty_to_akn",
    "write_akn",
]


def akn_problems(text: str, name: str = "<akn>") -> list[Problem]:
    """A structural check of what ``treaty_to_akn`` writes, without the schema.

    Checks what the schema would and a reader needs: the root and namespace, one
    act with meta/identification/FRBRWork/FRBRExpression/FRBRManifestation,
    each FRBR level with this, uri, date and author, unique eIds, and articles
    only with an ``art_`` eId.
    """
    problems: list[Problem] = []
    try:
        root = parse(text.encode("utf-8"), name)
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
