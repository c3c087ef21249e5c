"""Treaty matrix and clause nearest-neighbours: exact values on small inputs, the real corpus."""

from __future__ import annotations

import random
import unicodedata

import numpy as np
import pytest
from _treaties import make_treaty
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.corpus import Corpus
from treatycmp.errors import LookupProblem, TreatycmpError
from treatycmp.model import Treaty
from treatycmp.similarity.codes import word_codes
from treatycmp.similarity.forms import normalize_many
from treatycmp.similarity.matrix import jaccard_matrix, treaty_matrix
from treatycmp.similarity.nearest import ClauseIndex, Neighbour
from treatycmp.similarity.shingles import shingles

ALPHABET = st.sampled_from(
    list("aAbBzZ éÉßſﬁ[]'\u2019\u201c\u201d.,;:-\u2014()\n\t 1290체약\u0421\u0442\u0430\u0301\x00")
)


def test_normalize_many_composes_what_the_user_types() -> None:
    """A decomposed query ("e" + combining acute) matches the composed text the loader stores."""
    decomposed = unicodedata.normalize("NFD", "Coopération économique")
    assert normalize_many([decomposed]) == normalize_many(["Coopération économique"])
    assert normalize_many([decomposed]) == ["coopération économique"]


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
    import treatycmp.similarity.matrix as sim

    sets = [shingles(f) for f in ("the parties shall", "the parties may", "each party shall")]
    whole = jaccard_matrix(sets)
    monkeypatch.setattr(sim, "_BLOCK_BYTES", 24)
    assert np.allclose(jaccard_matrix(sets), whole)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.sets(st.integers(0, 40), max_size=25), max_size=12),
    st.integers(2, 14),
    st.integers(1, 64),
)
def test_intersections_exact_on_both_paths(
    raw: list[set[int]], dense_from: int, pair_chunk: int
) -> None:
    """Rare items counted pairwise, common ones by dense blocks: both exact."""
    import treatycmp.similarity.matrix as sim

    sets = [np.array(sorted(s), dtype=np.uint64) for s in raw]
    old = (sim._dense_from, sim._PAIR_CHUNK, sim._BLOCK_BYTES)
    try:
        sim._dense_from = lambda n: dense_from
        sim._PAIR_CHUNK = pair_chunk
        sim._BLOCK_BYTES = 4 * max(len(sets), 1) * 3  # three columns a block
        got = sim.intersections(sets)
        cut = len(sets) // 2
        cross = sim.intersections(sets, split=cut)
    finally:
        sim._dense_from, sim._PAIR_CHUNK, sim._BLOCK_BYTES = old
    want = np.array([[len(a & b) for b in raw] for a in raw], dtype=np.float64)
    assert np.array_equal(got, want.reshape(len(raw), len(raw)))
    assert np.array_equal(cross, want.reshape(len(raw), len(raw))[:cut, cut:])


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


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text("abc' ", max_size=30), max_size=5))
def test_word_codes_one_code_per_word(texts: list[str]) -> None:
    forms = normalize_many(texts)
    codes = word_codes(forms)
    assert [len(c) for c in codes] == [len(f.split()) for f in forms]
    seen: dict[str, str] = {}
    for form, code in zip(forms, codes, strict=True):
        for word, ch in zip(form.split(), code, strict=True):
            assert seen.setdefault(word, ch) == ch


def synthetic_treaties(count: int, articles: int, seed: int) -> list[Treaty]:
    """Treaty-like clauses from shared phrases, with edited copies across treaties."""
    rng = random.Random(seed)
    phrases = [
        "the contracting parties shall",
        "each party undertakes to",
        "consult each other on",
        "the maintenance of peace and security",
        "in accordance with its constitutional processes",
        "economic and cultural co-operation",
        "without delay",
        "all necessary measures",
        "the settlement of disputes by peaceful means",
        "this agreement shall enter into force",
    ]
    pool = [" ".join(rng.choices(phrases, k=rng.randint(2, 9))) for _ in range(60)]
    out = []
    for n in range(count):
        arts = []
        for _ in range(articles):
            words = rng.choice(pool).split()
            for _ in range(rng.randint(0, 4)):
                words[rng.randrange(len(words))] = rng.choice(["shall", "may", "not", "also"])
            arts.append([" ".join(words).capitalize() + "."])
        out.append(make_treaty(f"t{n}", arts))
    return out


RELATED = 0.7
"""Above this Indel ratio clauses share wording; below it lie near-ties of unrelated text."""


def assert_same_related(fast: tuple[Neighbour, ...], exact: tuple[Neighbour, ...]) -> None:
    """The shortlist finds every related neighbour, in order, with its exact score."""
    assert [h for h in fast if h.score >= RELATED] == [h for h in exact if h.score >= RELATED]
    assert len(fast) == len(exact)
    # Below RELATED the fast list may hold another clause of a near-tie, never a better one.
    assert all(f.score <= e.score for f, e in zip(fast, exact, strict=True))


