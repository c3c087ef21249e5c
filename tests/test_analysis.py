"""compare(): pairs with diffs, summary, and the rebuild invariant on joined texts."""

from __future__ import annotations

import pytest
from _treaties import bundled, bundled_ids, make_treaty

from treatycmp.align.pairs import JOINER
from treatycmp.analysis import CompareOptions, compare
from treatycmp.errors import TreatycmpError


@pytest.mark.parametrize("tid", bundled_ids())
def test_treaty_compared_with_itself(tid: str) -> None:
    t = bundled(tid)
    c = compare(t, t)
    assert {p.kind for p in c.pairs} <= {"same"}
    assert all(p.score == 1.0 for p in c.pairs)
    assert c.summary.similarity == pytest.approx(1.0)
    assert c.summary.count("same") == len(t.clauses())


def test_ops_rebuild_the_joined_texts_of_every_pair() -> None:
    left = make_treaty("a", [["One two three. Four five six."], ["Seven eight."], ["Nine ten."]])
    right = make_treaty("b", [["One two three.", "Four five six."], ["Eleven twelve thirteen."]])
    c = compare(left, right)
    for p in c.pairs:
        assert "".join(o.left for o in p.ops) == JOINER.join(x.text for x in p.left)
        assert "".join(o.right for o in p.ops) == JOINER.join(x.text for x in p.right)
    assert c.pairs[0].kind == "split"
    assert c.summary.count("removed") == 2
    assert c.summary.count("added") == 1
    assert 0.0 < c.summary.similarity < 1.0


def test_1961_vs_2024_diff_end_to_end() -> None:
    c = compare(
        bundled("ussr-dprk-1961"), bundled("dprk-russia-2024"), CompareOptions(level="paragraph")
    )
    (pair,) = [p for p in c.pairs if [x.id for x in p.left] == ["1.2"]]
    assert [x.id for x in pair.right] == ["4"]
    # By words a move at 0.42 not claimed (issue 19, align.claims); found by function,
    # its wording above the threshold: changed, with its word diff and its function.
    assert pair.kind == "changed"
    assert pair.ops
    assert pair.function is not None
    assert pair.function.reason.startswith("both: defence obligation")


def test_article_level_and_bad_level() -> None:
    t = make_treaty("a", [["One.", "Two."]])
    assert [p.left[0].id for p in compare(t, t, CompareOptions(level="article")).pairs] == ["1"]
    with pytest.raises(TreatycmpError):
        compare(t, t, CompareOptions(level="chapter"))  # type: ignore[arg-type]
