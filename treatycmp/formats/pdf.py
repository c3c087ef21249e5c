"""PDF -> blocks, with pypdf (BSD licence): the text layer in reading order, cleaned.

Each page's text fragments are placed by their position (pypdf's text visitor
gives the transformation matrices), grouped into lines top to bottom, and the
lines into paragraphs by the space between them. Running heads and feet that
repeat at one height on most pages, and bare page numbers, are removed; a word hyphenated at
a line end is joined when the document itself never writes it with a hyphen;
bold or larger lines and ``Article N`` lines are headings. A page whose lines
run in two columns (the UN Treaty Series prints English beside French) is
refused unless the user picks a column; a PDF with no text layer (a scan) is
refused, as treatycmp does no OCR.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import logging
import statistics
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.budget import over_budget
from treatycmp.formats.extras import need
from treatycmp.formats.pdf_hyphens import join_lines
from treatycmp.formats.pdf_lines import Line, furniture, type_size
from treatycmp.formats.pdf_scans import (
    SCAN_WORDS,
    page_warnings,
    refuse_scans,
    refuse_side_by_side,
)
from treatycmp.formats.segment import HEADING, Block, is_structure

if TYPE_CHECKING:
    from treatycmp.formats.registry import ReadRequest

_CLOSING_QUOTES = ")\"'\u201c\u201d\u2018\u2019\u00bb "  # German ones too: ... Schweiz.\u201c
# Typographic ligatures are one glyph for two or three letters: the letters are the words.
_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
     "\ufb05": "st", "\ufb06": "st"}
)  # fmt: skip


@dataclass
class _Fragment:
    x: float
    y: float
    size: float
    bold: bool
    text: str


class _Page(Protocol):
    """What this module uses of a pypdf page (pypdf is imported only to read a PDF)."""

    @property
    def images(self) -> object: ...
    def extract_text(self, *, visitor_text: Callable[..., None]) -> str: ...


def _fragments(page: _Page) -> tuple[list[_Fragment], list[_Fragment]]:
    """The page's text fragments, and where it draws a space on its own (a PDF that
    places every glyph separately draws its spaces too: they are its word breaks)."""
    out: list[_Fragment] = []
    spaces: list[_Fragment] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = abs(tm[3] * cm[3]) or abs(tm[0] * cm[0]) or 1.0
        if not text.strip():
            if text:
                spaces.append(_Fragment(x, y, float(size) * scale, False, " "))
            return
        base = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
        bold = "bold" in base.lower() or "black" in base.lower()
        for part in text.split("\n"):
            if part.strip():
                part = part.translate(_LIGATURES)
                out.append(_Fragment(x, y, float(size) * scale, bold, part))

    page.extract_text(visitor_text=visit)
    return out, spaces


def _row_text(row: list[_Fragment], spaces: list[_Fragment]) -> str:
    """A row's fragments joined left to right: with a space between runs of text, but
    glyph by glyph (most fragments one character) only where the page draws a space."""
    glyphs = len(row) >= 4 and sum(len(f.text.strip()) == 1 for f in row) >= 0.8 * len(row)
    marks = sorted(m.x for m in spaces if abs(m.y - row[0].y) <= max(1.0, 0.3 * row[0].size))
    text = ""
    for prev, f in zip([None, *row], row, strict=False):
        piece = f.text
        if glyphs and prev is not None:
            if any(prev.x < x <= f.x for x in marks):
                text += " "
        elif text and not text.endswith(" ") and not piece.startswith(" "):
            text += " "
        text += piece
    return text


def _lines(frags: list[_Fragment], page: int, spaces: list[_Fragment] | None = None) -> list[Line]:
    """Fragments on the same baseline joined left to right; lines from the top down."""
    rows: list[list[_Fragment]] = []
    for f in sorted(frags, key=lambda f: (-f.y, f.x)):
        if rows and abs(rows[-1][0].y - f.y) <= max(1.0, 0.3 * f.size):
            rows[-1].append(f)
        else:
            rows.append([f])
    out: list[Line] = []
    for row in rows:
        row.sort(key=lambda f: f.x)
        text = _row_text(row, spaces or [])
        out.append(
            Line(
                row[0].x,
                row[0].y,
                max(f.size for f in row),
                all(f.bold for f in row),
                " ".join(text.split()),
                page,
                indented=row[0].text.startswith("  "),
            )
        )
    return out


def _column_split(frags: list[_Fragment], width: float) -> float | None:
    """The x where a second column starts, when the page's lines run in two columns."""
    rows: dict[int, list[_Fragment]] = {}
    for f in frags:
        rows.setdefault(round(f.y / 2), []).append(f)
    if not rows:
        return None
    split_rows = [
        row
        for row in rows.values()
        if any(f.x < width * 0.35 for f in row) and any(f.x > width * 0.45 for f in row)
    ]
    if len(split_rows) < 3 or len(split_rows) < 0.3 * len(rows):
        return None
    split = min(f.x for row in split_rows for f in row if f.x > width * 0.45) - 1.0
    # Two columns leave a gutter: the left column's text ends before the right one
    # starts. Where the left text would run past it, the row is one line set in pieces.
    crossing = sum(
        1
        for row in split_rows
        if any(f.x < split and f.x + 0.5 * f.size * len(f.text) > split - 0.5 * f.size for f in row)
    )
    return None if crossing > len(split_rows) / 2 else split


