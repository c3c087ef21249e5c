"""Scanned PDFs: where a PDF's text is in images, the import stops and says so.

A page is a scan when it holds an image and at most a running head or a page
number in text; a document whose pages are mostly scans (an Official Gazette's
decree page in text, then the treaty scanned) is refused like one with no text at
all, naming the pages: what a text layer gives is not the treaty. A few such pages
among pages of text (a scanned annex, a page of seals) are named in a warning: their
words, if any, are not imported, and nothing is left out silently. So are the running
heads and feet the PDF reader leaves out (``heads_warning``).
"""

from __future__ import annotations

from collections.abc import Sequence

from treatycmp.errors import Problem, TreatyFileError

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
