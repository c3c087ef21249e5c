"""The formats treatycmp reads and writes: one entry each, read by everything that needs one.

Sniffing (``formats.sniff``), import (``formats.documents``), export and
``import -f`` (``write_text``), the missing-library error (``formats.extras``) and
the CLI's ``--from`` and ``-f`` choices all come from ``FORMATS`` below, so a
format is added in one place. Readers and writers are named as
``"module:function"`` and imported on first use: ``--help`` and a diff of the
bundled corpus import no format library, and no reader imports this registry
back in a circle.

Recipe: a new import format touches three files.

1. The reader module, e.g. ``treatycmp/formats/odt.py``, with
   ``def read_odt(data: bytes, name: str, request: ReadRequest) -> list[Block]``:
   the document's paragraphs and headings in reading order (``documents``
   segments them into articles and checks the result), or a ``Treaty`` it has
   checked with ``importing.checked_yaml`` when the format carries its own
   structure (as Akoma Ntoso does). An optional library is imported with
   ``extras.need("odf", name)``, never at module level.
2. ``registry.py``: a ``Format`` in ``FORMATS`` with its name (the ``--from``
   value), what messages call it, a ``sniff`` test on the first bytes and its
   ``rank`` (magic numbers before markup), ``reader="treatycmp.formats.odt:read_odt"``,
   ``needs_id`` (False when the file names its treaty), and its ``extra`` with the
   modules it needs (``Need("odf", "reading OpenDocument text")``).
3. ``pyproject.toml``: the extra (``odt = ["odfpy>=1.4"]``), also listed in
   ``formats``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import TYPE_CHECKING, Protocol, cast

from treatycmp.formats.budget import ReadLimits

if TYPE_CHECKING:
    from treatycmp.formats.segment import Block, Meta
    from treatycmp.model import Treaty


@dataclass(frozen=True)
class ReadOptions:
    """How to read a document: its format (None: sniff), PDF column, HTML extractor,
    and the budget of pages, paragraphs and articles."""

    fmt: str | None = None
    column: int | None = None
    extractor: str = "readability"
    progress: Callable[[int, int], None] | None = None
    limits: ReadLimits = field(default_factory=ReadLimits)


@dataclass(frozen=True)
class ReadRequest:
    """Everything a reader may use besides the bytes: what the user said, and where
    warnings go."""

    treaty_id: str | None
    meta: Meta
    options: ReadOptions
    warnings: list[str] | None = None
    report: list[str] | None = None


class Reader(Protocol):
    """A document's blocks (segmented by ``documents``), or a checked treaty."""

    def __call__(self, data: bytes, name: str, request: ReadRequest) -> list[Block] | Treaty: ...


class Writer(Protocol):
    """The text of a treaty's file in this format."""

    def __call__(self, treaty: Treaty) -> str: ...


@cache
def _markup() -> tuple[re.Pattern[bytes], re.Pattern[bytes]]:
    """The first element's name, and what may stand before it (compiled on first sniff:
    ``--help`` and a bundled diff sniff nothing). A document type with an internal subset
    (``<!DOCTYPE a [<!ENTITY b "c">]>``) holds ``>`` inside its brackets: the subset is
    skipped whole."""
    root = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
    skip = re.compile(
        rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\]\s*)?>)", re.DOTALL | re.IGNORECASE
    )
    return root, skip


def _xml_root(head: bytes) -> bytes | None:
    """The local name of the first element of an XML or HTML text, if it starts with markup."""
    root, skip = _markup()
    pos = 0
    while m := skip.match(head, pos):
        if m.end() == pos:
            break
        pos = m.end()
    rest = head[pos:].lstrip()
    if not rest.startswith(b"<"):
        return None
    if rest[:9].upper() == b"<!DOCTYPE":  # a subset longer than the head: markup all the same
        return b""
    m = root.match(rest)
    return m.group(1) if m else None


