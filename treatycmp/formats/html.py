"""Web page -> blocks: the main content only, then the shared segmentation.

A news or ministry page holds the treaty among menus, sidebars, footers, cookie
notices and scripts. A main-content extractor keeps the article body (chosen by
measurement, see docs/format.md: readability-lxml by default, trafilatura as the
alternative); its result is read block by block (headings, paragraphs, list
items, table cells). Scripts, styles and comments never reach the text, and
a ``<br>`` ends a line as a line break does in plain text: what follows is a
new paragraph (pages such as KCNA's set a whole treaty as lines in one block).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from types import ModuleType
from typing import TYPE_CHECKING

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.budget import over_budget
from treatycmp.formats.extras import need
from treatycmp.formats.html_page import (
    CHROME_ROLES,
    Node,
    declared_lang,
    drop_hidden,
    main_element,
    page_title,
)
from treatycmp.formats.segment import HEADING, Block, squeeze

if TYPE_CHECKING:
    from treatycmp.formats.registry import ReadRequest

# Fewer words than this, and no article heading: what was found is a menu, not a text.
MIN_WORDS = 12
EXTRACTORS = ("readability", "trafilatura")
_BLOCK_TAGS = {"p", "li", "td", "th", "dd", "dt", "blockquote", "pre"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "head", "title"}
_DROP_TAGS = {"script", "style", "noscript", "template", "svg", "math", "iframe", "object"}


_BREAK = "\u2028"  # stands for <br> until the text is split into lines


_Element = Node  # what this module uses of an lxml element


def _texts_of(element: _Element) -> list[str]:
    """An element's text, one entry per line (a ``<br>`` ends a line), white space collapsed."""
    text = "".join(element.itertext())
    return [squeeze(part) for part in text.split(_BREAK) if part.strip()]


def _clean(root: _Element) -> _Element:
    """Scripts, styles and comments removed; ``<br>`` marked as the end of a line."""
    etree = need("lxml.etree")
    etree.strip_elements(root, etree.Comment, *_DROP_TAGS, with_tail=False)
    for br in root.iter("br", "lb"):
        br.tail = _BREAK + (br.tail or "")
    return root


def _is_text_box(el: _Element) -> bool:
    """A container (``<div>``) that holds text itself and no paragraph or heading inside."""
    direct = (getattr(el, "text", None) or "").strip() or any(
        (getattr(c, "tail", None) or "").strip() for c in el
    )
    if not direct:
        return False
    tags = _BLOCK_TAGS | _HEADING_TAGS | {"div", "section", "article", "main", "ul", "ol", "table"}
    return not any(isinstance(d.tag, str) and d.tag.lower() in tags for d in el.iterdescendants())


def _only_links(el: _Element) -> bool:
    """Whether all of an element's text is inside links (a menu item, not treaty text)."""
    text = "".join(el.itertext()).strip()
    links = "".join("".join(a.itertext()) for a in el.iter("a")).strip()
    return bool(text) and " ".join(text.split()) == " ".join(links.split())


_CELL_TAGS = {"td", "th", "li", "dd", "dt", "blockquote"}


def _holds_blocks(el: _Element) -> bool:
    """Whether an element holds paragraphs or headings of its own."""
    inner = _BLOCK_TAGS | _HEADING_TAGS | {"div", "table"}
    return any(isinstance(d.tag, str) and d.tag.lower() in inner for d in el.iterdescendants())


def _blocks_from_tree(root: _Element) -> list[Block]:
    """Headings and paragraph-like elements of an (extracted) tree, in document order."""
    blocks: list[Block] = []

    def walk(el: _Element) -> None:
        tag = getattr(el, "tag", "")
        if not isinstance(tag, str):
            return
        name = tag.lower().rpartition("}")[2]
        if name in _DROP_TAGS:
            return
        if name in ("nav", "menu"):
            return
        lang = declared_lang(el)
        if name in _CELL_TAGS and _holds_blocks(el):
            # A table cell or list item that holds paragraphs (a two-column table):
            # each paragraph is a block, and so is loose text between them.
            if (el.text or "").strip():
                blocks.append(Block(squeeze(el.text or ""), None, lang=lang))
            for child in el:
                walk(child)
                if (child.tail or "").strip():
                    blocks.append(Block(squeeze(child.tail or ""), None, lang=lang))
            return
        if name in _HEADING_TAGS or name in _BLOCK_TAGS or _is_text_box(el):
            if _only_links(el):
                return
            # No line: the extractor's output is a new document, its lines not the page's.
            blocks.extend(
                Block(t, None, heading=name in _HEADING_TAGS, lang=lang) for t in _texts_of(el)
            )
            return
        for child in el:
            walk(child)

    walk(root)
    return blocks


