# ruff: noqa: RUF001, RUF003  (Greek sentences and the minus sign are meant)
"""Issue 21, the fifteenth round: captions after a minus sign; lists of contents alone.

Short lines written here after the layout of the Greek gazette's Markdown (a law that
ratifies an agreement); no fetched document is in the repository.
"""

from __future__ import annotations

import pytest

from treatycmp.formats.headings import read_heading
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

_GR_BODY = "Τα Μέρη συνεργάζονται καλόπιστα για την εφαρμογή του παρόντος Μνημονίου."


@pytest.mark.parametrize(
    "dash", ["\u2212", "\u2010", "\u2011", "\u2012", "\ufe58", "\ufe63", "\uff0d"]
)
def test_a_caption_after_any_dash_is_a_heading(dash: str) -> None:
    heading = read_heading(f"Άρθρο 2 {dash} Ανταλλαγή πληροφοριών")
    assert heading is not None
    assert (heading.number, heading.rest, heading.separated) == ("2", "Ανταλλαγή πληροφοριών", True)


def test_articles_captioned_after_a_minus_sign_are_read() -> None:
    # gr-fek-a-165-2009: `Άρθρο N − Caption` with U+2212, one article without it.
    text = "Κύρωση του Μνημονίου Συνεργασίας.\n"
    text += f"Άρθρο 1 \u2212 Στόχος\n{_GR_BODY}\nΆρθρο 2 \u2212 Ανταλλαγή πληροφοριών\n{_GR_BODY}\n"
    text += f"Άρθρο 3 Μικτή Επιτροπή\n{_GR_BODY}\nΆρθρο 4 \u2212 Επίσημη γλώσσα\n{_GR_BODY}\n"
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.number for a in treaty.article_list] == ["1", "2", "3", "4"]
    assert [a.heading for a in treaty.article_list][:2] == ["Στόχος", "Ανταλλαγή πληροφοριών"]


_CONTENTS = (
    "Κύρωση του Μνημονίου Συνεργασίας.\n"
    "Εκδίδομε τον ακόλουθο νόμο: Άρθρο πρώτο. Κύρωση Μνημονίου\n"
    "Άρθρο 1 Σκοπός\n"
    "Άρθρο 2 Πεδίο εφαρμογής\n"
    "Άρθρο 3 Διαδικασίες για τη διέλευση των συνόρων\n"
    "από τις ομάδες παροχής βοήθειας\n"
    "Άρθρο 4 Έναρξη ισχύος\n"
    "Άρθρο δεύτερο. Ο παρών νόμος ισχύει από τη δημοσίευσή του. Αθήνα, 1 Μαΐου 2023\n"
)


def test_a_list_of_contents_with_no_article_printed_is_text_and_said() -> None:
    # Seven Greek gazette files: the law prints the instrument's list of contents,
    # then its own text; the articles were made of the list, each holding its caption.
    warnings: list[str] = []
    treaty = import_text(
        _CONTENTS, treaty_id="t", meta=Meta(complete=False), path="x.md", warnings=warnings
    )
    assert treaty.article_list == ()
    preamble = [p.text for p in treaty.preamble]
    assert preamble[2:7] == _CONTENTS.split("\n")[2:7]
    (said,) = [w for w in warnings if "list of contents" in w]
    assert "x.md: lines 3-7" in said
    assert "the articles' text is not in the file" in said


@pytest.mark.parametrize(
    "sentence",
    [
        "This Agreement shall enter into force on the date of its signature.",
        "The Parties shall develop their co-operation in the field of energy",
    ],
)
def test_articles_each_one_sentence_on_the_heading_line_stay_articles(sentence: str) -> None:
    text = "".join(f"Article {n} {sentence}\n" for n in range(1, 5))
    treaty = import_text(f"The Parties agree as follows.\n{text}", treaty_id="t", meta=Meta())
    assert [a.number for a in treaty.article_list] == ["1", "2", "3", "4"]


def test_captions_with_text_under_them_stay_articles() -> None:
    text = "The Parties agree as follows.\n"
    text += "".join(f"Article {n} {c}\nBODY\n" for n, c in enumerate(["Scope", "Aims", "Entry"], 1))
    treaty = import_text(text.replace("BODY", "The Parties shall co-operate."), treaty_id="t")
    assert [a.heading for a in treaty.article_list] == ["Scope", "Aims", "Entry"]


def test_a_list_of_contents_over_a_long_law_is_not_refused() -> None:
    # The law's text after the list runs to pages (three of the seven files): the
    # lines shaped like headings are the list, read and said, not headings missed.
    law = "Ο παρών νόμος ισχύει από τη δημοσίευσή του στην Εφημερίδα της Κυβερνήσεως. " * 60
    warnings: list[str] = []
    text = _CONTENTS + law + "\n"
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=False), warnings=warnings)
    assert treaty.article_list == ()
    assert any("list of contents" in w for w in warnings)


@pytest.mark.parametrize("dash", ["-", "\u2212", "\u2013", ":"])
def test_a_list_of_contents_kept_as_text_keeps_its_separators(dash: str) -> None:
    # Turned back into text, each heading line was rebuilt from label and caption and
    # lost what stood between them ("Άρθρο 1 − Σκοπός" became "Άρθρο 1 Σκοπός").
    text = _CONTENTS.replace("Άρθρο 1 Σκοπός", f"Άρθρο 1 {dash} Σκοπός").replace(
        "Άρθρο 2 Πεδίο", f"Άρθρο 2{dash} Πεδίο"
    )
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=False))
    assert treaty.article_list == ()
    preamble = [p.text for p in treaty.preamble]
    assert preamble[2:7] == text.split("\n")[2:7]


def test_a_greek_text_is_recorded_as_greek_with_no_warning() -> None:
    # Greek letters are no Latin letters: no language was found, the text was
    # recorded as English and a warning asked for --language.
    warnings: list[str] = []
    treaty = import_text(_CONTENTS, treaty_id="t", meta=Meta(), warnings=warnings)
    assert treaty.language == "el"
    assert not [w for w in warnings if "language" in w]