def _ends_at_page_foot(last: str, line: Line, full: float, wide: int) -> bool:
    """Whether a paragraph whose last line on a page is ``last`` ends there: it runs on
    over the page break unless it plainly ended (``full``: a full line's length in
    characters, ``wide``: the longest line's)."""
    ended = _ends_sentence(last)
    short = len(last) < 0.85 * full  # the last line of a paragraph
    # A line that leaves room at the margin for the next line's first word (less a margin
    # for the letters' widths) wraps nothing: its paragraph ends there even without a
    # stop, when that word is a capital's.
    first = len(line.text.split(maxsplit=1)[0])
    stopped = len(last) + 1 + first < 0.92 * wide and line.text[:1].isupper()
    return (
        line.indented
        or (line.text.startswith("[GAP:") and ended)
        or (ended and (short or not line.text[:1].islower()))
        or stopped
    )


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (or a ``[GAP: ...]`` mark), closing quotes aside."""
    return text.endswith("]") or text.rstrip(_CLOSING_QUOTES).endswith((".", ":", ";"))


def _continues_heading(
    prev: Line | None, line: Line, blocks: list[Block], within: float = 0.0
) -> bool:
    """Whether a heading line is the second line of the heading just read (a long title).

    ``within``: the gap below which lines belong to one paragraph; a title set with
    looser leading than 1.6 times its size is still one title when its lines are
    no further apart than the body's paragraphs' lines.
    """
    if prev is None or not blocks or not blocks[-1].heading or prev.page != line.page:
        return False
    if is_structure(prev.text) or is_structure(line.text):
        return False
    same_type = prev.bold == line.bold and abs(prev.size - line.size) < 0.5
    return same_type and prev.y - line.y <= max(1.6 * line.size, within)


def _blocks(pages: list[list[Line]]) -> list[Block]:
    """Lines -> paragraphs and headings, by the space between lines and their type."""
    body = [line for lines in pages for line in lines]
    if not body:
        return []
    body_size = type_size(body)
    gaps = [a.y - b.y for lines in pages for a, b in itertools.pairwise(lines) if a.y - b.y > 0]
    # The space between the lines of a paragraph: the smallest gap that is common
    # (the median would be a paragraph gap in a text of one-line paragraphs).
    counts = Counter(round(g) for g in gaps)
    common = [g for g, n in counts.items() if n >= max(2, 0.1 * len(gaps))]
    step = float(min(common)) if common else body_size * 1.2
    # In a text of one-line paragraphs every gap is a paragraph gap: lines of a
    # paragraph are rarely set wider apart than 1.6 times the type size.
    step = min(step, 1.6 * body_size) if body_size else step
    full = statistics.median(len(line.text) for line in body)  # a full line, in characters
    wide = max(len(line.text) for line in body)  # the margin, in characters
    vocabulary = {w.casefold().strip(".,;:()\"'") for line in body for w in line.text.split()}
    blocks: list[Block] = []
    current: list[str] = []
    start_page = 0
    prev: Line | None = None
    prev_heading = False

    def flush() -> None:
        if current:
            text = current[0]
            for nxt in current[1:]:
                text = join_lines(text, nxt, vocabulary)
            blocks.append(Block(text, start_page))
            current.clear()

    for line in body:
        new_para = prev is None
        if prev is not None:
            if prev.page == line.page:
                new_para = (
                    prev.y - line.y > step * 1.4
                    or line.x - prev.x > 0.5 * line.size
                    or line.indented
                    # a line that stops well short after a full stop ends its paragraph
                    or (_ends_sentence(prev.text) and len(prev.text) < 0.7 * full)
                    or (line.text.startswith("[GAP:") and _ends_sentence(prev.text))
                )
            else:
                new_para = _ends_at_page_foot(prev.text, line, full, wide)
        styled = line.bold or round(line.size) > body_size
        # "Article 63." at the end of a wrapped sentence is not a heading: one must
        # start a paragraph, or stand out by its type.
        continued = styled and prev_heading and _continues_heading(prev, line, blocks, step * 1.4)
        heading = (bool(HEADING.match(line.text)) and (new_para or styled)) or (
            styled
            and (new_para or continued or (prev is not None and prev.page != line.page))
            and len(line.text) < 120
        )
        prev_heading = heading
        if heading:
            flush()
            if continued:
                last = blocks.pop()
                blocks.append(Block(f"{last.text} {line.text}", last.line, heading=True))
            else:
                blocks.append(Block(line.text, line.page, heading=True))
            prev = line
            continue
        if new_para or (prev is not None and blocks and blocks[-1].heading and not current):
            flush()
            start_page = line.page
        current.append(line.text)
        prev = line
    flush()
    return blocks


def pdf_blocks(
    data: bytes,
    name: str,
    *,
    column: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    max_pages: int | None = None,
    warnings: list[str] | None = None,
    tables: bool = True,
) -> list[Block]:
    """The blocks of a PDF's text layer (``column`` 1 or 2 on two-column pages), refused
    beyond ``max_pages`` before any page is read; scanned pages among pages of text and
    the running heads and feet left out are named in ``warnings``. ``tables=False``
    refuses even a few column pages (``--language`` then picks the column, documents.py).

    Raises:
        TreatyFileError: not a readable PDF, encrypted, no text layer, or a
            two-column page without ``column``.
    """
    pypdf = need("pypdf", name)
    with _quiet_pypdf():
        blocks, scanned, heads, across = _read(
            pypdf, data, name, column, progress, max_pages, tables
        )
    if warnings is not None:
        warnings.extend(page_warnings(name, scanned, heads, across))
    return blocks


def read_pdf(data: bytes, name: str, request: ReadRequest) -> list[Block]:
    """The registry's reader of PDF: ``pdf_blocks`` with the column and progress asked for."""
    options = request.options
    return pdf_blocks(
        data,
        name,
        column=options.column,
        progress=options.progress,
        max_pages=options.limits.pages,
        warnings=request.warnings,
        tables=options.column is not None or not request.meta.language_given,
    )


