"""Issue 21's twelfth round, mended by kind (short excerpts written for the test, in the
shapes of the round's source: OCR'd amending protocols, facing-page bilingual prints,
newsletters): a roman numeral garbled by OCR, a quotation an OCR layer reopened."""

from __future__ import annotations

import pytest

from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

BODY = "The provisions of this Protocol shall apply to taxes on income of each State."


def _read(text: str, **kw: object) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    meta = Meta(complete=True, **kw)  # type: ignore[arg-type]
    treaty = import_text(text, treaty_id="t", meta=meta, warnings=warnings)
    return [a.number for a in treaty.article_list], warnings


def _protocol(numerals: list[str]) -> str:
    return "".join(f"ARTICLE {n}\n\n{BODY}\n\n" for n in numerals)


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        (["I", "II", "IH", "IV"], ["I", "II", "III", "IV"]),  # H for II
        (["V", "VI", "VH", "VIII", "Ix", "X"], ["V", "VI", "VII", "VIII", "IX", "X"]),
    ],
)
def test_a_roman_numeral_one_character_garbled_is_the_number_expected(
    printed: list[str], read: list[str]
) -> None:
    # An OCR'd protocol (ARTICLE IH, VH, Ix): read as III, VII, IX where the numbering
    # says so, and each such heading named in a warning.
    numbers, warnings = _read(_protocol(printed))
    assert numbers == read
    said = next(w for w in warnings if "OCR slip" in w)
    for garbled, number in zip(printed, read, strict=True):
        if garbled != number:
            assert f"'ARTICLE {garbled}' as {number}, the article after" in said


@pytest.mark.parametrize("numerals", [["I", "II", "VH"], ["I", "II", "HH"], ["I", "II", "IX"]])
def test_a_garble_out_of_the_numbering_is_no_heading(numerals: list[str]) -> None:
    # VH after II is not III, HH is two characters off, IX after II skips: none is read
    # as III; the numbering's rule for a real numeral (a later one is a heading) stays.
    numbers, _ = _read(_protocol(numerals))
    assert "III" not in numbers


def test_a_quotation_reopened_by_ocr_still_ends_at_its_close() -> None:
    # An amending protocol quotes a treaty's article; the OCR layer set a stray opening
    # mark inside it and a speck after its close: the protocol's next heading is read.
    text = (
        f"ARTICLE I\n\n{BODY}\n\nARTICLE II\n\n"
        "Article 8 (Shipping) of the Agreement shall be deleted and replaced by the following:\n\n"
        "\u201cArticle 8\nINTERNATIONAL SHIPPING\n\n"
        "1. Profits from the operation of ships shall be taxable only in that State, as the case may\n"
        "\u201cbe, where the use is incidental to the operation of ships in international\n"
        "traffic.\u201d -\n\n"
        "ARTICLE III\n\nParagraph 3 of Article 11 shall be replaced by the following:\n\n"
        '"3. The term interest means income from debt-claims of every kind.\u201d\n\n'
        f"ARTICLE IV\n\n{BODY}\n"
    )
    numbers, _ = _read(text)
    assert numbers == ["I", "II", "III", "IV"]
