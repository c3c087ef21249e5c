"""TEI XML (P4 ``<TEI.2>``, P5 ``<TEI>``) -> blocks: treaties in scholarly and diplomatic editions.

Digital editions encode a printed treaty in TEI: the text in ``<text><body>``, the
edition's own record (project, sources, change log) in ``<teiHeader>``. The body is
read in order into blocks, then through the shared segmentation, so every heading
and layout rule of plain text applies: ``<head>`` is a heading line; ``<p>``,
``<ab>``, ``<l>``, table rows, list items, openers and closers are paragraphs;
``<lb/>``, ``<pb/>``, ``<cb/>`` and milestones are a space, a table's ``<cell>`` its
words with a space either side. Any other element
(``<hi>``, ``<orig>``, ``<seg>``, ``<abbr>``, ``<ref>``) is markup inside the words
and adds no space, so ``T<hi>O</hi>`` stays one word, as printed. A ``<choice>``
is read as printed: its ``<orig>``, ``<sic>`` or ``<abbr>``, not the editor's
``<reg>``, ``<corr>`` or ``<expan>`` (the words compared are the document's); so
is such a pair written side by side without ``<choice>``
(``<sic>wrng</sic><corr>right</corr>``), which would otherwise run together as one
word. A ``<gap/>`` is a marked gap with its reason. Editors' and printers' notes (``<note>``)
and running heads (``<fw>``) are not treaty text: left out, with a warning that
counts them. ``<front>`` and ``<back>`` (title pages, indexes, appendices) are left
out too, counted in the same warning. The header's title is the treaty's title.

Hostile input: read with expat (formats.xmlparse), as ToTA and Akoma Ntoso are: a
document type may name a DTD (TEI P4's ``<!DOCTYPE TEI.2 ... "TEI.dtd">``), which is never
fetched, but a document declaring anything in it (an entity, an external entity) is
refused at that line; depth and paragraph budgets as for other formats. No optional
library is needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.parsers import expat

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.budget import over_budget
from treatycmp.formats.segment import Block, squeeze
from treatycmp.formats.xmlparse import run_expat

if TYPE_CHECKING:
    from collections.abc import Iterator

    from treatycmp.formats.registry import ReadRequest


class _El:
    """An element as the walk needs it: lxml's text/tail model, built from expat's events.

    Comments and processing instructions are not kept: the words on either side of one
    are read as if it were not there (``last <!-- red --> aforesaid`` keeps "aforesaid").
    """

    __slots__ = ("children", "line", "reason", "tag", "tail", "text")

    def __init__(self, tag: str, line: int, reason: str | None = None) -> None:
        self.tag = tag
        self.line = line
        self.reason = reason  # a <gap/>'s reason or description
        self.text = ""
        self.tail = ""
        self.children: list[_El] = []


MAX_DEPTH = 100
_BLOCKS = frozenset(
    {"p", "ab", "l", "head", "row", "item", "label", "opener", "closer", "salute", "signed"}
    | {"dateline", "byline", "trailer", "docTitle", "titlePart", "argument", "epigraph", "q"}
    | {"div", "div0", "div1", "div2", "div3", "div4", "div5", "lg", "list", "table", "sp"}
)
_SPACES = frozenset({"lb", "pb", "cb", "milestone", "space"})
_LEFT_OUT = frozenset({"note", "fw"})
_PRINTED = ("orig", "sic", "abbr")  # a <choice> is read as printed
_EDITORS = {"reg": "orig", "corr": "sic", "expan": "abbr"}  # the editor's word: its printed twin


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
                    self.name,
                    el.line,
                    f"nests elements more than {MAX_DEPTH} levels deep",
                    "give a TEI document of ordinary shape, or its text as plain text",
                )
            )
        tag = el.tag
        block = tag in _BLOCKS
        if block:
            self.flush()
            self.line = el.line
        if el.text and tag != "choice":
            self.buffer.append(el.text)
        children = [c for c in el.children if c.tag]
        if tag == "choice":
            printed = [c for c in children if c.tag in _PRINTED]
            children = printed[:1] or children[:1]
        twins = _editors_twins(children)
        for i, child in enumerate(children):
            name = child.tag
            if i in twins:
                pass  # the editor's word beside the printed one, as in a <choice>
            elif name in _LEFT_OUT:
                self.count(f"<{name}>")
            elif name == "gap":
                reason = child.reason or "text left out in the edition"
                self.buffer.append(f" [GAP: {squeeze(reason)}] ")
            elif name in _SPACES:
                self.buffer.append(" ")
            elif name == "cell":  # a table's cell: its words, a space either side
                self.buffer.append(" ")
                self.walk(child, depth + 1)
                self.buffer.append(" ")
            else:
                self.walk(child, depth + 1)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush(heading=tag == "head")


def _editors_twins(children: list[_El]) -> set[int]:
    """Indices of editors' words (``<corr>``, ``<reg>``, ``<expan>``) written right beside
    their printed twin without a ``<choice>``: only white space between the two."""
    twins: set[int] = set()
    for i in range(len(children) - 1):
        a, b = children[i], children[i + 1]
        if (a.tail or "").strip():
            continue
        if _EDITORS.get(b.tag) == a.tag:
            twins.add(i + 1)
        elif _EDITORS.get(a.tag) == b.tag:
            twins.add(i)
    return twins


def _parse(data: bytes, name: str) -> _El:
    """The document as a tree of ``_El``, built from expat's events (no DTD, no entity)."""
    parser = expat.ParserCreate(namespace_separator="}")
    roots: list[_El] = []
    stack: list[_El] = []

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = tag.rsplit("}", 1)[-1]
        reason = (attrs.get("reason") or attrs.get("desc")) if local == "gap" else None
        el = _El(local, parser.CurrentLineNumber, reason)
        (stack[-1].children if stack else roots).append(el)
        stack.append(el)

    def end(tag: str) -> None:
        stack.pop()

    def chars(text: str) -> None:
        if stack:
            top = stack[-1]
            if top.children:
                top.children[-1].tail += text
            else:
                top.text += text

    run_expat(
        parser,
        data,
        name,
        start=start,
        end=end,
        chars=chars,
        doctype=("", ""),  # accepted: see external_doctype_ok
        not_xml="is TEI that is not well-formed XML",
        external_doctype_ok=True,
    )
    return roots[0]  # the registry read its root: there is one


