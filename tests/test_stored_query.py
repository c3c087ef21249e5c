"""The stored index queried without numpy (``similarity.stored_query``) answers as the
numpy ``ClauseIndex`` does, ties and float32 rounding included, and a nearest query
that it answers imports no numpy (issue 22: start-up)."""

from __future__ import annotations

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

    queries = (("nato:5", "-k", "4"), ("shall consult together", "-k", "6", "--level", "article"))
    limit = stored_query.LIGHT_LIMIT
    for args in queries:
        run(*args)  # builds and stores the index
        light = run(*args)
        monkeypatch.setattr(stored_query, "LIGHT_LIMIT", -1)
        assert run(*args) == light
        monkeypatch.setattr(stored_query, "LIGHT_LIMIT", limit)
