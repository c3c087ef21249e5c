"""Work counted, not timed: the corpus-scale commands on a seeded synthetic corpus.

A regression in how much work ``matrix`` or ``nearest`` does (every clause of the
query's treaty scored exactly, every treaty shingled on every run, every shared
shingle sent to a dense product or every pair counted one by one) fails here by its
count, on any machine; times live in bench/ (issue 22).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from synth import synth_corpus  # type: ignore[import-not-found]

from treatycmp.cli import cli
from treatycmp.formats.treaty_writer import treaty_to_yaml
from treatycmp.similarity import matrix, nearest, sets_store, stored_query, top_k
from treatycmp.similarity.shortlist import shortlist_size

TREATIES, ARTICLES = 80, 10


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synthetic")
    for treaty in synth_corpus(TREATIES, ARTICLES, seed=22):
        (folder / f"{treaty.id}.yaml").write_text(treaty_to_yaml(treaty), encoding="utf-8")
    return folder


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _counting(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, seen: list[int] | None = None
) -> list[int]:
    """Wrap ``module.name`` (a function of texts or forms): the sizes it was given."""
    seen = [] if seen is None else seen
    real = getattr(module, name)

    def counted(*args: Any, **kw: Any) -> Any:
        seen.append(len(args[1] if name == "exact_scores" else args[0]))
        return real(*args, **kw)

    monkeypatch.setattr(module, name, counted)
    return seen


def test_nearest_scores_a_shortlist_not_the_query_treaty(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    common = ("--level", "article", "-k", "5", "--corpus", str(synthetic), "-f", "json")
    _run("nearest", "the parties shall consult", *common)  # builds and stores the index
    calls = _counting(monkeypatch, nearest, "exact_scores")
    # The numpy index (``nearest``) or, for a light query, ``stored_query``: the same work.
    _counting(monkeypatch, stored_query, "exact_scores", calls)
    for query in ("synth-00007:3", "the parties shall consult together"):
        calls.clear()
        _run("nearest", query, *common)
        corpus = TREATIES * ARTICLES
        # Word-level scores: at most every article once, plus the first-pass sample.
        assert sum(calls[:-1]) <= corpus + 4 * shortlist_size(6)
        # Exact scores: the shortlist of k plus the query itself, never its treaty's 10.
        assert calls[-1] == shortlist_size(6) < shortlist_size(5 + ARTICLES)


def test_matrix_shingles_each_treaty_once_per_corpus_state(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    shingled = _counting(monkeypatch, sets_store, "shingle_texts")
    first = _run("matrix", "--corpus", str(synthetic), "-f", "csv")
    bundled = len(shingled) - TREATIES
    assert bundled > 0  # every treaty of the corpus, once
    shingled.clear()
    assert _run("matrix", "--corpus", str(synthetic), "-f", "csv") == first
    assert _run("matrix", "--corpus", str(synthetic), "--top-k", "3", "-f", "csv")
    assert shingled == []  # later runs read the stored sets


def _tally(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    work: dict[str, int] = {}
    real = matrix.intersections

    def counted(*args: Any, **kw: Any) -> Any:
        return real(*args, work=work, **kw)

    monkeypatch.setattr(matrix, "intersections", counted)
    monkeypatch.setattr(top_k, "intersections", counted)
    return work


@pytest.mark.parametrize("top", [None, "3"])
def test_matrix_counts_rare_shingles_by_pairs_and_common_ones_densely(
    synthetic: Path, monkeypatch: pytest.MonkeyPatch, top: str | None
) -> None:
    """Bounds linear in the shared shingles: a rare one (held by fewer than n/16
    treaties) costs at most n/16 pairs, a common one n dense cells."""
    work = _tally(monkeypatch)
    extra = ("--top-k", top) if top else ()
    _run("matrix", "--corpus", str(synthetic), *extra, "-f", "csv")
    n = len(_run("matrix", "--corpus", str(synthetic), "-f", "csv").splitlines()) - 1
    dense_from = max(2, n // 16)
    shared = work["shared"] // 2  # the same work twice
    assert n > TREATIES
    assert dense_from >= 5
    assert shared > 0
    assert work["pairs"] // 2 <= shared * dense_from
    assert work["dense_cells"] // 2 <= n * shared // dense_from


def test_cached_bundled_rules_compile_only_patterns_whose_literals_occur(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rules cache stores each pattern's literals: matching prefilters from the first
    paragraph, so a small diff compiles only the patterns its texts can match (issue 22:
    compiling every pattern of the language was a fifth of a bundled diff's time)."""
    import pickle

    from treatycmp.corpus import Corpus
    from treatycmp.rule_model import LazyRegex, RuleSet
    from treatycmp.rules.load import default_rules_path, parse_bundled_rules
    from treatycmp.rules.match import find_rules

    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path))
    parse_bundled_rules(default_rules_path())  # writes the cache entry
    (entry,) = (tmp_path / "rules").glob("*.pickle")
    rules = RuleSet(pickle.loads(entry.read_bytes())[0])
    patterns = [p for r in rules for p in (*r.patterns, *r.exclude)]
    lazy = [p.regex for p in patterns if isinstance(p.regex, LazyRegex)]
    assert all(p.needs_known for p in patterns)
    assert all(regex._compiled is None for regex in lazy)  # stored uncompiled
    corpus = Corpus.load(env={})
    english = [p for r in rules for p in r.patterns_for("en")]
    for name in ("ussr-dprk-1961@meduza", "dprk-russia-2024@meduza"):
        treaty = corpus.get(name)
        for clause in treaty.clauses("paragraph"):
            find_rules(clause.text, treaty.language, rules)
    compiled = sum(regex._compiled is not None for regex in lazy)
    assert 0 < compiled <= len(english) // 2


def test_nearest_on_a_stored_index_resolves_the_corpus_paths_once(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The state key and ``-o``'s protection share one resolution of the corpus files
    (issue 22: 466 paths on ToTA were resolved twice per query)."""
    import treatycmp.corpus

    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    common = ("--level", "article", "-k", "3", "--corpus", str(synthetic), "-f", "json")
    _run("nearest", "the parties shall consult", *common)  # builds and stores the index
    resolved = _counting(monkeypatch, treatycmp.corpus, "resolve_paths")
    _run("nearest", "the parties shall consult", *common)
    assert resolved == [len(list(synthetic.glob("*.yaml"))) + len(treatycmp.corpus.bundled_paths())]


def test_a_clause_query_at_the_index_level_reads_no_treaty(
    synthetic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``TREATY:CLAUSE`` whose clause is a row of the stored index is read from it: no
    treaty file is loaded (one is when the index does not give it, as for an article
    asked for at paragraph level), and the answer is the same either way."""
    import treatycmp.cache

    monkeypatch.setenv("TREATYCMP_CACHE", str(tmp_path / "cache"))
    common = ("-k", "4", "--corpus", str(synthetic), "-f", "json")
    _run("nearest", "the parties shall consult", "--level", "article", *common)  # stores it
    loads: list[Path] = []
    real = treatycmp.cache.load_treaty_cached

    def counted(path: Path, *args: Any) -> Any:
        loads.append(path)
        return real(path, *args)

    monkeypatch.setattr(treatycmp.cache, "load_treaty_cached", counted)
    answer = _run("nearest", "synth-00007:3", "--level", "article", *common)
    assert loads == []
    monkeypatch.setattr(stored_query.StoredQuery, "clause_of", lambda *args: None)
    assert _run("nearest", "synth-00007:3", "--level", "article", *common) == answer
    assert len(loads) == 1
