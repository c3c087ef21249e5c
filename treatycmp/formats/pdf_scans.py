"""Scanned PDFs: where a PDF's text is in images, the import stops and says so.

A page is a scan when it holds an image and at most a running head or a page
number in text; a document whose pages are mostly scans (an Official Gazette's
decree page in text, then the treaty scanned) is refused like one with no text at
all, naming the pages: what a text layer gives is not the treaty. A few such pages
among pages of text (a scanned annex, a page of seals) are named in a warning: their
words, if any, are not imported, and nothing is left out silently. So are the running
heads and feet the PDF reader leaves out (``heads_warning``).

Pages whose lines run in two columns are refused unless a column is asked for
(two languages side by side), except a few among many single-column pages: those
are tables (the appendix of transitional arrangements on pages 133-135 of a
249-page free-trade agreement), read across row by row and named in a warning.
"""

from __future__ import annotations

from collections.abc import Sequence

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.segment_blocks import SideBySideError

# A page with an image and fewer words than this (a running head, a page number) is
# a scanned page: its text is in the image.
SCAN_WORDS = 25


def refuse_scans(name: str, pages: Sequence[Sequence[object]], images: list[int]) -> None:
    """Stop when the text is in images: no page has text, or most pages are scans (a
    gazette's decree page in text, then the treaty scanned): what is left is not it."""
    if any(pages) and len(images) * 2 <= len(pages):
        return
    if not any(pages):
        what = "its pages are images (a scan)" if images else "its pages hold no text"
    else:
        what = f"{len(images)} of its {len(pages)} pages are images (a scan): {_ranges(images)}"
    raise TreatyFileError(
        Problem(
            name,
            None,
            f"has no text layer: {what}",
            "OCR is not supported; run an OCR tool (e.g. ocrmypdf) and import its output",
        )
    )


# Pages in columns are tables, not two texts side by side, when the document has at
# least this many pages and at most this share of them are in columns.
TABLE_DOCUMENT_PAGES = 10
TABLE_PAGE_SHARE = 0.1


def refuse_side_by_side(name: str, columned: list[int], count: int, tables: bool = True) -> None:
    """Stop when pages run in two columns (often two languages side by side), unless
    they are a few among many single-column pages: tables, read across. ``tables=False``
    (``--language`` given, no ``--column``) stops on any: the caller then reads the
    column in that language, as for a whole side-by-side document.

    >>> refuse_side_by_side("t.pdf", [133, 134, 135], 249)
    >>> refuse_side_by_side("t.pdf", [1], 1)
    Traceback (most recent call last):
    treatycmp.formats.segment_blocks.SideBySideError: t.pdf: page 1 has two columns ...
    """
    if not columned or (
        tables and count >= TABLE_DOCUMENT_PAGES and len(columned) <= TABLE_PAGE_SHARE * count
    ):
        return
    raise SideBySideError(
        Problem(
            name,
            None,
            f"page {columned[0]} has two columns of text (often two languages side by side)",
            "pass --column 1 or --column 2 to read one of them, or --language to pick the one "
            "in that language",
        )
    )


def tables_warning(name: str, tables: list[int]) -> str | None:
    """The warning for pages set in columns read across (``refuse_side_by_side`` took
    them for tables): their cells come row by row, so the user can check them."""
    if not tables:
        return None
    return (
        f"{name}: {_ranges(tables)} set in columns among single-column pages (a table?), "
        "read across row by row; pass --column 1 or --column 2 to read one column of them"
    )


def scan_warning(name: str, images: list[int]) -> str | None:
    """The warning for scanned pages among pages of text (``refuse_scans`` let them
    pass): whatever their images hold is not imported."""
    if not images:
        return None
    return (
        f"{name}: words in images are not imported ({_ranges(images)}: an image and under "
        f"{SCAN_WORDS} words of text, a scan?); run an OCR tool (e.g. ocrmypdf) to import them"
    )


def _ranges(numbers: list[int]) -> str:
    """Page numbers as ranges: 'pages 2-7, 9', 'page 3'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    many = len(numbers) > 1
    return ("pages " if many else "page ") + ", ".join(
        f"{r[0]}-{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs
    )


def heads_warning(name: str, heads: list[str]) -> str | None:
    """The warning that names the lines left out as running heads or feet: they stand at
    the top or foot of at least half the pages, so nothing said is left out unsaid.

    >>> heads_warning("t.pdf", ["UNITED NATIONS", "Treaty Series 1968"]).split(": ")[-1]
    "'UNITED NATIONS', 'Treaty Series 1968'"
    """
    if not heads:
        return None
    shown = ", ".join(repr(h) for h in heads[:3])
    more = f" and {len(heads) - 3} more" if len(heads) > 3 else ""
    return (
        f"{name}: left out as running heads or feet (at the page edges of half the pages "
        f"or more): {shown}{more}"
    )


def page_warnings(name: str, scans: list[int], heads: list[str], tables: list[int]) -> list[str]:
    """The warnings of a PDF's pages: scans among text, heads and feet left out, tables."""
    found = (scan_warning(name, scans), heads_warning(name, heads), tables_warning(name, tables))
    return [w for w in found if w is not None]
