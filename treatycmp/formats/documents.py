"""Any supported document -> a treaty: sniff the format, run its reader, segment, check.

This is what ``treatycmp import`` and ``diff -`` call. Every reader's bad input
ends as a ``TreatyFileError`` (one line per problem, exit 2 at the CLI), and
what is built is dumped and checked by the loader before it is returned, so an
import never yields a file ``validate`` would reject. Which reader reads what is
the registry's (``formats.registry``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from pathlib import PurePath

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.inputs import decode_document, decode_text, tally_controls
from treatycmp.formats.languages import detect
from treatycmp.formats.registry import BY_NAME, ReadOptions, ReadRequest, reader
from treatycmp.formats.segment import Block, Meta, segment, squeeze
from treatycmp.formats.segment_blocks import SideBySideError
from treatycmp.formats.sniff import choose_format
from treatycmp.model import Treaty

__all__ = ["ReadOptions", "document_blocks", "read_document", "treaty_from_bytes"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_LAYOUT = frozenset("\x0b\x0c\x0d")  # vertical tab, page break, carriage return


def document_blocks(
    blocks: list[Block], name: str = "", warnings: list[str] | None = None
) -> list[Block]:
    """The blocks of a PDF, Word or HTML document, control characters turned into spaces.

    Page breaks, vertical tabs and carriage returns are layout and go without a word;
    any other control character (a PDF's SHIFT OUT, a C1 byte of a mis-decoded quote)
    is counted in one warning with the first one's line, as a plain text's are: it may
    have stood for a character, and nothing is dropped unseen.
    """
    found = [(b.line, ch) for b in blocks for ch in _CONTROL.findall(b.text) if ch not in _LAYOUT]
    if found and warnings is not None:
        line = found[0][0]
        many, kinds = tally_controls([ch for _, ch in found], "control character")
        warnings.append(
            f"{name}{f':{line}' if line else ''}: turned {many} ({kinds}; the first in the "
            "text read from this line) into spaces; check the words beside them"
        )
    return [Block(squeeze(_CONTROL.sub(" ", b.text)), b.line, b.heading, b.lang) for b in blocks]


def id_from_name(path: PurePath) -> str:
    """A treaty id from a file name: lowercase ASCII letters, digits and '-'.

    >>> id_from_name(PurePath("Traité de Rome (1957).pdf"))
    'traite-de-rome-1957'
    """
    ascii_name = unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "treaty"


def read_document(
    data: bytes,
    name: str,
    *,
    treaty_id: str | None,
    meta: Meta,
    options: ReadOptions | None = None,
    warnings: list[str] | None = None,
    report: list[str] | None = None,
) -> Treaty:
    """The treaty held in ``data`` (named ``name`` in messages), checked by the loader.

    Raises:
        TreatyFileError: the format is not read, the reader refuses the bytes,
            or the result would not validate.
    """
    from treatycmp.formats.importing import checked_yaml

    options = options or ReadOptions()
    fmt = choose_format(data, options.fmt, name)
    if BY_NAME[fmt].needs_id and treaty_id is None:
        # The id a folder import gives the file (the example was my-treaty-2025 for all).
        example = "my-treaty-2025" if name == "<stdin>" else id_from_name(PurePath(name))
        raise TreatyFileError(
            Problem(name, None, "the new treaty needs an id", f"pass --id, e.g. --id {example}")
        )
    if BY_NAME[fmt].headings_marked:
        meta = replace(meta, headings_marked=True)
    request = ReadRequest(treaty_id, meta, options, warnings, report)
    try:
        read = reader(fmt)(data, name, request)
    except SideBySideError:
        if not meta.language_given or options.column is not None:
            raise
        read = _column_in(meta.language, fmt, data, name, request)
    if isinstance(read, Treaty):
        return read
    assert treaty_id is not None
    blocks = document_blocks(read, name, warnings)
    treaty = segment(
        blocks, treaty_id=treaty_id, path=name, meta=meta, warnings=warnings, report=report
    )
    checked_yaml(treaty)
    return treaty


def _column_in(
    language: str, fmt: str, data: bytes, name: str, request: ReadRequest
) -> list[Block] | Treaty:
    """The column in ``language`` of a document that sets two texts side by side (a
    UNTS page, a Word table with English beside French): ``--language`` picks it as
    ``--column`` would. Neither column in that language: the reader's refusal stands."""
    for column in (1, 2):
        # Each try warns into its own list: only the column read may speak.
        said: list[str] = []
        options = replace(request.options, column=column)
        read = reader(fmt)(data, name, replace(request, options=options, warnings=said))
        text = " ".join(b.text for b in read[:200]) if isinstance(read, list) else ""
        if detect(text[:20000]) == language:
            if request.warnings is not None:
                request.warnings.append(
                    f"{name}: two texts side by side; read column {column}, the text in "
                    f"{language} (--language {language})"
                )
                request.warnings.extend(said)
            return read
    return reader(fmt)(data, name, request)  # raises the reader's own refusal


def treaty_from_bytes(
    data: bytes,
    name: str,
    *,
    warnings: list[str] | None = None,
    default_id: str = "stdin",
    encoding: list[str] | None = None,
) -> Treaty:
    """A treaty from bytes of any kind: treaty YAML when it is that, else any importable format.

    This is how ``diff`` reads standard input and a document it is given. Plain text
    that is not UTF-8 or holds a control character is read as ``import`` reads it
    (``decode_document``), the encoding and the controls removed said in ``encoding``
    (the caveats ``diff`` repeats); treaty YAML must be printable UTF-8.
    """
    from treatycmp.formats.sniff import sniff
    from treatycmp.formats.treaty_yaml import check_text

    if sniff(data) == "text":
        try:
            text = decode_text(data, name)
        except TreatyFileError:  # not UTF-8, or a control character: read as import reads
            said: list[str] = []
            if re.search(r"^id:\s*\S", decode_document(data, name, said), re.MULTILINE):
                raise  # treaty YAML is UTF-8 and printable
            if encoding is not None:
                encoding.extend(said)  # in import's words
            return read_document(data, name, treaty_id=default_id, meta=Meta(), warnings=warnings)
        if re.search(r"^id:\s*\S", text, re.MULTILINE):
            treaty, problems = check_text(text, name)
            if problems or treaty is None:
                raise TreatyFileError(problems or [Problem(name, None, "could not be loaded")])
            return treaty
    return read_document(data, name, treaty_id=default_id, meta=Meta(), warnings=warnings)
