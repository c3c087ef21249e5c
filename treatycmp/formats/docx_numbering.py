"""Word's automatic numbering, rendered as Word shows it: ``Article 1``, ``1.``, ``(a)``.

A Word file may number its articles and paragraphs with a list setting (a style
whose level text is ``Article %1``, or ``%1.``) instead of typed text. The numbers
are then no characters of the paragraph, yet they are what the reader sees: an
article heading, a paragraph's number (a word of the text, as the benchmark counts
it). Each numbered paragraph gets its label in front, counted as Word counts: per
list definition and level, deeper levels starting again under a new higher one,
a list's ``startOverride`` starting it again. Bullets are no numbers and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from treatycmp.formats.headings import roman as roman_numeral

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ORDINAL_TEXT = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
]


class _Element(Protocol):
    """What is read of an XML element of the document (lxml's, through python-docx)."""

    def find(self, path: str) -> _Element | None: ...
    def get(self, key: str, default: str | None = None) -> str | None: ...
    def iter(self, tag: str) -> Iterator[_Element]: ...


# A list's start value is the document's to say: past these a roman numeral or a run of
# letters is written in digits, so that a hostile ``w:start`` (999999999) makes no label
# of a million letters (minutes of CPU, gigabytes of memory) before any check can run.
MAX_ROMAN = 3999
MAX_LETTERS = 26 * 10


def _letters(value: int) -> str:
    """Word's letter numbering: A ... Z, then AA, BB ... (a letter repeated)."""
    return chr(64 + (value - 1) % 26 + 1) * ((value - 1) // 26 + 1) if value > 0 else ""


def formatted(value: int, fmt: str) -> str:
    """A counter in a level's number format.

    >>> [formatted(4, f) for f in ("decimal", "upperRoman", "lowerLetter", "ordinal")]
    ['4', 'IV', 'd', '4th']
    >>> formatted(999_999_999, "upperRoman"), formatted(10**11, "lowerLetter")
    ('999999999', '100000000000')
    """
    roman, letters = 0 < value <= MAX_ROMAN, 0 < value <= MAX_LETTERS
    if fmt == "upperRoman" and roman:
        return roman_numeral(value)
    if fmt == "lowerRoman" and roman:
        return roman_numeral(value).lower()
    if fmt == "upperLetter" and letters:
        return _letters(value)
    if fmt == "lowerLetter" and letters:
        return _letters(value).lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        tail = (
            "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        )
        return f"{value}{tail}"
    if fmt == "ordinalText" and 0 < value <= len(_ORDINAL_TEXT):
        return _ORDINAL_TEXT[value - 1]
    return "" if fmt == "none" else str(value)


def _val(element: _Element | None, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}") if element is not None else None
    return child.get(f"{_W}val") if child is not None else None


class Numbering:
    """The numbering definitions of one document, and the counters as it is read."""

    def __init__(self, document: object) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId -> levels
        self.abstract: dict[str, str] = {}  # numId -> its list definition
        self.overrides: dict[str, dict[int, int]] = {}  # numId -> level -> start
        self.counts: dict[str, dict[int, int]] = {}  # list definition -> level -> count
        self.started: set[str] = set()
        try:
            root: _Element = getattr(document, "part").numbering_part.element  # noqa: B009
        except Exception:  # no numbering part: nothing is numbered
            return
        definitions: dict[str | None, dict[int, tuple[str, str, int]]] = {}
        for ab in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in ab.iter(f"{_W}lvl"):
                fmt, text = _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or ""
                levels[int(lvl.get(f"{_W}ilvl") or "0")] = (fmt, text, int(_val(lvl, "start") or 1))
            definitions[ab.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            num_id, ab_id = num.get(f"{_W}numId"), _val(num, "abstractNumId")
            if num_id is None or ab_id not in definitions or ab_id is None:
                continue
            self.levels[num_id], self.abstract[num_id] = definitions[ab_id], ab_id
            self.overrides[num_id] = {
                int(o.get(f"{_W}ilvl") or "0"): int(_val(o, "startOverride") or 1)
                for o in num.iter(f"{_W}lvlOverride")
                if _val(o, "startOverride") is not None
            }

    def label(self, paragraph: object) -> str | None:
        """The number Word shows before ``paragraph`` (``Article 1``, ``1.``), if any."""
        num_id, ilvl = _num_pr(paragraph)
        levels = self.levels.get(num_id or "")
        if num_id is None or levels is None or ilvl not in levels:
            return None
        counts = self.counts.setdefault(self.abstract[num_id], {})
        if num_id not in self.started:  # a list that starts again where it is first used
            self.started.add(num_id)
            for level, start in self.overrides[num_id].items():
                counts[level] = start - 1
        fmt, text, start = levels[ilvl]
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        if fmt == "bullet":
            return None
        for level in sorted(levels, reverse=True):  # %10 before %1
            if f"%{level + 1}" in text:
                value = counts.get(level, levels[level][2])
                text = text.replace(f"%{level + 1}", formatted(value, levels[level][0]))
        return text.strip() or None


def _num_pr(paragraph: object) -> tuple[str | None, int]:
    """A paragraph's list (numId) and level, set on it or on its style."""
    owners: tuple[_Element | None, ...] = (
        getattr(paragraph, "_p", None),
        getattr(getattr(paragraph, "style", None), "element", None),
    )
    num_id: str | None = None
    ilvl: str | None = None
    for owner in owners:  # the paragraph's own setting first, then its style's
        ppr = owner.find(f"{_W}pPr") if owner is not None else None
        num_pr = ppr.find(f"{_W}numPr") if ppr is not None else None
        num_id = num_id or _val(num_pr, "numId")
        ilvl = ilvl or _val(num_pr, "ilvl")
    return (num_id if num_id != "0" else None), int(ilvl or 0)
