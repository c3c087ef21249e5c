"""Regressions found reviewing issue 21's twelfth round: ordinary Latin-script texts
that the round's Vietnamese reading took for Vietnamese (all written for the test)."""

from __future__ import annotations

from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

# Romanian writes ă (as Vietnamese does) on about every twentieth letter: a short line of
# it has as high a share as a Vietnamese line, but none of Vietnamese's own tone marks.
ROMANIAN = """Acord între Guvernul României și Guvernul Republicii Moldova

Părțile contractante, dorind să dezvolte relațiile, au convenit după cum urmează:

Articolul 1

Părțile vor sprijini această cooperare.

Părțile vor coopera în domeniul educației, culturii și științei, pe baza egalității.

Articolul 2

Prezentul acord se încheie pe o perioadă de cinci ani și se prelungește automat pentru noi perioade.
"""


def test_a_romanian_treaty_is_not_taken_for_vietnamese() -> None:
    treaty = import_text(ROMANIAN, treaty_id="t", meta=Meta(complete=True))
    assert treaty.language == "ro"
    second = treaty.article_list[1].paragraphs
    assert len(second) == 1  # not cut after 'perioadă' as a facing-page print's two columns


def test_short_romanian_and_croatian_lines_are_not_vietnamese() -> None:
    from treatycmp.formats.languages import detect

    assert detect("Părțile vor sprijini această cooperare.") != "vi"
    assert detect("Stranke će poticati suradnju građana") != "vi"
    assert detect("Hiệp định với Đức") == "vi"


# An English paragraph naming a Vietnamese place in its own letters is one paragraph,
# not a facing-page line of two columns.
ENGLISH = """Agreement between the Parties on cooperation

Article 1

The Parties met in Hà Nội on 3 May and agreed to cooperate in the fields of education.

Article 2

The Parties shall encourage exchanges between their institutions of education.
"""


def test_an_english_paragraph_with_a_vietnamese_place_name_stays_whole() -> None:
    treaty = import_text(ENGLISH, treaty_id="t", meta=Meta(complete=True))
    assert treaty.language == "en"
    assert [p.text for p in treaty.article_list[0].paragraphs] == [
        "The Parties met in Hà Nội on 3 May and agreed to cooperate in the fields of education."
    ]
