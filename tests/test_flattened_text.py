"""A text flattened into one line: its languages told sentence by sentence, its run-in
headings cut where the numbering runs on (a UN Treaty Series volume's text layer saved
without line breaks, English and French pages in turn: untreaties-text's untr-345).

The texts are synthetic, shaped as that file is: running heads between pages, a colon
and dash before the first article, a page turning inside a sentence.
"""

from __future__ import annotations

import pytest

from treatycmp.errors import TreatyFileError
from treatycmp.formats.importing import import_text
from treatycmp.formats.languages import FLAT_CHARS
from treatycmp.formats.segment import Meta

_EN = Meta(language="en", language_given=True)  # --language en


def _en(article: int, n: int = 12) -> str:
    return " ".join(
        f"The High Contracting Parties shall co-operate in the matter {article}.{k} "
        "of this Treaty with all the means at their disposal."
        for k in range(n)
    )


def _fr(article: int, n: int = 12) -> str:
    return " ".join(
        f"Les Hautes Parties contractantes coopèrent dans la matière {article}.{k} "
        "du présent traité avec tous les moyens dont elles disposent."
        for k in range(n)
    )


def _flattened() -> str:
    head_en, head_fr = "156 United Nations - Treaty Series 1948-1949", "Nations Unies - Recueil 157"
    pages = [
        "IN THE NAME OF GOD His Majesty the King of A and His Majesty the King of B, "
        "in execution of the provisions of Article 9 of the Pact, have concluded the "
        f"following Treaty:- Article 1 {_en(1)}",
        f"{head_fr} AU NOM DE DIEU Sa Majesté le Roi de A et Sa Majesté le Roi de B ont "
        f"conclu le traité ci-après: Article premier {_fr(1)}",
        f"{head_en} Article 2 {_en(2)} Article 3 {_en(3)} Each Party shall act in "
        "accordance with Article 3 above. Where such other Party has no",
        f"{head_fr} Article 2 {_fr(2)} Article 3 {_fr(3)}",
        f"{head_en} representatives of its own. Article 4 {_en(4)} DONE at Baghdad.",
        f"{head_fr} Article 4 {_fr(4)} FAIT à Bagdad.",
    ]
    return " ".join(pages)


def test_a_flattened_bilingual_text_keeps_one_languages_articles() -> None:
    text = _flattened()
    assert "\n" not in text
    assert len(text) >= FLAT_CHARS
    warnings: list[str] = []
    report: list[str] = []
    treaty = import_text(text, treaty_id="t", warnings=warnings, report=report, meta=_EN)
    assert [a.number for a in treaty.article_list] == ["1", "2", "3", "4"]
    first = [a.paragraphs[0].text for a in treaty.article_list]
    assert all(p.startswith("The High Contracting Parties shall co-operate") for p in first)
    every = " ".join(p.text for a in treaty.article_list for p in a.paragraphs)
    for article in (1, 2, 3, 4):
        assert _en(article) in every  # every English sentence, words as printed
    assert "in accordance with Article 3 above." in every  # a reference stays text
    # Where a page turns inside a sentence its parts go with the sentences they are read
    # with (here the French page's: left out, counted); the warning says to check there.
    assert "Les Hautes Parties" not in every
    assert "Article premier" not in every
    assert "left out" in report[0]
    assert " fr " in report[0]
    (said,) = [w for w in warnings if "flattened" in w]
    assert f"a line of {len(text):,} characters" in said


def test_a_flattened_text_in_one_language_is_joined_again_as_it_was() -> None:
    text = (
        "The Parties have agreed as follows:- "
        + " ".join(f"Article {n} {_en(n)}" for n in range(1, 5))
        + " DONE at Geneva."
    )
    assert len(text) >= FLAT_CHARS
    treaty = import_text(text, treaty_id="t", meta=_EN)
    assert [a.number for a in treaty.article_list] == ["1", "2", "3", "4"]
    assert [p.text for p in treaty.article_list[1].paragraphs] == [_en(2)]


def test_a_short_line_still_needs_a_sentence_end_before_a_run_in_heading() -> None:
    # Below FLAT_CHARS a line is a paragraph: "1948 Article 2 Each ..." there stays text.
    text = "Article 1 The Parties agree. Series 1948 Article 2 Each Party shall act."
    assert len(text) < FLAT_CHARS
    try:
        treaty = import_text(text, treaty_id="t", meta=_EN)
    except TreatyFileError:
        return
    assert [a.number for a in treaty.article_list] == ["1"]


@pytest.mark.parametrize("given", [True, False])
def test_the_flattened_warning_is_given_whether_or_not_the_language_is(given: bool) -> None:
    warnings: list[str] = []
    import_text(_flattened(), treaty_id="t", warnings=warnings, meta=_EN if given else Meta())
    assert sum("flattened" in w for w in warnings) == 1