@dataclass(frozen=True)
class Sample:
    """The bytes a sniff test looks at, with what several tests share worked out once."""

    data: bytes

    @cached_property
    def head(self) -> bytes:
        return self.data[:4096]

    @cached_property
    def lowered(self) -> bytes:
        """The head without a byte-order mark, in lower case."""
        return self.head.removeprefix(b"\xef\xbb\xbf").lower()

    @cached_property
    def root(self) -> bytes | None:
        """The first element's local name in lower case (``html`` under an HTML
        doctype, whatever follows), or None when the text does not start with markup."""
        if re.match(rb"\s*<!doctype\s+html", self.lowered):
            return b"html"
        root = _xml_root(self.head.removeprefix(b"\xef\xbb\xbf"))
        return None if root is None else root.lower()

    @cached_property
    def xml_declared(self) -> bool:
        """Opens with an XML declaration: ``<p>`` inside is another vocabulary's (TEI, DocBook)
        unless the root is a web page's."""
        return self.lowered.lstrip().startswith(b"<?xml")

    @cached_property
    def markdown(self) -> bool:
        """Markdown that opens with an HTML ``<meta>`` tag (web-archive exports): text."""
        return self.root == b"meta" and bool(re.search(rb"^#{1,6}\s*\S", self.head, re.M))

    @cached_property
    def zip_names(self) -> set[str] | None:
        """The member names of a ZIP archive (empty when damaged); None if not a ZIP."""
        if not self.head.startswith(b"PK\x03\x04"):
            return None
        import io
        import zipfile

        try:
            with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
                return set(archive.namelist())
        except Exception:  # zipfile on damaged bytes raises many kinds (even NotImplemented)
            return set()


@dataclass(frozen=True)
class Need:
    """An optional module a format needs, what for (said when it is missing), and, for
    one no extra installs, the command that does."""

    module: str
    what: str
    install: str | None = None


@dataclass(frozen=True)
class Format:
    """One format: what ``--from``/``-f`` call it, how its bytes are told, what reads
    and writes it, and the extra that installs what it needs.

    A format with a ``refusal`` is recognised only to say plainly that it is not
    read: its ``description`` says what it is, ``refusal`` what to do instead.
    """

    name: str
    description: str
    sniff: Callable[[Sample], bool] | None = None
    rank: int = 50
    reader: str | None = None
    needs_id: bool = True
    writer: str | None = None
    extra: str | None = None
    needs: tuple[Need, ...] = ()
    refusal: str | None = None
    headings_marked: bool = False  # its markup says which lines are headings (TEI)


_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")

