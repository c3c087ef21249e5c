"""The aligner's cost guarded by counts of work, never by times (issue 22).

Counted with ``treatycmp.align.work.counting``: cells each tier scores and the largest
array it builds. The character tier, which once scored every leftover clause against
every other (22 of 25 s on TPP vs EU - Ukraine), must score a number of cells that
grows with the clauses, not with their product; and its shortlist must answer as the
exhaustive path does on every bundled pair.
"""

from __future__ import annotations

import functools
import itertools
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pytest

from treatycmp.align import lexical, tuning
from treatycmp.align.aligner import align_clauses, weighed_cells
from treatycmp.align.pairs import ClausePair
from treatycmp.align.work import count, counting
from treatycmp.corpus import Corpus
from treatycmp.defaults import MAX_PAIRS
from treatycmp.model import Clause

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from synth import build_treaty, synth_pair  # type: ignore[import-not-found]


@functools.cache
def _unrelated(articles: int) -> tuple[tuple[Clause, ...], tuple[Clause, ...]]:
    """A seeded synthetic treaty against a text of seeded made-up words that shares one
    paragraph with it: that pair opens the character tier, and every other clause is
    left over for it."""
    left = synth_pair(articles, 1).left
    rng = random.Random(articles)

    def word() -> str:
        return "".join(rng.choice("abcdefghijklmnoprstuvy") for _ in range(rng.randint(2, 9)))

    arts = [
        [
            " ".join(word() for _ in range(rng.randint(8, 30))) + "."
            for _ in range(rng.randint(1, 2))
        ]
        for _ in range(articles)
    ]
    arts[articles // 2][0] = left.clauses()[len(left.clauses()) // 2].text
    return left.clauses(), build_treaty("made-up", arts).clauses()


@functools.cache
def _shipped_char_cells(articles: int) -> int:
    """The character tier's cells on ``_unrelated(articles)`` as shipped: a count of
    work, the same in any process and at any time, so aligned once for both tests."""
    with counting() as tally:
        align_clauses(*_unrelated(articles))
    return tally.cells.get("char", 0)


@pytest.mark.parametrize("articles", [300, 600])
def test_character_tier_scores_cells_linear_in_the_clauses(articles: int) -> None:
    left, right = _unrelated(articles)
    n, m = len(left), len(right)
    char = _shipped_char_cells(articles)
    # Each leftover clause's shortlist both ways: linear, and far below every leftover
    # cell (most clauses are left over: scoring them all is most of n * m).
    assert 0 < char <= 2 * tuning.CHAR_SHORTLIST * (n + m)
    assert char <= n * m // 6


@pytest.mark.parametrize("articles", [300, 600])
def test_character_tier_takes_8_partners_a_clause_not_32(
    articles: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 8 best partners answered as 32 did on the ToTA tuning seeds (bench/bench_char_tier.py)
    # for about a quarter of the cells; a return to 32 fails the bound by its count.
    left, right = _unrelated(articles)
    n, m = len(left), len(right)
    char = _shipped_char_cells(articles)
    monkeypatch.setattr(tuning, "CHAR_SHORTLIST", 32)
    with counting() as wide:
        align_clauses(left, right)
    before = wide.cells.get("char", 0)
    assert 0 < char <= 2 * 8 * (n + m)
    assert char <= before * 2 // 5


def test_counting_is_off_unless_asked_and_nested_counts_stay_apart() -> None:
    count("nobody", 5)  # nothing is listening: no error, nothing kept
    with counting() as outer:
        count("x", 2, array=4)
        with counting() as inner:
            count("x", 3, array=9)
        count("x", 1)
    assert (outer.cells, outer.peak, outer.total) == ({"x": 3}, 4, 3)
    assert (inner.cells, inner.peak) == ({"x": 3}, 9)


def test_character_tier_shortlist_answers_as_every_cell_on_the_bundled_corpus(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    corpus = Corpus.load(env={})
    treaties = sorted(corpus.treaties, key=lambda t: t.id)
    pairs = [(a, b) for a, b in itertools.combinations(treaties, 2)]
    exhaustive = [align_clauses(a.clauses(), b.clauses()) for a, b in pairs]
    # Every pair through the shortlist, at its shipped length (8 best partners; 2 change
    # 13 of 435 pairs, 4 change 3, 32 none). Bundled pairs never take it (under
    # CHAR_TIER_CELLS); forced, the only difference is one tier pair lost, a formula
    # line paired with an unrelated one: "They therefore agree to this North Atlantic
    # Treaty:" / "The Purposes of the United Nations are:" (blend 0.511).
    monkeypatch.setattr(tuning, "CHAR_TIER_CELLS", 0)
    with counting() as tally:
        shortlisted = [align_clauses(a.clauses(), b.clauses()) for a, b in pairs]
    assert tally.cells.get("char", 0) > 0

    def linked(got: Sequence[ClausePair]) -> set[tuple[tuple[str, ...], tuple[str, ...]]]:
        return {
            (tuple(c.id for c in p.left), tuple(c.id for c in p.right))
            for p in got
            if p.left and p.right
        }

    differ = {
        (a.id, b.id): (linked(e) - linked(s), linked(s) - linked(e))
        for (a, b), e, s in zip(pairs, exhaustive, shortlisted, strict=True)
        if e != s
    }
    assert differ == {
        ("north-atlantic-1949", "un-charter-1945"): ({(("preamble.5",), ("1.1",))}, set())
    }


@pytest.mark.parametrize("articles", [300, 600])
def test_lexical_tier_scores_cells_linear_in_the_clauses(
    articles: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The shortlist's threshold lowered so that a pair of a few hundred articles takes
    # it (shipped, it starts at 2,000,000 cells: about 800 articles a side), and so
    # that blocks inside articles are cut from no whole matrix (as above 2,000,000).
    monkeypatch.setattr(tuning, "LEXICAL_TIER_CELLS", 20_000)
    monkeypatch.setattr(lexical, "FULL_CELLS", 20_000)
    pair = synth_pair(articles, 5)
    left, right = pair.left.clauses(), pair.right.clauses()
    with counting() as tally:
        got = align_clauses(left, right)
    n, m = len(left), len(right)
    scored = tally.cells.get("lexical", 0)
    # Candidates, their neighbours and the blocks inside paired articles: a bounded
    # number a clause (every cell would be n * m, 270,000 and 1,100,000 here).
    assert 0 < scored <= 60 * (n + m)
    assert scored <= weighed_cells(n, m) - 2 * tuning.LEXICAL_TIER_CELLS
    # No array of the block's size: the largest grows with the clauses too.
    assert tally.peak <= 60 * (n + m)
    # and the answers still follow the known edits: most unchanged clauses pair as same
    same = sum(p.kind == "same" for p in got)
    assert same >= 0.5 * min(n, m)


def test_max_pairs_weighs_the_cells_scored() -> None:
    # A 4,000-article synthetic pair (about 7,000 paragraphs a side) fits the default
    # limit with the lexical scorer; the character scorers score every pair.
    assert weighed_cells(7_000, 7_000) <= MAX_PAIRS < 7_000 * 7_000
    assert weighed_cells(1_000, 1_000) == 1_000_000
    assert weighed_cells(7_000, 7_000, "blend") == 49_000_000
    assert weighed_cells(40_000, 40_000) > MAX_PAIRS


def test_each_clause_is_split_into_words_once() -> None:
    # The article space sums its paragraphs' counts and a split or merge run sums its
    # clauses': nothing is split into words twice (articles and joined runs were).
    pair = synth_pair(120, 3)
    left, right = pair.left.clauses(), pair.right.clauses()
    assert len(left) > len(pair.left.article_list)  # articles of several paragraphs
    with counting() as tally:
        align_clauses(left, right)
    assert tally.tokenised == len(left) + len(right)


def test_grouped_space_scores_as_the_joined_texts() -> None:
    # Same counts in the same order as counting the joined texts: the same floats.
    rng = random.Random(7)
    vocab = ["the", "parties", "shall", "consult", "trade", "each", "party", "수단으로써"]
    texts = [" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 12))) for _ in range(30)]
    left, right = texts[:14], texts[14:]
    gl = [[0, 1, 2], [3], [4, 5], [6, 7, 8, 9], [10, 11, 12, 13]]
    gr = [[0, 1], [2, 3, 4], [5], [6, 7, 8, 9, 10, 11], [12, 13, 14, 15]]
    space = lexical.Space(left, right)
    grouped = space.grouped(gl, gr)
    fresh = lexical.Space(
        [" ".join(left[i] for i in g) for g in gl], [" ".join(right[j] for j in g) for g in gr]
    )
    assert grouped._counts == fresh._counts
    assert [list(c) for c in grouped._counts[1]] == [list(c) for c in fresh._counts[1]]
    assert grouped.matrix(range(5), range(5)).tolist() == fresh.matrix(range(5), range(5)).tolist()
    assert grouped.rows(range(5), range(5)) == fresh.rows(range(5), range(5))
    # A split or merge run's vectors, as from its joined text.
    for lefts, rights in (((1, 2), ()), ((), (3, 4))):
        text = " ".join([*(fresh.left[i] for i in lefts), *(fresh.right[j] for j in rights)])
        w = Counter(lexical.words(text))
        want = (
            lexical._weigh_with([w], fresh._idfs[0])[0],
            lexical._weigh_with([lexical._gram_counts(w)], fresh._idfs[1])[0],
        )
        got = fresh.joined(lefts, rights)
        assert got == want
        assert [list(v) for v in got] == [list(v) for v in want]
