"""Importing documents: sniffing, the PDF, Word, web-page and Akoma Ntoso readers, stdin.

Round trips run on real texts: the bundled North Atlantic Treaty and the whole
UN Charter (111 articles, from open-treaties), written out by the fixture
generators of ``_documents.py`` and read back to the same articles, paragraphs
and words.
"""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest
import yaml
from _documents import (
    DEJAVU,
    encrypted_pdf,
    image_pdf,
    lines_pdf,
    to_docx,
    to_html,
    to_html_busy,
    to_html_lines,
    to_pdf,
    to_pdf_reportlab,
    two_column_docx,
    two_column_pdf,
    un_charter,
)
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from treatycmp.cli import cli
from treatycmp.corpus import Corpus
from treatycmp.errors import TreatyFileError
from treatycmp.formats.akn import akn_problems, treaty_from_akn, treaty_to_akn
from treatycmp.formats.documents import read_document
from treatycmp.formats.pdf import pdf_blocks
from treatycmp.formats.segment import NO_HEADINGS_GAP, Block, Meta, segment
from treatycmp.formats.sniff import sniff
from treatycmp.formats.treaty_writer import treaty_to_dict
from treatycmp.formats.treaty_yaml import load_treaty
from treatycmp.model import Article, Paragraph, Source, Treaty, paragraph_id

# The OASIS schema is not shipped; the test runs where a copy is (see docs/format.md).
AKN_XSD = Path(os.environ.get("TREATYCMP_AKN_XSD", "/tmp/akn-schema/akomantoso30.xsd"))


