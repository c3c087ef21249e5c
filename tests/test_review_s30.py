"""Defects found reviewing the session's importer and plumbing (s30), each pinned."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatycmp.formats import run_in
from treatycmp.formats.docx_numbering import formatted
from treatycmp.formats.importing import import_text
from treatycmp.formats.languages import detect
from treatycmp.formats.segment_blocks import CLOSING_START
from treatycmp.model import Article


@pytest.mark.parametrize(
    "text",
    [
        # "за" (for, behind) is as common in Russian as in Bulgarian.
        "Стороны несут ответственность за исполнение и за соблюдение настоящего Соглашения.",
        "Каждая Сторона несет ответственность за исполнение настоящего Соглашения.",
        "Выступая за мир и за дружбу между народами, Стороны согласились о нижеследующем:",  # noqa: RUF001
        # Russian before 1918 spells with i (U+0456) as Ukrainian does, and with yat.
        "Договаривающіяся Стороны обязуются соблюдать сей договоръ и всѣ его статьи.",  # noqa: RUF001
    ],
    ids=["za-twice", "za-no-yery", "preamble", "before-1918"],
)
def test_russian_is_not_taken_for_bulgarian_or_ukrainian(text: str) -> None:
    assert detect(text) == "ru"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Договарящите страни си сътрудничат добросъвестно за изпълнението на това.", "bg"),
        ("Страните си сътрудничат за това", "bg"),
        ("Сторони співпрацюють сумлінно з метою виконання цієї Угоди.", "uk"),
    ],
    ids=["bg-long", "bg-short", "uk"],
)
def test_the_other_cyrillic_languages_stay_told(text: str, lang: str) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize("fmt", ["upperRoman", "lowerRoman", "upperLetter", "lowerLetter"])
def test_a_hostile_list_start_makes_no_giant_label(fmt: str) -> None:
    # w:start="999999999" with roman numbers took 94 s of CPU for a three-paragraph
    # file (a million M per label); with letters, 15 GB of memory.
    assert len(formatted(100_000, fmt)) <= len("100000")
    assert formatted(27, "upperLetter") == "AA"
    assert formatted(3999, "upperRoman") == "MMMCMXCIX"


ANNEX_LIST = """The Parties have agreed as follows:
Article 1
The Parties establish a free trade area.
Article 2
The following Annexes form an integral part of this Agreement:
Annex I - Rules of Origin
Annex II - Customs Procedures
Each Annex may be amended by the Joint Committee.
Article 3
This Agreement shall enter into force on the date of its signature.
IN WITNESS WHEREOF the undersigned have signed this Agreement.
ANNEX I - RULES OF ORIGIN
Goods wholly obtained in a Party are originating.
"""


def test_an_articles_list_of_annexes_stays_in_the_article() -> None:
    # "Annex I - Rules of Origin" inside Article 2 took the rest of Article 2 into the
    # closing, ahead of the closing formula that comes after Article 3.
    warnings: list[str] = []
    treaty = import_text(ANNEX_LIST, treaty_id="t", warnings=warnings)
    second = treaty.articles[1]
    assert isinstance(second, Article)
    assert [p.text for p in second.paragraphs][1:] == [
        "Annex I - Rules of Origin",
        "Annex II - Customs Procedures",
        "Each Annex may be amended by the Joint Committee.",
    ]
    assert [p.text for p in treaty.closing] == [
        "IN WITNESS WHEREOF the undersigned have signed this Agreement.",
        "ANNEX I - RULES OF ORIGIN",
        "Goods wholly obtained in a Party are originating.",
    ]
    assert not any("annex" in w for w in warnings)


PARTS = """The Parties have agreed as follows:
PART I
CHAPTER 1
Article 1
The Parties cooperate.
CHAPTER 2
Article 2
The Parties exchange views.
PART II
CHAPTER 1
Article 3
The Parties settle disputes.
"""


def test_a_part_heading_is_neither_preamble_nor_article_text() -> None:
    # Before s30 these read 'PART I: CHAPTER 1'; s30 left 'PART I' in the preamble and
    # 'PART II' as the last paragraph of Article 2, with exit 0 and no warning.
    treaty = import_text(PARTS, treaty_id="t")
    articles = [a for a in treaty.articles if isinstance(a, Article)]
    assert [a.chapter for a in articles] == ["PART I: CHAPTER 1", "CHAPTER 2", "PART II: CHAPTER 1"]
    assert [p.text for p in articles[1].paragraphs] == ["The Parties exchange views."]
    assert [p.text for p in treaty.preamble] == ["The Parties have agreed as follows:"]
    assert [a.number for a in articles] == ["1", "2", "3"]


def test_a_paragraph_opening_with_done_in_stays_in_its_article() -> None:
    # s30 added "Done in" to the closing formulas: "Done in accordance with ..." inside
    # Article 1 took the rest of Article 1 into the closing, with exit 0 and no warning.
    text = (
        "Preamble.\nArticle 1\nThe Parties cooperate.\n"
        "Done in accordance with the rules of either Party, such acts shall be valid.\n"
        "They shall notify each other.\nArticle 2\nThis Agreement enters into force today.\n"
        "DONE at Paris on 1 July 2020.\n"
    )
    treaty = import_text(text, treaty_id="t")
    first = treaty.articles[0]
    assert isinstance(first, Article)
    assert len(first.paragraphs) == 3
    assert [p.text for p in treaty.closing] == ["DONE at Paris on 1 July 2020."]


@pytest.mark.parametrize(
    "line", ["Done in duplicate at Washington.", "DONE in Paris on 1 July 2020.", "Done at Rome."]
)
def test_done_in_duplicate_or_at_a_place_is_still_the_closing(line: str) -> None:
    assert CLOSING_START.match(line)


# The pattern before the mend, kept as the reference for what a run-in heading's opening is.
_OPENS_BEFORE = re.compile(r"\s*[.:\-\u2013]?\s+(?:\(?1\s?[.)]\s+)?[A-Z\"\u201c(]")


@given(st.text(alphabet=' \t.:-\u2013(1)Aa"\u201c', max_size=14))
def test_run_in_opening_reads_as_before(text: str) -> None:
    """The opening after a run-in heading matches exactly what the old pattern matched."""
    before, now = _OPENS_BEFORE.match(text), run_in._OPENS.match(text)
    assert (before is None) == (now is None)
    assert before is None or now is None or before.end() == now.end()


def test_a_long_run_of_spaces_after_a_run_in_heading_is_read_once() -> None:
    """'\\s*[.:]?\\s+' tried every split of a run of spaces (9 s of CPU for 20,000 spaces,
    quadratic); the optional stop now carries its own spaces, so 100,000 are read once
    (before the mend this test alone ran for minutes)."""
    assert run_in._OPENS.match("Article 1" + " " * 100_000 + "x", 9) is None
    assert run_in._OPENS.match("Article 1" + " " * 100_000 + "The", 9) is not None


def test_an_unbalanced_quote_in_a_definition_hides_no_heading() -> None:
    """A straight quote left open in a definitions article ('"Party means ...') must not
    make a quotation of everything up to the next quote mark: Articles 2 and 3 were read
    as text of Article 1 (warned, but the structure was lost). A quotation opens only
    after a quoting formula ending in a colon, and closes at the end of its last line."""
    text = (
        "The Parties have agreed as follows:\n\nArticle 1\n\nDefinitions\n\n"
        '"Party means a State bound by this Agreement.\n\nArticle 2\n\n'
        "Each Party shall cooperate.\n\nArticle 3\n\n"
        '"Territory" means the land.\n\nArticle 4\n\nThis Agreement enters into force.\n'
    )
    treaty = import_text(text, treaty_id="quotes-2026")
    assert [a.number for a in treaty.articles if isinstance(a, Article)] == ["1", "2", "3", "4"]
