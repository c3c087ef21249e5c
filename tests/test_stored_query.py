"""The stored index queried without numpy (``similarity.stored_query``) answers as the
numpy ``ClauseIndex`` does, ties and float32 rounding included, and a nearest query
that it answers imports no numpy (issue 22: start-up)."""

from __future__ import annotations

import codecs
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from synth import synth_corpus  # type: ignore[import-not-found]

from treatycmp.corpus import Corpus
from treatycmp.similarity import codes, nearest, shortlist, store, stored_query
from treatycmp.similarity.nearest import ClauseIndex
from treatycmp.similarity.stored_query import (
    StoredQuery,
    read_array,
    word_code_string,
)


def _light(index: ClauseIndex, treaties: Corpus, folder: Path) -> StoredQuery:
    store.save(folder, "k", index, treaties.treaties, set())
    light = store.load_light(folder, "k")
    assert light is not None
    return light.query


def test_constants_are_those_of_the_numpy_index() -> None:
    assert stored_query.CODE_BASE == codes.CODE_BASE
    assert stored_query.CANDIDATES == shortlist._CANDIDATES
    assert stored_query.BLOCK == nearest._BLOCK


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab c\u4e2d\u3042\uac00 \u00e9z"), max_size=40))
def test_word_codes_without_numpy_are_word_codes(form: str) -> None:
    assert word_code_string(form) == codes.word_codes([form])[0]


