"""Any supported document -> a treaty: sniff the format, run its reader, segment, check.

This is what ``treatycmp import`` and ``diff -`` call. Every reader's bad input
ends as a ``TreatyFileError`` (one line per problem, exit 2 at the CLI), and
what is built is dumped and checked by the loader before it is returned, so an
import never yields a file ``validate`` would reject.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.inputs import decode_text
from treatycmp.formats.segment import Block, Meta, segment, squeeze
from treatycmp.formats.sniff import choose_format
from treatycmp.model import Treaty


@dataclass(frozen=True)
class ReadOptions:
    """How to read a document: its format (None: sniff), PDF column, HTML extractor."""

    fmt: str | None = None
    column: int | None = None
    extractor: str = "readability"
    progress: Callable[[int, int], None] | None = None


TREATY_YAML = re.compile(r"^id:[ \t]*\S+[ \t]*$.*^(?:articles|preamble|source):", re.M | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def document_blocks(data: bytes, fmt: str, name: str, options: ReadOptions) -> list[Block]:
    """The blocks of a PDF, Word or HTML document, control characters (page breaks,
    vertical tabs) turned into spaces: they are layout, not words."""
    return [
        Block(squeeze(_CONTROL.sub(" ", b.text)), b.line, b.heading)
        for b in _reader_blocks(data, fmt, name, options)
    ]


def _reader_blocks(data: bytes, fmt: str, name: str, options: ReadOptions) -> list[Block]:
    if fmt == "pdf":
        from treatycmp.formats.pdf import pdf_blocks

        return pdf_blocks(data, name, column=options.column, progress=options.progress)
    if fmt == "docx":
        from treatycmp.formats.docx import docx_blocks

        return docx_blocks(data, name, column=options.column)
    if fmt == "html":
        from treatycmp.formats.html import html_blocks

        return html_blocks(data, name, extractor=options.extractor)
    raise AssertionError(fmt)


def read_document(
    data: bytes,
    name: str,
    *,
    treaty_id: str | None,
    meta: Meta,
    options: ReadOptions | None = None,
    warnings: list[str] | None = None,
) -> Treaty:
    """The treaty held in ``data`` (named ``name`` in messages), checked by the loader.

    Raises:
        TreatyFileError: the format is not read, the reader refuses the bytes,
            or the result would not validate.
    """
    from treatycmp.formats.importing import checked_yaml, import_text

    options = options or ReadOptions()
    fmt = choose_format(data, options.fmt, name)
    if fmt == "tota":
        from treatycmp.formats.tota import treaty_from_tota

        treaty = treaty_from_tota(data, name)
        checked_yaml(treaty)
        return treaty
    if fmt == "akn":
        from treatycmp.formats.akn import treaty_from_akn

        treaty = treaty_from_akn(data, name, treaty_id=treaty_id, meta=meta)
        checked_yaml(treaty)
        return treaty
    if treaty_id is None:
        raise TreatyFileError(
            Problem(name, None, "the new treaty needs an id", "pass --id, e.g. --id my-treaty-2025")
        )
    if fmt == "text":
        text = decode_text(data, name)
        if options.fmt in (None, "auto") and TREATY_YAML.search(text):
            raise TreatyFileError(
                Problem(
                    name,
                    None,
                    "is treaty YAML already, not a document to import",
                    "use it as it is (treatycmp validate FILE; --corpus), or pass --from text "
                    "to import its lines as a text",
                )
            )
        return import_text(text, treaty_id=treaty_id, path=name, meta=meta, warnings=warnings)
    blocks = document_blocks(data, fmt, name, options)
    treaty = segment(blocks, treaty_id=treaty_id, path=name, meta=meta, warnings=warnings)
    checked_yaml(treaty)
    return treaty


def treaty_from_bytes(
    data: bytes, name: str, *, warnings: list[str] | None = None, default_id: str = "stdin"
) -> Treaty:
    """A treaty from bytes of any kind: treaty YAML when it is that, else any importable format.

    This is how ``diff -`` reads standard input.
    """
    import re

    from treatycmp.formats.sniff import sniff
    from treatycmp.formats.treaty_yaml import check_text

    if sniff(data) == "text":
        text = decode_text(data, name)
        if re.search(r"^id:\s*\S", text, re.MULTILINE):
            treaty, problems = check_text(text, name)
            if problems or treaty is None:
                raise TreatyFileError(problems or [Problem(name, None, "could not be loaded")])
            return treaty
    return read_document(data, name, treaty_id=default_id, meta=Meta(), warnings=warnings)