def test_fast_nearest_on_synthetic_corpus() -> None:
    treaties = synthetic_treaties(40, 12, seed=3)
    index = ClauseIndex.build(treaties, level="article")
    assert len(index) > 2 * 200  # the shortlist is really used
    for tid, clause in index.entries[::37]:
        for k in (1, 10):
            fast = index.nearest_to(tid, clause.id, k, other_treaties=True)
            exact = index.nearest_to(tid, clause.id, k, other_treaties=True, exact=True)
            assert_same_related(fast, exact)
    text = "The parties shall consult each other without delay."
    assert index.nearest(text, 5, min_score=0.5) == index.nearest(
        text, 5, min_score=0.5, exact=True
    )


def test_fast_nearest_on_bundled_corpus(corpus: Corpus, monkeypatch: pytest.MonkeyPatch) -> None:
    import treatycmp.similarity.shortlist as sim

    monkeypatch.setattr(sim, "_CANDIDATES", 20)  # the corpus has only ~100 paragraphs
    index = ClauseIndex.build(corpus.treaties)
    for tid, clause in index.entries:
        fast = index.nearest_to(tid, clause.id, 1)
        assert_same_related(fast, index.nearest_to(tid, clause.id, 1, exact=True))


def test_tiny_shortlist_keeps_exact_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    """A shortlist too small may miss neighbours but never misreports a score."""
    import treatycmp.similarity.shortlist as sim

    treaties = synthetic_treaties(10, 10, seed=5)
    index = ClauseIndex.build(treaties, level="article")
    exact = {
        (h.treaty, h.clause.id): h.score for h in index.nearest_to("t0", "1", 1000, exact=True)
    }
    monkeypatch.setattr(sim, "_CANDIDATES", 5)
    fast = index.nearest_to("t0", "1", 1)
    assert len(fast) == 1
    assert fast[0].score == exact[(fast[0].treaty, fast[0].clause.id)]


def test_top_k_is_the_best_of_the_full_matrix_in_any_block_size() -> None:
    from treatycmp.similarity.top_k import treaty_top_k

    rng = random.Random(9)
    words = ["parties", "shall", "consult", "treaty", "armed", "attack", "assist", "each"]
    treaties = [
        make_treaty(f"t{i:02d}", [[" ".join(rng.choice(words) for _ in range(12))]])
        for i in range(23)
    ]
    treaties.append(make_treaty("dup", [[treaties[0].clauses()[0].text]]))  # a tie at 1.0
    full = treaty_matrix(treaties)
    for block in (1, 4, 7, 100):
        top = treaty_top_k(treaties, 5, block=block)
        for i, (tid, row) in enumerate(zip(top.ids, top.similar, strict=True)):
            ranked = sorted(
                ((-full.scores[i][j], j) for j in range(len(treaties)) if j != i),
            )[:5]
            assert [s for _, s in row] == [-s for s, _ in ranked], (tid, block)
            assert tid not in [other for other, _ in row]
    with pytest.raises(TreatycmpError, match="twice"):
        treaty_top_k([treaties[0], treaties[0]])


def test_cli_top_k_json_follows_its_schema_and_the_full_matrix(runner: CliRunner) -> None:
    import json
    from importlib.resources import files

    import jsonschema  # type: ignore[import-untyped]

    from treatycmp.cli import cli

    top = runner.invoke(cli, ["matrix", "--top-k", "3", "-f", "json"], catch_exceptions=False)
    full = runner.invoke(cli, ["matrix", "-f", "json"], catch_exceptions=False)
    assert top.exit_code == full.exit_code == 0
    data = json.loads(top.stdout)
    path = files("treatycmp.data").joinpath("schema").joinpath("matrix-top-k.schema.json")
    jsonschema.Draft202012Validator(json.loads(path.read_text("utf-8"))).validate(data)
    matrix = json.loads(full.stdout)
    ids = matrix["ids"]
    for entry in data["treaties"]:
        i = ids.index(entry["id"])
        best = sorted((-s, j) for j, s in enumerate(matrix["scores"][i]) if j != i)[:3]
        assert [e["score"] for e in entry["similar"]] == [-s for s, _ in best]
    csv = runner.invoke(cli, ["matrix", "--top-k", "2", "-f", "csv"], catch_exceptions=False)
    assert csv.stdout.splitlines()[0] == "id,rank,similar,score"


@pytest.mark.parametrize("size", [5, 30, 200])
def test_two_pass_shortlist_is_the_one_pass_shortlist(corpus: Corpus, size: int) -> None:
    import sys
    from pathlib import Path

    from treatycmp.similarity.shortlist import best_rough, rough_scores

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import synth_corpus  # type: ignore[import-not-found]

    for treaties in (list(corpus.treaties), synth_corpus(30, 12, seed=21)):
        index = ClauseIndex.build(treaties)
        allowed = np.arange(len(index))
        for _, clause in index.entries[:: max(1, len(index) // 25)]:
            query = normalize_many([clause.text])[0]
            one_pass = best_rough(rough_scores(query, index._all_codes(), None), allowed, size)
            assert np.array_equal(index._rough_shortlist(query, allowed, size), one_pass)
            some = allowed[::3]
            one_pass = best_rough(rough_scores(query, index._all_codes(), None)[some], some, size)
            assert np.array_equal(index._rough_shortlist(query, some, size), one_pass)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.text(ALPHABET, max_size=60), min_size=1, max_size=8), st.integers(0, 3))
