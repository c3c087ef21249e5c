"""Files with hostile text in every field, and the check that no output lets it out raw.

Shared by the hostile-text matrix (test_hostile_matrix.py) and the fuzz suite
(test_fuzz.py). "Raw" means what escape.py promises never leaves treatycmp:
C0 and C1 controls other than tab and newline (a CR only before a newline), bidi
controls and invisible characters, and lone surrogates. Rich's own colour codes
(SGR) are allowed where colour was asked for.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

OSC = "\x1b]0;PWNED\x07"
CLEAR = "\x1b[2J"
BIDI = "\u202eevil\u202c\u2066x\u2069\u200e\u200f\u061c"
INVISIBLE = "arm\u200bed\u200d\u2060\u00ad\ufeff"
NEWLINE_FORGERY = "x\nforged.yaml:1: all good"
C1 = "\x9b2J\x85"
MARKUP = "[bold]b[/] <script>alert(1)</script> <img src=x onerror=alert(1)> *s* |t| `c`"
# SGR "conceal": safe_output keeps SGR codes when colour is on, so one from a file must
# be spelled out before rich adds its own (rich never writes this one).
CONCEAL = "\x1b[8mHIDDEN\x1b[0m"
HOSTILE = f"{OSC}{CLEAR}{BIDI} {INVISIBLE} {C1} {MARKUP}\x00\x7f\r{CONCEAL}"
# Cells a spreadsheet would run as formulas (OWASP "CSV injection"): fields that start
# with them, so CSV and TSV output must neutralise them.
FORMULAS = ('=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

TREATY_ID = "hostile-2000"

RAW = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029"
    "\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ud800-\udfff]|\r(?!\n)"
)
SGR = re.compile(r"\x1b\[[0-9;]*m")
# What rich itself writes to a terminal for a progress bar: cursor show/hide, erase
# line, cursor up, and carriage returns. Only fixed labels are drawn this way.
TERMINAL_CONTROL = re.compile(r"\x1b\[\?25[lh]|\x1b\[2K|\x1b\[\d*A|\r")
LIVE_HTML = re.compile(r"(?<!\\)<(?:script|img)\b", re.I)


def raw_characters(text: str, *, colour: bool = False, terminal: bool = False) -> list[str]:
    """The raw characters of the policy in ``text`` (SGR codes allowed with colour, and
    rich's progress-bar controls on a terminal)."""
    if colour or terminal:
        text = SGR.sub("", text)
    if terminal:
        text = TERMINAL_CONTROL.sub("", text)
    return RAW.findall(text)


def hostile_treaty() -> dict[str, object]:
    """A valid treaty with hostile text in every free-text field."""
    h = HOSTILE
    return {
        "id": TREATY_ID,
        "title": f"Title {h}",
        "short_title": f"{FORMULAS[0]} {h}",
        "aliases": ["hostile alias"],
        "parties": [f"Party {h}", "B"],
        "signed": "2000-01-02",
        "place": f"Place {h}",
        "status": {"state": "in force", "by": f"by {h}", "note": f"note {h}"},
        "language": "en",
        "source": {
            "text": f"source {h}",
            "translator": f"tr {h}",
            "citation": f"cit {h}",
            "urls": [f"javascript:alert(1)//{h}"],
            "notes": [f"note {h}"],
        },
        "completeness": "partial",
        "numbering": {"inferred": True, "reason": f"reason {h}"},
        "preamble": [f"Preamble {h}", {"gap": f"gap {h}"}],
        "articles": [
            {
                "number": f"51{h}",
                "label": f"Label {h}",
                "heading": f"Heading {h}",
                "chapter": f"Chapter {h}",
                "paragraphs": [
                    f"In case of an {INVISIBLE} attack {h} each Party shall assist forthwith.",
                    {"text": f"{FORMULAS[2]} Second {h} shall", "gap_after": f"after {h}"},
                ],
            },
            {"number": "<img src=x onerror=alert(1)>|2", "paragraphs": [f"[a](javascript:x) {h}"]},
            {"number": "3", "paragraphs": [f"{FORMULAS[3]} shall {h}", f"{FORMULAS[4]} shall"]},
            {"gap": f"article gap {h}"},
            {"unnumbered": f"why {h}", "paragraphs": [f"Unnumbered {h} may"]},
        ],
        "closing": [f"Done at {h}"],
    }


def write_json_yaml(path: Path, doc: object) -> Path:
    """YAML that is JSON with ASCII escapes, so any string survives the file."""
    path.write_text(json.dumps(doc, ensure_ascii=True), encoding="utf-8")
    return path


def hostile_rules() -> dict[str, object]:
    h = HOSTILE
    return {
        "rules": [
            {
                "id": "hostile-rule",
                "category": "buffer",
                "label": f"{FORMULAS[1]} label {h}",
                "description": f"description {h}",
                "patterns": {"en": ["shall", "armed attack"]},
            }
        ]
    }


def hostile_expectations(corpus: str, rules: str) -> dict[str, object]:
    h = HOSTILE
    return {
        "corpus": [corpus],
        "rules": [rules],
        "expectations": [
            {"name": f"name {h}", "expect": f"{TREATY_ID}:u1 has hostile-rule"},
            {"name": f"fails {h}", "expect": f"{TREATY_ID}:u1 lacks hostile-rule"},
            {"name": f"aligns {h}", "expect": f"{TREATY_ID}:u1 aligns with north-atlantic-1949:5"},
        ],
    }


def hostile_import_text() -> str:
    # Without the characters Python reads as line breaks (str.splitlines), which would
    # rightly move the rest of a header line into the text.
    # Nor control characters: the input layer refuses a text source holding one, at
    # its line. Bidi, invisible characters and markup stay.
    h = re.sub("[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", HOSTILE)
    return f"# Title: Title {h}\n# Parties: A {h}; B\nPreamble {h}\nArticle 1\nText {h} shall.\n"


def formula_cells(text: str, fmt: str | None) -> list[str]:
    """The cells of CSV or TSV output that a spreadsheet would run as a formula."""
    import csv
    import io

    if fmt not in ("csv", "tsv"):
        return []
    rows = csv.reader(io.StringIO(text), dialect="excel" if fmt == "csv" else "excel-tab")
    return [c for row in rows for c in row if c.startswith(FORMULA_START) and c != "-"]
