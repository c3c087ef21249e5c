"""Issue 21: layouts of official-gazette and treaty-series PDFs (bench/realdocs,
source water-pdf: FAOLEX copies of the Turkish Official Gazette, UN Treaty Series
and Azerbaijani texts), each as a short document made with fpdf2 or as lines:

- a PDF that places every glyph on its own and draws its spaces as glyphs too (its
  words came out letter by letter: "A z ə r b a y c a n");
- Maddə / Madde headings (Azerbaijani, Turkish);
- an OCR layer's brackets (Article (1}, Article {3}) and a designator misread by one
  or two letters (Artide 3 between Article 2 and Article 4);
- a running foot of three lines whose page number changes its spacing (13 -9, 13 - 10);
- a decree page in text, then the treaty scanned: refused, not imported as the treaty.
"""

from __future__ import annotations

import io

import pytest
from _documents import DEJAVU, lines_pdf

from treatycmp.errors import TreatyFileError
from treatycmp.formats.headings import read_heading
from treatycmp.formats.importing import import_text
from treatycmp.formats.ocr_headings import misread_heading
from treatycmp.formats.pdf import pdf_blocks
from treatycmp.formats.segment import Meta

fpdf = pytest.importorskip("fpdf")
# The first words of Article 1 of the 2024 Azerbaijan-Turkey water agreement (its
# dotless i and soft g written as escapes).
AZ_SENTENCE = (
    "Bu Saziş Tərəflər aras\u0131nda su sahəsində əməkdaşl\u0131\u011f\u0131 genişləndirmək"
)


def _numbers(text: str) -> list[str]:
    treaty = import_text(text, treaty_id="t", meta=Meta(complete=True))
    return [a.number for a in treaty.article_list]


def test_glyph_by_glyph_words_keep_their_drawn_spaces() -> None:
    if not (DEJAVU / "DejaVuSans.ttf").is_file():
        pytest.skip("no DejaVu font to embed here")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(DEJAVU / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    lines = [
        "Maddə 1",
        "Məqsəd",
        AZ_SENTENCE,
    ]
    for row, line in enumerate(lines):
        x = 20.0
        for char in line:  # each glyph, the spaces too, drawn on its own
            pdf.text(x, 30 + 8 * row, char)
            x += pdf.get_string_width(char)
    texts = [b.text for b in pdf_blocks(bytes(pdf.output()), "t.pdf")]
    assert texts[0] == "Maddə 1"
    assert AZ_SENTENCE in " ".join(texts)


@pytest.mark.parametrize(
    ("line", "number"),
    [("Maddə 1", "1"), ("MADDE 12", "12"), ("Article (1}", "1"), ("Article {3}", "3")],
)
def test_gazette_and_ocr_headings(line: str, number: str) -> None:
    heading = read_heading(line)
    assert heading is not None
    assert heading.number == number


def test_a_designator_misread_by_ocr_is_a_heading_only_in_sequence() -> None:
    body = "The Parties shall cooperate in the field of water."
    text = f"Article 1\n{body}\nArticle 2\n{body}\nArtide 3\n{body}\nArticle 4\n{body}\n"
    assert _numbers(text) == ["1", "2", "3", "4"]
    assert misread_heading("Artide 5", "Article 2", "2") is None  # not the next number
    assert misread_heading("Partie 3", "Article 2", "2") is None  # another word
    assert misread_heading("Arcade 3", "Article 2", "2") is None


def test_a_three_line_running_foot_with_page_numbers_spaced_apart() -> None:
    body = ["Article {n}", "The Parties shall exchange information on floods."]
    pages = [
        [*(x.format(n=n) for x in body), "", "", "", "ANDLASMA", "567 DIZGI-FILM", foot]
        for n, foot in enumerate(["13 -1", "13 -2", "13 -3", "13 - 10", "13 - 11"], start=1)
    ]
    texts = " ".join(b.text for b in pdf_blocks(lines_pdf(pages), "t.pdf"))
    assert "ANDLASMA" not in texts
    assert "DIZGI" not in texts
    assert "13 - 1" not in texts


def _scanned_page() -> io.BytesIO:
    """A page-sized picture (PNG), as a scanner gives a page."""
    image = pytest.importorskip("PIL.Image")
    picture = io.BytesIO()
    image.new("RGB", (200, 280), "white").save(picture, format="PNG")
    return picture


def test_a_decree_page_then_scanned_pages_is_refused() -> None:
    picture = _scanned_page()
    pdf = fpdf.FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    for row in range(30):
        pdf.text(20, 20 + 8 * row, "The decree approving the agreement signed on 21 October 2018.")
    for page in range(2, 8):
        pdf.add_page()
        pdf.text(20, 10, f"Andlasma 2017-10682 Dizgi-Film 7 - {page}")
        pdf.image(io.BytesIO(picture.getvalue()), x=20, y=20, w=170)
    with pytest.raises(TreatyFileError, match=r"6 of its 7 pages are images \(a scan\): pages 2-7"):
        pdf_blocks(bytes(pdf.output()), "t.pdf")


def test_a_scanned_page_among_pages_of_text_is_named() -> None:
    """A minority of scanned pages passes, but is said: their words are not imported."""
    picture = _scanned_page()
    pdf = fpdf.FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    for page in range(1, 5):
        pdf.add_page()
        if page == 3:  # a scanned annex page: an image and a running head
            pdf.text(20, 10, "Annex")
            pdf.image(io.BytesIO(picture.getvalue()), x=20, y=20, w=170)
            continue
        for row in range(30):  # lines that differ in more than digits (else furniture)
            pdf.text(20, 20 + 8 * row, f"Clause {'ABCDE'[page]}{chr(97 + row)} is text.")
    said: list[str] = []
    blocks = pdf_blocks(bytes(pdf.output()), "t.pdf", warnings=said)
    assert "Clause Ed is text." in " ".join(b.text for b in blocks)
    assert len(said) == 1
    assert said[0].startswith("t.pdf: words in images are not imported (page 3: an image")
    said.clear()
    pdf_blocks(
        lines_pdf([["Article 1", "The Parties shall cooperate."], ["Article 2", "They consult."]]),
        "t.pdf",
        warnings=said,
    )
    assert said == []  # no image, no running head: no warning


def test_a_repeated_line_left_out_as_a_running_head_is_named_and_a_long_one_kept() -> None:
    """Lines that differ only in digits at the edge of half the pages or more are left out
    as running heads or feet, and named in a warning; a line longer than a head is text."""
    long = "The Parties shall cooperate in the fields set out in the Annex {n} to this Agreement."
    pages = [
        [f"Article {n}", f"Short line {n} here.", long.format(n=n), f"Body {'ABCDE'[n]} alone."]
        for n in range(1, 5)
    ]
    said: list[str] = []
    text = " ".join(b.text for b in pdf_blocks(lines_pdf(pages), "t.pdf", warnings=said))
    assert "Short line" not in text
    assert "fields set out in the Annex 3" in text  # 16 words: not a head
    assert said == [
        "t.pdf: left out as running heads or feet (at the page edges of half the pages or "
        "more): 'Short line 1 here.'"
    ]
