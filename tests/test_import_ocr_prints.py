"""Issue 21: the tuning part's last failures, mended by kind. Short excerpts written for
the test in the shapes of OCR'd treaty prints (UN and League of Nations Treaty Series,
a statute book's volume of several treaties), never copies of the documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from _documents import imported_numbers
from click.testing import CliRunner

from treatycmp.cli import cli
from treatycmp.errors import TreatyFileError
from treatycmp.formats.headings import roman
from treatycmp.formats.importing import import_text
from treatycmp.formats.segment import Meta

SENTENCE = "The High Contracting Parties shall settle their controversies by pacific means."


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
    numbers, warnings = imported_numbers(_pact(GARBLED))
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
    numbers, _ = imported_numbers(text)
    assert numbers == ["I", "II", "III"]


@pytest.mark.parametrize(("numeral", "after"), [("VIIII", "VII"), ("IIII", "II"), ("IL", "XLVII")])
def test_an_old_print_s_additive_numeral_a_little_ahead_stays_a_heading(
    numeral: str, after: str
) -> None:
    # Old prints write 4 as IIII and 9 as VIIII, no numerals by today's rule; with an
    # article lost before it the heading is still the next few, not words moved into
    # the article before (XLVIL, read as 94 after II, stays text, as above).
    text = f"Article {after}. {SENTENCE}\n\nArticle {numeral}\n\n{SENTENCE}\n"
    numbers, _ = imported_numbers(text)
    assert numbers == [after, numeral]


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
    numbers, warnings = imported_numbers(_convention(printed))
    assert numbers == [str(n) for n in range(1, 10)]
    said = next(w for w in warnings if "OCR slip" in w)
    assert "'ARTICLE 1.' as 7, the article after 6" in said
    assert "'ARTICLE S.' as 8, the article after 7" in said


def test_an_annex_numbered_from_one_again_is_not_read_as_garbled() -> None:
    # 1, 2, 3 after 6 never count up to the 9 a garbled pair would need: an annex.
    printed = [f"ARTICLE {n}." for n in range(1, 7)] + ["ARTICLE 1.", "ARTICLE 2.", "ARTICLE 3."]
    numbers, _ = imported_numbers(_convention(printed))
    assert numbers == [str(n) for n in range(1, 7)]


# A statute book's volume of treaties as a TEI edition: each treaty under its own title,
# each numbering its articles from I.
VOLUME = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
<teiHeader><fileDesc><titleStmt><title>Treaties of a volume</title></titleStmt>
<publicationStmt><p>A library.</p></publicationStmt>
<sourceDesc><p>A printed volume.</p></sourceDesc></fileDesc></teiHeader>
<text><body>
<div1><head>TREATIES WITH THE NATIONS.</head>
<head>TREATY WITH THE RIVER NATION.<lb/>JULY 1ST, 1861.</head>
<p>The Government and the River Nation have agreed upon the following articles.</p>
<p>ARTICLE I. There shall be peace between the Government and the River Nation.</p>
<p>ARTICLE II. The River Nation shall keep its lands as now held by it.</p>
<head>{second}</head>
<p>ARTICLE I. The Government shall pay the sums named in the schedule below.</p>
<p>ARTICLE II. The sums shall be paid each year at the agency.</p>
</div1></body></text></TEI>
"""


