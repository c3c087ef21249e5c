"""Issue 21's twelfth round, mended by kind (short excerpts written for the test, in the
shapes of the round's source: OCR'd amending protocols, facing-page bilingual prints,
newsletters): a roman numeral garbled by OCR, a quotation an OCR layer reopened."""

from __future__ import annotations

import pytest
from _documents import imported_numbers

from treatycmp.errors import TreatyFileError
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

BODY = "The provisions of this Protocol shall apply to taxes on income of each State."


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
    numbers, warnings = imported_numbers(_protocol(printed))
    assert numbers == read
    said = next(w for w in warnings if "OCR slip" in w)
    for garbled, number in zip(printed, read, strict=True):
        if garbled != number:
            assert f"'ARTICLE {garbled}' as {number}, the article after" in said


@pytest.mark.parametrize("numerals", [["I", "II", "VH"], ["I", "II", "HH"], ["I", "II", "IX"]])
def test_a_garble_out_of_the_numbering_is_no_heading(numerals: list[str]) -> None:
    # VH after II is not III, HH is two characters off, IX after II skips: none is read
    # as III; the numbering's rule for a real numeral (a later one is a heading) stays.
    numbers, _ = imported_numbers(_protocol(numerals))
    assert "III" not in numbers


def test_a_quotation_reopened_by_ocr_still_ends_at_its_close() -> None:
    # An amending protocol quotes a treaty's article; the OCR layer set a stray opening
    # mark inside it and a speck after its close: the protocol's next heading is read.
    text = (
        f"ARTICLE I\n\n{BODY}\n\nARTICLE II\n\n"
        "Article 8 (Shipping) of the Agreement shall be deleted and replaced by the following:\n\n"
        "\u201cArticle 8\nINTERNATIONAL SHIPPING\n\n"
        "1. Profits from the operation of ships shall be taxable only in that State, as the\n"
        "case may\n"
        "\u201cbe, where the use is incidental to the operation of ships in international\n"
        "traffic.\u201d -\n\n"
        "ARTICLE III\n\nParagraph 3 of Article 11 shall be replaced by the following:\n\n"
        '"3. The term interest means income from debt-claims of every kind.\u201d\n\n'
        f"ARTICLE IV\n\n{BODY}\n"
    )
    numbers, _ = imported_numbers(text)
    assert numbers == ["I", "II", "III", "IV"]


# A facing-page print of a bilingual treaty as its OCR layer reads it (written for the
# test): a page's Vietnamese column, then its English one; a line that holds both columns;
# the two headings of one article side by side on one line.
_VI_TEXT = (
    "Hiệp định này được áp dụng cho các đối tượng là những đối tượng cư trú của một hoặc "
    "của cả hai Nước ký kết."
)
_EN_TEXT = (
    "This Agreement shall apply to persons who are residents of one or both of the "
    "Contracting States."
)
FACING = f"""Hiệp định với Đức

The Agreement with Germany

Đã thoả thuận dưới đây:

ĐIỀU 1
PHẠM VI ÁP DỤNG

{_VI_TEXT}

ĐIỀU 2
CÁC LOẠI THUẾ

{_VI_TEXT}
income from the other State,

Have agreed as follows:

ARTICLE 1
PERSONAL SCOPE

{_EN_TEXT}

ARTICLE 2
TAXES COVERED

{_EN_TEXT}
3. Những loại thuế hiện hành được áp dụng 3. The existing taxes to which it shall apply are:

DIEU 3 ARTICLE 3

{_VI_TEXT}

{_EN_TEXT}
"""


def test_a_facing_page_print_keeps_the_english_column_with_language_en() -> None:
    numbers, _ = imported_numbers(FACING, language="en", language_given=True)
    assert numbers == ["1", "2", "3"]
    treaty = import_text(
        FACING, treaty_id="t", meta=Meta(complete=True, language="en", language_given=True)
    )
    text = " ".join(p.text for a in treaty.article_list for p in a.paragraphs)
    assert "The existing taxes to which it shall apply are:" in text
    assert "Hiệp định" not in text
    assert "Những" not in text
    assert any("income from the other State," in p.text for p in treaty.preamble)  # unmarked
    assert treaty.language == "en"


def test_a_facing_page_print_keeps_the_vietnamese_column_with_language_vi() -> None:
    treaty = import_text(
        FACING, treaty_id="t", meta=Meta(complete=True, language="vi", language_given=True)
    )
    assert [a.number for a in treaty.article_list] == ["1", "2", "3"]
    assert [a.label for a in treaty.article_list] == ["ĐIỀU 1", "ĐIỀU 2", "DIEU 3"]
    text = " ".join(p.text for a in treaty.article_list for p in a.paragraphs)
    assert "Contracting States" not in text
    assert treaty.language == "vi"


def test_vietnamese_is_told_by_its_letters() -> None:
    from treatycmp.formats.languages import detect

    assert detect("Hiệp định với Đức") == "vi"
    assert detect(_VI_TEXT) == "vi"
    assert detect(_EN_TEXT) == "en"