# The order of readable formats is the order of the --from choices; ``rank`` orders
# the sniff tests (first match wins; text is what nothing else claims).
FORMATS: tuple[Format, ...] = (
    Format(
        "text",
        "plain text",
        reader="treatycmp.formats.importing:read_text_document",
    ),
    Format(
        "pdf",
        "PDF",
        sniff=lambda s: b"%PDF-" in s.data[:1024],
        rank=10,
        reader="treatycmp.formats.pdf:read_pdf",
        extra="pdf",
        needs=(Need("pypdf", "reading PDF"),),
    ),
    Format(
        "docx",
        "Word (.docx) document",
        sniff=lambda s: s.zip_names is not None and "word/document.xml" in s.zip_names,
        rank=20,
        reader="treatycmp.formats.docx:read_docx",
        extra="docx",
        needs=(Need("docx", "reading Word (.docx) files"),),
    ),
    Format(
        "html",
        "web page (HTML)",
        sniff=lambda s: (
            s.root is not None
            and not s.markdown
            and (
                s.root in (b"html", b"head", b"body")
                or (
                    not s.xml_declared and bool(re.search(rb"<(?:html|body|p|div)[\s>]", s.lowered))
                )
            )
        ),
        rank=60,
        reader="treatycmp.formats.html:read_html",
        extra="html",
        needs=(
            Need("readability", "reading web pages"),
            Need(
                "trafilatura",
                "reading web pages with --html-extractor trafilatura",
                install="pip install trafilatura",
            ),
            Need("lxml", "reading web pages, or checking Akoma Ntoso against its schema"),
        ),
    ),
    Format(
        "akn",
        "Akoma Ntoso XML document",
        sniff=lambda s: s.root == b"akomantoso",
        rank=50,
        reader="treatycmp.formats.akn_read:read_akn",
        needs_id=False,
        writer="treatycmp.formats.akn_write:write_akn",
        extra="akn",
    ),
    Format(
        "tota",
        "ToTA XML file",
        sniff=lambda s: s.root == b"treaty",
        rank=51,
        reader="treatycmp.formats.tota:read_tota",
        needs_id=False,
    ),
    Format(
        "tei",
        "TEI XML edition",
        sniff=lambda s: s.root in (b"tei.2", b"tei"),
        rank=52,
        reader="treatycmp.formats.tei:read_tei",
        headings_marked=True,
    ),
    Format(
        "yaml",
        "treaty YAML",
        writer="treatycmp.formats.treaty_writer:treaty_to_yaml",
    ),
    Format(
        "zip",
        "a ZIP archive, not a Word document",
        sniff=lambda s: s.zip_names is not None,
        rank=21,
        refusal="unpack it, or give the .docx itself",
    ),
    Format(
        "doc",
        "a legacy Word (.doc) file",
        sniff=lambda s: s.head.startswith(b"\xd0\xcf\x11\xe0"),
        rank=30,
        refusal="save it as .docx (Word 2007 or later) and import that",
    ),
    Format(
        "rtf",
        "an RTF file",
        sniff=lambda s: s.head.startswith(b"{\\rtf"),
        rank=31,
        refusal="save it as .docx or plain text and import that",
    ),
    Format(
        "xml",
        "XML of an unknown kind",
        sniff=lambda s: s.root is not None and not s.markdown,
        rank=90,
        refusal=(
            "give Akoma Ntoso, ToTA or TEI XML, or save its text as a .txt file and import that"
        ),
    ),
    Format(
        "image",
        "an image, not a document",
        sniff=lambda s: s.head.startswith(_IMAGE_MAGIC),
        rank=32,
        refusal="OCR it first; treatycmp reads text",
    ),
)
BY_NAME = {f.name: f for f in FORMATS}
FALLBACK = "text"


def readable() -> list[str]:
    """The names ``--from`` accepts, in registry order."""
    return [f.name for f in FORMATS if f.reader is not None]


def writable(first: str) -> list[str]:
    """The names ``-f`` accepts for writing a treaty: ``first`` (the default), then the rest."""
    names = [f.name for f in FORMATS if f.writer is not None]
    return [first, *(n for n in names if n != first)]


def sniffers() -> list[Format]:
    """The formats with a sniff test, in the order the tests run."""
    return sorted((f for f in FORMATS if f.sniff is not None), key=lambda f: f.rank)


def extras() -> dict[str, tuple[str, str, str | None]]:
    """Optional module -> (what it is for, the extra that installs it, another install
    command if no extra does)."""
    return {
        need.module: (need.what, fmt.extra or "formats", need.install)
        for fmt in FORMATS
        for need in fmt.needs
    }


def _load(ref: str) -> object:
    import importlib

    module, _, attr = ref.partition(":")
    return getattr(importlib.import_module(module), attr)


def reader(name: str) -> Reader:
    """The reader of format ``name`` (imported now, on first use)."""
    ref = BY_NAME[name].reader
    assert ref is not None, name
    return cast(Reader, _load(ref))


def write_text(name: str, treaty: Treaty) -> str:
    """The treaty as the text of a file in format ``name``."""
    ref = BY_NAME[name].writer
    assert ref is not None, name
    return cast(Writer, _load(ref))(treaty)