def _import_volume(tmp_path: Path, second: str) -> tuple[int, str]:
    source = tmp_path / "volume.xml"
    source.write_text(VOLUME.format(second=second), encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(cli, ["import", str(source), "--id", "t", "-o", str(out)])
    return result.exit_code, result.stderr


def test_a_volume_of_treaties_numbered_from_one_each_is_refused(tmp_path: Path) -> None:
    # The second treaty's ARTICLE I used to start "an annex" of the first: exit 0, the
    # second treaty hidden in the closing. Two titles of one kind: two instruments.
    code, err = _import_volume(tmp_path, "TREATY WITH THE HILL NATION.<lb/>JULY 9TH, 1861.")
    assert code == 2
    assert "volume.xml:13: 'ARTICLE I.' under 'TREATY WITH THE HILL NATION. JULY 9TH," in err
    assert "as under 'TREATY WITH THE RIVER NATION. JULY 1ST, 1861.' (line 8)" in err
    assert "several instruments in one file. Fix: split it into one file per instrument" in err


def test_an_annexed_instrument_of_another_kind_is_kept_as_the_closing(tmp_path: Path) -> None:
    # A treaty's annexed protocol with its own articles stays text, with the warning.
    code, err = _import_volume(tmp_path, "PROTOCOL ANNEXED TO THE TREATY.")
    assert code == 0
    assert "several instruments" not in err


def test_the_same_titles_in_plain_text_are_refused_too() -> None:
    text = (
        "TREATY WITH THE RIVER NATION.\n\nThe Parties have agreed as follows.\n\n"
        f"ARTICLE I. {SENTENCE}\n\nARTICLE II. {SENTENCE}\n\n"
        "TREATY WITH THE HILL NATION.\n\nThe Parties have agreed as follows.\n\n"
        f"ARTICLE I. {SENTENCE}\n\nARTICLE II. {SENTENCE}\n"
    )
    with pytest.raises(TreatyFileError, match="several instruments in one file"):
        imported_numbers(text)


FR = (
    "Toutefois, tout aéronef construit dans un État contractant pour être livré par la voie "
    "des airs à un ressortissant d'un État non contractant pourra recevoir de la Commission "
    "une marque provisoire, qui sera celle de cet État."
)
EN = (
    "However, any aircraft built in a contracting State for delivery by air to a national of "
    "a non-contracting State may receive from the Commission a provisional mark, which shall "
    "be that of the latter State."
)


def _amendments() -> str:
    # A list of amendments to annexes, the French and English columns of the print read
    # line by line into one stream: short French paragraphs between the English ones, a
    # line that holds both columns, and a longer French passage.
    parts = [
        "Amendments of the Annexes adopted by the Commission at its sessions of the year.",
        "AMENDMENTS.\tAMENDMENTS.",
        "Page 28, Annex (A), Section I.\tPage 29, Annex (A), Section I.",
    ]
    for _ in range(4):
        parts += ["New Text.", FR, "New Text.", EN]
    parts += [" ".join([FR] * 6), EN]
    return "\n\n".join(parts) + "\n"


def test_a_text_without_headings_whose_columns_are_interleaved_is_refused() -> None:
    # It imported with exit 0 as an English preamble holding French paragraphs, with
    # other French words left out: nothing without headings can part the two texts.
    with pytest.raises(TreatyFileError) as err:
        import_text(_amendments(), treaty_id="t", meta=Meta(language="en", language_given=True))
    problem = err.value.problems[0]
    assert problem.line == 9  # the first French paragraph kept
    assert "its en text is interleaved with fr: 4 runs of fr" in problem.message
    assert "split the two texts into one file each, or pass --allow-partial" in problem.hint


def test_an_interleaved_text_imports_as_found_with_allow_partial() -> None:
    warnings: list[str] = []
    meta = Meta(language="en", language_given=True, allow_partial=True)
    treaty = import_text(_amendments(), treaty_id="t", meta=meta, warnings=warnings)
    assert treaty.preamble
    assert any("interleaved with fr" in w for w in warnings)


def test_a_text_without_headings_and_its_whole_translation_still_imports() -> None:
    # One French run after the English text: a translation, left out and counted.
    text = "\n\n".join([EN] * 8 + [" ".join([FR] * 8)]) + "\n"
    warnings: list[str] = []
    meta = Meta(language="en", language_given=True)
    treaty = import_text(text, treaty_id="t", meta=meta, warnings=warnings)
    assert len(treaty.preamble) == 8
    assert not any("interleaved" in w for w in warnings)
