"""The fast ``normalize`` against the character loop of ``normalize_with_offsets``."""

from __future__ import annotations

import pytest
from _treaties import bundled, bundled_ids
from hypothesis import example, given, settings
from hypothesis import strategies as st

from treatycmp.text import normalize, normalize_with_offsets

# Characters where the fast path could go wrong: brackets, apostrophes and quotes of
# every kind, white space, digits, leading-number material, Hangul (precomposed and
# as jamo), Cyrillic, decomposed accents, and characters whose case folding grows
# (ß, ligatures, ŉ) or changes class (roman numerals, titlecase digraphs, long s, ligatures).
TRICKY = (
    "[]()'\"\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u00ab\u00bb-\u2013\u2014.,;:!? \t\n\u00a0"
    "0123456789IVXivx"
    "aAtTeEsS"
    "체약쌍방은지체없이제조\u1100\u1161\u11a8"
    "СтатьяСторныё"
    "\u0301\u0308e\u00e9\u00df\ufb01\u0149\u2160\u216b\u01c5\u017f\u1fb3\u0130\u212b"
    "\u00b2\u00bd\u0660\u3000\u200b\ud7a3"
    "締約國公約，。、「」《》\u3007\u3005\uff11\uff21\uff07\uff3b\uff3d\uff41"
)
TEXTS = st.one_of(
    st.text(),
    st.text(alphabet=TRICKY, max_size=40),
    st.lists(
        st.sampled_from(
            [
                "Article 4. ",
                "ARTICLE V. ",
                "Art. 5 ",
                "(a) ",
                "1. ",
                "제4조 ",
                "Статья 4 ",
                "[T]he",
                "Japa[n,]",
                "other's",
                "Party]'s",
                "a['b",
                "' ",
                "''",
                "[",
                "]",
                " ",
                "word",
                "체약 쌍방은, ",
            ]
        ),
        max_size=8,
    ).map("".join),
)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.booleans())
@example("Party]'s other''s a'[b x]]'y", False)
@example("Article 4. [T]he", True)
@example("Stra\u00dfe \ufb01ne \u2160", False)
def test_normalize_is_the_offsets_loop(text: str, strip_number: bool) -> None:
    assert (
        normalize(text, strip_number=strip_number)
        == (normalize_with_offsets(text, strip_number=strip_number)[0])
    )


@pytest.mark.parametrize("tid", bundled_ids())
def test_normalize_is_the_offsets_loop_on_the_corpus(tid: str) -> None:
    t = bundled(tid)
    for c in t.clauses():
        for strip in (True, False):
            assert (
                normalize(c.text, strip_number=strip)
                == (normalize_with_offsets(c.text, strip_number=strip)[0])
            )


def test_every_bmp_character_alone_and_between_words() -> None:
    for cp in range(0x10000):
        for text in (chr(cp), f"a{chr(cp)}b", f"a{chr(cp)}'b[c"):
            assert normalize(text, strip_number=False) == (normalize_with_offsets(text)[0]), hex(cp)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.booleans())
@example("the other's rights and the Parties' duties", False)
@example("Article 4. The “Parties” shall   consult", True)
@example("체약 쌍방은, 지체없이 «무력침공»을", False)
def test_word_path_of_offsets_equals_the_character_loop(text: str, strip_number: bool) -> None:
    from treatycmp import text as text_module

    start = 0
    if strip_number:
        m = text_module._LEADING_NUMBER.match(text)
        if m and m.end() < len(text):
            start = m.end()
    fast = text_module._offsets_by_word(text, start)
    if fast is not None:
        assert fast == text_module._offsets_by_char(text, start)
    assert normalize_with_offsets(text, strip_number=strip_number) == text_module._offsets_by_char(
        text, start
    )


def test_word_path_is_taken_for_plain_treaty_text() -> None:
    from treatycmp import text as text_module

    for treaty_id in bundled_ids():
        for clause in bundled(treaty_id).clauses():
            if "[" not in clause.text and "]" not in clause.text:
                fast = text_module._offsets_by_word(clause.text, 0)
                assert fast == text_module._offsets_by_char(clause.text, 0)


@given(st.text(alphabet=st.sampled_from("ab ﬀ'[]\u200b\u200d\u00ad\u202e\u2060.")))
def test_invisible_characters_are_dropped_and_offsets_point_into_the_text(text: str) -> None:
    from treatycmp.text import INVISIBLE

    out, offsets = normalize_with_offsets(text)
    assert out == normalize_with_offsets("".join(c for c in text if c not in INVISIBLE))[0]
    assert normalize(text, strip_number=False) == out
    assert all(text[i] not in INVISIBLE for i in offsets)


@settings(max_examples=200, deadline=None)
@given(st.lists(TEXTS, min_size=1, max_size=30), st.sampled_from(["", "a" * 600, "\u00e9 " * 300]))
def test_long_texts_take_the_run_by_run_path_with_the_same_result(
    parts: list[str], padding: str
) -> None:
    from treatycmp import text as text_module

    text = padding + "".join(parts) * 20
    assert normalize(text, strip_number=False) == normalize_with_offsets(text)[0]
    assert normalize_with_offsets(text) == text_module._offsets_by_char(text, 0)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_offset_map_is_the_offsets_list(text: str) -> None:
    from treatycmp.text import offset_map

    norm, offsets = normalize_with_offsets(text)
    find = offset_map(text)
    assert [find(p) for p in range(len(norm))] == offsets
    with pytest.raises(IndexError):  # past the end, as the list's own index
        find(len(norm))
