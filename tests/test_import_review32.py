"""Regressions found reviewing issue 21's twelfth round: ordinary Latin-script texts
that the round's Vietnamese reading took for Vietnamese (all written for the test)."""

from __future__ import annotations

import pytest

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


_PARA = "The Parties shall take the measures necessary to give effect to this provision. "
_ANNEX = "\n\n".join(
    f"{i}. " + "Item of the schedule of concessions with its tariff line and rate of duty. " * 3
    for i in range(1, 40)
)


def _warnings(text: str) -> list[str]:
    warnings: list[str] = []
    import_text(text, treaty_id="t", meta=Meta(complete=False), warnings=warnings)
    return warnings


def test_a_long_annex_after_the_closing_is_no_sign_of_headings_unread() -> None:
    # Three short articles, the closing, then a schedule five pages long: the annex is the
    # treaty's own text, kept; the articles are all read.
    text = (
        "Agreement between A and B\n\nThe Parties have agreed as follows:\n\n"
        + "".join(f"Article {n}\n\n{_PARA}\n\n" for n in (1, 2, 3))
        + f"Done at Geneva on 1 May 2001.\n\nANNEX\n\n{_ANNEX}\n"
    )
    assert not [w for w in _warnings(text) if "hold little" in w]


def test_a_protocol_whose_one_article_is_numbered_3_with_an_annex_is_imported() -> None:
    # Imported on fe19630; refused since as "the articles found hold little of the text".
    text = (
        "Protocol amending the Agreement between A and B\n\nThe Parties have agreed:\n\n"
        f"Article 3\n\nArticle 3 of the Agreement is replaced by the following. {_PARA}\n\n"
        f"Done at Geneva on 1 May 2001.\n\nANNEX\n\n{_ANNEX}\n"
    )
    warnings = _warnings(text)
    assert any("numbered far from 1" in w for w in warnings)  # still said


def test_garbled_paragraph_marks_are_looked_for_in_linear_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 99 paragraphs whose marks lost their stop, then 20,000 lines: each number's garbled
    # line was looked for by reading every line after it again (99 x 20,000 readings).
    from treatycmp.formats import conditions

    lines = ["1. The Parties agree as follows."]
    lines += [f"{n} The Parties shall do item {n}." for n in range(2, 100)]
    lines += ["The Parties shall cooperate fully in this."] * 20_000
    calls = 0
    item = conditions._item

    def counted(line: str, expected: int) -> tuple[str, int, str, str] | None:
        nonlocal calls
        calls += 1
        return item(line, expected)

    monkeypatch.setattr(conditions, "_item", counted)
    style, found = conditions._sequence(lines)
    assert style == "digits"
    assert len(found) == 99
    assert calls < 3 * len(lines)
