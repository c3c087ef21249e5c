"""Word (.docx) -> blocks, with python-docx: one block per non-empty paragraph.

A paragraph is a heading when its style says so (``Heading N``, ``Title``) or
when its words do (``Article 4``); tables are read row by row, cell by cell.
Comments, footnotes, headers and footers are not treaty text and are left out.
"""

from __future__ import annotations

import io
import zipfile

from ..errors import Problem, TreatyFileError
from .extras import need
from .segment import Block


def docx_blocks(data: bytes, name: str) -> list[Block]:
    """The blocks of a .docx file, in document order.

    Raises:
        TreatyFileError: not a ZIP, or a ZIP that is not a Word document.
    """
    docx = need("docx", name)
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
    try:
        return _blocks(document)
    except Exception as exc:  # a damaged part met while reading: still "cannot read"
        raise TreatyFileError(
            Problem(
                name,
                None,
                f"is not a readable Word (.docx) file ({type(exc).__name__})",
                "open it in Word or LibreOffice and save it again as .docx",
            )
        ) from None


def _blocks(document: object) -> list[Block]:
    blocks: list[Block] = []
    number = 0
    for item in document.iter_inner_content():  # type: ignore[attr-defined]
        rows = [item] if hasattr(item, "style") and hasattr(item, "text") else []
        if not rows:  # a table: its cells' paragraphs, row by row
            rows = [p for row in item.rows for cell in row.cells for p in cell.paragraphs]
        for para in rows:
            number += 1
            text = " ".join(para.text.replace("\t", " ").split("\n"))
            if not text.strip():
                continue
            style = (para.style.name if para.style is not None else "") or ""
            heading = style.startswith(("Heading", "Title")) or style.lower().startswith("heading")
            blocks.append(Block(text, number, heading=heading))
    return blocks
