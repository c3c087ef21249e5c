"""Word diff: spans rebuild both texts, and read as an analyst would want."""

from __future__ import annotations

import copy
import itertools
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp import diff
from treatycmp.diff import WordOp, diff_words
from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.text import token_key, tokenize

DATA = Path(__file__).resolve().parent.parent / "data" / "treaties"

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


def _rebuilds(left: str, right: str, ops: tuple[WordOp, ...]) -> None:
    assert "".join(o.left for o in ops) == left
    assert "".join(o.right for o in ops) == right
    assert all(a.op != b.op for a, b in itertools.pairwise(ops))
    for o in ops:
        if o.op == "equal":
            assert [token_key(t) for t in tokenize(o.left)] == [
                token_key(t) for t in tokenize(o.right)
            ]


def _naive_cleanup(segs: list[diff._Seg]) -> list[diff._Seg]:
    """The clean-up as first written (leftmost dissolvable equality, restart): the reference."""

    def weight(tokens: list[str]) -> int:
        return sum(len(t) for t in tokens if any(c.isalnum() for c in t))

    changed = True
    while changed:
        changed = False
        for k in range(1, len(segs) - 1):
            eq, lt, _ = segs[k]
            before, after = segs[k - 1], segs[k + 1]
            if not eq or before[0] or after[0]:
                continue
            w = weight(lt)
            small = sum(1 for t in lt if any(c.isalnum() for c in t)) <= 1 and w <= 3
            if small or (
                w <= max(weight(before[1]), weight(before[2]))
                and w <= max(weight(after[1]), weight(after[2]))
            ):
                merged = (False, before[1] + lt + after[1], before[2] + segs[k][2] + after[2])
                segs[k - 1 : k + 2] = [merged]
                changed = True
                break
    return segs


SHORT = st.sampled_from(["a", "of", "the", "Parties", "shall", "war", "peace", ",", "[T]he"])
PHRASE = st.lists(SHORT, max_size=30).map(" ".join)


@settings(max_examples=150)
@given(PHRASE, PHRASE)
def test_one_pass_cleanup_matches_the_reference(left: str, right: str) -> None:
    raw = diff._raw(tokenize(left), tokenize(right), "difflib")
    assert diff._cleanup(copy.deepcopy(raw)) == _naive_cleanup(copy.deepcopy(raw))


@pytest.fixture
def anchored(monkeypatch: pytest.MonkeyPatch) -> None:
    """Send even short texts through the anchored path used for long clauses."""
    monkeypatch.setattr(diff, "DIFFLIB_CELLS", 0)
    monkeypatch.setattr(diff, "GAP_CELLS", 16)


@pytest.mark.usefixtures("anchored")
@settings(max_examples=150)
@given(PHRASE, PHRASE)
def test_anchored_spans_rebuild_both_texts(left: str, right: str) -> None:
    _rebuilds(left, right, diff_words(left, right))


@pytest.mark.usefixtures("anchored")
@pytest.mark.parametrize("tid", ["ussr-dprk-1961", "dprk-russia-2024", "us-rok-1953"])
def test_anchored_path_on_the_bundled_corpus(tid: str) -> None:
    texts = [c.text for c in load_treaty(DATA / f"{tid}.yaml").clauses()]
    for left, right in itertools.pairwise(texts):
        _rebuilds(left, right, diff_words(left, right))
    other = "\n".join(texts)
    _rebuilds(other, other[::-1], diff_words(other, other[::-1]))


