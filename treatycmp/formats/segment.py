"""Lines of a treaty -> the treaty model: the segmentation every text-like format shares.

A reader (plain text, PDF, Word, a web page) turns its input into ``Block``s:
one paragraph or heading each, in reading order, with where it came from. This
module finds the preamble, the article headings (``Article 1``, ``ARTICLE I``,
``Art. 1.``, ``제1조``, ``Статья 1``), chapter headings, paragraphs and
``[GAP: reason]`` marks, and builds a ``Treaty``. Words are never changed.

An import never claims more than it knows: what the document does not state
(parties, signature date) stays unknown unless the user gives it, a text with
no article headings is partial (with a gap that says why), and an imported text
is not official unless the user says so. Each such decision is a warning.
"""

from __future__ import annotations

import re

from treatycmp.errors import Problem, TreatyFileError
from treatycmp.formats.approval import act_after, act_end
from treatycmp.formats.contents import read_as_contents
from treatycmp.formats.coverage import Coverage, check_coverage, count_words, treaty_words
from treatycmp.formats.gazette_lines import split_tail_headings
from treatycmp.formats.headings import CHAPTER as CHAPTER
from treatycmp.formats.headings import HEADING as HEADING
from treatycmp.formats.headings import ordinal, read_heading
from treatycmp.formats.headings import zh_number as zh_number
from treatycmp.formats.run_in import split_run_in
from treatycmp.formats.segment_blocks import CLOSING_START as CLOSING_START
from treatycmp.formats.segment_blocks import Block as Block
from treatycmp.formats.segment_blocks import Meta as Meta
from treatycmp.formats.segment_blocks import block_lines
from treatycmp.formats.segment_blocks import read_date as read_date
from treatycmp.formats.segment_blocks import split_inner_gap as split_inner_gap
from treatycmp.formats.segment_blocks import squeeze as squeeze
from treatycmp.formats.segment_build import GAP_ONLY as GAP_ONLY
from treatycmp.formats.segment_build import build_treaty, empty_fix
from treatycmp.formats.segment_build import paragraph_of as paragraph_of
from treatycmp.formats.segment_drafts import ArticleDraft, articles_of, inferred_headings
from treatycmp.formats.segment_front import CONTINUED, UNNUMBERED, pick, read_problems, title_of
from treatycmp.formats.segment_front import is_structure as is_structure
from treatycmp.formats.segment_parts import Parts
from treatycmp.model import Gap, Treaty

GAP_MARK = re.compile(r"\[GAP:[^\[\]]*\]")
NO_HEADINGS_GAP = (
    "article structure unknown: the source shows no article headings, "
    "so it cannot be told whether text is missing"
)
CONTENTS_GAP = "the articles' text is not in the file: it prints only their list of contents"

NO_TEXT_FIX = "give it a preamble or 'Article 1' headings"


def segment(
    blocks: list[Block],
    *,
    treaty_id: str,
    path: str,
    meta: Meta,
    warnings: list[str] | None = None,
    report: list[str] | None = None,
) -> Treaty:
    """Build a ``Treaty`` from a document's blocks (see the module docstring).

    ``report`` gets the line of words read and kept (``coverage``).

    Raises:
        TreatyFileError: duplicate article numbers, an article without text, an
            empty ``[GAP:]``, no text at all, or words lost (``coverage``); every
            problem located.
    """
    warnings = warnings if warnings is not None else []
    picked, meta = pick(blocks, meta, path, warnings)
    title, body = title_of(picked.blocks, meta)
    lines, styled, run_in = split_run_in(*split_tail_headings(*block_lines(body)))
    texts = [line for line, _ in lines]
    parts = Parts(
        numbered=run_in or inferred_headings(texts, path, warnings),
        headed=frozenset(h.number for t in texts if (h := read_heading(t)) and h.separated),
    )
    parts.act_end = act_end(lines, path, warnings)  # a law above the treaty it approves
    parts.read(lines, styled)
    contents = read_as_contents(parts.drafts, parts.preamble, path, warnings)
    problems = read_problems(
        lines, parts.instruments, bool(parts.drafts), picked, meta, path, warnings
    )
    articles = articles_of(parts.drafts, path, problems, empty_fix(picked, meta))
    if not articles and not parts.preamble:
        problems.append(Problem(path, None, "holds no treaty text", NO_TEXT_FIX))
    if problems:
        raise TreatyFileError(problems)
    if not parts.drafts and meta.complete is not True:
        articles.append(Gap(CONTENTS_GAP if contents else NO_HEADINGS_GAP, 0))
    treaty = build_treaty(
        parts.preamble,
        parts.closing,
        articles,
        title or treaty_id,
        treaty_id=treaty_id,
        path=path,
        meta=meta,
    )
    notes = (UNNUMBERED, CONTINUED)  # editors' notes, kept as such, not as text
    words = [GAP_MARK.sub(" ", x) for x, _ in lines if not any(n.match(x) for n in notes)]
    drafted = [d for d in parts.drafts if isinstance(d, ArticleDraft)]
    labels = [d.label for d in drafted] + parts.merged_labels
    warnings += parts.notes(lines[parts.act_end :], path)  # the act: warned
    warnings += act_after(lines, parts.own_at, path)  # a law after the treaty it approves
    read = sum(count_words(x) for x in words) - sum(count_words(x) for x in labels)
    coverage = Coverage(read, *treaty_words(treaty), picked.dropped_words, picked.dropped_languages)
    if report is not None:
        report.append(coverage.line(path))
    check_coverage(
        coverage,
        path=path,
        has_articles=bool(parts.drafts) or contents,  # a list of contents: read, and said
        lines=[line for line, _ in lines],
        allow_partial=meta.allow_partial,
        complete=meta.complete is True,
        warnings=warnings,
        marked=meta.headings_marked,
        labels=labels[: len(drafted)],
        first=first[0] if (first := ordinal(drafted[0].number) if drafted else None) else None,
        closing=[x for x, _ in parts.closing],
    )
    if not parts.drafts and meta.complete is not True and not contents:
        warnings.append(
            f"{path}: no article headings found; the text is imported as a preamble and "
            "marked partial (pass --complete if it is the whole text)"
        )
    if not meta.parties:
        warnings.append(f"{path}: the parties are not known; pass --parties 'A; B' to name them")
    return treaty
