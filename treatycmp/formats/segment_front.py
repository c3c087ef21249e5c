"""What segmentation starts from: one language's blocks, the title, and the lines that
are structure (an article or chapter heading, an editor's note standing for one), which
a title never is. Moved out of segment.py, whose job is the reading of the lines.
"""

from __future__ import annotations

import re
from dataclasses import replace

from treatycmp.errors import Problem
from treatycmp.formats.coverage import count_words
from treatycmp.formats.headings import CHAPTER, HEADING
from treatycmp.formats.languages import Picked, pick_language
from treatycmp.formats.segment_blocks import Block, Meta

UNNUMBERED = re.compile(r"^\[(?P<reason>Article number not known[^\]]*)\]$")
# An editor's note that the text below continues a numbered article whose heading was not
# read: "[Article 4, paragraph 2, from sub-paragraph (b) - source B]".
CONTINUED = re.compile(r"^\[(?P<reason>Article (?P<num>[0-9]+|[IVXLCDM]+),[^\[\]]*)\]$")
LANG_CODE = re.compile(r"^[a-z]{2,3}$")
# A text of more words than this whose language the detector cannot tell is said.
UNTOLD_WORDS = 30
EMPTY_GAP = re.compile(r"\[GAP:\s*\]")


def is_structure(text: str) -> bool:
    """Whether a line is an article or chapter heading (what a title never is)."""
    patterns = (HEADING, UNNUMBERED, CONTINUED, CHAPTER)
    return any(p.match(text) for p in patterns)


def pick(blocks: list[Block], meta: Meta, path: str, warnings: list[str]) -> tuple[Picked, Meta]:
    """One language's blocks, and the language recorded: the one given, else the one found."""
    picked = pick_language(blocks, meta.language if meta.language_given else None)
    warnings += picked.notes(path)
    if picked.language and not meta.language_given and LANG_CODE.match(picked.language):
        meta = replace(meta, language=picked.language)
    elif not meta.language_given and sum(count_words(b.text) for b in blocks) > UNTOLD_WORDS:
        warnings.append(
            f"{path}: the text's language was not recognised, so it is recorded as "
            f"'{meta.language}'; pass --language CODE (an ISO 639-1 code) to name it"
        )
    if picked.dropped_words and not meta.language_given:
        other = ", ".join(picked.dropped_languages)
        warnings.append(
            f"{path}: the text is in {meta.language} and {other}: {picked.dropped_words:,} "
            f"words in {other} left out (pass --language {picked.dropped_languages[0]} "
            "to import that text instead)"
        )
    return picked, meta


def title_of(blocks: list[Block], meta: Meta) -> tuple[str | None, list[Block]]:
    """The title (the user's, else a first block styled as a heading that is no article
    heading) and the blocks of text after it."""
    body = [b for b in blocks if b.text.strip()]
    title = meta.title
    if title is None and body and body[0].heading and not is_structure(body[0].text.strip()):
        title = body[0].text.strip()
        body = body[1:]
    elif title is not None and body and " ".join(body[0].text.split()) == " ".join(title.split()):
        body = body[1:]  # the title the user named, printed above the text
    return title, body


# Runs of another language kept among the text imported, in a text that also had words of
# it left out: from this many on, two texts interleaved (a print's columns read as one).
MIN_MIXED_RUNS = 2
INTERLEAVED_FIX = "split the two texts into one file each, or pass --allow-partial to import it"


def interleaved(picked: Picked, path: str) -> Problem | None:
    """The refusal of a text without article headings whose language pick both left out
    another language's words and kept runs of it too short to leave out (a print's French
    and English columns read line by line into one stream): without headings nothing
    shows which words belong to which text, so the import would record a mixed text as
    one language, and no structure checks that what was left out is the other's."""
    runs, words, line = picked.mixed
    if runs < MIN_MIXED_RUNS or not picked.dropped_words:
        return None
    other = ", ".join(picked.dropped_languages)
    return Problem(
        path,
        line,
        f"has no article heading and its {picked.language} text is interleaved with {other}: "
        f"{runs} runs of {other} ({words:,} words, the first on this line) would be kept in "
        f"it and {picked.dropped_words:,} words left out, as when two columns are read as one",
        INTERLEAVED_FIX,
    )


def read_problems(
    lines: list[tuple[str, int | None]],
    instruments: list[Problem],
    drafted: bool,
    picked: Picked,
    meta: Meta,
    path: str,
    warnings: list[str],
) -> list[Problem]:
    """What the reading found wrong before the articles are built: empty gap marks,
    several instruments, two languages interleaved in a text without headings
    (``drafted``: whether any article or gap was read)."""
    problems = [
        Problem(path, n, "a [GAP: ...] mark gives no reason", "say what is missing, and why")
        for line, n in lines
        if EMPTY_GAP.search(line)
    ] + [replace(p, path=path) for p in instruments]
    if not drafted and (mixed := interleaved(picked, path)) is not None:
        if not meta.allow_partial:
            problems.append(mixed)
        else:
            warnings.append(f"{path}:{mixed.line}: {mixed.message} (imported: --allow-partial)")
    return problems
