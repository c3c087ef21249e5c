"""An act approving an instrument, printed above the instrument: the instrument is read.

A national law that approves (ratifies, promulgates) a treaty is often printed with the
treaty after it: the law's own few articles (``ARTICULO 1º — Apruébase el Acuerdo ...``,
``ARTICULO 2º — Comuníquese ...``), then the treaty's title line and the treaty numbered
from 1 (or I) again. Read as one numbering, the law's articles would be the document's
and the treaty an annex's text. The user who brings such a file brings it for the
instrument, so the act's lines are kept in the preamble (no word lost) and a warning
names them; the instrument's articles are the document's.

The layout decides, never one document: a short first numbering (at most
``MAX_ACT_ARTICLES``) whose text says that an instrument is approved, in a language the
importer knows; after it a title line naming an instrument; then the numbering from the
first again, holding most of the text.
"""

from __future__ import annotations

import re
from itertools import pairwise

from treatycmp.formats.coverage import count_words
from treatycmp.formats.headings import Heading, follows, is_first, read_heading
from treatycmp.formats.instrument_words import KINDS, KINDS_UPPER

MAX_ACT_ARTICLES = 6
# The words of an act that approves an instrument (Spanish, Portuguese, French, Italian,
# English, German, Dutch): "Apruébase", "Ratifícase", "est approuvé", "is hereby approved".
# Authorised "to" do something other than ratify or approve ("Le Secrétaire est autorisé
# à recevoir", a treaty's own article) approves nothing.
APPROVES = re.compile(
    r"\b(?:apru[eé]ban?se|ratif[ií]can?se|prom[uú]lgan?se|se aprueba|se ratifica"
    r"|fica(?:m)? aprovad[oa]s?|(?:est|sont) (?:approuv|ratifi)[ée]e?s?"
    r"|(?:est|sont) autoris[ée]e?s?(?!\s+à\s+(?!ratifi|approuv|adh[ée]r))"
    r"|[èe] (?:approvat|ratificat)[oa]|[èe] autorizzat[oa](?!\s+ad?\s+(?!ratific|approv|aderi))"
    r"|(?:is|are) hereby (?:approved|ratified)"
    r"|wird (?:zugestimmt|genehmigt)|werden genehmigt|wordt goedgekeurd)\b",
    re.IGNORECASE,
)
# A title line naming an instrument (its kind among the first words, the line short).
_INSTRUMENT = re.compile(rf"^\W*(?P<before>(?:\w+\W+){{0,3}}?)(?P<kind>{KINDS})\b", re.IGNORECASE)
# An instrument's articles name it as themselves ("this Protocol", "el presente Convenio",
# "le présent Accord"); an act names its instrument and calls itself a law.
_THIS = r"\b(?:this|the present|présente?|presente|diese[sr]?|dit|deze|questo|questa)\s+"
_TITLE_WORDS = 60
_UNTITLED_WORDS = 150  # text after an act, under no title, that may be an instrument
# A title run onto the end of the act's last line (``... Oyarzún. PROTOCOLO DE SAN LUIS``):
# an instrument's name in capitals, three words or more, after a stop or a dash.
_RUN_ON_TITLE = re.compile(rf"[.\u2014]\s+(?:{KINDS_UPPER})(?:\s+[A-ZÁÉÍÓÚÑÜ]+){{2,}}")


def approval_act(texts: list[str]) -> tuple[int, int, int] | None:
    """Where an approval act above its instrument lies: the index of the act's first
    heading, of the instrument's title line (where the instrument begins) and of the
    instrument's first article (-1 when the instrument has no article heading, -2 when
    no title either: long text after the act); None when the layout is not that."""
    heads = [(i, h) for i, t in enumerate(texts) if (h := read_heading(t)) is not None]
    start = next((k for k, (_, h) in enumerate(heads) if is_first(h.number)), None)
    if start is None:
        return None
    act = [heads[start]]
    found = None
    for i, h in heads[start + 1 :]:
        if is_first(h.number):
            found = _checked(texts, act, i)
            break
        if not follows(act[-1][1].number, h.number) or len(act) >= MAX_ACT_ARTICLES:
            return None
        act.append((i, h))
    else:
        found = _checked(texts, act, -1)
    return None if found is None or _own_articles(texts, *found[:2]) else found


def _own_articles(texts: list[str], first: int, end: int) -> bool:
    """Whether the first numbering (``first`` to ``end``) is the articles of the
    instrument titled in capitals above it: they call themselves by its kind (``PROTOCOL
    ...``, then ``this Protocol``). An act's subject line may name the instrument in
    capitals too (``TRATADO DE EXTRADICION``, then ``Apruébase el Tratado ...``), but the
    act calls itself a law."""
    for title in texts[:first]:
        m = _INSTRUMENT.match(title)
        if m is None or not title.isupper() or not _is_title(title):
            continue
        kind = next(k for k in KINDS.split("|") if re.fullmatch(k, m["kind"], re.IGNORECASE))
        own = re.compile(_THIS + kind + r"\b", re.IGNORECASE)
        if any(own.search(t) for t in texts[first:end]):
            return True
    return False


