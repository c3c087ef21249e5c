"""Issue 21's leftovers, by kind (short synthetic lines written for the test): OCR digits
read as letters, an annex kept as closing text, chapters numbered again inside parts,
exchanges of notes without article headings."""

from __future__ import annotations

import pytest

from treatycmp.errors import TreatyFileError
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

BODY = "The Parties shall co-operate in good faith to carry out this Agreement."


def _read(text: str, **kw: object) -> tuple[object, list[str]]:
    warnings: list[str] = []
    meta = Meta(complete=True, **kw)  # type: ignore[arg-type]
    return import_text(text, treaty_id="t", meta=meta, warnings=warnings), warnings


def _articles(text: str) -> tuple[list[str], list[str]]:
    treaty, warnings = _read(text)
    return [a.number for a in treaty.article_list], warnings  # type: ignore[attr-defined]


def test_ocr_letters_for_digits_are_read_where_the_numbering_is_certain() -> None:
    # "Article IS" after Article 14 (the OCR of 15: ggo-pp04sa-1976): read, and said.
    text = "".join(f"Article {n}\n{BODY}\n" for n in range(1, 15)) + f"Article IS\n{BODY}\n"
    numbers, warnings = _articles(text)
    assert numbers == [str(n) for n in range(1, 16)]
    assert any("'Article IS' as article 15" in w for w in warnings)


def test_ocr_letters_out_of_the_numbering_are_text_and_said_with_the_fix() -> None:
    # "Article IS" after Article 3 is not certain: kept as text, with the reading named.
    text = "".join(f"Article {n}\n{BODY}\n" for n in range(1, 4)) + f"Article IS\n{BODY}\n"
    numbers, warnings = _articles(text)
    assert numbers == ["1", "2", "3"]
    assert any("perhaps OCR for 'Article 15'" in w for w in warnings)


@pytest.mark.parametrize("line", ["Article I", "Article Is the Convention", "Article II"])
def test_roman_numerals_and_words_are_not_ocr_slips(line: str) -> None:
    text = f"Article 1\n{BODY}\n{line}\n{BODY}\n"
    numbers, warnings = _articles(text)
    assert "2" not in numbers
    assert not any("OCR slip" in w for w in warnings)
