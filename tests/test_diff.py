"""Word diff: spans rebuild both texts, and read as an analyst would want."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.diff import diff_words

WORDS = st.sampled_from(
    ["the", "Parties", "shall", "of", "war", "수단으로써", "수단으로", "Статья", ",", "."]
)
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=4)), max_size=12).map(" ".join)


@settings(max_examples=150)
@given(TEXT, TEXT)
def test_spans_rebuild_both_texts(left: str, right: str) -> None:
    ops = diff_words(left, right)
    assert "".join(o.left for o in ops) == left
    assert "".join(o.right for o in ops) == right
    assert all(a.op != b.op for a, b in itertools.pairwise(ops))


def test_identical_text_is_one_equal_span() -> None:
    assert [o.op for o in diff_words("The Parties agree.", "the parties agree.")] == ["equal"]


def test_short_equal_islands_are_absorbed() -> None:
    ops = diff_words(
        "shall immediately extend military and other assistance with all the means at its disposal",
        "shall provide military and other assistance with all means in its possession "
        "without delay",
    )
    kinds = [o.op for o in ops]
    # "its" alone between edits is not kept as an island.
    assert not any(o.op == "equal" and o.left.strip() == "its" for o in ops)
    assert kinds[0] == "equal"


def test_korean_particle_change_is_one_word() -> None:
    ops = diff_words("온갖 수단으로써 군사적", "모든 수단으로 군사적")
    assert [(o.op, o.left, o.right) for o in ops] == [
        ("replace", "온갖 수단으로써", "모든 수단으로"),
        ("equal", " 군사적", " 군사적"),
    ]