def _checked(
    texts: list[str], act: list[tuple[int, Heading]], again: int
) -> tuple[int, int, int] | None:
    first, last = act[0][0], act[-1][0]
    end = again if again >= 0 else len(texts)
    title = next((k for k in range(last + 1, end) if _is_title(texts[k])), None)
    if title is None and again < 0 and any(APPROVES.search(t) for t in texts[first : last + 1]):
        # No title, no heading after the act: text far longer than the act's lines
        # (an exchange of notes printed after the law) is said, never moved.
        said = sum(count_words(t) for t in texts[first : last + 1])
        rest = sum(count_words(t) for t in texts[last + 1 :])
        # Named from after the act's last words: its heading's line, or the line after a
        # heading alone on its line.
        after = last + 1 if act[-1][1].rest is not None or last + 2 >= len(texts) else last + 2
        return (first, after, -2) if rest >= max(2 * said, _UNTITLED_WORDS) else None
    if title is None or not any(APPROVES.search(t) for t in texts[first:title]):
        return None
    before = sum(count_words(t) for t in texts[first:title])
    after = sum(count_words(t) for t in texts[title:])
    return (first, title, again) if after > before else None


def _is_title(text: str) -> bool:
    """A title names the instrument first (``CONVENIO ...``, ``Acuerdo de ...``), or in
    capitals after a few words (``SEGUNDO PROTOCOLO ADICIONAL ...``); a sentence naming
    it (``6. El presente Acuerdo ...``) is none."""
    m = _INSTRUMENT.match(text)
    if m is not None and not text.lstrip("*_\"'\u201c\u00ab ")[:1].isupper():
        m = None  # "convenio: El Estado ...": a wrapped sentence's line, no title
    if m is None or (m["before"] and not text.isupper()):
        return _RUN_ON_TITLE.search(text) is not None and read_heading(text) is None
    return count_words(text) <= _TITLE_WORDS and read_heading(text) is None


def act_end(lines: list[tuple[str, int | None]], path: str, warnings: list[str]) -> int:
    """The index of the instrument's title line when an approval act is printed above
    the instrument (the lines before it are the act's: the preamble's), else 0; the
    warning naming the act's lines is added."""
    found = approval_act([text for text, _ in lines])
    if found is None:
        return 0
    if found[2] < 0:  # an instrument without article headings: said, not moved
        warnings.append(_unnumbered_warning(path, lines, found))
        return 0
    warnings.append(_act_warning(path, lines, found))
    return found[1]


def act_after(lines: list[tuple[str, int | None]], start: int, path: str) -> list[str]:
    """The warning for an approval act printed after its instrument: from ``start`` (an
    ``Article 1`` after the instrument's articles, kept as the closing's text) to the end,
    a numbering of at most ``MAX_ACT_ARTICLES`` in order whose text approves, shorter
    than the instrument above it. An annex's own articles approve nothing: no warning
    here (the annex policy stands)."""
    if start < 0:
        return []
    texts = [text for text, _ in lines]
    heads = [h for t in texts[start:] if (h := read_heading(t)) is not None]
    in_order = all(follows(a.number, b.number) for a, b in pairwise(heads))
    act = sum(count_words(t) for t in texts[start:])
    if not (
        heads
        and is_first(heads[0].number)
        and in_order
        and len(heads) <= MAX_ACT_ARTICLES
        and any(APPROVES.search(t) for t in texts[start:])
        and sum(count_words(t) for t in texts[:start]) > act
    ):
        return []
    said = " ".join(texts[start].split()[:6])
    first, last = lines[start][1], lines[-1][1]
    where = f"lines {first}-{last}" if first is not None else "the lines"
    return [
        f"{path}: {where} ('{said} ...') are read as an act approving the instrument above "
        "them and kept in its closing; the instrument's articles are the document's; "
        "remove the act's lines if that is wrong"
    ]


def _unnumbered_warning(
    path: str, lines: list[tuple[str, int | None]], found: tuple[int, int, int]
) -> str:
    """The warning for an act whose instrument has no article heading: the act's
    articles are imported, the instrument is their text, and the user is told."""
    first, title, kind = found
    said = " ".join(lines[first][0].split()[:6])
    start = " ".join(lines[title][0].split()[:8])
    after = (
        f"the instrument after them (line {lines[title][1]}: '{start}')"
        if kind == -1
        else f"the text after them (from line {lines[title][1]}: '{start}', under no title)"
    )
    return (
        f"{path}: the articles from line {lines[first][1]} ('{said} ...') read as an act "
        f"approving an instrument, and {after} has no article headings: it is kept as "
        "text of the act; import its lines alone to have the instrument as the document"
    )


def _act_warning(
    path: str, lines: list[tuple[str, int | None]], found: tuple[int, int, int]
) -> str:
    """The warning naming the lines taken as the act (kept in the preamble)."""
    first, title, _ = found
    start, end = lines[first][1], lines[title - 1][1]
    where = f"lines {start}-{end}" if start is not None else "the lines"
    said = " ".join(lines[first][0].split()[:6])
    return (
        f"{path}: {where} ('{said} ...') are read as an act approving the instrument that "
        f"follows and kept in its preamble; the instrument is read from its title (line "
        f"{lines[title][1]}: '{' '.join(lines[title][0].split()[:8])}'); remove the act's "
        "lines if that is wrong"
    )