def test_a_digit_numeral_garbled_in_one_character_and_a_speck_before_a_heading() -> None:
    # ARTICLE H after 10 (OCR of 11), and "- ARTICLE 12" / "_ ARTICLE 13" with a speck
    # before: the next articles, each named in the warning.
    text = (
        "".join(f"ARTICLE {n}\n\n{BODY}\n\n" for n in range(1, 11))
        + f"ARTICLE H\n\n{BODY}\n\n- ARTICLE 12\n\n{BODY}\n\n_ ARTICLE 13\n\n{BODY}\n"
    )
    numbers, warnings = imported_numbers(text)
    assert numbers == [str(n) for n in range(1, 14)]
    said = next(w for w in warnings if "OCR slip" in w)
    assert "'ARTICLE H' as 11, the article after 10" in said
    assert "'- ARTICLE 12' as the article after 11" in said


def test_a_speck_before_a_heading_out_of_the_numbering_is_text() -> None:
    text = f"ARTICLE 1\n\n{BODY}\n\n- ARTICLE 5\n\n{BODY}\n"
    numbers, _ = imported_numbers(text)
    assert numbers == ["1"]


NOTE = """Excellency,

I have the honour to confirm the following understanding reached between the two Governments:

1. A loan in yen will be extended to the Government of the Republic to carry out the projects.

2 (1) The loan will be made available by loan agreements to be concluded with the Bank.
(2) Each loan agreement will be concluded after the Bank is satisfied of the project.

3. The loan will cover payments to suppliers and contractors of eligible countries.

4 With regard to shipping and marine insurance, the Government will refrain from restrictions.

5. The Government will exempt the Bank from all fiscal levies and taxes on the loan.

6, The two Governments will consult each other on any matter arising from this note.

I avail myself of this opportunity to renew to Your Excellency the assurance of my highest
consideration.
"""


def test_a_notes_numbered_paragraphs_with_marks_garbled_by_ocr() -> None:
    # 2 (1), 4 With, 6, where the numbering is certain: the note's provisions 1-6, each
    # reading named in the warning.
    numbers, warnings = imported_numbers(NOTE)
    assert numbers == ["1", "2", "3", "4", "5", "6"]
    said = next(w for w in warnings if "numbered paragraphs" in w)
    assert "'4 With regard' as 4" in said
    assert "'6, The two Gove' as 6" in said


def test_a_number_opening_a_wrapped_line_is_no_provision_where_the_printed_one_follows() -> None:
    # "2 Contracting States ..." wraps a sentence; the provision "2." comes after it.
    text = (
        "1. The Parties will consult each other on the taxes of the\n"
        "2 Contracting States and on any other matter of this note.\n"
        "2. The Parties will exchange information.\n3. This note enters into force today.\n"
    )
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    assert [a.label for a in treaty.article_list] == ["1.", "2.", "3."]


_COMMENT = (
    "The new treaty is expected to reduce withholding taxes on cross-border payments and "
    "investors should review their structures before it enters into force next year. "
)
NEWSLETTER = (
    "International Tax Alert\n\n"
    + "\n\n".join([_COMMENT * 4] * 6)
    + ("\n\nArticle 10 — Dividends\n\nDividends are taxable at a maximum rate of 15%.\n")
)


def test_a_long_text_whose_articles_hold_little_of_it_is_refused_naming_them() -> None:
    # A newsletter whose column head reads as one article: no silent import.
    with pytest.raises(TreatyFileError) as err:
        import_text(NEWSLETTER, treaty_id="t", meta=Meta())
    message = str(err.value)
    assert "its 1 article ('Article 10') holds 10 of its 637 words" in message
    assert "numbered from 10" in message
    assert "--allow-partial" in message


def test_under_allow_partial_it_imports_with_the_warning() -> None:
    warnings: list[str] = []
    treaty = import_text(
        NEWSLETTER, treaty_id="t", meta=Meta(allow_partial=True), warnings=warnings
    )
    assert [a.number for a in treaty.article_list] == ["10"]
    assert any("the articles found hold little of the text" in w for w in warnings)


def test_a_long_text_of_one_article_numbered_far_from_1_is_said() -> None:
    text = "Article 7\n\n" + "\n\n".join([_COMMENT * 4] * 6)
    warnings: list[str] = []
    treaty = import_text(text, treaty_id="t", meta=Meta(), warnings=warnings)
    assert [a.number for a in treaty.article_list] == ["7"]
    assert any("its one article is 'Article 7' (numbered far from 1)" in w for w in warnings)


def test_a_treaty_with_a_long_preamble_and_its_articles_is_not_refused() -> None:
    text = "\n\n".join([_COMMENT * 4] * 3) + "".join(
        f"\n\nArticle {n}\n\n{_COMMENT * 2}" for n in range(1, 4)
    )
    treaty = import_text(text, treaty_id="t", meta=Meta())
    assert [a.number for a in treaty.article_list] == ["1", "2", "3"]


def test_a_sole_article_over_a_long_annex_is_imported_without_a_warning() -> None:
    # An amendment's one article, its long annex the closing's text: the annex is the
    # treaty's own text, not counted against the articles; neither refused nor warned.
    text = "Sole Article\n\nThe Protocol is amended as set out in the Annex.\n\nANNEX\n\n" + (
        "\n\n".join([_COMMENT * 4] * 6)
    )
    warnings: list[str] = []
    treaty = import_text(text, treaty_id="t", meta=Meta(), warnings=warnings)
    assert [a.number for a in treaty.article_list] == ["sole"]
    assert not any("the articles found hold little of the text" in w for w in warnings)
