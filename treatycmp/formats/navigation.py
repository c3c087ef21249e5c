"""A web page saved as text: its site navigation, runs of lines that are only links.

A page's text rendering (a reader tool's Markdown, a web fetch saved as ``.txt``) keeps
the site's menus and footer as lines each holding nothing but links to other pages
(``- [About Us](https://www.unoosa.org/oosa/en/aboutus/index.html)``). Imported, they
were the preamble's first hundreds of words, and their short items even decided the
text's language. A run of such lines is left out, and said, as an HTML page's
navigation is; links inside a sentence, or to the document's own anchors (a list of
contents: ``[Article 1](#art1)``), are text.
"""

from __future__ import annotations

import re

from treatycmp.formats.coverage import count_words

# A link to another page: an absolute address or a path on the site, not an anchor.
_LINK = r"\[[^\]\n]*\]\((?:https?://|/)[^)\s]*(?:\s+\"[^\"\n]*\")?\)"
_NAV_LINE = re.compile(
    rf"^\s*(?:[-*+]\s+|#+\s+)?(?:{_LINK}\s*[|\u00b7\u2022]?\s*)+$|^\s*(?:\u2192\s*)?<?https?://\S+>?\s*$"
)
# What a link's words are, as the text of its line would be read: its text, not its address.
_LINK_TEXT = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)|<?https?://\S+>?")
# Lines that are only links, in a run (blank lines between them allowed), from this
# many on: a site's menu runs to dozens of lines (UNOOSA's, 338), while a treaty's own
# list of links is short (TPP's Annex 12-A lists the eleven Parties' schedules as links
# to their PDFs, text of the annex).
MIN_RUN = 20


def is_navigation_line(line: str) -> bool:
    """Whether a line holds nothing but links to other pages (or one bare address).

    >>> is_navigation_line("  * [Annual Reports](https://www.unoosa.org/oosa/en/reports.html)")
    True
    >>> is_navigation_line("[Article 1](#art1)")
    False
    >>> is_navigation_line("See [the Charter](https://un.org) too.")
    False
    """
    return bool(_NAV_LINE.match(line))


def strip_navigation(text: str, path: str, warnings: list[str] | None) -> str:
    """``text`` with each run of ``MIN_RUN`` or more navigation lines blanked (their line
    numbers kept, so every later message names the file's own lines), and a warning
    that names the lines and counts the words left out."""
    lines = text.split("\n")
    links = [is_navigation_line(line) for line in lines]
    runs: list[tuple[int, int]] = []
    start: int | None = None
    last = -1
    for i, line in enumerate(lines):
        if links[i]:
            start = i if start is None else start
            last = i
        elif line.strip() and start is not None:
            runs.append((start, last))
            start = None
    if start is not None:
        runs.append((start, last))
    kept = [(a, b) for a, b in runs if sum(links[a : b + 1]) >= MIN_RUN]
    if not kept:
        return text
    words = 0
    for a, b in kept:
        words += sum(count_words(_LINK_TEXT.sub(r"\1", x)) for x in lines[a : b + 1])
        lines[a : b + 1] = [""] * (b + 1 - a)
    if warnings is not None:
        where = ", ".join(f"{a + 1}-{b + 1}" for a, b in kept)
        warnings.append(
            f"{path}: left out {words:,} words of site navigation (lines {where}: lines that "
            "are only links to other pages, as a web page saved as text keeps its menus); "
            "no treaty text is a list of links"
        )
    return "\n".join(lines)
