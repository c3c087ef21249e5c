"""Issue 22, the TPP diff's plumbing (branch s30-tpp): each saving gives the same answer
as the code it replaced, and its work is counted, never timed."""

from __future__ import annotations

import json
import math
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from _treaties import bundled
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import treatycmp.escape
import treatycmp.rules.match as match
from treatycmp.align.lexical import Space, _csr, _weigh_with
from treatycmp.analysis import bundled_rules, compare
from treatycmp.cli import cli
from treatycmp.corpus import Corpus
from treatycmp.render.diff.json import comparison_to_dict
from treatycmp.render.json_indent import dumps_indented
from treatycmp.text import normalize

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

PAIR = ("anzus-1951", "csto-1992")


def _reference(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def test_indented_json_is_json_dumps_on_a_diff_without_falling_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A diff document is written by the plain walk: ``json.dumps`` is never asked."""
    data = comparison_to_dict(compare(bundled(PAIR[0]), bundled(PAIR[1])))
    want = _reference(data)
    asked: list[object] = []

    def counted(value: object, **options: object) -> str:
        asked.append(value)
        return ""

    monkeypatch.setattr(json, "dumps", counted)
    assert dumps_indented(data) == want
    assert asked == []


_SCALARS = (
    st.text()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
    | st.none()
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=3).map(tuple)
        | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_indented_json_is_json_dumps(value: object) -> None:
    assert dumps_indented(value) == _reference(value)


@pytest.mark.parametrize(
    "value",
    [
        {"a": math.nan},
        [math.inf, -math.inf],
        {1: "x", None: "y", False: "z", 2.5: "w"},
        {"ctl": '\x00\x1f\u2028\ud800 "q" \\ é 한'},
        [[], {}, [[]], {"a": {}}],
        (1, (2, [3])),
        [True, False, None, 0, -0.0, 1e300, 1.5e-300],
    ],
)
def test_indented_json_falls_back_where_it_must(value: object) -> None:
    """NaN, infinities and keys that are not strings go back to ``json.dumps``."""
    assert dumps_indented(value) == _reference(value)


def test_subclasses_are_left_to_json() -> None:
    class Name(str):
        pass

    class Number(int):
        def __repr__(self) -> str:
            return "not json"

    value = {"a": [Name("x"), Number(3)], "b": Name("y")}
    assert dumps_indented(value) == _reference(value)


def test_a_file_is_made_safe_once(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``diff -o FILE``: the document passes ``safe_output`` once (it was twice), and
    what reaches the file is safe all the same."""
    real = treatycmp.escape.safe_output
    passes: list[int] = []

    def counted(text: str, *, colour: bool = False) -> str:
        passes.append(len(text))
        return real(text, colour=colour)

    monkeypatch.setattr(treatycmp.escape, "safe_output", counted)
    out = tmp_path / "d.json"
    result = runner.invoke(cli, ["diff", *PAIR, "-f", "json", "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    text = out.read_text(encoding="utf-8")
    assert len([n for n in passes if n == len(text)]) == 1, passes
    assert real(text) == text


def _texts() -> tuple[list[str], list[str]]:
    corpus = Corpus.load(env={})
    english = [t for t in corpus.treaties if t.language == "en"]
    half = len(english) // 2
    return (
        [normalize(c.text) for t in english[:half] for c in t.clauses("paragraph")],
        [normalize(c.text) for t in english[half:] for c in t.clauses("paragraph")],
    )


def _csr_reference(docs: list[Counter[str]], df: Counter[str], n: int) -> csr_matrix:
    """``lexical._csr`` as it was: columns and counts gathered one document at a time."""
    import numpy as np
    from scipy.sparse import csr_matrix

    index = {f: k for k, f in enumerate(df)}
    idf = np.log((1 + n) / (1 + np.array(list(df.values()), dtype=np.float64))) + 1.0
    cols: list[int] = []
    counts: list[int] = []
    ptr = [0]
    for d in docs:
        cols.extend(map(index.__getitem__, d))
        counts.extend(d.values())
        ptr.append(len(cols))
    col = np.array(cols, dtype=np.int64)
    data = (1.0 + np.log(np.array(counts, dtype=np.float64))) * idf[col]
    mat = csr_matrix((data, col, np.array(ptr)), shape=(len(docs), max(1, len(index))))
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    mat.data *= np.repeat(1.0 / norms, np.diff(mat.indptr))
    return mat


def test_sparse_weights_are_built_as_before() -> None:
    """One pass over all documents gives the arrays of the old loop per document,
    bit for bit (so every product, rounding and pair stays the same)."""
    left, right = _texts()
    space = Space(left, right)
    for docs, df in zip(space._counts, space._dfs, strict=True):
        got, want = _csr(docs, df, len(docs)), _csr_reference(docs, df, len(docs))
        assert got.indptr.dtype == want.indptr.dtype
        assert got.indices.dtype == want.indices.dtype
        assert got.indptr.tobytes() == want.indptr.tobytes()
        assert got.indices.tobytes() == want.indices.tobytes()
        assert got.data.tobytes() == want.data.tobytes()
    empty = _csr([Counter(), Counter({"a": 2})], Counter({"a": 1}), 2)
    assert empty.indptr.tolist() == [0, 0, 1]
    assert empty.data.tolist() == [1.0]


def test_tf_idf_vectors_are_the_comprehensions_floats() -> None:
    """``_weigh_with`` iterates in C; its floats are those of the comprehension it
    replaced, bit for bit, keys in the same order."""
    left, right = _texts()
    space = Space(left, right)
    for docs, idf in zip(space._counts, space._idfs, strict=True):
        for d, got in zip(docs, _weigh_with(docs, idf), strict=True):
            v = {f: (1.0 + math.log(c)) * idf[f] if c > 1 else idf[f] for f, c in d.items()}
            norm = math.sqrt(math.fsum(x * x for x in v.values()))
            want = {f: x / norm for f, x in v.items()} if norm else {}
            assert list(got.items()) == list(want.items())
    assert _weigh_with([Counter()], {}) == [{}]


def test_a_clause_is_searched_once_for_every_literal() -> None:
    """Work counted (issue 22): a clause of several paragraphs is searched once for the
    index's literals, each paragraph then only for those the clause holds; the patterns
    chosen are the same as searching every paragraph for every literal."""
    rules = bundled_rules()
    _, _, index, _ = match._plan(rules, "en")
    literals = len(index()[0])
    corpus = Corpus.load(env={})
    paragraphs = searched = 0
    for treaty in corpus.treaties:
        if treaty.language != "en":
            continue
        for clause in treaty.clauses("article"):
            lines = [normalize(x, strip_number=False) for x in clause.text.split("\n")]
            lines = [x for x in lines if x.strip()]
            if len(lines) < 2:
                continue
            among = match._among(index(), "\n".join(lines))
            for whole in lines:
                every = match._live(index(), whole, match._held_in(whole))
                some = match._live(index(), whole, match._held_in(whole), among)
                assert {k: [id(p) for p in v] for k, v in every.items()} == {
                    k: [id(p) for p in v] for k, v in some.items()
                }
                paragraphs += 1
                searched += len(among)
            searched += literals
    assert paragraphs > 150
    # bundled English articles of several paragraphs: 20,880 literal searches against
    # 49,250 (250 literals, 197 paragraphs)
    assert searched * 2 < paragraphs * literals, (searched, paragraphs * literals)
