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
