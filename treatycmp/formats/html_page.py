"""What a web page shows as its text, by the general rules of the web.

Before any extractor runs: the page's own main content (``<main>``,
``role="main"``, a single ``<article>``) is the text when the page names it;
text the page hides (the ``hidden`` attribute, ``aria-hidden="true"``, an inline
or stylesheet ``display: none``/``visibility: hidden`` on a class or id) is not
text, unless it is a language alternative (a bilingual page that shows one
language at a time: the hidden part declares a ``lang`` or is in another language
than what is shown), which ``--language`` then chooses from; the site's
furniture (navigation, banners, footers, complementary boxes) is removed; the
document's title is its first ``<h1>``, else its ``<title>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from treatycmp.formats.languages import detect, script_of

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Landmark roles of a site's furniture (WAI-ARIA), never the treaty's text.
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
)
_HIDING = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_SIMPLE = re.compile(r"^([.#])([\w-]+)$")
# Fewer words than this in a page's main element, and the extractor decides instead.
MIN_MAIN_WORDS = 12


class Node(Protocol):
    """What this module uses of an lxml element."""

    tag: object
    text: str | None
    tail: str | None

    def get(self, key: str, default: str | None = None) -> str | None: ...
    def getparent(self) -> Node | None: ...
    def getprevious(self) -> Node | None: ...
    def remove(self, child: Node) -> None: ...
    def iter(self, *tags: str) -> Iterator[Node]: ...
    def iterancestors(self) -> Iterator[Node]: ...
    def iterdescendants(self) -> Iterator[Node]: ...
    def itertext(self) -> Iterator[str]: ...
    def __iter__(self) -> Iterator[Node]: ...


def tag_of(el: Node) -> str:
    """An element's local name in lower case ('' for comments and processing instructions)."""
    return el.tag.lower().rpartition("}")[2] if isinstance(el.tag, str) else ""


def language_code(value: str | None) -> str | None:
    """The primary subtag of a ``lang`` value: ``zh-Hant`` -> ``zh``, ``EN-US`` -> ``en``.

    >>> language_code("zh-Hant"), language_code("EN-US"), language_code(""), language_code("x")
    ('zh', 'en', None, None)
    """
    primary = (value or "").strip().split("-")[0].split("_")[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def declared_lang(el: Node) -> str | None:
    """The language an element's nearest ``lang`` declares, below ``<body>``: the page's
    own ``<html lang>`` is often a site default, not the language of each block."""
    for node in (el, *el.iterancestors()):
        if tag_of(node) in ("body", "html"):
            return None
        code = language_code(node.get("lang") or node.get(XML_LANG))
        if code:
            return code
    return None


def hidden_selectors(root: Node) -> tuple[set[str], set[str]]:
    """Classes and ids a page's stylesheets hide (``.x { display: none }``), from
    simple selectors only: a rule on a compound selector hides under conditions."""
    classes: set[str] = set()
    ids: set[str] = set()
    for style in root.iter("style"):
        css = re.sub(r"/\*.*?\*/", " ", "".join(style.itertext()), flags=re.S)
        css = re.sub(r"@media[^{]*\{((?:[^{}]*\{[^{}]*\})*)[^{}]*\}", " ", css)
        for selectors, body in _RULE.findall(css):
            if not _HIDING.search(body):
                continue
            for selector in selectors.split(","):
                if m := _SIMPLE.match(selector.strip()):
                    (classes if m[1] == "." else ids).add(m[2])
    return classes, ids


def _is_hidden(el: Node, classes: set[str], ids: set[str]) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    if _HIDING.search(el.get("style") or ""):
        return True
    return bool(set((el.get("class") or "").split()) & classes) or (el.get("id") or "") in ids


def _words(el: Node) -> str:
    return " ".join("".join(el.itertext()).split())


def _alternative(el: Node, shown: str) -> bool:
    """Whether hidden text is a language alternative: it declares a language, or is
    in another script or language than the text the page shows. ``aria-hidden``
    text never is: it hides a duplicate from screen readers, not a language."""
    if (el.get("aria-hidden") or "").lower() == "true":
        return False
    if any(language_code(n.get("lang") or n.get(XML_LANG)) for n in el.iter()):
        return True
    text = _words(el)[:2000]
    if script_of(text) != script_of(shown) and None not in (script_of(text), script_of(shown)):
        return True
    lang, shown_lang = detect(text), detect(shown)
    return lang is not None and shown_lang is not None and lang != shown_lang


def drop_hidden(root: Node) -> int:
    """Remove what the page hides, keeping language alternatives (module docstring);
    how many words were removed (a page may hide a section its script would open)."""
    classes, ids = hidden_selectors(root)
    hidden = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and tag_of(el) not in ("html", "head", "style", "script")
        and _is_hidden(el, classes, ids)
    ]
    marked = {id(el) for el in hidden}  # the list keeps each proxy, so its id is stable
    outer = [el for el in hidden if not any(id(a) in marked for a in el.iterancestors())]
    shown = _shown_text(root, set(map(id, outer)))[:4000]
    removed = 0
    for el in outer:
        if not _alternative(el, shown):
            removed += 0 if _furniture(el) else len(_words(el).split())
            remove_keeping_tail(el)
    return removed


def _furniture(el: Node) -> bool:
    """Whether an element lies in the site's furniture (a hidden menu is no loss)."""
    return any(
        tag_of(n) in ("nav", "header", "footer", "aside") or n.get("role") in CHROME_ROLES
        for n in (el, *el.iterancestors())
    )


def _shown_text(root: Node, hidden: set[int]) -> str:
    out: list[str] = []

    def walk(el: Node) -> None:
        if id(el) in hidden or tag_of(el) in ("script", "style", "head"):
            return
        out.append(el.text or "")
        for child in el:
            walk(child)
            out.append(child.tail or "")

    walk(root)
    return " ".join(" ".join(out).split())


def remove_keeping_tail(el: Node) -> None:
    """Remove an element; the text after it (its tail) belongs to its parent and stays."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    if tail and tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def main_element(root: Node) -> Node | None:
    """The page's main content as the page names it: ``<main>``, ``role="main"``, or
    its only ``<article>``; None when it names none (or it holds almost no words)."""
    named = [el for el in root.iter() if tag_of(el) == "main" or el.get("role") == "main"]
    if not named:
        articles = [el for el in root.iter() if tag_of(el) == "article"]
        named = articles if len(articles) == 1 else []
    for el in named:
        text = _words(el)
        if len(text.split()) >= MIN_MAIN_WORDS or re.search(r"[\u3400-\u9fff]{12}", text):
            return el
    return None


def page_title(root: Node) -> str | None:
    """The document's title: its first ``<h1>``, else its ``<title>`` without the
    site's name after a separator ("The Treaty | Ministry of ...")."""
    for tag in ("h1", "title"):
        for el in root.iter():
            if tag_of(el) == tag and (text := _words(el)):
                return re.split(r"\s+[|\u2013\u2014-]\s+", text)[0] if tag == "title" else text
    return None
