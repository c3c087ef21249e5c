"""TEI XML (P4 ``<TEI.2>``, P5 ``<TEI>``) -> blocks: treaties in scholarly and diplomatic editions.

Digital editions encode a printed treaty in TEI: the text in ``<text><body>``, the
edition's own record (project, sources, change log) in ``<teiHeader>``. The body is
read in order into blocks, then through the shared segmentation, so every heading
and layout rule of plain text applies: ``<head>`` is a heading line; ``<p>``,
``<ab>``, ``<l>``, table rows, list items, openers and closers are paragraphs;
``<lb/>``, ``<pb/>``, ``<cb/>`` and milestones are a space. Any other element
(``<hi>``, ``<orig>``, ``<seg>``, ``<abbr>``, ``<ref>``) is markup inside the words
and adds no space, so ``T<hi>O</hi>`` stays one word, as printed. A ``<choice>``
is read as printed: its ``<orig>``, ``<sic>`` or ``<abbr>``, not the editor's
``<reg>``, ``<corr>`` or ``<expan>`` (the words compared are the document's). A
``<gap/>`` is a marked gap with its reason. Editors' and printers' notes (``<note>``)
and running heads (``<fw>``) are not treaty text: left out, with a warning that
counts them. ``<front>`` and ``<back>`` (title pages, indexes, appendices) are left
out too, counted in the same warning. The header's title is the treaty's title.

Hostile input: lxml without network, without loading a DTD and without resolving
entities; a document that declares an entity is refused before parsing (no
"billion laughs", no external entity); depth and paragraph budgets as for other
formats.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.budget import over_budget
from treatycmp.formats.extras import need
from treatycmp.formats.segment import Block, squeeze

if TYPE_CHECKING:
    from collections.abc import Iterator

    from treatycmp.formats.registry import ReadRequest

    class _El:
        """What this module uses of an lxml element."""

        tag: object
        text: str | None
        tail: str | None
        sourceline: int | None

        def __iter__(self) -> Iterator[_El]: ...
        def get(self, key: str) -> str | None: ...
        def iter(self) -> Iterator[_El]: ...
        def itertext(self) -> Iterator[str]: ...


MAX_DEPTH = 100
_BLOCKS = frozenset(
    {"p", "ab", "l", "head", "row", "item", "label", "opener", "closer", "salute", "signed"}
    | {"dateline", "byline", "trailer", "docTitle", "titlePart", "argument", "epigraph", "q"}
    | {"div", "div0", "div1", "div2", "div3", "div4", "div5", "lg", "list", "table", "sp"}
)
_SPACES = frozenset({"lb", "pb", "cb", "milestone", "cell", "space"})
_LEFT_OUT = frozenset({"note", "fw"})
_PRINTED = ("orig", "sic", "abbr")  # a <choice> is read as printed
_ENTITY = re.compile(rb"<!ENTITY", re.IGNORECASE)


def _local(tag: object) -> str:
    """An element's name without its namespace ('' for comments and instructions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


class _Walk:
    """The body's blocks as they are read, with what was left out counted."""

    def __init__(self, limit: int, name: str) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.line: int | None = None
        self.left_out: dict[str, int] = {}
        self.limit = limit
        self.name = name

    def flush(self, heading: bool = False) -> None:
        text = squeeze("".join(self.buffer))
        self.buffer = []
        if text:
            if len(self.blocks) >= self.limit:
                raise over_budget(self.name, self.line, "paragraphs", self.limit)
            self.blocks.append(Block(text, self.line, heading=heading))

    def count(self, what: str) -> None:
        self.left_out[what] = self.left_out.get(what, 0) + 1

    def walk(self, el: _El, depth: int = 0) -> None:
        """Read ``el``'s content (not its tail) into the blocks."""
        if depth > MAX_DEPTH:
            raise TreatyFileError(
                Problem(
                    self.name, el.sourceline, f"nests elements more than {MAX_DEPTH} levels deep"
                )
            )
        tag = _local(el.tag)
        block = tag in _BLOCKS
        if block:
            self.flush()
            self.line = el.sourceline
        if el.text and tag != "choice":
            self.buffer.append(el.text)
        children = [c for c in el if _local(c.tag)]
        if tag == "choice":
            printed = [c for c in children if _local(c.tag) in _PRINTED]
            children = printed[:1] or children[:1]
        for child in children:
            name = _local(child.tag)
            if name in _LEFT_OUT:
                self.count(f"<{name}>")
            elif name == "gap":
                reason = child.get("reason") or child.get("desc") or "text left out in the edition"
                self.buffer.append(f" [GAP: {squeeze(reason)}] ")
            elif name in _SPACES:
                self.buffer.append(" ")
            else:
                self.walk(child, depth + 1)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush(heading=tag == "head")


def _parse(data: bytes, name: str) -> _El:
    etree = need("lxml.etree", name)
    m = _ENTITY.search(data)  # only a document type declares one; a comment may say it too
    if m:
        line = data[: m.start()].count(b"\n") + 1
        raise TreatyFileError(
            Problem(
                name,
                line,
                "declares an entity in its document type (treatycmp expands none)",
                "remove the <!ENTITY> declarations, or give the text as plain text",
            )
        )
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=False
    )
    try:
        root: _El = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        at = exc.lineno if isinstance(exc.lineno, int) else None
        reason = " ".join(str(exc.msg or "").split())[:120]
        raise TreatyFileError(
            Problem(name, at, f"is TEI that is not well-formed XML ({reason})", "fix the XML")
        ) from None
    return root


def _title(root: _El) -> str | None:
    """The first ``<title>`` of the header's title statement."""
    for el in root.iter():
        if _local(el.tag) == "titleStmt":
            for t in el.iter():
                if _local(t.tag) == "title":
                    return squeeze("".join(t.itertext())) or None
    return None


def read_tei(data: bytes, name: str, request: ReadRequest) -> list[Block]:
    """The registry's reader of TEI: the body's blocks, the header's title first."""
    root = _parse(data, name)
    walk = _Walk(request.options.limits.paragraphs, name)
    text = next((el for el in root.iter() if _local(el.tag) == "text"), None)
    parts = [c for c in text if _local(c.tag)] if text is not None else []
    body = next((c for c in parts if _local(c.tag) == "body"), None)
    if body is None:
        raise TreatyFileError(
            Problem(
                name, root.sourceline, "is TEI without a <text><body>", "give the edition's text"
            )
        )
    for part in parts:
        if _local(part.tag) in ("front", "back") and squeeze("".join(part.itertext())):
            walk.count(f"<{_local(part.tag)}>")
    walk.walk(body)
    walk.flush()
    blocks = walk.blocks
    title = _title(root)
    if title and blocks and not (blocks[0].heading and title in blocks[0].text):
        blocks.insert(0, Block(title, None, heading=True))
    if walk.left_out and request.warnings is not None:
        said = ", ".join(f"{n} {what}" for what, n in sorted(walk.left_out.items()))
        request.warnings.append(
            f"{name}: left out {said} of the TEI text: editors' notes, running heads, "
            "front and back matter are not treaty text"
        )
    return blocks