def run(runner: CliRunner, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _shape(t: Treaty) -> tuple[list[tuple[str, list[list[str]]]], list[list[str]]]:
    """Articles with their paragraphs' words (gaps by reason), and the preamble's words."""
    articles = [
        (a.number, [p.text.split() if not p.is_gap else ["GAP", p.gap or ""] for p in a.paragraphs])
        for a in t.article_list
    ]
    return articles, [p.text.split() for p in t.preamble]


def _charter(corpus: Corpus) -> Treaty | None:
    """The whole UN Charter: bundled, else built from open-treaties' JSON, else None."""
    if "un-charter-1945" in corpus.ids:
        return corpus.get("un-charter-1945")
    return un_charter()


def _treaties(corpus: Corpus) -> list[Treaty]:
    """NATO; the UN Charter (111 articles); ANZUS (a title over two lines, ARTICLE I)."""
    charter = _charter(corpus)
    anzus = [corpus.get("anzus-1951")] if "anzus-1951" in corpus.ids else []
    return [corpus.get("north-atlantic-1949"), *([charter] if charter else []), *anzus]


# Documents whose title is not marked as a heading: the user names it (--title).
UNSTYLED = ("docx-unstyled", "html-divs")
WRITERS: dict[str, Callable[[Treaty], bytes]] = {
    "pdf": to_pdf,
    "pdf-justified": lambda t: to_pdf(t, justify=True),
    "pdf-reportlab": to_pdf_reportlab,
    "docx": to_docx,
    "docx-unstyled": lambda t: to_docx(t, styled=False),
    "html": to_html,
    "html-divs": lambda t: to_html(t, tags="divs"),
    "html-br-lines": to_html_lines,
    "html-busy": to_html_busy,
    "akn": lambda t: treaty_to_akn(t).encode("utf-8"),
}


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_round_trip_keeps_articles_paragraphs_and_words(corpus: Corpus, kind: str) -> None:
    treaties = _treaties(corpus)
    assert _charter(corpus) is None or len(treaties[1].article_list) == 111
    for treaty in treaties:
        data = WRITERS[kind](treaty)
        # An unstyled document cannot tell its title from its first line: the user names it.
        meta = Meta(title=treaty.title) if kind in UNSTYLED else Meta()
        back = read_document(data, f"t.{kind}", treaty_id=treaty.id, meta=meta)
        assert _shape(back) == _shape(treaty), (kind, treaty.id)
        assert back.title == treaty.title
        assert back.completeness == treaty.completeness


# Bundled texts whose structure a document cannot carry: the reader is not at fault.
NOT_DOCUMENT_SHAPED = {
    "seato-1954": "its Protocol is an unnumbered part with no heading that says where it starts",
    "us-philippines-1951": "gaps after Article IV stand for articles, not a paragraph",
    "russia-dprk-2000": "the whole text is one gap, kept as an article gap",
    "dprk-russia-2024@ru": "fragments of unknown article number",
}
READERS_OVER_THE_CORPUS = ("docx", "html-br-lines", "pdf-reportlab")


@pytest.mark.parametrize("kind", READERS_OVER_THE_CORPUS)
def test_every_bundled_text_round_trips(corpus: Corpus, kind: str) -> None:
    checked = 0
    for treaty in corpus.treaties:
        if treaty.id in NOT_DOCUMENT_SHAPED:
            continue
        text = " ".join(c.text for c in treaty.clauses()) + treaty.title
        if kind.startswith("pdf") and not text.isascii() and not _latin1(text):
            continue  # the PDF fixtures' core fonts hold Latin-1 only
        meta = Meta(language=treaty.language)
        back = read_document(WRITERS[kind](treaty), f"t.{kind}", treaty_id="x", meta=meta)
        assert _shape(back) == _shape(treaty), (kind, treaty.id)
        assert _paras(back.closing) == _paras(treaty.closing), (kind, treaty.id)
        checked += 1
    assert checked >= 10


def _paras(paragraphs: tuple[Paragraph, ...]) -> list[list[str]]:
    return [p.text.split() if not p.is_gap else ["GAP", p.gap or ""] for p in paragraphs]


def _latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def test_akn_round_trip_keeps_every_field_of_every_bundled_treaty(corpus: Corpus) -> None:
    for treaty in corpus.treaties:
        text = treaty_to_akn(treaty)
        assert akn_problems(text) == [], treaty.id
        back = treaty_from_akn(text.encode("utf-8"), "t.xml")
        assert treaty_to_dict(back) == treaty_to_dict(treaty), treaty.id


@pytest.mark.skipif(not AKN_XSD.is_file(), reason="the OASIS Akoma Ntoso schema is not at hand")
def test_akn_we_write_validates_against_the_oasis_schema(corpus: Corpus) -> None:
    etree = pytest.importorskip("lxml.etree")
    schema = etree.XMLSchema(etree.parse(str(AKN_XSD)))
    for treaty in corpus.treaties:
        doc = etree.fromstring(treaty_to_akn(treaty).encode("utf-8"))
        assert schema.validate(doc), (treaty.id, str(schema.error_log.last_error))


@pytest.mark.skipif(not AKN_XSD.is_file(), reason="the OASIS Akoma Ntoso schema is not at hand")
def test_export_checks_against_a_schema(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("lxml.etree")
    out = tmp_path / "nato.xml"
    code, _, err = run(runner, "export", "nato", "--schema", str(AKN_XSD), "-o", str(out))
    assert code == 0, err
    strict = tmp_path / "strict.xsd"  # a schema that knows no <akomaNtoso>
    strict.write_text(
        '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
        'targetNamespace="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">'
        '<xsd:element name="other"/></xsd:schema>',
        encoding="utf-8",
    )
    code, out_text, err = run(runner, "export", "nato", "--schema", str(strict))
    assert code == 2
    assert out_text == ""
    assert err.startswith("treatycmp: error: north-atlantic-1949 as Akoma Ntoso:2: Element")
    assert err.count("\n") == 1


@pytest.mark.skipif(
    not (DEJAVU / "DejaVuSans.ttf").is_file(), reason="no DejaVu font to embed here"
)
def test_russian_pdf_with_an_embedded_font_round_trips(corpus: Corpus) -> None:
    treaty = corpus.get("csto-1992@ru")
    data = to_pdf(treaty, unicode_font=True)
    back = read_document(data, "t.pdf", treaty_id="x", meta=Meta(language="ru"))
    assert _shape(back) == _shape(treaty)
    assert [a.label for a in back.article_list] == [a.label for a in treaty.article_list]


def test_import_pdf_through_the_cli(runner: CliRunner, corpus: Corpus, tmp_path: Path) -> None:
    nato = corpus.get("nato")
    src = tmp_path / "treaty.pdf"
    src.write_bytes(to_pdf(nato))
    out = tmp_path / "nato.yaml"
    code, _, err = run(
        runner, "import", str(src), "--id", "nato-copy", "--parties", "Belgium; Canada",
        "--signed", "Washington, 4 April 1949", "-o", str(out),
    )  # fmt: skip
    assert code == 0, err
    back = load_treaty(out)
    assert _shape(back) == _shape(nato)
    assert back.parties == ("Belgium", "Canada")
    assert (back.signed, back.place) == ("1949-04-04", "Washington")
    assert not back.source.official
    assert "United Nations - Treaty Series" not in out.read_text(encoding="utf-8")


def test_export_akn_then_import_it(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "nato.xml"
    code, _, err = run(runner, "export", "nato", "-o", str(out))
    assert code == 0, err
    assert '<article eId="art_5">' in out.read_text(encoding="utf-8")
    code, text, err = run(runner, "import", str(out))
    assert code == 0, err
    assert "id: north-atlantic-1949" in text


def test_an_export_imported_under_a_new_id_leaves_the_aliases_behind(
    runner: CliRunner, tmp_path: Path
) -> None:
    """``import nato.xml --id nato2`` must not claim ``nato`` for the copy: with the
    copy in --corpus, 'nato' would be ambiguous and every command naming it fail.
    """
    out = tmp_path / "nato.xml"
    assert run(runner, "export", "nato", "-o", str(out))[0] == 0
    same = treaty_from_akn(out.read_bytes(), "nato.xml")
    assert "nato" in same.aliases
    copy_dir = tmp_path / "corpus"
    copy_dir.mkdir()
    code, _, err = run(
        runner, "import", str(out), "--id", "nato2", "-o", str(copy_dir / "nato2.yaml")
    )
    assert code == 0, err
    copy = yaml.safe_load((copy_dir / "nato2.yaml").read_text(encoding="utf-8"))
    assert copy["id"] == "nato2"
    assert not copy.get("aliases")
    code, text, err = run(runner, "show", "nato", "--corpus", str(copy_dir), "-f", "json")
    assert code == 0, err
    assert '"north-atlantic-1949"' in text


def test_styled_headings_become_captions_and_chapters() -> None:
    blocks = [
        Block("A Treaty", heading=True),
        Block("The Parties agree as follows:"),
        Block("Part One", heading=True),
        Block("General Provisions", heading=True),
        Block("Article 1", heading=True),
        Block("Purposes", heading=True),
        Block("The Parties shall consult."),
        Block("Final Provisions", heading=True),
        Block("Article 2"),
        Block("It enters into force at once."),
    ]
    t = segment(blocks, treaty_id="t", path="t.docx", meta=Meta())
    first, second = t.article_list
    assert t.title == "A Treaty"
    assert [p.text for p in t.preamble] == ["The Parties agree as follows:"]
    assert (first.heading, first.chapter) == ("Purposes", "Part One: General Provisions")
    assert [p.text for p in first.paragraphs] == ["The Parties shall consult."]
    assert (second.heading, second.chapter) == (None, "Final Provisions")


def test_run_in_article_headings_are_split_from_their_words() -> None:
    blocks = [
        Block("Article 1. The Parties shall consult."),
        Block("Article 2: \u201cAggression\u201d means an armed attack."),
        Block("Article 3 of the Charter applies."),
    ]
    t = segment(blocks, treaty_id="t", path="t.txt", meta=Meta())
    assert [(a.number, a.label) for a in t.article_list] == [
        ("1", "Article 1."),
        ("2", "Article 2:"),
    ]
    assert [p.text for p in t.article_list[1].paragraphs] == [
        "\u201cAggression\u201d means an armed attack.",
        "Article 3 of the Charter applies.",
    ]


# --- sniffing -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (b"%PDF-1.4\n...", "pdf"),
        (b"<!DOCTYPE html>\n<html><body><p>x</p></body></html>", "html"),
        (b"<p>Article 1</p><p>Text.</p>", "html"),
        (b'<?xml version="1.0"?>\n<akomaNtoso xmlns="x"><act/></akomaNtoso>', "akn"),
        (b'<?xml version="1.0"?>\n<!-- c --><treaty><meta/></treaty>', "tota"),
        (b"<foo/>", "xml"),
        (b"# Parties: A; B\nArticle 1\nText.", "text"),
        (b"\xd0\xcf\x11\xe0rest", "doc"),
        (b"PK\x03\x04broken", "zip"),
    ],
)
def test_sniff(data: bytes, fmt: str) -> None:
    assert sniff(data) == fmt


def test_sniff_docx(corpus: Corpus) -> None:
    assert sniff(to_docx(corpus.get("nato"))) == "docx"


def test_a_pdf_is_called_a_pdf(runner: CliRunner, corpus: Corpus, tmp_path: Path) -> None:
    src = tmp_path / "treaty.txt"
    src.write_bytes(to_pdf(corpus.get("nato")))
    code, out, err = run(runner, "import", str(src), "--id", "x", "--from", "text")
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert "treaty.txt: is a PDF, not plain text. Fix: use --from pdf" in err


# --- PDF ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "write", "message"),
    [
        ("unts.pdf", two_column_pdf, "page 1 has two columns"),
        ("bilingual.docx", two_column_docx, "table 1 sets two texts side by side"),
    ],
)
def test_two_texts_side_by_side_are_detected_and_a_column_read(
    runner: CliRunner,
    tmp_path: Path,
    name: str,
    write: Callable[[list[str], list[str]], bytes],
    message: str,
) -> None:
    """A two-column PDF page (the UNTS) or a Word table with two texts side by side."""
    english = ["Article 1", "The Parties shall consult together.", "Article 2", "They agree."]
    french = ["Article premier", "Les Parties se consulteront.", "Article 2", "Elles conviennent."]
    src = tmp_path / name
    src.write_bytes(write(english, french))
    code, _, err = run(runner, "import", str(src), "--id", "x")
    assert code == 2
    assert err.count("\n") == 1
    assert message in err
    assert "--column 1" in err
    code, out, err = run(runner, "import", str(src), "--id", "x", "--column", "1")
    assert code == 0, err
    assert "The Parties shall consult together." in out
    assert "Parties se" not in out
    code, out, err = run(
        runner, "import", str(src), "--id", "x", "--column", "2", "--language", "fr"
    )
    assert code == 0, err
    assert "Les Parties se consulteront." in out
    assert "consult together" not in out