def _words(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    vocab = ["".join(rng.choices("abcdefghij", k=rng.randint(1, 6))) for _ in range(400)]
    return [*rng.choices(vocab, k=n)]


def _edit(words: list[str], seed: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < 0.02:
            continue
        out.extend([w, rng.choice(words)] if r < 0.04 else [rng.choice(words)] if r < 0.06 else [w])
    return out


def test_long_edited_clause() -> None:
    """Above ``DIFFLIB_CELLS``: anchored spans, still exact and still local."""
    base = _words(3000, 1)
    left, right = " ".join(base), " ".join(_edit(base, 2))
    assert len(tokenize(left)) * len(tokenize(right)) > diff.DIFFLIB_CELLS
    ops = diff_words(left, right)
    _rebuilds(left, right, ops)
    changed = sum(len(o.left.split()) + len(o.right.split()) for o in ops if o.op != "equal")
    assert changed < 0.5 * len(base)


def test_long_unrelated_clauses() -> None:
    left, right = " ".join(_words(3000, 1)), " ".join(_words(3000, 2)).upper()
    ops = diff_words(left, right)
    _rebuilds(left, right, ops)
    assert [o.op for o in ops] == ["replace"]


def test_long_identical_and_emptied_clauses() -> None:
    text = ", ".join(_words(3000, 3))
    assert [o.op for o in diff_words(text, text.upper())] == ["equal"]
    assert diff_words(text, "") == (WordOp("delete", text, ""),)
    ops = diff_words(text, text[: len(text) // 2] + " NEW WORDS " + text[len(text) // 2 :])
    assert [o.op for o in ops] == ["equal", "insert", "equal"]


def test_identical_texts_take_the_shortcut_with_the_same_result() -> None:
    from treatycmp import diff as diff_module
    from treatycmp.corpus import Corpus
    from treatycmp.text import tokenize

    texts = [c.text for t in Corpus.load(env={}).treaties for c in t.clauses("article")]
    texts += ["", " ", "a\n\nb ", "The Parties, \u00e9 "]
    for text in texts:
        segs = diff_module._cleanup(diff_module._raw(tokenize(text), tokenize(text), "difflib"))
        slow = tuple(diff_module.WordOp("equal", "".join(lt), "".join(rt)) for _, lt, rt in segs)
        assert diff_module.diff_words(text, text) == slow


def _random_tokens(rng: random.Random) -> tuple[list[int], list[int]]:
    """Two short runs over a small alphabet (many ties), the second often sharing pieces."""
    n, m = rng.randint(0, 60), rng.randint(0, 60)
    k = rng.choice([1, 2, 3, 5, 20])
    a = [rng.randrange(k) for _ in range(n)]
    b = [rng.randrange(k) for _ in range(m)]
    if rng.random() < 0.5 and a:
        b = a[: rng.randint(0, n)] + b + a[rng.randint(0, n) :]
    return a, b


def test_numpy_longest_match_gives_difflibs_opcodes() -> None:
    # The numpy search forced on every range (cells=0) against difflib itself.
    from difflib import SequenceMatcher

    rng = random.Random(22)
    for _ in range(1500):
        a, b = _random_tokens(rng)
        want = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        assert diff._Matcher(a, b, cells=rng.choice([0, 1, 10, 100])).get_opcodes() == want


def test_long_pairs_search_in_numpy_on_interned_tokens(monkeypatch: pytest.MonkeyPatch) -> None:
    # Work, not time: with numpy loaded, no search of NUMPY_CELLS cells or more runs in
    # difflib's Python loop, the numpy ones build one run matrix per pair, and tokens
    # reach the matcher as ints (each distinct comparison key once).
    import difflib

    import numpy  # noqa: F401  (loaded, as in a long comparison)

    from treatycmp.align.work import counting

    python_cells: list[int] = []
    elements: set[type] = set()
    base = difflib.SequenceMatcher.find_longest_match

    def spy(
        self: difflib.SequenceMatcher[int],
        alo: int = 0,
        ahi: int | None = None,
        blo: int = 0,
        bhi: int | None = None,
    ) -> difflib.Match:
        python_cells.append(((ahi or 0) - alo) * ((bhi or 0) - blo))
        return base(self, alo, ahi, blo, bhi)

    made = diff._Matcher.__init__

    def init(self: diff._Matcher, a: list[int], b: list[int], cells: int | None = None) -> None:
        elements.update(type(x) for x in (*a, *b))
        made(self, a, b, cells)

    monkeypatch.setattr(difflib.SequenceMatcher, "find_longest_match", spy)
    monkeypatch.setattr(diff._Matcher, "__init__", init)
    rng = random.Random(5)
    vocab = ["the", "Parties", "shall", "of", "consult", "trade", "each", "Party", ","]
    left = " ".join(rng.choice(vocab) for _ in range(300))
    right = " ".join(rng.choice(vocab) for _ in range(280))
    with counting() as tally:
        ops = diff_words(left, right)
    assert "".join(o.left for o in ops) == left
    n, m = len(tokenize(left)), len(tokenize(right))
    assert tally.cells["word diff"] >= n * m  # the first search, the whole pair, in numpy
    assert tally.peak == n * m  # one run matrix
    assert python_cells
    assert max(python_cells) < diff.NUMPY_CELLS
    assert elements == {int}
