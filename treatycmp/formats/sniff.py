"""What format a document is in, told from its first bytes, not from its name.

The tests are the registry's (``formats.registry``): this module runs them in
order and says what to do when the bytes and ``--from`` disagree.

>>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><html>"), sniff(b"Article 1\\nText.")
('pdf', 'html', 'text')
"""

from __future__ import annotations

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.registry import FALLBACK, Sample, sniffers
from treatycmp.formats.registry import FORMATS as _ALL

# The formats ``import`` reads, and what each is called in messages.
FORMATS = {f.name: f.description for f in _ALL if f.reader is not None}
# Formats recognised only to say plainly that they are not read.
UNSUPPORTED = {f.name: (f.description, f.refusal) for f in _ALL if f.refusal is not None}


def sniff(data: bytes) -> str:
    """The format of ``data``: a key of ``FORMATS`` or ``UNSUPPORTED`` ("text" when no mark)."""
    sample = Sample(data)
    return next((f.name for f in sniffers() if f.sniff is not None and f.sniff(sample)), FALLBACK)


def choose_format(data: bytes, requested: str | None, name: str) -> str:
    """The reader to use: what the bytes say, unless ``--from`` overrides an unmarked text.

    Raises:
        TreatyFileError: the bytes are a format treatycmp does not read, or a
            different format than ``--from`` says ("FILE is a PDF; use --from pdf").
    """
    found = sniff(data)
    if found in UNSUPPORTED and requested in (None, "auto"):
        what, hint = UNSUPPORTED[found]
        if found == "xml":
            what += _root_named(data)
        raise TreatyFileError(Problem(name, None, f"is {what}", hint))
    if requested in (None, "auto"):
        return found
    assert requested is not None
    if found == requested or found in ("text", "xml"):
        return requested
    if found in UNSUPPORTED:
        what, hint = UNSUPPORTED[found]
        raise TreatyFileError(Problem(name, None, f"is {what}, not {FORMATS[requested]}", hint))
    article = "an" if FORMATS[found][0] in "AEIOU" else "a"
    raise TreatyFileError(
        Problem(
            name,
            None,
            f"is {article} {FORMATS[found]}, not {FORMATS[requested]}",
            f"use --from {found} (or leave --from out: the format is recognised from the file)",
        )
    )


def _root_named(data: bytes) -> str:
    """`` (root <name>)`` for a message about XML, so the user sees which vocabulary it is."""
    root = Sample(data).root
    return f" (root <{root.decode('ascii', 'replace')}>)" if root else ""
