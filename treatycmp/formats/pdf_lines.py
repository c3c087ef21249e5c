"""A PDF's lines as pdf.py places them, and the furniture among them.

Running heads and feet repeat at one height on most pages; bare page numbers stand at a
page's edge. Both are found here, apart from the reading of paragraphs, so that what is
left out of a text is decided in one place and named in one warning.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from treatycmp.formats.segment import HEADING

_PAGE_NUMBER = re.compile(
    r"^(?:[-\u2013\u2014\s]*\d{1,4}[-\u2013\u2014\s]*|page\s+\d+(?:\s+of\s+\d+)?|[ivxlcdm]{1,6})$",
    re.IGNORECASE,
)


@dataclass
class Line:
    """One line of a page: where it stands, its type and its text."""

    x: float
    y: float
    size: float
    bold: bool
    text: str
    page: int
    indented: bool = False  # starts with spaces: a first-line indent typed as blanks


def type_size(lines: list[Line]) -> int:
    """The type size of the text: the size most characters are set in."""
    sizes: Counter[int] = Counter()
    for line in lines:
        sizes[round(line.size)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0


_EDGE = 3  # lines at the top and at the foot of a page where running heads stand


_HEAD_WORDS = 15  # a running head or foot is short; a longer repeated line is text


def _standing(edges: dict[str, list[Line]], least: float) -> dict[str, float]:
    """The height at which each repeated edge line stands on at least ``least`` pages.

    A running head or foot is set at one place on every page; a line of text that
    happens to repeat at a page edge (a short sentence ending one page and opening
    another) stands at another height each time and is text, not furniture.
    """
    out: dict[str, float] = {}
    for k, lines in edges.items():
        if len(lines) < least:
            continue
        ys = sorted(line.y for line in lines)
        width = 2 * max(line.size for line in lines)  # a line's height either way
        count, centre, j = 0, 0.0, 0
        for i, y in enumerate(ys):  # the window of that width holding the most lines
            j = max(j, i)
            while j < len(ys) and ys[j] - y <= width:
                j += 1
            if j - i > count:
                count, centre = j - i, (y + ys[j - 1]) / 2
        if count >= least:
            out[k] = centre
    return out


def furniture(pages: list[list[Line]]) -> tuple[set[tuple[int, int]], list[str]]:
    """(page, index) of running heads and feet and of bare page numbers, and the repeated
    lines left out as heads or feet (each once), for the warning that names them."""
    drop: set[tuple[int, int]] = set()
    named: dict[str, str] = {}
    edges: dict[str, list[Line]] = {}

    def key(line: Line) -> str:
        # Digits and spacing aside: "13 -9" and "13 - 10" are one foot (spacing moves with digits).
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", line.text.casefold()))

    for lines in pages:
        # Up to three lines: a gazette's foot is its name, its issue and the page.
        for line in {id(x): x for x in (lines[:_EDGE] + lines[-_EDGE:])}.values():
            edges.setdefault(key(line), []).append(line)
    repeated = _standing(edges, max(2, len(pages) / 2)) if len(pages) >= 2 else {}
    # The body's size is read away from the page edges, where running heads and page
    # numbers stand: in a short document they could outweigh the text itself.
    inner = [line for lines in pages for line in (lines[1:-1] if len(lines) > 2 else lines)]
    body_size = type_size(inner or [line for lines in pages for line in lines])
    for p, lines in enumerate(pages):
        # A running head in small type set apart above the text, even on a single page.
        if len(lines) >= 2:
            top, below = lines[0], lines[1]
            if round(top.size) < body_size and top.y - below.y > 2 * below.size:
                drop.add((p, 0))
        for i, line in enumerate(lines):
            at_edge = i < _EDGE or i >= len(lines) - _EDGE
            if not at_edge:
                continue
            if _PAGE_NUMBER.match(line.text):
                drop.add((p, i))
            elif (
                abs(line.y - repeated.get(key(line), math.inf)) <= line.size
                and not HEADING.match(line.text)
                and len(line.text.split()) <= _HEAD_WORDS
            ):
                drop.add((p, i))
                named.setdefault(key(line), line.text)
    return drop, list(named.values())
