"""Escaping treaty text for formats that would otherwise interpret it.

Treaty text is data: a clause that contains ``*``, ``|`` or ``<b>`` must print
those characters, not bold text or a broken table.
"""

from __future__ import annotations

import html
import re
from typing import Any

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
_MD_LINE_START = re.compile(r"^(\s*)(\d*)([#>+\-=.)])")


def _escape_line_start(m: re.Match[str]) -> str:
    """Keep "1." or "- " at the start of a line from becoming a list or a heading."""
    digits, mark = m[2], m[3]
    if digits and mark not in ".)":
        return m[0]
    if not digits and mark in ".)":
        return m[0]
    return f"{m[1]}{digits}\\{mark}"


def md_escape(text: str) -> str:
    r"""Escape markdown (and inline HTML) so ``text`` renders literally, on one line.

    >>> md_escape("a|b *c* <i>")
    'a\\|b \\*c\\* \\<i\\>'
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(text))
    escaped = _MD_LINE_START.sub(_escape_line_start, escaped)
    return escaped.replace("\r", " ").replace("\n", "<br>")


# C0 and C1 controls (ANSI escapes start with one), and the bidirectional overrides
# and isolates that let a text reorder its own words on screen.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    r"""Control characters (ANSI escapes included) spelled out, so text prints as data.

    >>> visible("a\x1b[31mb")
    'a\\x1b[31mb'
    """
    return _CONTROL.sub(_spell, text)


def _spell(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def data_text(text: str, style: str = "") -> Any:
    """A rich ``Text`` holding treaty text as data: control characters spelled out."""
    from rich.text import Text

    return Text(visible(text), style=style)


def html_escape(text: str) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(text, quote=True)


_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~!&])")


def md_inline(text: str) -> str:
    r"""Escape the characters markdown would read inside a line or a table cell.

    Lighter than ``md_escape`` (``.``, ``-`` and ``(`` stay as they are, so the
    source stays readable); line breaks become ``<br>``.

    >>> md_inline("a|b *c* ~~d~~ <i> & _e_")
    'a\\|b \\*c\\* \\~\\~d\\~\\~ \\<i\\> \\& \\_e\\_'
    """
    escaped = _MD_INLINE.sub(r"\\\1", text)
    return escaped.replace("\r", " ").replace("\n", "<br>")


def csv_field(text: str) -> str:
    r"""A CSV or TSV field: every character kept, control characters spelled out.

    Line breaks and tabs stay (the writer quotes them); nothing else can reach a
    terminal that ``cat``\s the file.

    >>> csv_field("a,b\n\x1b[2J")
    'a,b\n\\x1b[2J'
    """
    return visible(text)
