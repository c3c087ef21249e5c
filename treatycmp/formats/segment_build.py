"""The treaty built from what segmentation found: paragraphs with their gap marks, and
the treaty record that claims no more than the document says (``segment``'s last step).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.languages import Picked
from treatycmp.formats.segment_blocks import Meta, read_date
from treatycmp.model import Article, Gap, Paragraph, Source, Treaty

GAP_ONLY = re.compile(r"^\[GAP:\s*(?P<reason>[^\[\]]*)\]$")
GAP_AFTER = re.compile(r"^(?P<text>.*?\S) \[GAP:\s*(?P<reason>.*)\]$", re.DOTALL)
GAP_BEFORE = re.compile(r"^\[GAP:\s*(?P<reason>[^\]]*)\] (?P<text>\S.*)$", re.DOTALL)


def paragraph_of(text: str, pid: str, line: int | None) -> Paragraph:
    """A paragraph from its words, reading ``[GAP: reason]`` marks at either end."""
    text = unicodedata.normalize("NFC", text)
    m = GAP_ONLY.match(text)
    if m:
        return Paragraph(pid, "", line or 0, gap=m["reason"].strip())
    gap_before = None
    m = GAP_BEFORE.match(text)
    if m:
        gap_before, text = m["reason"].strip(), m["text"]
    m = GAP_AFTER.match(text)
    if m:
        return Paragraph(
            pid, m["text"], line or 0, gap_before=gap_before, gap_after=m["reason"].strip()
        )
    return Paragraph(pid, text, line or 0, gap_before=gap_before)


def build_treaty(
    preamble: list[tuple[str, int | None]],
    closing: list[tuple[str, int | None]],
    articles: list[Article | Gap],
    title: str,
    *,
    treaty_id: str,
    path: str,
    meta: Meta,
) -> Treaty:
    """The treaty, partial when any part has a gap; never claiming what it does not know.

    Raises:
        TreatyFileError: ``--complete`` was given but the text has gaps.
    """
    name = Path(path).name if path != "<stdin>" else "standard input"
    title = re.sub(r"\s+-\s+[A-Z ]+TEXT.*$", "", title)
    signed = meta.signed or ""
    paras = tuple(paragraph_of(t, f"preamble.{k}", n) for k, (t, n) in enumerate(preamble, start=1))
    ends = tuple(paragraph_of(t, f"closing.{k}", n) for k, (t, n) in enumerate(closing, start=1))
    has_gap = any(p.is_gap or p.is_partial for p in (*paras, *ends)) or any(
        isinstance(a, Gap) or a.has_gap for a in articles
    )
    if meta.complete is True and has_gap:
        raise TreatyFileError(
            Problem(
                path, None, "--complete was given but the text has gaps", "leave out --complete"
            )
        )
    source_text = meta.source or f"imported from {name}"
    return Treaty(
        id=treaty_id,
        title=title,
        short_title=title if len(title) <= 40 else treaty_id,
        parties=meta.parties,
        language=meta.language,
        source=Source(text=source_text, authentic=False, official=meta.official),
        completeness="partial" if has_gap else "complete",
        signed=read_date(signed) if signed else None,
        place=(signed.split(",")[0].strip() or None) if "," in signed else None,
        preamble=paras,
        articles=tuple(articles),
        closing=ends,
        path=path,
    )


def empty_fix(picked: Picked, meta: Meta) -> str | None:
    """The fix for an article left without text when another language's words were left
    out: its text may have been those words (a bilingual page read across)."""
    if not picked.dropped_words or meta.language_given:
        return None
    other = picked.dropped_languages[0]
    return (
        f"its text may be the {other} words left out as another language: pass "
        f"--language {meta.language} or --language {other} to read one language's text "
        "(a bilingual page then gives its column in that language)"
    )
