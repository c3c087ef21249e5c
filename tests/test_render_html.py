"""The HTML report: golden file, self-contained, treaty text escaped."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

from _hostile import hostile_comparison
from _treaties import bundled

from treatycmp.analysis import compare
from treatycmp.render.diff.html import render_html

VOID = {"meta", "br"}


class Collect(HTMLParser):
    """Tags and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack, f"</{tag}> closes nothing"
        assert self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1]}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(page: str) -> Collect:
    p = Collect()
    p.feed(page)
    p.close()
    return p


def test_golden(golden: Callable[[str, str], None]) -> None:
    c = compare(bundled("ussr-dprk-1961"), bundled("dprk-russia-2024"))
    golden("diff-ussr-dprk-1961--dprk-russia-2024.html", render_html(c))


def test_self_contained_and_well_nested() -> None:
    c = compare(bundled("ussr-dprk-1961@meduza"), bundled("dprk-russia-2024@meduza"))
    page = render_html(c)
    doc = parse(page)
    assert not doc.stack
    assert "script" not in doc.tags
    assert "link" not in doc.tags
    assert not re.search(r"src=|href=\"[^#]|url\(|@import|https?://", page)
    assert {"del", "ins", "mark", "style"} <= set(doc.tags)
    assert 'class="legend"' in page
    assert "buffer: UN Charter Article 51" in "".join(doc.text)


def test_treaty_text_is_escaped() -> None:
    page = render_html(hostile_comparison())
    doc = parse(page)
    assert not doc.stack
    assert "script" not in doc.tags
    assert "b" not in doc.tags
    text = "".join(doc.text)
    for literal in (
        "<script>alert(1)</script>",
        "&amp;",
        "<b>bold</b>",
        "| a | b |",
        "[bold]shall[/]",
        "\\x1b[31mred\\x1b[0m",
    ):
        assert literal in text, literal
    assert "\x1b" not in page


def test_viewport_changes_list_and_collapsed_rows() -> None:
    c = compare(bundled("ussr-dprk-1961"), bundled("dprk-russia-2024"))
    page = render_html(c)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    links = re.findall(r'<a href="#(pair-\d+)">', page)
    changed = [p for p in c.pairs if p.kind != "same"]
    assert len(links) == len(changed) > 0
    for anchor in links:
        assert f'<section class="pair" id="{anchor}">' in page
    # every unchanged pair and gap sits inside a <details>, every change outside one
    for block in re.findall(r"<details>.*?</details>", page, re.DOTALL):
        assert "<a href=" not in block
        for title in re.findall(r"<h3>(.*?)</h3>", block):
            assert title == "gap" or " · same" in title
    outside = re.sub(r"<details>.*?</details>", "", page, flags=re.DOTALL)
    assert len(re.findall(r'<section class="pair"', outside)) == len(changed)
    assert page.index("<h2>Changes</h2>") < page.index("<h2>Clauses</h2>")
