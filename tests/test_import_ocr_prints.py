"""Issue 21: the tuning part's last failures, mended by kind. Short excerpts written for
the test in the shapes of OCR'd treaty prints (UN and League of Nations Treaty Series,
a statute book's volume of several treaties), never copies of the documents."""

from __future__ import annotations

import pytest

from treatycmp.formats.headings import roman
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

SENTENCE = "The High Contracting Parties shall settle their controversies by pacific means."


def _read(text: str, **kw: object) -> tuple[list[str], list[str]]:
    warnings: list[str] = []
    meta = Meta(complete=True, **kw)  # type: ignore[arg-type]
    treaty = import_text(text, treaty_id="t", meta=meta, warnings=warnings)
    return [a.number for a in treaty.article_list], warnings


# A pact of sixty articles printed `Article XL. The Tribunal ...`, designator and text on
# one line, with six numerals an OCR layer garbled: l and 1 for I, U and H for II, and
# `XLVIL` (`I.` read as `L`), which is roman letters but no numeral.
GARBLED = {41: "XLl.", 42: "XL1I.", 47: "XLVIL", 48: "XLVIH.", 53: "LUI.", 57: "LVH."}


def _pact(garbled: dict[int, str]) -> str:
    lines = ["In the name of their peoples, the Governments have agreed as follows:", ""]
    for n in range(1, 61):
        lines += [f"Article {garbled.get(n, roman(n) + '.')} {SENTENCE}", ""]
    return "\n".join(lines)


def test_garbled_roman_numerals_with_the_text_on_their_line_are_read() -> None:
    numbers, warnings = _read(_pact(GARBLED))
    assert numbers == [roman(n) for n in range(1, 61)]
    said = next(w for w in warnings if "OCR slip" in w)
    assert "'Article XLl.' as XLI, the article after XL" in said
    assert "'Article XLVIL' as XLVII, the article after XLVI" in said
    assert "'Article LUI.' as LIII, the article after LII" in said


def test_a_garbled_numeral_keeps_its_article_text() -> None:
    treaty = import_text(_pact(GARBLED), treaty_id="t", meta=Meta(complete=True))
    article = treaty.article_list[40]
    assert article.label == "Article XLl."
    assert [p.text for p in article.paragraphs] == [SENTENCE]


@pytest.mark.parametrize(
    "line",
    [
        "Article XLl of the Pact applies.",  # a reference: lower case after the numeral
        "Article XLVIL",  # alone, but out of the numbering (after II)
    ],
)
def test_a_garbled_numeral_out_of_place_stays_text(line: str) -> None:
    text = f"Article I. {SENTENCE}\n\nArticle II. {SENTENCE}\n\n{line}\n\nArticle III. {SENTENCE}"
    numbers, _ = _read(text)
    assert numbers == ["I", "II", "III"]


def _convention(designators: list[str]) -> str:
    lines = ["The Parties, desiring to regulate the navigation of rivers, have agreed:", ""]
    for n, designator in enumerate(designators, start=1):
        lines += [designator, "", f"Provision number {n} of this Convention is here.", ""]
        if n == 7:
            lines += ["10", ""]  # the page number between the two pages
    return "\n".join(lines)


def test_bare_headings_garbled_into_other_numbers_are_read_between_their_neighbours() -> None:
    # A League of Nations print OCR'd: 'ARTICLE 1.' for 7, 'ARTICLE S.' for 8, then the
    # next page's heading behind a speck. Article 1 again used to start an annex, and
    # Articles 7 to 9 went into the closing.
    printed = [f"ARTICLE {n}." for n in range(1, 7)] + ["ARTICLE 1.", "ARTICLE S.", "' ARTICLE 9."]
    numbers, warnings = _read(_convention(printed))
    assert numbers == [str(n) for n in range(1, 10)]
    said = next(w for w in warnings if "OCR slip" in w)
    assert "'ARTICLE 1.' as 7, the article after 6" in said
    assert "'ARTICLE S.' as 8, the article after 7" in said


def test_an_annex_numbered_from_one_again_is_not_read_as_garbled() -> None:
    # 1, 2, 3 after 6 never count up to the 9 a garbled pair would need: an annex.
    printed = [f"ARTICLE {n}." for n in range(1, 7)] + ["ARTICLE 1.", "ARTICLE 2.", "ARTICLE 3."]
    numbers, _ = _read(_convention(printed))
    assert numbers == [str(n) for n in range(1, 7)]
