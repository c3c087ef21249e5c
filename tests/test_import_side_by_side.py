"""Issue 21: ``--language`` picks one text of a document that sets two side by side.

A Word table with the English text in one column and the Russian in the other, and
a PDF page in two columns (as the UN Treaty Series prints a treaty beside its
translation), made with python-docx and fpdf2 (not by treatycmp's writers) from the
Collective Security Treaty of 1992, Article 1 (../shared/sources: 1992-csto.txt and
1992-csto.ru.txt). Without ``--language`` or ``--column`` the import still stops and
names both fixes.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from _documents import DEJAVU
from click.testing import CliRunner

from treatycmp.cli import cli

ENGLISH = [
    "Article 1",
    "The States Parties shall confirm the obligation to restrain from threat or use of force "
    "in the inter-state relations. They shall undertake to settle all the differences among "
    "them and with other states by peaceful means.",
    "The States Parties will not enter any military alliances or take part in any groupings "
    "of states as well as in actions directed against some other State Party.",
]
RUSSIAN = [
    "Статья 1",
    "Государства - участники подтверждают обязательство воздерживаться от применения силы "
    "или угрозы силой в межгосударственных отношениях. Они обязуются разрешать все "
    "разногласия между собой и с другими государствами мирными средствами.",  # noqa: RUF001
    "Государства - участники не будут вступать в военные союзы или принимать участие в "
    "каких-либо группировках государств, а также в действиях, направленных против другого "  # noqa: RUF001
    "государства - участника.",
]


def _pdf() -> Any:
    """An A4 fpdf2 document set in DejaVu Sans 10 (it writes Cyrillic); skips without fpdf2
    or the font."""
    fpdf = pytest.importorskip("fpdf")
    if not (DEJAVU / "DejaVuSans.ttf").is_file():
        pytest.skip("no DejaVu font to embed here")
    pdf = fpdf.FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(DEJAVU / "DejaVuSans.ttf"))
    pdf.set_font("DejaVu", size=10)
    return pdf


def _word_table() -> bytes:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    table = document.add_table(rows=0, cols=2)
    for left, right in zip(ENGLISH, RUSSIAN, strict=True):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = left, right
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _side_by_side(pdf: Any, y: float, left: list[str], right: list[str]) -> None:
    """``left`` and ``right`` paragraph by paragraph in two columns from ``y`` down."""
    for paragraphs in zip(left, right, strict=True):
        bottom = y
        for x, text in zip((15.0, 110.0), paragraphs, strict=True):
            pdf.set_xy(x, y)
            pdf.multi_cell(85, 5, text)
            bottom = max(bottom, pdf.get_y())
        y = bottom + 5


def _two_column_pdf() -> bytes:
    pdf = _pdf()
    pdf.add_page()
    _side_by_side(pdf, 20.0, ENGLISH, RUSSIAN)
    return bytes(pdf.output())


@pytest.mark.parametrize("make", [_word_table, _two_column_pdf], ids=["docx", "pdf"])
@pytest.mark.parametrize(
    ("language", "label", "first", "other"),
    [
        ("en", "Article 1", ENGLISH[1], "Государства"),
        ("ru", "Статья 1", RUSSIAN[1], "States Parties"),
    ],
)
def test_language_picks_the_column_in_that_language(
    tmp_path: Path,
    runner: CliRunner,
    make: object,
    language: str,
    label: str,
    first: str,
    other: str,
) -> None:
    assert callable(make)
    src = tmp_path / ("t.docx" if make is _word_table else "t.pdf")
    src.write_bytes(make())
    out = runner.invoke(cli, ["import", str(src), "--id", "t", "--language", language])
    assert out.exit_code == 0, out.stderr
    doc = yaml.safe_load(out.stdout)
    assert doc["language"] == language
    assert [a["label"] for a in doc["articles"]] == [label]
    assert doc["articles"][0]["paragraphs"][0] == first
    assert other not in out.stdout
    assert f"the text in {language}" in out.stderr


@pytest.mark.parametrize("make", [_word_table, _two_column_pdf], ids=["docx", "pdf"])
def test_without_a_language_or_a_column_it_stops(
    tmp_path: Path, runner: CliRunner, make: object
) -> None:
    assert callable(make)
    src = tmp_path / ("t.docx" if make is _word_table else "t.pdf")
    src.write_bytes(make())
    out = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == 2
    assert "--column 1 or --column 2" in out.stderr
    other = runner.invoke(cli, ["import", str(src), "--id", "t", "--language", "fr"])
    assert other.exit_code == 2  # neither column is French: the refusal stands
    assert "--column 1 or --column 2" in other.stderr


def test_only_the_column_read_gives_its_warnings(tmp_path: Path, runner: CliRunner) -> None:
    """Each column tried for ``--language`` is a whole read: a warning of the PDF (here
    its scanned last page) is said once, for the column kept, not once per try."""
    fpdf = pytest.importorskip("fpdf")
    image = pytest.importorskip("PIL.Image")
    reader = pytest.importorskip("pypdf")
    picture = io.BytesIO()
    image.new("RGB", (200, 280), "white").save(picture, format="PNG")
    scan = fpdf.FPDF(format="A4")
    scan.add_page()
    scan.image(io.BytesIO(picture.getvalue()), x=20, y=20, w=170)
    writer = reader.PdfWriter()
    for part in (_two_column_pdf(), bytes(scan.output())):
        writer.append(reader.PdfReader(io.BytesIO(part)))
    src = tmp_path / "t.pdf"
    with src.open("wb") as out_file:
        writer.write(out_file)
    out = runner.invoke(cli, ["import", str(src), "--id", "t", "--language", "ru"])
    assert out.exit_code == 0, out.stderr
    assert yaml.safe_load(out.stdout)["articles"][0]["paragraphs"][0] == RUSSIAN[1]
    assert out.stderr.count("not imported (page 2:") == 1, out.stderr
    assert "the text in ru" in out.stderr


def _agreement_with_a_table_page(pages: int, table_pages: set[int]) -> bytes:
    """A single-column agreement of ``pages`` pages, an article a page, where the pages
    in ``table_pages`` hold a table of three columns (as the AANZFTA's appendix of
    transitional arrangements, pages 133-135 of 249, prints one)."""
    pdf = _pdf()
    words = " ".join(ENGLISH[1:]).split()
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_y(20.0)
        # Lines that differ from page to page around the article: no running head.
        for k in range(3):
            pdf.set_x(15.0)
            pdf.multi_cell(180, 5, " ".join(words[n + 3 * k : n + 3 * k + 9]) + ".")
            pdf.ln(5)
        for text in (f"Article {n}", ENGLISH[1], ENGLISH[2]):
            pdf.set_x(15.0)
            pdf.multi_cell(180, 5, text)
            pdf.ln(5)
        if n in table_pages:
            top = pdf.get_y() + 10
            for row in range(8):
                for x, cell in ((15.0, "Party"), (80.0, "Obligation to apply"), (140.0, "2009")):
                    pdf.set_xy(x, top + row * 10)
                    pdf.cell(50, 5, f"{cell} {row}")
            pdf.set_y(top + 90)
        for k in range(3):
            pdf.set_x(15.0)
            pdf.multi_cell(180, 5, " ".join(words[2 * n + k : 2 * n + k + 7]) + ".")
            pdf.ln(5)
    return bytes(pdf.output())


def test_a_few_table_pages_in_a_long_document_are_read_across(
    tmp_path: Path, runner: CliRunner
) -> None:
    src = tmp_path / "t.pdf"
    src.write_bytes(_agreement_with_a_table_page(12, {7}))
    out = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert out.exit_code == 0, out.stderr
    assert [a["label"] for a in yaml.safe_load(out.stdout)["articles"]] == [
        f"Article {n}" for n in range(1, 13)
    ]
    assert "page 7 set in columns among single-column pages (a table?)" in out.stderr
    # Pages in columns throughout a short document are two texts side by side: refused.
    short = tmp_path / "s.pdf"
    short.write_bytes(_agreement_with_a_table_page(3, {1, 2, 3}))
    refused = runner.invoke(cli, ["import", str(short), "--id", "s"])
    assert refused.exit_code == 2
    assert "page 1 has two columns" in refused.stderr


def _long_pdf_with_a_bilingual_page(pages: int, bilingual: int) -> bytes:
    """``pages`` one-column pages of English articles (words differing from page to
    page: no running head); page ``bilingual`` sets its article's English beside the
    Russian, as a treaty series prints a text and its translation."""
    pdf = _pdf()
    words = " ".join(ENGLISH[1:]).split()
    for n in range(1, pages + 1):
        pdf.add_page()
        pdf.set_xy(15.0, 20.0)
        pdf.multi_cell(180, 5, f"Article {n}")
        y = pdf.get_y() + 5
        if n != bilingual:
            for k in range(3):
                pdf.set_xy(15.0, y)
                pdf.multi_cell(180, 5, " ".join(words[n + 5 * k : n + 5 * k + 12]) + ".")
                y = pdf.get_y() + 5
            continue
        _side_by_side(pdf, y, ENGLISH[1:], RUSSIAN[1:])
    return bytes(pdf.output())


def _words(treaty_yaml: str) -> str:
    doc = yaml.safe_load(treaty_yaml)
    return " ".join(p for a in doc["articles"] for p in a["paragraphs"])


def test_language_picks_the_column_of_a_few_bilingual_pages(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A few column pages in a long PDF are read across as tables, unless ``--language``
    is given: then the column in that language is read, as for a side-by-side document
    (the review of the fifth import round: both languages came out mixed)."""
    src = tmp_path / "t.pdf"
    src.write_bytes(_long_pdf_with_a_bilingual_page(12, 7))
    across = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert "page 7 set in columns" in across.stderr  # read across, the two languages mixed
    picked = runner.invoke(cli, ["import", str(src), "--id", "t", "--language", "en"])
    assert picked.exit_code == 0, picked.stderr
    assert "Государства" not in _words(picked.stdout)
    assert "set in columns" not in picked.stderr
    assert "the text in en" in picked.stderr
    labels = [a["label"] for a in yaml.safe_load(picked.stdout)["articles"]]
    assert labels == [f"Article {n}" for n in range(1, 13)]