@pytest.mark.parametrize("level", ["paragraph", "article"])
def test_answers_as_the_numpy_index(
    corpus: Corpus, tmp_path: Path, level: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A small shortlist and block, so the bundled corpus goes through every step.
    monkeypatch.setattr(shortlist, "_CANDIDATES", 20)
    monkeypatch.setattr(stored_query, "CANDIDATES", 20)
    monkeypatch.setattr(nearest, "_BLOCK", 30)
    monkeypatch.setattr(stored_query, "BLOCK", 30)
    built = ClauseIndex.build(corpus.treaties, level=level)  # type: ignore[arg-type]
    light = _light(built, corpus, tmp_path)
    queries = [c.text for _, c in built.entries[::5]]
    queries += ["in accordance with its constitutional processes", "shall", "the the the"]
    for text in queries:
        for k, banned in ((5, ()), (1, ("nato",)), (12, ("nato", "anzus-1951"))):
            expected = built.nearest(text, k, exclude_treaties=banned)
            assert light.nearest(text, k, exclude_treaties=banned) == expected


def test_answers_as_the_numpy_index_on_a_synthetic_corpus(tmp_path: Path) -> None:
    treaties = Corpus(tuple(synth_corpus(60, 12, seed=7)))
    built = ClauseIndex.build(treaties.treaties, level="article")
    light = _light(built, treaties, tmp_path)
    for _, clause in built.entries[::37]:
        words = clause.text.split()
        for text in (clause.text, " ".join(words[3:12]), " ".join(words[:4])):
            assert light.nearest(text, 5) == built.nearest(text, 5)
    assert light.nearest("the parties", 7) == built.nearest("the parties", 7)


def test_read_array_refuses_what_it_cannot_vouch_for(corpus: Corpus, tmp_path: Path) -> None:
    built = ClauseIndex.build(corpus.treaties[:3], level="article")
    store.save(tmp_path, "k", built, corpus.treaties[:3], set())
    where = tmp_path / "nearest" / "k"
    owner = where / "owner.npy"
    stamp = store.file_stamp(owner)
    assert read_array(owner, stamp) is not None
    assert read_array(owner, stamp + "0") is None  # another identity
    link = where / "link.npy"
    link.symlink_to(owner)
    with pytest.raises(OSError, match="link"):
        read_array(link, store.file_stamp(owner))
    os.mkfifo(where / "fifo.npy")
    fifo = os.stat(where / "fifo.npy")
    fifo_stamp = f"{fifo.st_size}:{fifo.st_mtime_ns}:{fifo.st_ctime_ns}:{fifo.st_ino}"
    assert read_array(where / "fifo.npy", fifo_stamp) is None
    # An element type not read here: numpy's loader takes over (``load_light`` is None).
    import numpy as np

    odd = where / "odd.npy"
    np.save(odd, np.zeros(3, dtype=np.float16))
    assert read_array(odd, store.file_stamp(odd)) is None
    assert store.load_light(tmp_path, "other") is None


def test_cli_answers_the_same_by_either_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A query above ``LIGHT_LIMIT`` goes to the numpy index: the same output."""
    from click.testing import CliRunner

    from treatycmp.cli import cli

    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("TREATYCMP_CORPUS", raising=False)

    def run(*args: str) -> str:
        result = CliRunner().invoke(cli, ["nearest", *args, "-f", "json"], catch_exceptions=False)
        assert result.exit_code == 0, result.stderr
        return result.stdout

    queries = (
        ("nato:5", "-k", "4"),
        ("nato:5", "-k", "4", "--level", "article"),  # the clause read from the index
        ("anzus-1951:III", "-k", "3", "--level", "article", "--other-treaties"),
        ("shall consult together", "-k", "6", "--level", "article"),
    )
    limit = stored_query.LIGHT_LIMIT
    for args in queries:
        run(*args)  # builds and stores the index
        light = run(*args)
        monkeypatch.setattr(stored_query, "LIGHT_LIMIT", -1)
        assert run(*args) == light
        monkeypatch.setattr(stored_query, "LIGHT_LIMIT", limit)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sets(st.integers(0, 700)), max_size=300), st.integers(701, 900))
def test_bit_sliced_counts_are_counts(sets: list[set[int]], size: int) -> None:
    """``_add_bits`` then ``_unslice``: how many of the sets hold each clause, for
    counts needing one, two or four bytes a field."""
    slices: list[int] = []
    for members in sets:
        stored_query._add_bits(slices, sum(1 << i for i in members))
    expected = [sum(i in members for members in sets) for i in range(size)]
    assert stored_query._unslice(slices, size) == expected


@pytest.mark.parametrize("least", [None, 2, 5])
def test_overlaps_from_bitmaps_are_the_numpy_overlaps(
    least: int | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Per clause, the words shared with the query: bitmaps (every frequent word, at
    every level it reaches) and postings lists add up to the numpy count."""
    from treatycmp.similarity import columns

    if least is not None:  # many bitmaps and levels, and more than 255 hits a clause
        monkeypatch.setattr(columns, "bitmap_least", lambda size: least)
    treaties = Corpus(tuple(synth_corpus(40, 10, seed=3)))
    built = ClauseIndex.build(treaties.treaties, level="article")
    light = _light(built, treaties, tmp_path)
    keys = light.arrays["bit_key"].tolist()
    assert len(keys) > (0 if least is None else 100)
    if least is not None:
        assert max(k % stored_query.BIT_LEVELS for k in keys) > 3  # levels beyond the first
    stored = built.columns()
    texts = [c.text for _, c in built.entries[::11]]
    texts += ["the parties " * 300, "shall " * 40 + "article", "zzz unseen words"]
    for text in texts:
        query = word_code_string(stored_query.query_form(text, 1))
        assert query is not None
        assert light.overlaps(query) == stored.overlaps(query).tolist()
    for text in texts[:: len(texts) // 5]:
        assert light.nearest(text, 4) == built.nearest(text, 4)
    assert columns.BIT_LEVELS == stored_query.BIT_LEVELS


def test_frequent_words_are_not_read_one_posting_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Work count: a query of words held by most clauses reads no postings list."""
    from treatycmp.similarity import columns

    monkeypatch.setattr(columns, "bitmap_least", lambda size: size // 4)
    treaties = Corpus(tuple(synth_corpus(40, 10, seed=3)))
    built = ClauseIndex.build(treaties.treaties, level="article")
    light = _light(built, treaties, tmp_path)
    stored = built.columns()
    forms = [light.string("form", i) for i in range(light.size)]
    common = [w for w in forms[0].split() if sum(w in f.split() for f in forms) > light.size // 2]
    assert common
    text = " ".join(dict.fromkeys(common))  # each once: level 1, frequent
    query = word_code_string(stored_query.query_form(text, 1))
    assert query is not None
    assert int((stored.overlaps(query) > 0).sum()) > light.size // 2
    assert light.postings_read(text) == 0
    lists = _counting_tolist(monkeypatch, light)
    assert light.overlaps(query) == stored.overlaps(query).tolist()
    assert lists == []


def _counting_tolist(monkeypatch: pytest.MonkeyPatch, light: StoredQuery) -> list[int]:
    """Record the length of every postings list ``light`` reads one by one."""
    read: list[int] = []
    original = light.arrays["post_clause"]

    class Counted:
        def __getitem__(self, at: slice) -> object:
            read.append(len(original[at]))
            return original[at]

    monkeypatch.setitem(light.arrays, "post_clause", Counted())
    return read


@pytest.mark.parametrize("level", ["paragraph", "article"])
def test_a_clause_is_read_from_the_index_as_from_its_treaty(
    corpus: Corpus, tmp_path: Path, level: str
) -> None:
    """``clause_of`` gives ``find_clause``'s clause and the count of the treaty's own
    clauses that the CLI asks for beyond k; ids the index lacks are None."""
    from treatycmp.corpus import find_clause

    built = ClauseIndex.build(corpus.treaties, level=level)  # type: ignore[arg-type]
    light = _light(built, corpus, tmp_path)
    tried = 0
    for treaty in corpus.treaties[::2]:
        mine = treaty.clauses(level)  # type: ignore[arg-type]
        for clause in mine[::2]:
            found = light.clause_of(treaty.id, clause.id)
            expected = find_clause(treaty, clause.id, level)  # type: ignore[arg-type]
            own = sum(c.id == expected.id or c.article == expected.id for c in mine)
            assert found == (expected, own)
            tried += 1
    assert tried > 50
    # a treaty of the index ("nato" is an alias, not an id: it would test the next line)
    assert corpus.treaties[0].id in light.treaty_ids
    assert light.clause_of(corpus.treaties[0].id, "no-such-clause") is None
    assert light.clause_of("no-such-treaty", "1") is None


@pytest.mark.parametrize("cutoff", [0.0, 12.5, 25.0, 40.0, 61.0, 90.0])
def test_the_folded_pass_drops_only_clauses_below_the_cutoff(
    corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cutoff: float
) -> None:
    """``_block_scores`` (low bytes first, then exact on what passes) gives every clause
    the score ``exact_scores`` gives it; work count: above a cutoff, fewer clauses are
    decoded than scored."""
    built = ClauseIndex.build(corpus.treaties, level="article")
    light = _light(built, corpus, tmp_path)
    code_at = light.arrays["code_at"].tolist()
    everything = list(range(light.size))
    decoded: list[int] = []
    real_decode = codecs.utf_32_le_decode

    def counting(data: memoryview, errors: None, final: bool) -> tuple[str, int]:
        decoded.append(1)
        return real_decode(data, errors, final)

    monkeypatch.setattr(stored_query, "utf_32_le_decode", counting)
    all_codes = built.columns().codes()
    for _, clause in built.entries[::9]:
        query = word_code_string(stored_query.query_form(clause.text, 1))
        assert query
        decoded.clear()
        found = light._block_scores(query, everything, code_at, cutoff)
        assert found == stored_query.exact_scores(query, all_codes, cutoff)
        if cutoff >= 40.0:
            assert len(decoded) < light.size // 2
