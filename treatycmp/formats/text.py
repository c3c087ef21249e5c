"""Plain text -> blocks: one line per paragraph, after an optional ``# Key: value`` header.

The header may give ``# Title:``, ``# Parties: A; B`` and ``# Signed: Moscow,
6 July 1961`` (or ``1961-07-06``); options given by the user win over it. The
body goes through the shared segmentation (``segment.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.escape import shown
from treatycmp.formats.headings import CHAPTER, HEADING, ordinal, read_heading
from treatycmp.formats.instrument_words import KINDS
from treatycmp.formats.segment import Block, Meta, read_date, segment
from treatycmp.formats.segment_drafts import INSTRUMENT_TITLE
from treatycmp.formats.segment_front import is_structure
from treatycmp.model import Treaty

LANG_PATTERN_TEXT = r"^[a-z]{2,3}$"


_MD_HEADING = re.compile(r"^(#{1,6})\s*(\S.*?)\s*#*\s*$")
_MD_LINK = re.compile(r"\[([^\[\]]+)\]\([^()\s]*\)")
# A backslash before ASCII punctuation is markdown's escape (1\. a paragraph, not a list).
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
# YAML front matter (Jekyll, Hugo): the page's settings between two "---" lines at the top.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:[^\n]*\n)*?---[ \t]*(?:\n|\Z)")
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1(?!\w)")
# A line's opening emphasis closed right after a dash or stop and glued to the next word
# (**ARTICULO 1° -**Apruébase, **Artículo 10-**1. El): the marks of a run-in heading.
_MD_LEAD_EMPHASIS = re.compile(r"^(\*{2,3})(?=\S)([^*]+?[-\u2013\u2014.:])\1(?=\w)")
# A footnote: "[^3]" in the text refers to "[^3]: SR 0.632.20" below it (an editor's
# note, as Fedlex prints its references under a "Fussnoten" heading).
_MD_FOOTNOTE_REF = re.compile(r"(\*{1,3})\[\^[^\]\s]+\]\1|\[\^[^\]\s]+\]")
_MD_FOOTNOTE = re.compile(r"^\[\^[^\]\s]+\]:")


def is_markdown(lines: list[str]) -> bool:
    """Whether a text is a markdown document: its ``#`` lines include article or chapter
    headings (``## Article 1``, ``###Article premier``, ``#### Article 2.1: Scope``), or
    it opens with an HTML ``<meta>`` tag above ``#`` headings, as exports of web archives
    do."""
    found = [m for line in lines if (m := _MD_HEADING.match(line.strip()))]
    marks = [m[2] for m in found]
    # A heading with a caption counts from "##" on: "# Article 3: source ..." is a
    # "# Key: value" line of treatycmp's own text header.
    headings = [
        bool(HEADING.match(text) or CHAPTER.match(text))
        or (len(m[1]) > 1 and read_heading(markdown_text(text)) is not None)
        for m, text in zip(found, marks, strict=True)
    ]
    if sum(headings) >= 2:
        return True
    # One heading marked "##" or deeper (a single article pasted from a page, "## Article 4"):
    # treatycmp's own text header is "# Key: value", never "##".
    if any(h and len(m[1]) > 1 for m, h in zip(found, headings, strict=True)):
        return True
    # Headings set in emphasis without any "#" (**Article 1**, __ARTICLE II__), as
    # documents converted to markdown print them: read once the marks are taken off.
    emphasised = (
        line.strip()
        for line in lines
        if line.strip()[:2] in ("**", "__") or line.strip()[:1] == "*" != line.strip()[1:2]
    )
    if sum(1 for line in emphasised if read_heading(markdown_text(line))) >= 2:
        return True
    first = next((line.strip() for line in lines if line.strip()), "")
    # A page under a YAML front matter (a static site's, a law portal's export) is
    # markdown, whatever its headings: an exchange of notes has none.
    page = first == "---" and "---" in (line.strip() for line in lines[1:80])
    return (first.lower().startswith("<meta") or page) and bool(marks)


def markdown_text(line: str) -> str:
    r"""A markdown line's words: link targets and emphasis marks are markup, not text.

    >>> markdown_text("the [Charter](../un/README.md) and **this** Treaty")
    'the Charter and this Treaty'
    >>> markdown_text(r"1\. Article 23\.")
    '1. Article 23.'
    >>> markdown_text("Singapur[^1] sind. Übersetzung*[^2]*")
    'Singapur sind. Übersetzung'
    """
    line = _MD_FOOTNOTE_REF.sub("", _MD_LINK.sub(r"\1", _MD_LEAD_EMPHASIS.sub(r"\2", line)))
    return _MD_ESCAPE.sub(r"\1", _MD_EMPHASIS.sub(r"\2", line))


def footnote_lines(lines: list[str]) -> set[int]:
    """The 1-based numbers of a markdown document's footnotes (``[^3]: ...``) and of a
    heading over nothing but footnotes (``###### Fussnoten``): editors' notes, not
    treaty text.

    >>> sorted(footnote_lines(["Art. 1 text[^1]", "###### Fussnoten", "", "[^1]: SR 0.1"]))
    [2, 4]
    """
    notes = {n for n, line in enumerate(lines, start=1) if _MD_FOOTNOTE.match(line.strip())}
    for n, line in enumerate(lines, start=1):
        if not _MD_HEADING.match(line.strip()):
            continue
        rest = []
        for later in lines[n:]:
            if _MD_HEADING.match(later.strip()):
                break
            rest += [later] if later.strip() else []
        if rest and all(_MD_FOOTNOTE.match(x.strip()) for x in rest):
            notes.add(n)
    return notes


def split_header(text: str) -> tuple[dict[str, str], dict[str, int], list[Block]]:
    """The ``# Key: value`` header (values and their lines) and the body's blocks.

    In plain text a ``#`` line inside the body is an editor's comment, not treaty
    text: it is left out of the blocks and counted in ``header["#comments"]`` so the
    caller can say so. In a markdown document (``is_markdown``) a ``#`` line is a
    heading: its words are a block marked as a heading, and HTML tags on lines of
    their own (``<meta ...>``) and a YAML front matter (``---`` lines around a static
    site's page settings, ``layout: default``) are left out.
    """
    header: dict[str, str] = {}
    header_lines: dict[str, int] = {}
    body: list[Block] = []
    raw_lines = text.splitlines()
    markdown = is_markdown(raw_lines)
    in_header = not markdown
    front = _FRONT_MATTER.match(text) if markdown else None
    settings = front[0].count("\n") if front else 0  # the page's settings, not its text
    notes = footnote_lines(raw_lines) if markdown else set()
    if notes:
        header["#notes"] = str(len(notes))
    for number, raw in enumerate(raw_lines, start=1):
        line = raw.rstrip()
        if number <= settings or number in notes:
            continue
        if in_header and line.startswith("#"):
            key, sep, value = line.lstrip("# ").partition(":")
            if sep and key and " " not in key.strip()[:1] and len(key) < 40:
                header.setdefault(key.strip().lower(), value.strip())
                header_lines.setdefault(key.strip().lower(), number)
            elif line.lstrip("# ").strip():  # no "Key: value": a comment, counted as one
                header["#comments"] = str(int(header.get("#comments", "0")) + 1)
                if not header_lines and re.match(r"# \S", line) and "#opening" not in header:
                    header["#opening"] = line[2:].strip()  # "# Title" opening the file
                    header_lines["#opening"] = number
            continue
        in_header = False
        if markdown:
            stripped = line.strip()
            if re.fullmatch(r"<[A-Za-z!/][^<>]*>|[-*_]{3,}", stripped):
                continue
            if m := _MD_HEADING.match(stripped):
                body.append(Block(markdown_text(m[2]), number, heading=True))
            elif stripped:
                body.append(Block(markdown_text(stripped), number))
            continue
        if line.startswith("#"):
            header["#comments"] = str(int(header.get("#comments", "0")) + 1)
            continue
        if line.strip():
            body.append(Block(line.strip(), number))
    return header, header_lines, body


# A word that names a kind of instrument (Treaty, Convention, Protocole, Abkommen ...).
_KIND = re.compile(rf"(?<!\w)(?:{KINDS})(?!\w)", re.IGNORECASE)
# A line led by an article's number (Article 1 of the Treaty ...) is no title.
_ARTICLE_LEAD = re.compile(r"^(?:art(?:icle|[ií]culo|icolo|ikel|\.)?\s*\d|§)", re.IGNORECASE)
# A title is short; a longer first line is a sentence of the preamble.
MAX_TITLE_WORDS = 40


def is_title_line(line: str, after: str) -> bool:
    """Whether a plain text's first line is its instrument's title: short, no stop or
    comma at its end, naming a kind of instrument, no article heading, and not the
    first line of a paragraph wrapped onto the next (which goes on in lower case).

    >>> is_title_line("Treaty of Friendship and Cooperation between A and B", "The Parties")
    True
    >>> is_title_line("The Parties to this Treaty,", "Have agreed as follows:")
    False
    >>> is_title_line("The States Parties to this Convention", "considering that ...")
    False
    """
    text = line.strip()
    return (
        len(text.split()) <= MAX_TITLE_WORDS
        and not text.endswith((".", ",", ";", ":", "-", "\u2013", "\u2014"))
        and not text[:1].islower()
        and not after.strip()[:1].islower()
        and not is_structure(text)
        and not _ARTICLE_LEAD.match(text)
        and _KIND.search(text) is not None
    )


# A title line that ends on one of these goes on in the next (... the Hashemite Kingdom of).
_GOES_ON = re.compile(
    r"(?<!\w)(?:of|between|and|on|for|the|to|in|concerning|relating|with|de|du|des|entre"
    r"|et|y|del|la|le|zwischen|und|über|der|die|van|en|tussen)$",
    re.IGNORECASE,
)
# A line in capitals under a title in capitals that starts the text, not the title's.
_SECTION = re.compile(r"^(?:PREAMBLE|PR[ÉE]AMBULE|PRE[ÁA]MBULO|PR[ÄA]AMBEL|PREAMBOLO|CONTENTS)$")
MAX_TITLE_LINES = 8


def _capitals(text: str) -> bool:
    return any(c.isalpha() for c in text) and not any(c.islower() for c in text)


def title_span(body: list[Block]) -> int:
    """How many lines a title that opens ``body`` is printed over: the next goes on when
    the title so far ends on a word such as ``of`` or ``between``, or when both are in
    capitals (``PREFERENTIAL TRADE AGREEMENT`` / ``BETWEEN`` / ``THE REPUBLIC OF INDIA``),
    up to a heading, ``PREAMBLE``, a line ending in a comma or colon (the preamble's
    opening) or the title's length in words.

    >>> title_span([Block(t, n) for n, t in enumerate(["TREATY OF", "AMITY", "The Parties,"])])
    2
    """
    n, words = 1, len(body[0].text.split())
    while n < min(len(body), MAX_TITLE_LINES):
        last, line = body[n - 1].text.strip(), body[n].text.strip()
        words += len(line.split())
        if not (_GOES_ON.search(last) or (_capitals(last) and _capitals(line))):
            break
        if body[n].heading or is_structure(line) or _SECTION.match(line):
            break
        if words > MAX_TITLE_WORDS or line.endswith((",", ":", ";")):
            break
        n += 1
    return n


def titled(body: list[Block]) -> list[Block]:
    """The blocks, the first marked as a heading when it is the instrument's title
    (``is_title_line``), with the lines it goes on over (``title_span``): taken as the
    title as a markdown heading is, not as preamble.

    Not when another line is a title in capitals too (a volume of several instruments,
    which the import refuses by those titles), nor when the numbering starts from 1
    again: the title line over the first numbering says whose articles they are (an
    instrument's own, not an act's approving the one after them), so it stays a line.
    """
    if not body or body[0].heading:
        return body
    after = body[1].text if len(body) > 1 else ""
    if not is_title_line(body[0].text, after):
        return body
    if any(INSTRUMENT_TITLE.match(b.text.strip()) for b in body[1:]):
        return body
    firsts = [
        b for b in body if (h := read_heading(b.text.strip())) and ordinal(h.number) == (1, 0)
    ]
    if len(firsts) > 1:
        return body
    n = title_span(body)
    text = " ".join(b.text.strip() for b in body[:n])
    return [replace(body[0], text=text, heading=True), *body[n:]]


# The "# Key: value" header fields an import reads (docs/format.md).
HEADER_FIELDS = frozenset({"title", "parties", "signed"})


def header_problems(
    header: Mapping[str, str], lines: Mapping[str, int], path: str, meta: Meta
) -> list[Problem]:
    """What the header says that no treaty file could hold."""
    problems: list[Problem] = []
    signed = header.get("signed", "")
    if signed and meta.signed is None and read_date(signed) is None:
        problems.append(
            Problem(
                path,
                lines["signed"],
                f"'# Signed: {signed}' holds no date that can be read",
                "write the date as 1961-07-06 or 6 July 1961, after the place: "
                "'# Signed: Moscow, 6 July 1961'",
            )
        )
    return problems


def treaty_from_text(
    text: str,
    *,
    treaty_id: str,
    path: str,
    meta: Meta,
    warnings: list[str] | None = None,
    report: list[str] | None = None,
) -> tuple[Treaty, dict[str, int]]:
    """A treaty from plain text, and the input lines of the header fields it used."""
    header, header_lines, body = split_header(text)
    problems = header_problems(header, header_lines, path, meta)
    comments = int(header.pop("#comments", "0"))
    opening, opening_line = header.pop("#opening", None), header_lines.pop("#opening", 0)
    if opening is not None and not (meta.title or header.get("title")):
        comments -= 1  # said on its own, with the fix
        if warnings is not None:
            warnings.append(
                f"{path}:{opening_line}: '# {shown(opening)}' opens the text but is no "
                "'# Key: value' header line: left out as a comment, not taken as the title. "
                f"Fix: write '# Title: {shown(opening)}', or pass --title"
            )
    if comments and warnings is not None:
        warnings.append(f"{path}: {comments} comment line(s) ('# ...') left out as not treaty text")
    unread = [k for k in header if not k.startswith("#") and k not in HEADER_FIELDS]
    if unread and warnings is not None:
        first = min(header_lines[k] for k in unread)
        line = text.splitlines()[first - 1].strip()
        warnings.append(
            f"{path}:{first}: {len(unread)} header line(s) with a key treatycmp does not "
            f"read ('{shown(line)}'{', ...' if len(unread) > 1 else ''}) "
            "left out as not treaty text. Fix: use '# Title:', '# Parties:' or '# Signed:', "
            "or drop the '#' if the line is the treaty's"
        )
    notes = int(header.pop("#notes", "0"))
    if notes and warnings is not None:
        warnings.append(
            f"{path}: {notes} footnote line(s) ('[^1]: ...', and their heading) left out "
            "as editors' notes, not treaty text"
        )
    if problems:
        raise TreatyFileError(problems)
    parties = meta.parties or tuple(
        p.strip() for p in header.get("parties", "").split(";") if p.strip()
    )
    meta = replace(
        meta,
        title=meta.title or header.get("title") or None,
        parties=parties,
        signed=meta.signed or header.get("signed") or None,
    )
    if meta.title is None:
        body = titled(body)
    treaty = segment(
        body, treaty_id=treaty_id, path=path, meta=meta, warnings=warnings, report=report
    )
    fields = {"title": "title", "short_title": "title", "parties": "parties"}
    fields |= {"signed": "signed", "place": "signed"}
    used = {k: header_lines[v] for k, v in fields.items() if v in header_lines}
    return treaty, used