def test_pdf_joins_hyphenation_and_drops_running_heads_and_page_numbers() -> None:
    head = "TREATY SERIES 1949"
    pages = [
        [head, "", "Article 1", "", "The Parties undertake to settle any inter-",
         "national dispute by peaceful means, with self-", "defence kept as in the",
         "self-defence clause.", "", "", "", "- 1 -"],
        [head, "", "Article 2", "", "They shall consult.", "", "", "", "", "", "", "- 2 -"],
    ]  # fmt: skip
    blocks = pdf_blocks(lines_pdf(pages), "t.pdf")
    texts = [b.text for b in blocks]
    assert texts == [
        "Article 1",
        "The Parties undertake to settle any international dispute by peaceful means, with "
        "self-defence kept as in the self-defence clause.",
        "Article 2",
        "They shall consult.",
    ]


def test_a_pdf_title_set_with_loose_leading_stays_one_title() -> None:
    """A bold 14 pt title wrapped over two lines 8 mm apart (1.62 times its size):
    its second line ('of Korea') was read as the first paragraph of the preamble.
    """
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 14)
    title = "Mutual Defense Treaty between the United States of America and the Republic of Korea"
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for text in ["The Parties to this Treaty,", "Article I", "The Parties shall consult."]:
        pdf.set_font("Helvetica", "B" if text.startswith("Article") else "", 11)
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    blocks = pdf_blocks(bytes(pdf.output()), "t.pdf")
    assert [(b.text, b.heading) for b in blocks] == [
        (title, True),
        ("The Parties to this Treaty,", False),
        ("Article I", True),
        ("The Parties shall consult.", False),
    ]