def test_shingle_texts_equal_shingles_of_normalised_forms(parts: list[str], pad: int) -> None:
    """Long texts collapse white space in numpy: the same shingles as normalize_many."""
    from treatycmp.similarity.shingles import shingle_texts

    texts = ["".join(parts), " \n ".join(parts) * 300, " " * pad + "ab " * 2000 + " " * pad]
    texts.append(("  ".join(parts) + " ") * 400)
    for text in texts:
        (got,) = shingle_texts([text])
        assert np.array_equal(got, shingles(normalize_many([text])[0]))


@pytest.mark.parametrize(("size", "block"), [(5, 1), (5, 2048), (30, 7), (200, 2048)])
def test_inverted_shortlist_is_the_scan_shortlist(
    corpus: Corpus, size: int, block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The postings path (stored indexes) picks exactly the full scan's shortlist."""
    import sys
    from pathlib import Path

    import treatycmp.similarity.nearest as sim
    from treatycmp.similarity.columns import ClauseColumns

    monkeypatch.setattr(sim, "_BLOCK", block)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from synth import synth_corpus

    for treaties in (list(corpus.treaties), synth_corpus(30, 12, seed=21)):
        built = ClauseIndex.build(treaties)
        index = ClauseIndex.from_columns(ClauseColumns(built.columns().arrays))
        allowed = np.arange(len(index))
        queries = [c.text for _, c in index.entries[:: max(1, len(index) // 25)]]
        queries += ["the parties shall", "zzz qqq", "shall shall shall the the of"]
        for text in queries:
            query = normalize_many([text])[0]
            for some in (allowed, allowed[::3], allowed[1::2]):
                assert np.array_equal(
                    index._inverted_shortlist(query, some, size),
                    built._rough_shortlist(query, some, size),
                )


def test_postings_count_the_words_of_every_clause(corpus: Corpus) -> None:
    from collections import Counter

    from treatycmp.similarity.codes import word_codes
    from treatycmp.similarity.columns import ClauseColumns

    built = ClauseIndex.build(corpus.treaties)
    columns = ClauseColumns(built.columns().arrays)
    codes = built._all_codes()
    some = np.array([0, 3, 4, len(codes) - 1])
    assert columns.codes_at(some) == [codes[i] for i in some.tolist()]
    assert columns.codes_at(np.arange(len(codes))) == codes
    query = word_codes(normalize_many(["the parties shall consult each other the parties"]))[0]
    want = Counter(query)
    overlaps = columns.overlaps(query)
    for i, clause in enumerate(codes):
        assert overlaps[i] == sum((Counter(clause) & want).values())


# Characters the numpy translation takes one for one (no folding that grows), with
# invisible ones that send the text to the string path, marks and controls.
ONE_FOR_ONE = st.sampled_from(list("aAbBzZ éÉ[]'\u2019\u201c.,;-\n\t 19체\u0421\u200b\u00ad\x00"))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(ONE_FOR_ONE, max_size=40), min_size=1, max_size=6))
def test_numpy_translation_of_long_texts_is_the_string_form(parts: list[str]) -> None:
    """``_spaced_points`` (a table per distinct character) equals ``spaced_form``."""
    from treatycmp.similarity.shingles import _spaced_points, shingle_texts
    from treatycmp.text import spaced_form

    text = " ".join(parts) * 300
    spaced = spaced_form(text)
    points = _spaced_points(text)
    if spaced is None:
        assert points is None
    else:
        assert points is not None
        assert points.tobytes().decode("utf-32-le") == spaced
    (got,) = shingle_texts([text])
    assert np.array_equal(got, shingles(normalize_many([text])[0]))


def test_treaty_text_reads_the_paragraphs_as_the_clauses_give_them(corpus: Corpus) -> None:
    """``treaty_text`` joins paragraphs without making clauses: the same text, gaps
    (whole-paragraph and article gaps) left out and partial paragraphs kept."""
    from dataclasses import replace

    from treatycmp.model import Article, Gap, Level, Paragraph
    from treatycmp.similarity.forms import treaty_text

    treaties = list(corpus.treaties)
    base = make_treaty("g", [["One.", "Two."], ["Three."]], preamble=("Whereas.",))
    gapped = replace(
        base,
        articles=(
            *base.articles,
            Gap("missing", 9),
            Article(
                "9",
                (
                    Paragraph("9.1", "", 1, gap="lost"),
                    Paragraph("9.2", "Kept", 1, gap_before="x"),
                ),
                1,
            ),
        ),
        closing=(Paragraph("closing.1", "Done.", 1), Paragraph("closing.2", "", 1, gap="torn")),
    )
    treaties.append(gapped)
    assert any(isinstance(a, Gap) for t in treaties for a in t.articles)
    for treaty in treaties:
        levels: tuple[Level, ...] = ("paragraph", "article")
        for level in levels:
            assert treaty_text(treaty, level) == "\n".join(c.text for c in treaty.clauses(level))
