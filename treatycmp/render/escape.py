"""Escaping treaty text for formats that would otherwise interpret it.

Treaty text is data: a clause that contains ``*``, ``|`` or ``<b>`` must print
those characters, not bold text or a broken table.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def md_escape(text: str) -> str:
    r"""Escape markdown (and inline HTML) so ``text`` renders literally, on one line.

    >>> md_escape("a|b *c* <i>")
    'a\\|b \\*c\\* \\<i\\>'
    """
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\r", " ").replace("\n", "<br>")


def html_escape(text: str) -> str:
    """Escape for HTML text and attribute values."""
    return html.escape(text, quote=True)
