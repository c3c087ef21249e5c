"""What format a document is in, told from its first bytes, not from its name.

>>> sniff(b"%PDF-1.7 ..."), sniff(b"<!DOCTYPE html><html>"), sniff(b"Article 1\\nText.")
('pdf', 'html', 'text')
"""

from __future__ import annotations

import io
import re
import zipfile

from treatycmp.errors import Problem, TreatyFileError

# The formats ``import`` reads, and what each is called in messages.
FORMATS = {
    "text": "plain text",
    "pdf": "PDF",
    "docx": "Word (.docx) document",
    "html": "web page (HTML)",
    "akn": "Akoma Ntoso XML document",
    "tota": "ToTA XML file",
}
# Formats recognised only to say plainly that they are not read.
UNSUPPORTED = {
    "zip": ("a ZIP archive, not a Word document", "unpack it, or give the .docx itself"),
    "doc": ("a legacy Word (.doc) file", "save it as .docx (Word 2007 or later) and import that"),
    "rtf": ("an RTF file", "save it as .docx or plain text and import that"),
    "xml": ("XML of an unknown kind", "give Akoma Ntoso or ToTA XML, or --from text"),
    "image": ("an image, not a document", "OCR it first; treatycmp reads text"),
}
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)[\s/>]")
_SKIP = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.DOTALL | re.IGNORECASE)


def _xml_root(head: bytes) -> bytes | None:
    """The local name of the first element of an XML or HTML text, if it starts with markup."""
    pos = 0
    while m := _SKIP.match(head, pos):
        if m.end() == pos:
            break
        pos = m.end()
    rest = head[pos:].lstrip()
    if not rest.startswith(b"<"):
        return None
    m = _ROOT.match(rest)
    return m.group(1) if m else None


def sniff(data: bytes) -> str:
    """The format of ``data``: a key of ``FORMATS`` or ``UNSUPPORTED`` ("text" when no mark)."""
    head = data[:4096]
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except Exception:  # zipfile on damaged bytes raises many kinds (even NotImplemented)
            return "zip"
        return "docx" if "word/document.xml" in names else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "doc"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*")):
        return "image"
    text = head.removeprefix(b"\xef\xbb\xbf")
    lowered = text.lower()
    if re.match(rb"\s*<!doctype\s+html", lowered):
        return "html"
    root = _xml_root(text)
    if root is None:
        return "text"
    name = root.lower()
    if name == b"akomantoso":
        return "akn"
    if name == b"treaty":
        return "tota"
    if name in (b"html", b"head", b"body") or re.search(rb"<(?:html|body|p|div)[\s>]", lowered):
        return "html"
    return "xml"


def choose_format(data: bytes, requested: str | None, name: str) -> str:
    """The reader to use: what the bytes say, unless ``--from`` overrides an unmarked text.

    Raises:
        TreatyFileError: the bytes are a format treatycmp does not read, or a
            different format than ``--from`` says ("FILE is a PDF; use --from pdf").
    """
    found = sniff(data)
    if found in UNSUPPORTED and requested in (None, "auto"):
        what, hint = UNSUPPORTED[found]
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
