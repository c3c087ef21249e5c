"""grep: fuzzy and exact phrase search over the corpus, with highlight spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.corpus import Corpus
from treatycmp.errors import TreatycmpError
from treatycmp.search import GrepHit, grep_clauses, match_phrase


def where(hits: tuple[GrepHit, ...]) -> set[tuple[str, str]]:
    return {(h.treaty_id, h.clause_id) for h in hits}


def test_exact_phrase_finds_every_rendering_that_has_it(corpus: Corpus) -> None:
    hits = grep_clauses("all the means at its disposal", corpus.treaties, exact=True)
    assert ("ussr-dprk-1961", "1.2") in where(hits)
    assert ("dprk-russia-2024@meduza", "4") in where(hits)
    assert ("prc-dprk-1961", "II") not in where(hits)  # "all means", no "the"
    for hit in hits:
        assert hit.score == 1.0
        assert [m.casefold() for m in hit.matched] == ["all the means at its disposal"]


def test_fuzzy_finds_translation_variants(corpus: Corpus) -> None:
    hits = grep_clauses("all the means at its disposal", corpus.treaties)
    found = where(hits)
    assert ("prc-dprk-1961", "II") in found
    prc = next(h for h in hits if h.treaty_id == "prc-dprk-1961")
    assert prc.matched == ("all means at its disposal",)
    assert 0.9 <= prc.score < 1
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_min_score_is_a_threshold(corpus: Corpus) -> None:
    loose = grep_clauses("constitutional process", corpus.treaties, min_score=0.8)
    strict = grep_clauses("constitutional process", corpus.treaties, min_score=0.99)
    assert where(strict) <= where(loose)
    assert all(h.score >= 0.99 for h in strict)
    with pytest.raises(TreatycmpError, match="between 0 and 1"):
        grep_clauses("x", corpus.treaties, min_score=90)


def test_korean_spacing_does_not_matter(corpus: Corpus) -> None:
    hits = grep_clauses("지체 없이", corpus.treaties, exact=True)
    assert {("ussr-dprk-1961@ko", "1.2"), ("dprk-russia-2024@ko", "4")} <= where(hits)
    assert all(h.matched == ("지체없이",) for h in hits)


def test_gap_notes_are_never_searched(corpus: Corpus) -> None:
    # These words are quoted only in the GAP note of the KCNA Article 4 paragraph.
    hits = grep_clauses("the laws of the DPRK and the Russian Federation", corpus.treaties)
    assert not any(h.treaty_id == "dprk-russia-2024" for h in hits)
    assert grep_clauses("Hankyoreh", corpus.treaties) == ()


def test_a_phrase_with_no_words_is_an_error(corpus: Corpus) -> None:
    with pytest.raises(TreatycmpError, match="no letters or digits") as info:
        grep_clauses(" ,;", corpus.treaties)
    # the one-line error says how to fix it, as every bad input does
    assert ". Fix: give words to search for" in str(info.value.problems[0])


def test_every_occurrence_is_highlighted() -> None:
    result = match_phrase("shall", "It shall act.\nIt shall not.", exact=True)
    assert result == (1.0, ((3, 8), (17, 22)))


@settings(max_examples=50, deadline=None)
@given(
    before=st.text(alphabet="ab ,.[]", max_size=12),
    after=st.text(alphabet="ab ,.", max_size=12),
)
def test_an_embedded_phrase_is_found_exactly(before: str, after: str) -> None:
    text = f"{before} without delay {after}"
    result = match_phrase("Without Delay", text, exact=True)
    assert result is not None
    score, spans = result
    assert score == 1.0
    assert [text[s:e] for s, e in spans] == ["without delay"]


TOTA = Path("/tmp/tota/xml")


@pytest.mark.skipif(not TOTA.is_dir(), reason="the ToTA corpus is not unpacked at /tmp/tota/xml")
def test_no_hit_is_shorter_than_the_phrase_allows_on_tota() -> None:
    """ToTA clause texts hold line breaks; a short line once scored 1.0 inside the phrase."""
    from treatycmp.formats.tota import load_tota

    phrase = "most-favoured-nation treatment"
    paths = sorted(
        p for p in TOTA.glob("pta_*.xml") if "most-favoured-nation" in p.read_text("utf-8")
    )[:12]
    treaties = [load_tota(p) for p in paths]
    short_lines = [
        line
        for t in treaties
        for c in t.clauses()
        for line in c.text.split("\n")
        if 0 < len(line.strip()) < 5
    ]
    assert short_lines, "the sample no longer has the short lines this test is about"
    hits = grep_clauses(phrase, treaties)
    assert hits
    shortest = len(phrase) * 0.8
    for hit in hits:
        assert 0.9 <= hit.score <= 1
        for words in hit.matched:
            assert len(words) >= shortest, (hit.treaty_id, hit.clause_id, words)


def test_snippets_give_context_words_and_mark_the_match() -> None:
    text = "one two three\nfour FIVE six seven eight"
    hit = GrepHit("t", "1", 1.0, ((19, 23),), text, "en")
    (s,) = hit.snippets(2)
    assert (s.before, s.match, s.after) == ("three four ", "FIVE", " six seven")
    assert s.cut_before
    assert s.cut_after
    (whole,) = hit.snippets(100)
    assert not whole.cut_before
    assert not whole.cut_after
    assert whole.before == "one two three four "
