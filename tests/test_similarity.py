"""Treaty matrix and clause nearest-neighbours: exact values on small inputs, the real corpus."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest
from _treaties import make_treaty
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.corpus import Corpus
from treatycmp.errors import LookupProblem, TreatycmpError
from treatycmp.similarity import (
    ClauseIndex,
    jaccard_matrix,
    normalize_many,
    shingles,
    treaty_matrix,
)
from treatycmp.text import normalize

ALPHABET = st.sampled_from(
    list("aAbBzZ éÉßſﬁ[]'\u2019\u201c\u201d.,;:-\u2014()\n\t 1290체약\u0421\u0442\u0430\u0301\x00")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=40), max_size=6))
def test_normalize_many_is_normalize(texts: list[str]) -> None:
    """Equal on NFC text, which is all the loader produces."""
    texts = [unicodedata.normalize("NFC", t) for t in texts]
    assert normalize_many(texts) == [normalize(t, strip_number=False) for t in texts]


def test_normalize_many_on_bundled_corpus(corpus: Corpus) -> None:
    texts = [p.text for t in corpus.treaties for p in t.all_paragraphs() if p.text]
    assert normalize_many(texts) == [normalize(t, strip_number=False) for t in texts]


def python_jaccard(a: str, b: str) -> float:
    sa = {a[i : i + 5] for i in range(max(len(a) - 4, 1))}
    sb = {b[i : i + 5] for i in range(max(len(b) - 4, 1))}
    return len(sa & sb) / len(sa | sb)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text("abc d", min_size=1, max_size=30), min_size=1, max_size=5))
def test_jaccard_matrix_is_exact(forms: list[str]) -> None:
    got = jaccard_matrix([shingles(f) for f in forms])
    for i, a in enumerate(forms):
        for j, b in enumerate(forms):
            want = 1.0 if i == j else python_jaccard(a, b)
            assert got[i, j] == pytest.approx(want)


def test_jaccard_matrix_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny column blocks give the same result as one block."""
    import treatycmp.similarity as sim

    sets = [shingles(f) for f in ("the parties shall", "the parties may", "each party shall")]
    whole = jaccard_matrix(sets)
    monkeypatch.setattr(sim, "_BLOCK_BYTES", 24)
    assert np.allclose(jaccard_matrix(sets), whole)


def test_treaty_matrix_symmetric_with_progress() -> None:
    a = make_treaty("a", [["The Parties shall consult each other."], ["Either Party may end it."]])
    b = make_treaty("b", [["The Parties shall consult each other."], ["It lasts ten years."]])
    c = make_treaty("c", [["Completely different words here."]])
    calls: list[tuple[int, int]] = []
    m = treaty_matrix([a, b, c], progress=lambda d, t: calls.append((d, t)))
    assert m.ids == ("a", "b", "c")
    assert m.score("a", "a") == 1.0
    assert m.score("a", "b") == m.score("b", "a")
    assert m.score("a", "b") > m.score("a", "c")
    assert calls[-1] == (6, 6)
    with pytest.raises(LookupProblem):
        m.score("a", "zz")


def test_treaty_matrix_rejects_duplicates() -> None:
    a = make_treaty("a", [["Text."]])
    with pytest.raises(TreatycmpError, match="twice"):
        treaty_matrix([a, a])


def test_matrix_on_bundled_corpus(corpus: Corpus) -> None:
    m = treaty_matrix(corpus.treaties)
    assert len(m.ids) == len(corpus.treaties)
    # The two 1961 treaties of the DPRK, one with the USSR and one with the PRC, pair up.
    i = m.ids.index("ussr-dprk-1961")
    best = max((s, j) for j, s in enumerate(m.scores[i]) if j != i)
    assert m.ids[best[1]] == "prc-dprk-1961"


def test_nearest_finds_the_same_clause_elsewhere() -> None:
    a = make_treaty("a", [["The Parties shall consult each other without delay."], ["Other."]])
    b = make_treaty(
        "b", [["Unrelated words."], ["The Parties shall consult one another without delay."]]
    )
    index = ClauseIndex.build([a, b])
    assert len(index) == 4
    hits = index.nearest_to("a", "1", k=2)
    assert hits[0].treaty == "b"
    assert hits[0].clause.id == "2"
    assert all(h.treaty != "a" or h.clause.id != "1" for h in hits)
    assert hits == tuple(sorted(hits, key=lambda h: -h.score))
    assert index.nearest_to("a", "1", k=5, other_treaties=True)[0].treaty == "b"
    assert all(h.treaty == "b" for h in index.nearest_to("a", "1", other_treaties=True))


def test_nearest_errors_and_cutoff() -> None:
    index = ClauseIndex.build([make_treaty("a", [["The Parties shall consult."]])])
    with pytest.raises(LookupProblem):
        index.nearest_to("a", "9")
    with pytest.raises(TreatycmpError):
        index.nearest("...")
    assert index.nearest("zzzz qqqq", min_score=0.9) == ()
    assert ClauseIndex.build([]).nearest("words") == ()


def test_nearest_on_bundled_corpus(corpus: Corpus) -> None:
    index = ClauseIndex.build(corpus.treaties, level="article")
    hits = index.nearest_to("dprk-russia-2024", "4", k=5, other_treaties=True)
    assert hits
    assert all(h.treaty != "dprk-russia-2024" for h in hits)
