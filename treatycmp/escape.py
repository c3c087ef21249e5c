"""Escaping treaty text for formats that would otherwise interpret it.

Treaty text is data: a clause that contains ``*``, ``|`` or ``<b>`` must print
those characters, not bold text or a broken table.
"""

from __future__ import annotations

import re

from treatycmp.lazy_re import LazyPattern

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")
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

    >>> md_escape("a|b *c* <i> $x$")
    'a\\|b \\*c\\* \\<i\\> \\$x\\$'
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", visible(text))
    escaped = _MD_LINE_START.sub(_escape_line_start, escaped)
    return escaped.replace("\r", " ").replace("\n", "<br>")


# The one escaping policy for everything that comes from a file (docs/robustness.md):
# C0 and C1 controls (ANSI escapes start with one) except tab and newline; the
# bidirectional marks, overrides and isolates that let a text reorder its own words on
# screen (LRM, RLM, ALM, LRE..RLO, LRI..PDI); invisible characters that make two
# different texts look the same (zero-width space/joiners, word joiner, soft hyphen,
# BOM, Mongolian vowel separator, line and paragraph separators); and lone surrogates
# (undecodable bytes of a file name or an argument). Human formats spell them out as
# ``\x1b`` or ``\u200b``; JSON escapes them as ``\u001b``, so its strings stay exact.
INVISIBLE = (
    "\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
)
# Compiled on first use: a class beyond Latin-1 costs the compiler ~1 ms, and
# ``-f json`` escapes with ``json`` alone.
_CONTROL = LazyPattern(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{INVISIBLE}\ud800-\udfff]")
_LINE_BREAKS = str.maketrans({"\n": "\\n", "\t": "\\t"})

#: How much of a value an error message echoes (a 50 MB line is cut to this).
ECHO_LIMIT = 80


def visible(text: str) -> str:
    r"""Control, bidi and invisible characters spelled out, so text prints as data.

    Tabs and newlines stay: they are layout, not commands.

    >>> visible("a\x1b[31mb arm\u200bed")
    'a\\x1b[31mb arm\\u200bed'
    """
    return _CONTROL.sub(_spell, text)


def _spell(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def one_line(text: str, limit: int | None = None, *, middle: bool = False) -> str:
    r"""``text`` made safe to echo inside a one-line message: escaped, on one line, cut.

    A newline in a value cannot forge a second ``FILE:LINE:`` line, and a value of
    50 million characters becomes ``limit`` characters and a count (with ``middle``,
    the start and the end, as a path keeps its file name).

    >>> one_line("x\n/etc/passwd:1: forged")
    'x\\n/etc/passwd:1: forged'
    >>> one_line("a" * 100, 10)
    'aaaaaaaaaa… (90 more characters)'
    """
    if limit is not None and len(text) > limit:
        rest = len(text) - limit
        if middle:  # a path: keep its end, the file's name
            half = limit // 2
            return f"{one_line(text[:half])}…({rest:,} characters cut)…{one_line(text[-half:])}"
        return one_line(text[:limit]) + f"… ({rest:,} more characters)"
    return visible(text).translate(_LINE_BREAKS)


def shown(value: object, limit: int = ECHO_LIMIT) -> str:
    """A value from a file, as an error message quotes it: escaped, one line, cut."""
    return one_line(str(value), limit)


# What the last pass escapes: the same characters, but a carriage return only when it
# does not end a line (CSV writes \r\n), since alone it lets a line overwrite itself.
_UNSAFE_OUT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}\ud800-\udfff]|\r(?!\n)")
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def _u_escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def safe_output(text: str, *, colour: bool = False) -> str:
    r"""The last pass over everything a command writes: no raw control byte gets out.

    Renderers spell treaty data out themselves (``visible``); this catches whatever
    one forgot, in every format at once: a character of the policy becomes
    ``\uXXXX``, which is the same string again inside JSON (where it can only occur in
    a string, since ``json.dumps`` already escapes C0 controls) and plain, inert text
    in terminal, markdown, HTML, CSV and XML output. With colour on, rich's own style
    codes (SGR) survive; nothing else that starts with ESC does.

    >>> safe_output('{"a": "x\u202ey\x9b2J"}')
    '{"a": "x\\u202ey\\u009b2J"}'
    >>> safe_output("\x1b[1mbold\x1b[0m \x1b]0;title\x07", colour=True)
    '\x1b[1mbold\x1b[0m \\u001b]0;title\\u0007'
    """
    if not colour:
        return _UNSAFE_OUT.sub(_u_escape, text)
    pieces = _SGR.split(text)
    codes = _SGR.findall(text)
    out = [_UNSAFE_OUT.sub(_u_escape, pieces[0])]
    for code, piece in zip(codes, pieces[1:], strict=True):
        out += [code, _UNSAFE_OUT.sub(_u_escape, piece)]
    return "".join(out)


_UNSAFE_IN_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{INVISIBLE}]|\r(?!\n)")


def xml_safe(text: str) -> str:
    r"""XML with DEL, C1, bidi and invisible characters as character references.

    The document means the same (a parser reads ``&#x200b;`` back as U+200B) and
    shows what it holds. C0 controls other than tab and line ends cannot be in an
    XML 1.0 document at all, not even as references: the writer refuses a text that
    holds one before it gets here (``formats.akn_write.refuse_unwritable``), and one
    that slips through is a bug, not a character to spell out as something else.

    >>> xml_safe("<p>arm\u200bed \x9b</p>")
    '<p>arm&#x200b;ed &#x9b;</p>'
    """
    return _UNSAFE_IN_XML.sub(_xml_char, text)


def _xml_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20 and m.group() != "\r":
        raise ValueError(f"U+{code:04X} cannot be in XML 1.0: refuse it before writing")
    return f"&#x{code:x};"


# ``html.escape(text, quote=True)``'s table, without importing ``html`` (its entity
# tables cost start-up; tested equal).
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def html_escape(text: str) -> str:
    """Escape for HTML text and attribute values (control characters spelled out)."""
    return visible(text).translate(_HTML)


_MD_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~!&$])")


def md_inline(text: str) -> str:
    r"""Escape the characters markdown would read inside a line or a table cell.

    Lighter than ``md_escape`` (``.``, ``-`` and ``(`` stay as they are, so the
    source stays readable); line breaks become ``<br>``.

    >>> md_inline("a|b *c* ~~d~~ <i> & _e_ $x$")
    'a\\|b \\*c\\* \\~\\~d\\~\\~ \\<i\\> \\& \\_e\\_ \\$x\\$'
    """
    escaped = _MD_INLINE.sub(r"\\\1", visible(text))
    return escaped.replace("\r", " ").replace("\n", "<br>")


# What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): a cell
# beginning with one of these is prefixed with a single quote.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_field(text: str) -> str:
    r"""A CSV or TSV field: every character kept, control characters spelled out, and a
    cell a spreadsheet would run as a formula neutralised with a leading ``'``.

    Line breaks and tabs inside stay (the writer quotes them); nothing else can reach
    a terminal that ``cat``\s the file, and ``=HYPERLINK(...)``, ``+cmd|...``,
    ``-2+3``, ``@SUM(...)`` open in Excel or LibreOffice as the text they are.

    >>> csv_field("a,b\n\x1b[2J"), csv_field("=1+1"), csv_field("\t@x")
    ('a,b\n\\x1b[2J', "'=1+1", "'\t@x")
    """
    if text.startswith(FORMULA_START) and text != "-":  # a lone "-" (no value) is no formula
        text = "'" + text
    return visible(text)
