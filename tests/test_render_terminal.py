"""The side-by-side terminal view: goldens, word-boundary wrapping, visible changes."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pytest
from _hostile import ANSI, MARKUP, hostile_comparison
from _treaties import bundled, make_treaty

from treatycmp.analysis import Comparison, compare
from treatycmp.render.diff.runs import side_runs, wdiff
from treatycmp.render.diff.terminal import render_table
from treatycmp.rule_model import RuleSet

MARKS = re.compile(r"\[-|-\]|\{\+|\+\}|[«»]")


@pytest.fixture(scope="module")
def headline() -> Comparison:
    return compare(bundled("ussr-dprk-1961"), bundled("dprk-russia-2024"))


def test_golden_plain(headline: Comparison, golden: Callable[[str, str], None]) -> None:
    golden("diff-ussr-dprk-1961--dprk-russia-2024.txt", render_table(headline, width=100))


def test_golden_colour(headline: Comparison, golden: Callable[[str, str], None]) -> None:
    text = render_table(headline, width=100, color=True)
    assert "\x1b[" in text
    golden("diff-ussr-dprk-1961--dprk-russia-2024.ansi", text)


def test_golden_meduza_80(golden: Callable[[str, str], None]) -> None:
    c = compare(bundled("ussr-dprk-1961@meduza"), bundled("dprk-russia-2024@meduza"))
    golden("diff-meduza-80.txt", render_table(c, width=80))


def _words(text: str) -> Counter[str]:
    return Counter(MARKS.sub("", text).split())


@pytest.mark.parametrize("width", [60, 80, 160])
@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("ussr-dprk-1961", "dprk-russia-2024"),
        ("ussr-dprk-1961@ko", "dprk-russia-2024@ko"),
        ("us-rok-1953", "dprk-russia-2024"),
    ],
)
def test_every_word_of_every_clause_is_printed_whole(left: str, right: str, width: int) -> None:
    # Without rules: labels are inserted text, not treaty words.
    c = compare(bundled(left), bundled(right), rules=RuleSet(()))
    out = render_table(c, width=width)
    assert "…" not in out
    cells = _words(out.replace("│", " "))
    for pair in c.pairs:
        for clause in (*pair.left, *pair.right):
            missing = _words(clause.text) - cells
            assert not missing, f"{clause.id}: words broken or lost: {sorted(missing)[:5]}"


def test_lines_fit_the_width(headline: Comparison) -> None:
    for width in (80, 160):
        assert max(len(line) for line in render_table(headline, width=width).splitlines()) <= width


def test_without_colour_changes_stay_visible() -> None:
    left = make_treaty("a", [["the other Party shall immediately extend assistance"]])
    right = make_treaty("b", [["the other side shall provide assistance without delay"]])
    out = render_table(compare(left, right), width=100)
    assert "[-" in out
    assert "{+" in out
    assert "without delay" in out
    assert "\x1b" not in out


def test_wdiff_rebuilds_both_sides(headline: Comparison) -> None:
    for pair in headline.pairs:
        left = wdiff(side_runs(pair, "left"))
        right = wdiff(side_runs(pair, "right"))
        plain_left = re.sub(r" ⟨[^⟩]*⟩", "", MARKS.sub("", left))
        plain_right = re.sub(r" ⟨[^⟩]*⟩", "", MARKS.sub("", right))
        assert plain_left.split() == pair.left_text.split()
        assert plain_right.split() == pair.right_text.split()


def test_buffers_are_marked_with_their_label() -> None:
    c = compare(bundled("ussr-dprk-1961@meduza"), bundled("dprk-russia-2024@meduza"))
    out = render_table(c, width=100)
    header = out.split("Marks:")[0]
    assert "Buffers added: " in header
    assert "UN Charter Article 51" in header
    assert "⟨buffer: UN Charter Article 51⟩" in out
    assert "«Article 51 of the UN Charter»" in out


def test_gaps_and_caveats_are_visible(headline: Comparison) -> None:
    out = render_table(headline, width=100)
    assert "[gap: " in out
    assert "numbering inferred" in out
    assert "UNOFFICIAL" in out
    assert "removed?" in out
    assert "may be in a gap" in out


def test_only_changed_and_article(headline: Comparison) -> None:
    out = render_table(headline, width=100, article="4")
    assert "1.2 → 4 · changed · similarity 0.42, function 1.00" in out
    assert "preamble.1 →" not in out


@pytest.mark.parametrize("labels", [True, False])
@pytest.mark.parametrize("layout", ["side-by-side", "inline"])
@pytest.mark.parametrize("color", [False, True])
def test_treaty_text_is_data(color: bool, layout: str, labels: bool) -> None:
    out = render_table(hostile_comparison(), width=200, color=color, layout=layout, labels=labels)
    assert MARKUP.split()[0] in out
    assert "[/]" in out
    assert "[i]stays[/i]" in out
    assert ANSI not in out
    assert "\\x1b[31mred\\x1b[0m" in out


def test_summary_does_not_call_clauses_a_gap_may_hold_removed(headline: Comparison) -> None:
    """The headline's left-only clauses may stand in KCNA's gaps: its summary line
    says ``removed?`` as each pair does, never a bare ``removed``.
    """
    unsure = [p for p in headline.pairs if p.may_be_in_gap and p.kind == "removed"]
    sure = [p for p in headline.pairs if not p.may_be_in_gap and p.kind == "removed"]
    assert unsure
    assert not sure
    head = render_table(headline, width=200).splitlines()[2]
    assert f"{len(unsure)} removed?" in head
    assert not re.search(r"\d removed(?!\?)", head)
    assert "may be in a gap" in head


def test_summary_counts_sure_removals_plainly() -> None:
    """Two complete texts: a clause one lacks is removed, no question mark."""
    left = make_treaty(
        "a",
        [
            ["The Parties shall consult together whenever either is threatened."],
            ["This Treaty shall remain in force indefinitely."],
        ],
    )
    right = make_treaty(
        "b", [["The Parties shall consult together whenever either is threatened."]]
    )
    c = compare(left, right)
    removed = [p for p in c.pairs if p.kind == "removed"]
    assert removed
    assert not any(p.may_be_in_gap for p in removed)
    head = render_table(c, width=300).splitlines()[2]
    assert f"· {len(removed)} removed ·" in head
    assert "removed?" not in head


def test_no_buffer_added_is_not_claimed_where_the_right_clause_breaks_off(
    headline: Comparison,
) -> None:
    """KCNA's Article 4 breaks off before the buffers the 2024 treaty adds: the
    summary may not say a flat "Buffers added: none".
    """
    lines = render_table(headline, width=200).splitlines()
    added = next(line for line in lines if line.startswith("Buffers added:"))
    assert added != "Buffers added: none"
    # the one buffer added is in a whole clause (2.1's talks), none in the partial Art. 4
    assert added == "Buffers added: consultation first (1.1 → 2.1)"


def test_no_buffer_line_stays_none_where_the_paired_clauses_are_whole() -> None:
    c = compare(bundled("ussr-dprk-1961@meduza"), bundled("dprk-russia-2024@meduza"))
    lines = render_table(c, width=200).splitlines()
    assert "Buffers removed: none" in lines


def test_no_buffer_added_is_not_claimed_against_a_text_that_is_all_gap() -> None:
    """The 2000 treaty has no text: every 1961 clause may stand in its gap."""
    c = compare(bundled("ussr-dprk-1961"), bundled("russia-dprk-2000"))
    lines = render_table(c, width=200).splitlines()
    assert "Buffers added: none found (a gap in the right text may hold some)" in lines
    assert "Buffers added: none" not in lines