@contextlib.contextmanager
def _quiet_pypdf() -> Iterator[None]:
    """pypdf logs what it repairs in a damaged file ("EOF marker not found"); the user
    gets one line from us instead, so its log and warnings are held back meanwhile."""
    logger = logging.getLogger("pypdf")  # its modules log through children of this one
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _read(
    pypdf: Any,
    data: bytes,
    name: str,
    column: int | None,
    progress: Callable[[int, int], None] | None,
    max_pages: int | None = None,
    tables: bool = True,
) -> tuple[list[Block], list[int], list[str], list[int]]:
    """The blocks, the pages that are scans (``pdf_scans``), the running heads and
    feet left out, and the pages read across although set in columns (tables)."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                unlocked = reader.decrypt("")
            except Exception:
                unlocked = 0
            if not unlocked:
                raise TreatyFileError(
                    Problem(
                        name,
                        None,
                        "is an encrypted (password-protected) PDF",
                        "save an unprotected copy (e.g. print it to PDF) and import that",
                    )
                )
        count = len(reader.pages)
        if max_pages is not None and count > max_pages:
            raise over_budget(name, None, "pages", max_pages)
        pages: list[list[Line]] = []
        images: list[int] = []
        columned: list[int] = []  # pages in two columns, when no column is asked for
        for number, page in enumerate(reader.pages, start=1):
            frags, spaces = _fragments(page)
            width = float(page.mediabox.width)
            split = _column_split(frags, width)
            if split is not None and column is None:
                columned.append(number)  # refused below, unless tables (pdf_scans)
            elif split is not None:
                frags = [f for f in frags if (f.x < split) == (column == 1)]
            if sum(len(f.text.split()) for f in frags) < SCAN_WORDS and _has_image(page):
                images.append(number)  # an image with at most a running head: a scan
            pages.append(_lines(frags, number, spaces))
            if progress is not None:
                progress(number, count)
    except TreatyFileError:
        raise
    except Exception as exc:  # pypdf on damaged bytes raises many kinds: all mean "cannot read"
        raise TreatyFileError(
            Problem(
                name,
                None,
                f"cannot be read as a PDF ({_reason(exc)})",
                "check that the file is complete (a download may have been cut short)",
            )
        ) from None
    refuse_side_by_side(name, columned, len(pages), tables=tables)
    refuse_scans(name, pages, images)
    drop, heads = furniture(pages)
    kept = [
        [line for i, line in enumerate(lines) if (p, i) not in drop]
        for p, lines in enumerate(pages)
    ]
    return _blocks(kept), images, heads, columned


def _has_image(page: _Page) -> bool:
    try:
        return bool(page.images)
    except Exception:  # an unreadable image is still not text
        return True


def _reason(exc: Exception) -> str:
    text = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
