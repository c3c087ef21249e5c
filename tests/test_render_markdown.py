"""The markdown report: golden file, structure checked with a markdown parser, escaping."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _hostile import hostile_comparison
from _treaties import bundled
from markdown_it import MarkdownIt
from markdown_it.token import Token

from treatycmp.analysis import Comparison, compare
from treatycmp.escape import md_escape, md_inline
from treatycmp.render.diff.markdown import render_markdown


@pytest.fixture(scope="module")
def headline() -> Comparison:
    return compare(bundled("ussr-dprk-1961"), bundled("dprk-russia-2024"))


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def inline_children(tokens: list[Token], kind: str) -> list[Token]:
    return [c for t in tokens if t.type == "inline" for c in (t.children or []) if c.type == kind]


def headings(tokens: list[Token], tag: str) -> list[str]:
    return [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == tag
    ]


def test_golden(headline: Comparison, golden: Callable[[str, str], None]) -> None:
    golden("diff-ussr-dprk-1961--dprk-russia-2024.md", render_markdown(headline))


def test_structure(headline: Comparison) -> None:
    tokens = parse(render_markdown(headline))
    title = f"{headline.left.short_title} → {headline.right.short_title}"
    assert headings(tokens, "h1") == [title]
    h2 = headings(tokens, "h2")
    assert h2 == ["Texts", "Summary", "Buffer changes", "Clauses"]
    sections = headings(tokens, "h3")
    changed = [p for p in headline.pairs if p.kind != "same"]
    assert len(sections) == len(changed)
    assert "1.2 → 4 · changed · similarity 0.42, function 1.00" in sections
    # provenance + summary + one side-by-side table per changed pair
    assert sum(t.type == "table_open" for t in tokens) == 2 + len(changed)
    anchors = [c.content for c in inline_children(tokens, "html_inline") if "<a id=" in c.content]
    assert any('id="right-4"' in a for a in anchors)
    assert any('id="left-1"' in a for a in anchors)


def test_deletions_struck_insertions_bold(headline: Comparison) -> None:
    tokens = parse(render_markdown(headline, article="4"))
    assert inline_children(tokens, "s_open"), "no ~~deleted~~ text"
    assert inline_children(tokens, "strong_open"), "no **inserted** text"


def test_buffers_come_first_and_are_marked() -> None:
    c = compare(bundled("ussr-dprk-1961@meduza"), bundled("dprk-russia-2024@meduza"))
    text = render_markdown(c)
    assert text.index("## Buffer changes") < text.index("## Clauses")
    added = "- **Buffers added**: domestic law / constitutional processes (1.2 → 4); UN Charter"
    assert added in text
    assert "⟨buffer: UN Charter Article 51⟩" in text
    # the buffer is inserted: its phrase sits inside **bold** and is marked
    strong = []
    tokens = parse(text)
    for t in tokens:
        inside = False
        for child in t.children or []:
            if child.type == "strong_open":
                inside = True
            elif child.type == "strong_close":
                inside = False
            elif inside and child.type == "text":
                strong.append(child.content)
    assert any("«Article 51 of the UN Charter»" in s for s in strong)


def test_treaty_text_is_literal() -> None:
    text = render_markdown(hostile_comparison())
    tokens = parse(text)
    # no HTML or links from treaty text: only the report's own anchors and <br>
    inline_html = {c.content for c in inline_children(tokens, "html_inline")}
    ours = {"<br>", "</a>", '<a id="left-1">', '<a id="right-1">'}
    ours |= {"<del>", "</del>", "<strong>", "</strong>"}
    assert inline_html <= ours
    assert not inline_children(tokens, "link_open")
    assert {c.content for c in inline_children(tokens, "code_inline")} == {
        "hostile-old",
        "hostile-new",
    }
    assert not [t for t in tokens if t.type == "html_block" and "<a id" not in t.content]
    # the markdown table syntax in the clause did not add rows or columns
    assert sum(t.type == "table_open" for t in tokens) == 2 + 1
    words = "".join(c.content for c in inline_children(tokens, "text"))
    for literal in (
        "<script>alert(1)</script>",
        "&amp;",
        "| a | b |",
        "*star*",
        "~~gone~~",
        "_under_",
        "`tick`",
        "[bold]shall[/]",
        "\\x1b[31mred\\x1b[0m",
    ):
        assert literal in words, literal


PAIRS = [
    ("ussr-dprk-1961", "dprk-russia-2024"),
    ("ussr-dprk-1961@meduza", "dprk-russia-2024@meduza"),
    ("north-atlantic-1949", "us-rok-1953"),
    ("ussr-dprk-1961", "russia-dprk-2000"),
    ("ussr-dprk-1961@ko", "dprk-russia-2024@ko"),
]


@pytest.mark.parametrize("pair", PAIRS, ids="--".join)
def test_github_renders_every_mark(pair: tuple[str, str]) -> None:
    """No ``**`` or ``~~`` is left literal by GFM's flanking rules (``word**,**``)."""
    c = compare(bundled(pair[0]), bundled(pair[1]))
    tokens = parse(render_markdown(c))
    for t in tokens:
        for child in t.children or []:
            if child.type == "text":
                assert "**" not in child.content, child.content
                assert "~~" not in child.content, child.content
    # every change is struck or bold, by markdown or by its HTML fallback
    assert inline_children(tokens, "s_open") or any(
        c.content == "<del>" for c in inline_children(tokens, "html_inline")
    )


@pytest.mark.parametrize("pair", PAIRS, ids="--".join)
def test_other_rule_changes_are_one_flat_list(pair: tuple[str, str]) -> None:
    """``- + modality`` is a list inside a list on GitHub; the sign must survive."""
    c = compare(bundled(pair[0]), bundled(pair[1]))
    text = render_markdown(c)
    tokens = parse(text)
    depth = 0
    for t in tokens:
        if t.type == "bullet_list_open":
            depth += 1
            assert depth == 1, "a nested list"
        elif t.type == "bullet_list_close":
            depth -= 1
    for line in text.splitlines():
        assert not line.startswith(("- + ", "- - ", "- ~ ", "- ? "))


@pytest.mark.parametrize(
    ("before", "core", "after", "literal"),
    [
        ("word", ",", " next", False),
        ("word", ".", "", False),
        (" ", "word", " ", True),
        ("", "The Parties,", " agree", True),
        ("(", "a", ")", True),
        ("x", "y", "z", True),
    ],
)
def test_marks_fall_back_to_html_exactly_where_gfm_needs_it(
    before: str, core: str, after: str, literal: bool
) -> None:
    from treatycmp.render.diff.markdown import _CLOSE, _OPEN, gfm_changes

    for change, mark, tag in (("delete", "~~", "<del>"), ("insert", "**", "<strong>")):
        out = gfm_changes(before + _OPEN[change] + core + _CLOSE + after)
        tokens = parse(out)
        text = "".join(c.content for c in inline_children(tokens, "text"))
        assert mark not in text
        assert (mark in out) is literal
        assert (tag in out) is not literal


def test_rules_a_gap_may_hold_are_named_once_as_unknown(headline: Comparison) -> None:
    text = render_markdown(headline)
    assert "- *unknown (gap)*: armed attack" in text
    assert "unknown* unknown" not in text


def test_dollar_signs_in_treaty_text_are_not_maths() -> None:
    """GitHub and many markdown viewers read ``$x$`` as maths: a treaty's ``$`` is
    escaped in every markdown the comparator writes (block and table cells)."""
    for escape in (md_escape, md_inline):
        assert escape("US$ 5 and $x$") == "US\\$ 5 and \\$x\\$"
