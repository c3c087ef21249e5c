"""Line breaking for text written without spaces (Chinese, Japanese) in rich cells.

rich wraps at spaces only: a run of Han characters is one "word" to it, moved whole
to the next line or folded after a forced break, which leaves lines half empty.
Chinese may break between any two characters, except before closing punctuation
(``，`` ``。`` ``」``) or after opening punctuation (``「`` ``《``). ``CJKText`` breaks
there, measured in terminal cells (a Han character is two), and rich draws the
lines as given. Text without such characters never reaches this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from treatycmp.text import CJK_CHARS, has_cjk

# No line starts with these (closing punctuation, and the end marks of the wdiff and
# rule marks: "-]", "+}", "»", "⟩") ...
_NO_START = set("，。、；：？！）」』》〉】〕］｝”’．・…‥,.;:!?)]}»⟩")
# ... and none ends with these (opening punctuation and the start marks "[-", "{+", "«", "⟨").
_NO_END = set("（「『《〈【〔［｛“‘([{«⟨")
# After these a line may break even before a Latin letter or digit ("。-]1949").
_AFTER_CLOSE = _NO_START - set(",.;:!?")
_CJK = re.compile(f"[{CJK_CHARS}]")
_WORD = re.compile(r"\s*\S+\s*")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and _CJK.match(ch) is not None


def units(text: str) -> list[str]:
    """``text`` cut where a line may break: at spaces, and around each CJK character.

    Joined, the units give back ``text``; each keeps the white space after it.

    >>> units("本公約適用，即使 Article 5")
    ['本', '公', '約', '適', '用，', '即', '使 ', 'Article ', '5']
    >>> units("訂立了《改善-]")
    ['訂', '立', '了', '《改', '善-]']
    """
    out: list[str] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if not has_cjk(word):
            out.append(word)
            continue
        cur = ""
        for i, ch in enumerate(word):
            prev = word[i - 1] if i else ""
            nxt = word[i + 1] if i + 1 < len(word) else ""
            breakable = (
                cur.strip()
                and not ch.isspace()
                and (_is_cjk(ch) or _is_cjk(prev) or prev in _AFTER_CLOSE)
                and ch not in _NO_START
                and not (ch in "-+" and nxt in "]}")
                and not all(c in _NO_END or c in "-+" for c in cur)
            )
            if breakable:
                out.append(cur)
                cur = ""
            cur += ch
        out.append(cur)
    return out if out or not text else [text]


def break_offsets(text: str, width: int) -> list[int]:
    """Character offsets at which to break ``text`` so no line is wider than ``width`` cells.

    Greedy, as rich's own wrapping; a unit wider than a whole line (a long Latin
    word) is folded at cell boundaries. White space at a line's end does not count.
    """
    from rich.cells import cell_len, chop_cells

    breaks: list[int] = []
    used = 0
    pos = 0
    for unit in units(text):
        size = cell_len(unit.rstrip())
        if used and used + size > width:
            breaks.append(pos)
            used = 0
        if size > width:
            start = pos
            pieces = chop_cells(unit, width)
            for piece in pieces[:-1]:
                start += len(piece)
                breaks.append(start)
            used = cell_len(pieces[-1])
        else:
            used += cell_len(unit)
        pos += len(unit)
    return [b for b in breaks if 0 < b < len(text)]


def wrap_text(text: Any, width: int) -> Any:
    """A copy of the rich ``Text`` with its lines broken to fit ``width`` cells."""
    from rich.text import Text

    lines: list[Any] = []
    for line in text.split("\n", allow_blank=True):
        for part in line.divide(break_offsets(line.plain, max(width, 2))):
            part.rstrip_end(width)
            lines.append(part)
    return Text("\n").join(lines)


class CJKText:
    """A rich renderable: a ``Text`` that breaks between CJK characters as well as at spaces."""

    def __init__(self, text: Any) -> None:
        self.text = text

    def __rich_measure__(self, console: Any, options: Any) -> Any:
        from rich.cells import cell_len
        from rich.measure import Measurement

        plain = self.text.plain
        widest = max((cell_len(u.rstrip()) for u in units(plain)), default=0)
        longest = max((cell_len(line) for line in plain.split("\n")), default=0)
        return Measurement(min(widest, longest), longest).clamp(max_width=options.max_width)

    def __rich_console__(self, console: Any, options: Any) -> Iterator[Any]:
        yield wrap_text(self.text, options.max_width)


def fold_cjk(text: Any) -> Any:
    """``text`` as a ``CJKText`` when it holds CJK characters, else unchanged."""
    return CJKText(text) if has_cjk(text.plain) else text