# An XHTML page's XML declaration (the Official Journal's pages open with one): the
# HTML parser refuses a text that still declares an encoding, so it is cut once read.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*?(?:encoding=[\"'](?P<encoding>[\w-]+)[^>]*)?\?>")


def _decode(data: bytes, name: str) -> str:
    """The page as text: a BOM wins, then the charset the page declares (a ``<meta>``
    charset, else an XHTML page's XML declaration), else UTF-8; the declaration is cut.

    Bytes the encoding cannot read stop the import: replacing them would change words.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data, encoding = data[3:], "utf-8"
    else:
        head = data[:2048].decode("ascii", "replace")
        m = re.search(r"charset=[\"']?([\w-]+)", head, re.IGNORECASE)
        declared = _XML_DECLARATION.match(head)
        encoding = m.group(1) if m else (declared and declared["encoding"]) or "utf-8"
    try:
        # A codec that is not a text encoding (base64, zlib, rot13) is no character set.
        if not getattr(codecs.lookup(encoding), "_is_text_encoding", True):
            raise LookupError(encoding)
        return _XML_DECLARATION.sub("", data.decode(encoding), count=1)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        byte = f" (byte 0x{data[exc.start]:02x})" if exc.start < len(data) else ""
        raise TreatyFileError(
            Problem(
                name,
                line,
                f"is not {encoding[:40]} text as the page says{byte}",
                "save the page again from the browser, as UTF-8",
            )
        ) from None
    except (LookupError, UnicodeError, ValueError, TypeError):
        # Unknown names, and names a codec lookup accepts that still cannot decode
        # ("undefined" raises UnicodeError on any byte).
        raise TreatyFileError(
            Problem(
                name,
                None,
                f"declares the unknown character set '{encoding[:40]}'",
                "save the page as UTF-8",
            )
        ) from None


# Page furniture by its class or id: cookie notices, menus, sidebars, sharing,
# comments, advertising. A word of a class or id, not a part of one ("nav", not
# "canvas").
_CHROME_WORDS = frozenset(
    {
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "banner",
        "navbar",
        "nav",
        "menu",
        "footer",
        "sidebar",
        "share",
        "sharing",
        "social",
        "comments",
        "comment",
        "related",
        "advert",
        "ads",
        "advertisement",
        "promo",
        "newsletter",
        "breadcrumb",
        "breadcrumbs",
        "crumb",
        "crumbs",
        "subscribe",
        "popup",
        "modal",
    }
)
_CHROME_TAGS = ("nav", "aside", "footer", "form", "button", "noscript", "dialog")


def _without_chrome(root: _Element) -> None:
    """The page with its furniture removed before extraction: on a page whose treaty
    text is short, a cookie notice or a menu could otherwise look like the main text."""
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        words = set(re.split(r"[\s_-]+", f"{el.get('class', '')} {el.get('id', '')}".casefold()))
        inside_text = any(
            isinstance(a.tag, str) and a.tag.lower() in ("article", "main")
            for a in el.iterancestors()
        )
        if (
            tag in _CHROME_TAGS
            or (el.get("role") or "").lower() in CHROME_ROLES
            or (tag == "header" and not inside_text)
            or (words & _CHROME_WORDS and tag not in ("body", "html", "main", "article"))
        ):
            doomed.append(el)
    for el in doomed:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)


def html_blocks(
    data: bytes, name: str, *, extractor: str = "readability", warnings: list[str] | None = None
) -> list[Block]:
    """The blocks of a web page's main content (``warnings``: the words the page hides,
    left out, are said there: they may be a section its script would open).

    Raises:
        TreatyFileError: the page has no main text, or the library is missing.
    """
    page = _decode(data, name)
    lxml_html = need("lxml.html", name)
    extract = _trafilatura(name) if extractor == "trafilatura" else _readability(name)
    hidden: list[int] = []
    try:
        blocks = _main_blocks(page, lxml_html, extract, hidden)
    except Exception:  # the extractors raise bare Exceptions on empty or hostile pages
        raise _no_main_text(name, "the page could not be parsed") from None
    if sum(hidden) and warnings is not None:
        warnings.append(
            f"{name}: left out {sum(hidden):,} words the page hides (hidden, display: none); "
            "if they are treaty text, save the page with every section open"
        )
    words = sum(len(b.text.split()) for b in blocks)
    if not blocks or (words < MIN_WORDS and not any(HEADING.match(b.text) for b in blocks)):
        raise _no_main_text(name)
    return blocks


def _readability(name: str) -> Callable[[str], list[Block]]:
    """readability-lxml as an extractor: page -> blocks of what it judges the main text."""
    readability = need("readability", name)
    lxml_html = need("lxml.html", name)

    def run(page: str) -> list[Block]:
        summary = readability.Document(page).summary(html_partial=True)
        return _blocks_from_tree(_clean(lxml_html.fromstring(summary))) if summary.strip() else []

    return run


def _trafilatura(name: str) -> Callable[[str], list[Block]]:
    """trafilatura as an extractor: page -> blocks of its XML output."""
    trafilatura = need("trafilatura", name)
    etree = need("lxml.etree", name)

    def run(page: str) -> list[Block]:
        xml = trafilatura.extract(
            page,
            output_format="xml",
            include_comments=False,
            include_tables=True,
            include_formatting=False,
            include_links=False,
            include_images=False,
            favor_recall=True,
            deduplicate=False,
        )
        if not xml:
            return []
        root = etree.fromstring(xml.encode("utf-8"), etree.XMLParser(resolve_entities=False))
        main = root.find("main")
        return _blocks_from_tree(_clean(main if main is not None else root))

    return run


def _main_blocks(
    page: str, lxml_html: ModuleType, extract: Callable[[str], list[Block]], hidden: list[int]
) -> list[Block]:
    """The blocks of a page's main text: hidden text and furniture removed, then the
    page's own main element when it names one, else what the extractor finds; the
    document's title (``<h1>``, else ``<title>``) first when the text does not open
    with a heading of its own; ``hidden`` gets the number of hidden words removed."""
    if not page.strip():
        return []
    root = lxml_html.fromstring(page)
    title = page_title(root)
    hidden.append(drop_hidden(root))
    _without_chrome(root)
    main = main_element(root)
    if main is not None:
        blocks = _blocks_from_tree(_clean(main))
    else:
        blocks = extract(lxml_html.tostring(root, encoding="unicode"))
    opens = bool(blocks) and blocks[0].heading and not HEADING.match(blocks[0].text)
    if title and blocks and not opens and not any(title in b.text for b in blocks[:3]):
        blocks.insert(0, Block(title, None, heading=True))
    return blocks


_BLOCK_START = re.compile(rb"<(?:p|li|br|div|td|th|h[1-6]|dd|dt|tr|pre|blockquote)[\s/>]", re.I)


def read_html(data: bytes, name: str, request: ReadRequest) -> list[Block]:
    """The registry's reader of web pages: ``html_blocks`` with the extractor asked for,
    refused beyond the paragraph budget (block elements counted before parsing)."""
    limit = request.options.limits.paragraphs
    if sum(1 for _ in _BLOCK_START.finditer(data)) > limit:
        raise over_budget(name, None, "paragraphs", limit)
    return html_blocks(data, name, extractor=request.options.extractor, warnings=request.warnings)


def _no_main_text(name: str, why: str = "") -> TreatyFileError:
    return TreatyFileError(
        Problem(
            name,
            None,
            "holds no main text that could be found" + (f" ({why})" if why else ""),
            "save the page's text as a .txt file and import that, or check that the page "
            "was saved after it loaded",
        )
    )
