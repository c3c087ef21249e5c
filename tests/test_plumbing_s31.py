"""Issue 22 (branch s31-speed): the TPP diff's plumbing, each saving the same answer as
the code it replaced, its work counted, never timed."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import treatycmp.rules.match as match
from treatycmp.align.lexical import _summed, words
from treatycmp.corpus import Corpus
from treatycmp.text import normalize


def _summed_reference(counts: list[Counter[str]], ks: list[int]) -> Counter[str]:
    out: Counter[str] = Counter()
    for k in ks:
        out.update(counts[k])
    return out


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abcdefg"), max_size=8), min_size=1, max_size=6),
    st.data(),
)
def test_summed_counts_are_counter_update_s(texts: list[list[str]], data: st.DataObject) -> None:
    counts = [Counter(t) for t in texts]
    ks = data.draw(st.lists(st.integers(0, len(counts) - 1), max_size=8))
    got = _summed(counts, ks)
    want = _summed_reference(counts, ks)
    assert type(got) is Counter
    assert list(got.items()) == list(want.items())  # same keys, same order, same counts


def test_summed_adds_no_key_in_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Work counted: joining the bundled English articles' paragraph counts never calls
    ``Counter.update`` (its key-by-key loop in Python), and gives its counts and order."""
    paragraphs = [
        Counter(words(normalize(x)))
        for t in Corpus.load(env={}).treaties
        if t.language == "en"
        for c in t.clauses("paragraph")
        for x in c.text.split("\n")
    ]
    runs = [list(range(k, min(k + 5, len(paragraphs)))) for k in range(0, len(paragraphs), 5)]
    want = [_summed_reference(paragraphs, r) for r in runs]
    calls: list[object] = []
    real = Counter.update

    def counted(self: Counter[str], iterable: Counter[str] | None = None, /) -> None:
        if iterable is not None:  # ``Counter()`` itself calls ``update(None)``
            calls.append(iterable)
        real(self, iterable)

    monkeypatch.setattr(Counter, "update", counted)
    got = [_summed(paragraphs, r) for r in runs]
    assert calls == []
    assert [list(x.items()) for x in got] == [list(x.items()) for x in want]
    assert len(runs) > 50


def test_a_group_asked_again_is_not_searched() -> None:
    """Work counted: the paragraph's memo searches each literal group once (its first
    ask), and answers as ``literal in text`` for each literal."""
    searched: list[tuple[str, ...]] = []
    real = match.group_held

    def counted(group: tuple[str, ...], whole: str) -> bool:
        searched.append(group)
        return real(group, whole)

    held = match._held_in("the parties shall consult")
    groups = [("shall ",), ("armed attack", "the parties"), ("shall ",), ("war",), ("war",)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(match, "group_held", counted)
        got = [held(g) for g in groups]
    assert got == [True, True, True, False, False]
    assert searched == [("shall ",), ("armed attack", "the parties"), ("war",)]
    assert match.group_held((), "x") is False
