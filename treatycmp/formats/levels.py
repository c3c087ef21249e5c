"""The levels above an article's chapter (``PART THREE`` / ``TITLE VII`` / ``CHAPTER 3``).

A treaty may print several levels of headings over its articles. Each level is kept,
none replaced by the one below it, and named once where it is printed: before the name
of the first chapter under it, as a chapter's title line is.
"""

from __future__ import annotations

from treatycmp.formats.segment_drafts import ArticleDraft, chapter_number
from treatycmp.model import Gap


def _kind(heading: str) -> str:
    return heading.split()[0].casefold() if heading.split() else ""


def part_of(line: str, parts: tuple[str, ...], fresh: str | None) -> tuple[str, ...]:
    """The parts a chapter heading ``line`` comes under, outermost first: a heading of
    another kind right before it with no article between (``PART II`` then ``CHAPTER 1``:
    ``fresh``) is added to those already open; a heading of an open part's kind (``PART
    III``) closes that part and those inside it, and opens a new one. So every level a
    treaty prints is kept (``PART THREE``, ``TITLE VII``, ``CHAPTER 3``: the first two
    are the third's parts), none replaced by the one below it.

    >>> part_of("CHAPTER 1", (), "PART II"), part_of("CHAPTER 2", ("PART II",), None)
    (('PART II',), ('PART II',))
    >>> part_of("PART III", ("PART II",), None), part_of("CHAPTER 2", (), "CHAPTER 1")
    (('PART III',), ())
    >>> part_of("CHAPTER 3", ("PART THREE",), "TITLE VII")
    ('PART THREE', 'TITLE VII')
    >>> part_of("CHAPTER 1", ("PART THREE", "TITLE VII"), "TITLE VIII")
    ('PART THREE', 'TITLE VIII')
    """
    kinds = [_kind(x) for x in parts]
    if _kind(line) in kinds:
        return (*parts[: kinds.index(_kind(line))], line)
    if fresh is not None and _kind(fresh) != _kind(line) and chapter_number(fresh):
        at = kinds.index(_kind(fresh)) if _kind(fresh) in kinds else len(parts)
        return (*parts[:at], fresh)
    return parts


def name_parts(drafts: list[ArticleDraft | Gap]) -> None:
    """A part's heading goes before the first chapter under it (``PART II: CHAPTER 1``),
    as a title after a chapter's: the part is kept, not left as the text of the article
    before it. Once the numbering is settled, since it reads chapters alone. A level is
    named once, as printed once (``TITLE II`` in ``PART I``: ``TITLE II: CHAPTER 1``)."""
    first: dict[str, str] = {}
    named: dict[str, tuple[str, ...]] = {}  # the levels each part's first chapter names
    shown: tuple[str, ...] = ()
    for draft in drafts:
        if not isinstance(draft, ArticleDraft) or draft.part is None or not draft.chapter:
            continue
        if first.setdefault(draft.part, draft.chapter) != draft.chapter:
            continue
        if draft.part not in named:
            levels = draft.levels
            pairs = zip(levels, shown, strict=False)
            printed = next((i for i, (a, b) in enumerate(pairs) if a != b), len(shown))
            shown = levels
            if draft.chapter == levels[-1] or draft.chapter.startswith(f"{levels[-1]}: "):
                levels = levels[:-1]  # the part's own heading is the chapter (PART III)
            named[draft.part] = levels[printed:]
        draft.chapter = ": ".join((*named[draft.part], draft.chapter))