def test_html_in_another_encoding_is_read_or_refused_never_replaced(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"></head><body><main><h2>Article 1</h2>'
        "<p>Les Parties s\u2019engagent \u00e0 r\u00e9gler tout diff\u00e9rend.</p>"
        "</main></body></html>"
    )
    t = read_document(page.encode("cp1252"), "p.html", treaty_id="x", meta=Meta())
    assert t.article_list[0].paragraphs[0].text == (
        "Les Parties s\u2019engagent \u00e0 r\u00e9gler tout diff\u00e9rend."
    )
    with pytest.raises(TreatyFileError, match="is not utf-8 text as the page says"):
        read_document(page.replace("windows-1252", "utf-8").encode("cp1252"), "p.html",
                      treaty_id="x", meta=Meta())  # fmt: skip


def test_pypdf_repairs_are_not_logged(corpus: Corpus, caplog: pytest.LogCaptureFixture) -> None:
    """pypdf logs each repair of a damaged file; outside pytest those lines would reach
    stderr around our one-line error."""
    good = to_pdf(corpus.get("nato"))
    half = len(good) // 2
    with caplog.at_level(logging.DEBUG), pytest.raises(TreatyFileError):
        pdf_blocks(good[:half] + good[half + 40 :], "t.pdf")
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []


