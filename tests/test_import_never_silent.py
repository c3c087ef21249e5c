"""Issue 21, "never lose text silently", as properties over generated treaty texts.

Each text is a preamble and a few articles in one heading style, drawn from the
styles treatycmp reads and from designators it does not know (``Artikulu``,
``Straipsnis``), with cross-references at the start of a line, lists of annexes
inside articles and an annex after the last article. Whatever the style, an import
either stops with an error, or finds exactly the articles written, or says in a
warning that it did not; and when it imports, every word of the text is in the
treaty, once, where it stood.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from treatycmp.errors import TreatyFileError
from treatycmp.formats.coverage import count_words
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta
from treatycmp.model import Article, Treaty

# Words no designator, numeral, annex or closing formula is made of.
_WORDS = (
    "parties shall cooperate fishing vessels waters agree measures exchange information "
    "research territory goods carriage permit laws country enter commission meeting year "
    "report disputes settle peaceful means"
)
VOCABULARY = sorted(set(_WORDS.split()))
KNOWN = ["Article", "ARTICLE", "Art.", "Artikel", "Artículo", "Artigo", "Articolo", "Artykuł"]
UNKNOWN = ["Artikulu", "Straipsnis", "Madhehebu", "Pants"]
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
WORDS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight"]


@st.composite
def sentences(draw: st.DrawFn) -> str:
    words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=4, max_size=14))
    return " ".join(words).capitalize() + "."


@st.composite
def treaties(draw: st.DrawFn) -> tuple[str, list[str], bool]:
    """A text, the article numbers written, and whether its designator is one we read."""
    known = draw(st.booleans())
    word = draw(st.sampled_from(KNOWN if known else UNKNOWN))
    numerals = draw(st.sampled_from(["arabic", "roman", "words"]))
    separator = draw(st.sampled_from(["", ".", " -", ":"]))
    count = draw(st.integers(min_value=2, max_value=8))
    lines = [draw(sentences()) for _ in range(draw(st.integers(0, 3)))]
    numbers: list[str] = []
    for n in range(1, count + 1):
        shown = {"arabic": str(n), "roman": ROMAN[n - 1], "words": WORDS[n - 1]}[numerals]
        numbers.append(str(n) if numerals == "words" else shown)
        caption = draw(st.sampled_from(["", " Scope", " Settlement of disputes"]))
        lines.append(f"{word} {shown}{separator}{caption}")
        lines += [draw(sentences()) for _ in range(draw(st.integers(1, 3)))]
        if draw(st.booleans()):  # a wrapped cross-reference at the start of a line
            lines.append(f"{word} {draw(st.sampled_from(numbers))} of this text applies.")
        if draw(st.booleans()):  # an article's own list of annexes, inside it
            lines += [f"Annex {ROMAN[n - 1]} - {draw(sentences())}", draw(sentences())]
    if draw(st.booleans()):  # an annex after the last article, without a closing formula
        lines += ["ANNEX", draw(sentences())]
    return "\n".join(lines) + "\n", numbers, known


def _vocabulary(text: str) -> Counter[str]:
    return Counter(_in_order(text))


def _in_order(text: str) -> list[str]:
    return [w.strip(".") for w in text.casefold().split() if w.strip(".") in VOCABULARY]


def _treaty_text(treaty: Treaty) -> str:
    parts = [p.text for p in treaty.preamble]
    for art in treaty.articles:
        if isinstance(art, Article):
            parts += [art.heading or "", *(p.text for p in art.paragraphs)]
    return "\n".join(parts + [p.text for p in treaty.closing])


@settings(max_examples=150, deadline=None)
@given(treaties())
def test_an_import_is_exact_or_says_so_and_keeps_every_word(
    case: tuple[str, list[str], bool],
) -> None:
    text, numbers, known = case
    warnings: list[str] = []
    try:
        treaty = import_text(text, treaty_id="t", meta=Meta(), warnings=warnings)
    except TreatyFileError:
        return  # refused, with a one-line error: not silent
    # Only a warning about the structure says so: not the unknown parties, nor the
    # language (this vocabulary has no stop word, so that warning is nearly always given).
    said = [w for w in warnings if not any(x in w for x in ("parties are not", "language was"))]
    got = [a.number for a in treaty.article_list]
    assert got == numbers or said, (got, numbers)
    if known:
        assert got == numbers  # a style treatycmp reads is read
    # Every word of the text is in the treaty, once (captions and paragraphs included).
    assert _vocabulary(_treaty_text(treaty)) == _vocabulary(text)
    assert _in_order(_treaty_text(treaty)) == _in_order(text)  # and where it stood
    assert count_words(_treaty_text(treaty)) >= 0.99 * count_words(text) - 2 * len(numbers)