def _iter(root: _El) -> Iterator[_El]:
    """``root`` and its descendants in document order (no recursion: depth is unbounded)."""
    todo = [root]
    while todo:
        el = todo.pop()
        yield el
        todo.extend(reversed(el.children))


def _itertext(el: _El) -> str:
    """The text inside ``el`` (not its tail), as lxml's ``itertext``."""
    out: list[str] = []
    todo: list[_El | str] = [el]
    while todo:
        item = todo.pop()
        if isinstance(item, str):
            out.append(item)
            continue
        out.append(item.text)
        for child in reversed(item.children):
            todo.extend((child.tail, child))
    return "".join(out)


def _title(root: _El) -> str | None:
    """The first ``<title>`` of the header's title statement."""
    for el in _iter(root):
        if el.tag == "titleStmt":
            for t in _iter(el):
                if t.tag == "title":
                    return squeeze(_itertext(t)) or None
    return None


def read_tei(data: bytes, name: str, request: ReadRequest) -> list[Block]:
    """The registry's reader of TEI: the body's blocks, the header's title first."""
    root = _parse(data, name)
    walk = _Walk(request.options.limits.paragraphs, name)
    text = next((el for el in _iter(root) if el.tag == "text"), None)
    parts = [c for c in text.children if c.tag] if text is not None else []
    body = next((c for c in parts if c.tag == "body"), None)
    if body is None:
        raise TreatyFileError(
            Problem(name, root.line, "is TEI without a <text><body>", "give the edition's text")
        )
    for part in parts:
        if part.tag in ("front", "back") and squeeze(_itertext(part)):
            walk.count(f"<{part.tag}>")
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