def test_scanned_pdf_has_no_text_layer(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "scan.pdf"
    src.write_bytes(image_pdf())
    code, _, err = run(runner, "import", str(src), "--id", "x")
    assert code == 2
    assert err.count("\n") == 1
    assert "has no text layer: its pages are images (a scan)" in err
    assert "OCR is not supported" in err


@pytest.mark.parametrize("damage", ["truncated", "spliced", "encrypted"])
def test_damaged_pdf_one_line(
    runner: CliRunner, corpus: Corpus, tmp_path: Path, damage: str
) -> None:
    good = to_pdf(corpus.get("nato"))
    src = tmp_path / "t.pdf"
    half = len(good) // 2
    damaged = {
        "truncated": good[: len(good) // 3],
        # bytes cut out of the middle: pypdf repairs what it can and logs as it goes
        "spliced": good[:half] + good[half + 40 :],
        "encrypted": encrypted_pdf(good),
    }
    src.write_bytes(damaged[damage])
    code, out, err = run(runner, "import", str(src), "--id", "x")
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1
    assert "Traceback" not in err
    assert ("encrypted" in err) == (damage == "encrypted")


# --- Word, web pages, Akoma Ntoso: bad input ------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "args", "message"),
    [
        ("t.docx", b"this is not a zip", ["--from", "docx"], "not a ZIP archive"),
        ("t.docx", b"PK\x03\x04" + b"\x00" * 40, [], "is a ZIP archive, not a Word document"),
        (
            "t.html",
            b"<html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
            [],
            "holds no main text",
        ),
        ("t.xml", b"<?xml version='1.0'?><foo><bar/></foo>", ["--from", "akn"], "not <akomaNtoso>"),
        ("t.xml", b"<akomaNtoso><act><body>", ["--from", "akn"], "not well-formed XML"),
        (
            "t.xml",
            b'<?xml version="1.0" encoding="UTo-8"?><akomaNtoso/>',
            [],
            "unknown encoding: UTo-8",
        ),
        (
            "t.xml",
            b'<?xml version="1.0" encoding="UTo-8"?><treaty/>',
            [],
            "unknown encoding: UTo-8",
        ),
        ("t.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 40, [], "legacy Word (.doc)"),
    ],
)
def test_bad_documents_get_one_line(
    runner: CliRunner, tmp_path: Path, name: str, data: bytes, args: list[str], message: str
) -> None:
    src = tmp_path / name
    src.write_bytes(data)
    code, out, err = run(runner, "import", str(src), "--id", "x", *args)
    assert code == 2, err
    assert out == ""
    assert err.count("\n") == 1, err
    assert message in err
    assert err.startswith(f"treatycmp: error: {src}")


def test_a_zip_bomb_is_refused_before_it_is_opened(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from treatycmp.formats import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_UNPACKED", 1000)
    src = tmp_path / "t.docx"
    src.write_bytes(to_docx(_SMALL))
    code, _, err = run(runner, "import", str(src), "--id", "x")
    assert code == 2
    assert err.count("\n") == 1
    assert "unpacks to" in err


def test_zip_files_zipfile_cannot_read_are_just_zip() -> None:
    # A central directory claiming a ZIP version zipfile does not implement.
    data = bytearray(to_docx(_SMALL))
    end = data.rfind(b"PK\x01\x02")
    data[end + 6] = 178
    assert sniff(bytes(data)) == "zip"


def test_html_scripts_and_styles_never_reach_the_text(corpus: Corpus) -> None:
    t = read_document(to_html(corpus.get("nato")), "p.html", treaty_id="x", meta=Meta())
    text = " ".join(c.text for c in t.clauses())
    assert "tracking" not in text
    assert "Article 99" not in text
    assert "cookies" not in text
    assert "Home" not in text


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch, corpus: Corpus) -> None:
    monkeypatch.setitem(sys.modules, "pypdf", None)
    with pytest.raises(TreatyFileError) as info:
        read_document(to_pdf(corpus.get("nato")), "t.pdf", treaty_id="x", meta=Meta())
    message = str(info.value)
    assert message.count("\n") == 0
    assert "its 'pdf' extra, e.g. pip install '.[pdf]'" in message


# --- what an import claims ------------------------------------------------------


def test_text_without_headings_is_partial_with_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_text("The Parties agree to consult.\nThey shall meet yearly.\n", encoding="utf-8")
    code, out, err = run(runner, "import", str(src), "--id", "t-1")
    assert code == 0, err
    assert "no article headings" in err
    assert "completeness: partial" in out
    assert NO_HEADINGS_GAP in " ".join(out.split())
    code, out, err = run(runner, "import", str(src), "--id", "t-1", "--complete")
    assert code == 0, err
    assert "completeness: complete" in out


def test_import_from_standard_input(runner: CliRunner) -> None:
    text = b"# Parties: Alpha; Beta\nArticle 1\nThey shall consult.\n"
    code, out, err = run(runner, "import", "-", "--id", "piped", stdin=text)
    assert code == 0, err
    assert "id: piped" in out
    assert "They shall consult." in out


def test_diff_reads_one_side_from_standard_input(runner: CliRunner, corpus: Corpus) -> None:
    nato = corpus.get("nato")
    text = treaty_to_akn(nato).encode()
    code, out, err = run(runner, "diff", "-", "nato", "-f", "json", stdin=text)
    assert code == 0, err
    assert '"schema_version"' in out
    code, out, err = run(runner, "diff", "-", "-", stdin=text)
    assert code == 2
    assert out == ""
    assert "standard input" in err
    # beside a clause: it said "give two treaties, or two clauses", naming no culprit
    code, out, err = run(runner, "diff", "-", "nato:4", stdin=text)
    assert code == 2
    assert out == ""
    assert "'-' (standard input) is a whole treaty" in err


def test_diff_reads_a_document_file(runner: CliRunner, corpus: Corpus, tmp_path: Path) -> None:
    src = tmp_path / "Draft Treaty.pdf"
    src.write_bytes(to_pdf(corpus.get("nato")))
    code, out, err = run(runner, "diff", str(src), "nato", "-f", "json")
    assert code == 0, err
    assert '"draft-treaty"' in out


def test_import_of_treaty_yaml_says_so(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "nato.yaml"
    code, out, err = run(runner, "export", "nato", "-f", "yaml", "-o", str(src))
    assert (code, out) == (0, ""), err
    code, out, err = run(runner, "import", str(src), "--id", "x")
    assert (code, out) == (2, "")
    assert "is treaty YAML already" in err


def test_progress_bar_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    from treatycmp.cli.import_cmds import _progress

    update, done = _progress("reading")
    assert update is None
    done()
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    update, done = _progress("reading")
    assert update is not None
    update(5, 10)
    done()


def test_import_never_writes_over_its_source(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    text = "# Parties: A; B\nArticle 1\nText.\n"
    src.write_text(text, encoding="utf-8")
    code, _, err = run(runner, "import", str(src), "--id", "t-1", "-o", str(src), "--force")
    assert code == 2
    assert "is one of this command's inputs" in err
    assert src.read_text(encoding="utf-8") == text


def test_a_tota_file_is_recognised_and_written_into_a_folder(
    runner: CliRunner, tmp_path: Path
) -> None:
    from test_cli_corpus import TOTA_XML

    src = tmp_path / "pta_7.xml"
    src.write_text(TOTA_XML.format(n=7), encoding="utf-8")
    code, _, err = run(runner, "import", str(src), "-o", str(tmp_path / "out") + "/")
    assert code == 0, err
    assert load_treaty(tmp_path / "out" / "tota-pta-7.yaml").id == "tota-pta-7"


def test_utf8_bom_text_is_read(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "t.txt"
    src.write_bytes("\ufeff# Parties: A; B\nArticle 1\nText.\n".encode())
    code, out, err = run(runner, "import", str(src), "--id", "t-1")
    assert code == 0, err
    assert "parties:\n- A\n- B" in out


def test_format_libraries_are_not_imported_by_help_or_the_bundled_diff(tmp_path: Path) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from treatycmp.cli import main\n"
        "for args in (['--help'], ['diff', 'nato', 'us-rok-1953'], ['import', '--help']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n"
        "            main(args)\n"
        "        except SystemExit:\n"
        "            pass\n"
        "heavy = ('pypdf', 'docx', 'readability', 'trafilatura', 'lxml', 'fpdf', 'PIL')\n"
        "loaded = [m for m in heavy if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, cwd=tmp_path)


# --- damaged documents: one clean error, whatever the damage ---------------------

_SMALL = Treaty(
    id="small",
    title="A Small Treaty",
    language="en",
    source=Source(text="test", authentic=False, official=False),
    completeness="complete",
    articles=(
        Article("1", (Paragraph("1", "The Parties shall consult together.", 0),), 0, "Article 1"),
        Article(
            "2", (Paragraph("2", "This Treaty enters into force at once.", 0),), 0, "Article 2"
        ),
    ),
    short_title="Small",
    parties=("Alpha", "Beta"),
)
_BASES = {
    "pdf": to_pdf(_SMALL),
    "docx": to_docx(_SMALL),
    "html": to_html(_SMALL),
    "akn": treaty_to_akn(_SMALL).encode(),
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(sorted(_BASES)),
    cut=st.floats(0.0, 1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8),
)
def test_damaged_documents_raise_only_treaty_file_errors(
    kind: str, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(_BASES[kind][: max(1, int(len(_BASES[kind]) * (0.2 + 0.8 * cut)))])
    for where, byte in flips:
        data[int(where * (len(data) - 1))] = byte
    messages: list[str] = []
    try:
        treaty = read_document(bytes(data), f"t.{kind}", treaty_id="x", meta=Meta())
    except TreatyFileError as exc:
        messages = [str(p) for p in exc.problems]
    else:
        assert treaty.id in ("x", "small")
    assert all("\n" not in m for m in messages)


# --- invariant: whatever the words, a document gives back the treaty it was made from ---

# Words of three letters or more: random one- and two-letter words ("a", "e", "o", "de",
# "do") are the function words of Portuguese or Czech, and a paragraph holding three of
# them is told apart as another language and left out (with a warning), which is the
# language picker at work, not a writer and a reader disagreeing (a known weakness of
# the word-list detector on such text: found by a review with a fixed seed).
_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=9)
_SENTENCE = st.builds(
    lambda first, rest, end: " ".join([first, *rest]) + end,
    st.sampled_from(["The", "Each", "Nothing", "Any", "Measures"]),
    # Treaty-sized paragraphs: a text shorter than a page's menus and notices can
    # lose to them in main-content extraction (docs/format.md, web pages).
    st.lists(_WORDS, min_size=12, max_size=30),
    st.sampled_from([".", ";", ":", ""]),
)


def _generated(articles: tuple[Article, ...], preamble: tuple[Paragraph, ...] = ()) -> Treaty:
    """A generated English treaty of these articles, as the round-trip tests write it."""
    return Treaty(
        id="generated",
        title="A Generated Treaty",
        language="en",
        source=Source(text="test", authentic=False, official=False),
        completeness="complete",
        preamble=preamble,
        articles=articles,
        short_title="Generated",
        parties=("Alpha", "Beta"),
    )


@st.composite
def _treaties_st(draw: st.DrawFn) -> Treaty:
    articles = []
    for n in range(1, draw(st.integers(1, 6)) + 1):
        texts = draw(st.lists(_SENTENCE, min_size=1, max_size=3))
        paras = tuple(
            Paragraph(paragraph_id(str(n), k, len(texts)), t, 0)
            for k, t in enumerate(texts, start=1)
        )
        articles.append(Article(str(n), paras, 0, f"Article {n}"))
    preamble = tuple(
        Paragraph(f"preamble.{k}", t, 0)
        for k, t in enumerate(draw(st.lists(_SENTENCE, max_size=3)), start=1)
    )
    return _generated(tuple(articles), preamble)


def _round_trip(treaty: Treaty, kind: str) -> None:
    meta = Meta(title=treaty.title) if kind in UNSTYLED else Meta()
    back = read_document(WRITERS[kind](treaty), f"t.{kind}", treaty_id="generated", meta=meta)
    assert _shape(back) == _shape(treaty)
    assert back.title == treaty.title


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    treaty=_treaties_st(),
    kind=st.sampled_from(sorted(k for k in WRITERS if not k.startswith("pdf"))),
)
def test_any_treaty_round_trips(treaty: Treaty, kind: str) -> None:
    _round_trip(treaty, kind)


# PDF paragraphs are read from spacing alone: about 1 generated document in 100 still
# comes back with a paragraph break misread (docs/format.md, PDF limits), so this hunt
# runs in the slow tier rather than failing CI by chance. The real texts' PDF round
# trips (test_round_trip_keeps_articles_paragraphs_and_words, and every bundled text
# through reportlab) run in every CI.
@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    treaty=_treaties_st(),
    kind=st.sampled_from(sorted(k for k in WRITERS if k.startswith("pdf"))),
)
def test_any_treaty_round_trips_through_pdf(treaty: Treaty, kind: str) -> None:
    # Line spacing is read from paragraphs that wrap, where it repeats: a text of
    # fewer than two wrapped lines is a documented limit (test_one_line_paragraphs_limit).
    assume(sum(len(c.text) // 120 for c in treaty.clauses("paragraph")) >= 2)
    _round_trip(treaty, kind)


def test_a_short_pdf_keeps_its_body_under_a_running_head() -> None:
    """A running head in small type may hold more characters than a one-article text:
    the body's type size is read away from the page edges."""
    treaty = _generated(
        (Article("1", (Paragraph("1", "The a a a a a a a a a a a a.", 0),), 0, "Article 1"),)
    )
    back = read_document(to_pdf_reportlab(treaty), "t.pdf", treaty_id="generated", meta=Meta())
    assert _shape(back) == _shape(treaty)


def test_a_sentence_repeated_at_page_edges_is_text_not_a_running_head() -> None:
    """A short sentence that opens the first page and closes the second is text: a running
    head or foot stands at one height on every page, this one at two (the slow round-trip
    hunt found such documents losing both copies, or an article left with no text)."""
    same = "The Parties shall consult each other without delay."
    filler = [
        f"The Parties shall take measures number {k} to promote co-operation in the field "
        f"of {w} and shall report on them to the Council every year in writing."
        for k, w in enumerate(["trade", "culture", "science", "health"] * 6, start=1)
    ]
    articles = tuple(
        Article(
            str(n),
            tuple(Paragraph(f"{n}.{k}", t, 0) for k, t in enumerate(chunk, 1)),
            0,
            f"Article {n}",
        )
        for n, chunk in enumerate([filler[i : i + 4] for i in range(0, 24, 4)] + [[same]], start=1)
    )
    treaty = _generated(articles, (Paragraph("preamble.1", same, 0),))
    pdf = to_pdf_reportlab(treaty)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 2  # both copies at a page edge
    back = read_document(pdf, "t.pdf", treaty_id="generated", meta=Meta())
    assert _shape(back) == _shape(treaty)


@pytest.mark.xfail(
    strict=True,
    reason="documented limit (docs/format.md, PDF): in a text whose paragraphs are all one "
    "line, paragraph spacing under about 2.2 times the type size reads as line spacing",
)
def test_one_line_paragraphs_limit() -> None:
    paras = tuple(
        Paragraph(f"1.{k}", f"Each party shall notify the other party {w}.", 0)
        for k, w in ((1, "in writing"), (2, "by letter"))
    )
    treaty = _generated((Article("1", paras, 0, "Article 1"),))
    back = read_document(to_pdf_reportlab(treaty), "t.pdf", treaty_id="generated", meta=Meta())
    assert _shape(back) == _shape(treaty)
