"""Word (.docx) -> blocks, with python-docx: one block per non-empty paragraph.

A paragraph is a heading when its style says so (``Heading N``, ``Title``) or
when its words do (``Article 4``); tables are read row by row, cell by cell.
Word's automatic numbering (``Article %1``, ``%1.``) is put in front of its
paragraph as Word shows it (``docx_numbering``).
Comments, footnotes, headers and footers are not treaty text and are left out.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING, Any

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.budget import over_budget
from treatycmp.formats.docx_numbering import Numbering
from treatycmp.formats.extras import need
from treatycmp.formats.segment import Block
from treatycmp.formats.segment_blocks import SideBySideError

if TYPE_CHECKING:
    from treatycmp.formats.registry import ReadRequest


def docx_blocks(
    data: bytes, name: str, *, column: int | None = None, max_paragraphs: int | None = None
) -> list[Block]:
    """The blocks of a .docx file, in document order (``column`` 1 or 2 of a table that
    sets two texts side by side).

    Raises:
        TreatyFileError: not a ZIP, or a ZIP that is not a Word document, or a
            two-column table without ``column``.
    """
    docx = need("docx", name)
    _check_expansion(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise TreatyFileError(
            Problem(name, None, "is not a Word (.docx) file: not a ZIP archive", "give a .docx")
        ) from None
    except Exception as exc:  # damaged packages raise many kinds: all mean "cannot read"
        raise TreatyFileError(
            Problem(
                name,
                None,
                f"is not a readable Word (.docx) file ({type(exc).__name__})",
                "open it in Word or LibreOffice and save it again as .docx",
            )
        ) from None
    if max_paragraphs is not None:
        count = int(document.element.xpath("count(//w:p)"))
        if count > max_paragraphs:
            raise over_budget(name, None, "paragraphs", max_paragraphs)
    try:
        return _blocks(document, name, column)
    except TreatyFileError:
        raise
    except Exception as exc:  # a damaged part met while reading: still "cannot read"
        raise TreatyFileError(
            Problem(
                name,
                None,
                f"is not a readable Word (.docx) file ({type(exc).__name__})",
                "open it in Word or LibreOffice and save it again as .docx",
            )
        ) from None


# What a .docx may expand to when unpacked: a "ZIP bomb" is refused before it is opened.
MAX_UNPACKED = 500 * 1024 * 1024


def read_docx(data: bytes, name: str, request: ReadRequest) -> list[Block]:
    """The registry's reader of Word files: ``docx_blocks`` with the column asked for."""
    options = request.options
    return docx_blocks(data, name, column=options.column, max_paragraphs=options.limits.paragraphs)


def _check_expansion(data: bytes, name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except Exception:  # not a readable ZIP: python-docx says so next
        return
    if unpacked > MAX_UNPACKED:
        raise TreatyFileError(
            Problem(
                name,
                None,
                f"unpacks to {unpacked / 1024 / 1024:,.0f} MB, more than a Word file of "
                f"text needs (limit {MAX_UNPACKED // 1024 // 1024} MB)",
                "save the document again from Word or LibreOffice, without embedded media",
            )
        )


def _side_by_side(table: Any) -> bool:
    """Whether a table sets two texts side by side: two columns, both written in most rows."""
    rows = [[c.text.strip() for c in row.cells] for row in table.rows]
    if not rows or any(len(r) != 2 for r in rows):
        return False
    both = sum(1 for r in rows if r[0] and r[1])
    return both >= max(2, 0.6 * len(rows))


def _blocks(document: Any, name: str, column: int | None) -> list[Block]:
    numbering = Numbering(document)
    blocks: list[Block] = []
    number = 0
    tables = 0
    for item in document.iter_inner_content():
        paras = [item] if hasattr(item, "style") and hasattr(item, "text") else []
        if not paras:  # a table: its cells' paragraphs, row by row
            tables += 1
            cells = [list(row.cells) for row in item.rows]
            if _side_by_side(item):
                if column is None:
                    raise SideBySideError(
                        Problem(
                            name,
                            None,
                            f"table {tables} sets two texts side by side (often two languages)",
                            "pass --column 1 or --column 2 to read one of them, or --language "
                            "to pick the one in that language",
                        )
                    )
                cells = [[row[column - 1]] for row in cells]
            paras = [p for row in cells for cell in row for p in cell.paragraphs]
        for para in paras:
            number += 1
            text = " ".join(para.text.replace("\t", " ").split("\n"))
            label = numbering.label(para)  # Word's automatic number: "Article 1", "1."
            if not text.strip():
                if label is not None:
                    blocks.append(Block(label, number))
                continue
            text = f"{label} {text.strip()}" if label is not None else text
            style = (para.style.name if para.style is not None else "") or ""
            heading = style.startswith(("Heading", "Title")) or style.lower().startswith("heading")
            blocks.append(Block(text, number, heading=heading))
    return blocks
