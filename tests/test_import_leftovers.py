"""Issue 21's leftovers, by kind (short synthetic lines written for the test): OCR digits
read as letters, an annex kept as closing text, chapters numbered again inside parts,
exchanges of notes without article headings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from treatycmp.cli import cli
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
    # "Article IS" after Article 14 (the OCR of 15: ggo-pp04sa-1976): read as the next
    # article, its number kept as printed (as every number is), and said.
    text = "".join(f"Article {n}\n{BODY}\n" for n in range(1, 15)) + f"Article IS\n{BODY}\n"
    numbers, warnings = _articles(text)
    assert numbers == [*(str(n) for n in range(1, 15)), "IS"]
    assert any("'Article IS' as the article after 14" in w for w in warnings)
    assert not any("kept as text" in w for w in warnings)


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


@pytest.mark.parametrize(
    "annex",
    [
        "ANNEX\nLIST OF GOODS\n1. Cereals.\n2. Fish.",
        "Annex I - Rules of Procedure\nThe Commission meets once a year.",
        "ANNEX ON FINANCIAL SERVICES\nThis Annex applies to banks.",
        "Anlage 2\nVerzeichnis der Waren.",
        "SCHEDULE\nTariff lines.",
    ],
)
def test_an_annex_after_the_last_article_is_the_closings_text(annex: str) -> None:
    # No closing formula before it: the annex is not the last article's text, nor lost.
    text = f"Article 1\n{BODY}\nArticle 2\n{BODY}\n{annex}\n"
    treaty, warnings = _read(text)
    assert [p.text for p in treaty.article_list[-1].paragraphs] == [BODY]  # type: ignore[attr-defined]
    assert [p.text for p in treaty.closing] == annex.split("\n")  # type: ignore[attr-defined]
    assert any("kept as the closing's text" in w for w in warnings)


def test_a_reference_to_an_annex_at_the_start_of_a_line_stays_text() -> None:
    text = f"Article 1\n{BODY}\nAnnex I to this Agreement forms an integral part of it.\n"
    treaty, _ = _read(text)
    assert len(treaty.article_list[0].paragraphs) == 2  # type: ignore[attr-defined]
    assert not treaty.closing  # type: ignore[attr-defined]


def test_an_annex_with_its_own_articles_after_its_heading_stays_closing_text() -> None:
    text = f"Article 1\n{BODY}\nArticle 2\n{BODY}\nANNEX\nArticle 1\nAnnex text.\n"
    numbers, _ = _articles(text)
    assert numbers == ["1", "2"]


def test_chapters_numbered_again_in_each_part_with_articles_numbered_in_each_chapter() -> None:
    # PART I / CHAPTER 1 / Article 1, 2 / CHAPTER 2 / Article 1 / PART II / CHAPTER 1 ...:
    # each article's id carries its part and chapter (2.1.1), labels stay as printed.
    lines = "PART I|CHAPTER 1|Article 1|-|Article 2|-|CHAPTER 2|Article 1|-|PART II|CHAPTER 1"
    lines += "|Article 1|-|CHAPTER 2|Article 1|-"
    text = "\n".join(BODY if x == "-" else x for x in lines.split("|"))
    treaty, warnings = _read(text)
    articles = treaty.article_list  # type: ignore[attr-defined]
    assert [a.number for a in articles] == ["1.1.1", "1.1.2", "1.2.1", "2.1.1", "2.2.1"]
    assert {a.label for a in articles} == {"Article 1", "Article 2"}
    assert not [w for w in warnings if "words" in w or "kept as text" in w]


def test_chapters_numbered_again_in_each_part_with_articles_numbered_through() -> None:
    # The chapter names repeat (CHAPTER 1 of each part); every chapter line's words count.
    lines = "PART I|Chapter 1|Article 1|-|Chapter 2|Article 2|-|PART II|Chapter 1|Article 3|-"
    lines += "|Chapter 2|Article 4|-"
    text = "\n".join(BODY if x == "-" else x for x in lines.split("|"))
    treaty, _ = _read(text)
    articles = treaty.article_list  # type: ignore[attr-defined]
    assert [a.number for a in articles] == ["1", "2", "3", "4"]
    # The part goes before its first chapter, as a title after a chapter's heading does;
    # it is no text of the article before it (PART II was Article 2's last paragraph).
    assert [a.chapter for a in articles] == [
        "PART I: Chapter 1",
        "Chapter 2",
        "PART II: Chapter 1",
        "Chapter 2",
    ]
    assert [p.text for a in articles for p in a.paragraphs] == [BODY] * 4
    assert not treaty.preamble  # type: ignore[attr-defined]


NOTE = (
    "Excellency,\nI have the honour to refer to the negotiations between our two "
    "Governments on the carriage of goods by road, and to propose the following.\n"
    + "The vehicles of each Party may carry goods between the two countries without a "
    "permit, as long as they comply with the laws of the country they enter.\n"
    * 8
    + "Accept, Excellency, the assurance of my highest consideration.\n"
)


def test_a_long_exchange_of_notes_imports_as_a_preamble_with_a_warning(
    tmp_path: Path, runner: CliRunner
) -> None:
    # Two letters of more than a page and a dozen paragraphs: no articles to find, so
    # imported as the preamble with a warning (docs/format.md), not refused.
    src = tmp_path / "notes.txt"
    src.write_text(NOTE + "Sir,\n" + NOTE, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "n"])
    assert result.exit_code == 0, result.stderr
    assert "no article headings found" in result.stderr
    doc = yaml.safe_load(result.stdout)
    assert doc["completeness"] == "partial"
    assert len(doc["preamble"]) == 23  # every line, none lost


def test_a_long_text_without_articles_and_without_a_sign_of_headings_is_a_preamble(
    tmp_path: Path, runner: CliRunner
) -> None:
    # The refusal is for headings the reader missed: running prose of more than a page
    # with no line shaped like a heading and no designator run in (a treaty of 1871 in
    # paragraphs, issue 21's tenth round) has none to miss. Warned, every line kept.
    src = tmp_path / "t.txt"
    body = "The Parties shall carry goods between the two countries under this text.\n"
    src.write_text("Accept the assurance of my highest consideration.\n" + body * 60)
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 0, result.stderr
    assert "no article headings found" in result.stderr
    assert "read 727 words, kept 727" in result.stderr
    doc = yaml.safe_load(result.stdout)
    assert doc["completeness"] == "partial"
    assert len(doc["preamble"]) == 61


@pytest.mark.parametrize(
    ("evidence", "said"),
    [
        ("Artikulu 1\n{b}Artikulu 2\n{b}", "the lines that look like headings read 'Artikulu N'"),
        ("1. Scope\n{b}3. Terms\n{b}", "the lines that look like headings read 'N. text'"),
        ("(1) Scope.\n{b}(2) Terms.\n{b}", "the lines that look like headings read '(N) text'"),
        # Markup the reader did not take for a heading's (a TPP chapter's '#### Article
        # 6.1: Definitions' in a file not read as markdown) does not hide the shape.
        ("> Article 6.1: Scope\n{b}> Article 6.2: Terms\n{b}", "read 'Article N' (2 lines)"),
        (
            "{b}See Article 1, Article 2 and Article 3 of it.\n",
            "'Article N' run into the text (3 numbers: 1, 2, 3)",
        ),
        # Numbers alone on their lines (an old treaty's I. II., a '- 1 -' centred): the
        # markup stripped from a line's start must not hide them either.
        ("I.\n{b}II.\n{b}", "the lines that look like headings read 'N' alone (2 lines)"),
        ("- 1 -\n{b}- 2 -\n{b}", "the lines that look like headings read 'N' alone (2 lines)"),
        ("(1)\n{b}(2)\n{b}", "the lines that look like headings read 'N' alone (2 lines)"),
        # The designator word with its number in words, in an order the reader does not
        # read (FIRST ARTICLE, BİRİNCİ MADDE, Article the first).
        ("FIRST ARTICLE\n{b}SECOND ARTICLE\n{b}", "read 'W ARTICLE' (2 lines)"),
        ("BİRİNCİ MADDE\n{b}İKİNCİ MADDE\n{b}", "read 'W MADDE' (2 lines)"),
        ("Article the first\n{b}Article the second\n{b}", "read 'Article W W' (2 lines)"),
        # Captions in capitals alone on their lines, each over prose: unnumbered articles'
        # captions (8d2b465 refused them; the no-heading policy had let them through).
        ("{b}SCOPE\n{b}ENTRY INTO FORCE\n{b}", "read 'CAPTION' in capitals alone (2 lines)"),
        # Provisions opened by ordinals the reader does not read as articles.
        ("First. The Parties agree.\n{b}Second. They agree.\n{b}", "read 'First.' ordinals"),
        ("Firstly, the Parties agree.\n{b}Secondly, they agree.\n{b}", "'First.' ordinals"),
        ("FIRST.- The Parties agree.\n{b}SECOND.- They agree.\n{b}", "'First.' ordinals"),
    ],
)
def test_a_long_text_showing_headings_that_were_not_read_is_still_refused(
    tmp_path: Path, runner: CliRunner, evidence: str, said: str
) -> None:
    # Lines shaped like headings, or designators run into the text: a structure that
    # was not read, refused with what was seen and the fix (--allow-partial imports it).
    src = tmp_path / "t.txt"
    body = "The Parties shall carry goods between the two countries under this text.\n" * 50
    src.write_text(evidence.format(b=body), encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 2
    assert "no article heading found" in result.stderr
    assert said in result.stderr
    assert "--allow-partial" in result.stderr
    assert len(result.stderr.strip().splitlines()) <= 2  # the counts line, the error line
    ok = runner.invoke(cli, ["import", str(src), "--id", "t", "--allow-partial"])
    assert ok.exit_code == 0, ok.stderr
    assert "imported as found (--allow-partial)" in ok.stderr


def _letter(paragraphs: str) -> str:
    return (
        "Excellency,\nI have the honour to refer to the negotiations between our two "
        "Governments and to propose the following arrangement.\n"
        + paragraphs
        + "Accept, Excellency, the assurance of my highest consideration.\n"
    )


LONG = (
    "The vehicles of each Party may carry goods between the two countries without a "
    "permit, as long as they comply with the laws of the country they enter.\n"
)


@pytest.mark.parametrize(
    "numbered",
    [
        "".join(f"({n}) {LONG}" for n in (1, 2, 3, 4)),
        f"(1) {LONG}{LONG * 3}(2) {LONG}",  # two only, not read as articles
        f"Firstly, {LONG}Secondly, {LONG}Thirdly, {LONG}",
    ],
)
def test_a_letter_whose_paragraphs_are_numbered_is_a_preamble_with_a_warning(
    tmp_path: Path, runner: CliRunner, numbered: str
) -> None:
    # A letter's (1), (2) paragraphs are its own, not article headings the reader missed
    # (its formulas, two or more, say it is a letter): imported as 8d2b465 did, warned,
    # every line kept, not refused as an unread structure.
    src = tmp_path / "notes.txt"
    src.write_text(_letter(numbered + LONG * 8) + "Sir,\n" + _letter(numbered + LONG * 8))
    result = runner.invoke(cli, ["import", str(src), "--id", "n"])
    assert result.exit_code == 0, result.stderr
    assert "no article headings found" in result.stderr
    doc = yaml.safe_load(result.stdout)
    assert doc["completeness"] == "partial"
    assert len(doc["preamble"]) == len(src.read_text().splitlines())


def test_a_letter_showing_headings_of_another_shape_is_still_refused(
    tmp_path: Path, runner: CliRunner
) -> None:
    # The letter's exemption is for its numbered paragraphs only: lines shaped like
    # headings (an annexed agreement's 'Artikulu N') are refused in a letter as anywhere.
    src = tmp_path / "notes.txt"
    src.write_text(_letter(f"Artikulu 1\n{LONG * 10}Artikulu 2\n{LONG * 10}"))
    result = runner.invoke(cli, ["import", str(src), "--id", "n"])
    assert result.exit_code == 2
    assert "read 'Artikulu N' (2 lines)" in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        # A title in capitals, then one caption: neither is evidence alone.
        "AGREEMENT ON ROADS\n" + LONG * 10 + "FINAL PROVISIONS\n" + LONG * 10,
        # A title over several lines in capitals, a caption said twice, signatures.
        "AGREEMENT ON ROADS\nBETWEEN THE PARTIES\n"
        + LONG * 10
        + "ANNEX\n"
        + LONG * 5
        + "ANNEX\n"
        + LONG * 5
        + "FOR THE FIRST PARTY:\nA. Smith\nFOR THE SECOND PARTY:\n"
        "B. Jones\n",
        # Names in capitals signing, a quotation's last line (the Fort Stanwix proceedings).
        LONG * 20
        + '"We agree to it.\nJOHN BLAIR."\n'
        + LONG
        + 'WILLIAM PENN."\n'
        + LONG
        + "CANAGHQUIESON\nfor the Tuscaroras\nSEQUARUSERA\nfor the Onondagas\nGUASTRAX\n"
        + LONG,
        # First used in a sentence, without a Second.
        "First, the Parties agree as follows.\n" + LONG * 20,
    ],
)
def test_a_title_or_one_caption_in_capitals_is_not_evidence(
    tmp_path: Path, runner: CliRunner, text: str
) -> None:
    src = tmp_path / "t.txt"
    src.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 0, result.stderr
    assert "no article headings found" in result.stderr


def test_captions_in_capitals_are_refused_with_the_fix_naming_them(
    tmp_path: Path, runner: CliRunner
) -> None:
    src = tmp_path / "t.txt"
    captions = ["SCOPE", "DEFINITIONS", "OBLIGATIONS", "ENTRY INTO FORCE"]
    src.write_text("AGREEMENT ON ROADS\n" + LONG + "".join(f"{c}\n{LONG * 5}" for c in captions))
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 2
    assert "'CAPTION' in capitals alone (4 lines)" in result.stderr
    assert "'Article N' on a line of its own above its caption" in result.stderr


@pytest.mark.parametrize(
    "closing",
    [
        "EN FOI DE QUOI, les soussignés ont signé le présent Accord.",
        "Fait à Paris, le 1er mai 2000, en deux exemplaires.",
        "EN FE DE LO CUAL, los abajo firmantes suscriben el presente Acuerdo.",
        "Hecho en Madrid, el 1 de mayo de 2000.",
        "Feito em Lisboa, em 1 de maio de 2000.",
        "IN FEDE DI CHE, i sottoscritti hanno firmato.",
        "Gedaan te Den Haag, op 1 mei 2000.",
        "Sporządzono w Warszawie dnia 1 maja 2000 r.",
        "DONE in duplicate at London on 1 May 2000.",
    ],
)
def test_closing_formulas_in_the_languages_treaties_come_in_end_the_last_article(
    closing: str,
) -> None:
    treaty, _ = _read(f"Article 1\n{BODY}\nArticle 2\n{BODY}\n{closing}\nSignatures.\n")
    assert [p.text for p in treaty.article_list[-1].paragraphs] == [BODY]  # type: ignore[attr-defined]
    assert [p.text for p in treaty.closing] == [closing, "Signatures."]  # type: ignore[attr-defined]


def test_headings_set_in_emphasis_make_a_markdown_document(
    tmp_path: Path, runner: CliRunner
) -> None:
    # **Article 1** with no '#' line (a document converted to markdown): headings.
    src = tmp_path / "t.md"
    src.write_text(f"The Parties agree:\n\n**Article 1**\n\n{BODY}\n\n*Article 2*\n\n{BODY}\n")
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 0, result.stderr
    doc = yaml.safe_load(result.stdout)
    assert [a["number"] for a in doc["articles"]] == ["1", "2"]
    assert doc["articles"][0]["paragraphs"] == [BODY]


@pytest.mark.parametrize(
    ("first", "second"), [("ARTICLE 1st.", "ARTICLE 2d."), ("Art. 1st", "Art. 2nd")]
)
def test_old_english_ordinals_are_numbers(first: str, second: str) -> None:
    assert _articles(f"{first}\n{BODY}\n{second}\n{BODY}\n")[0] == ["1", "2"]


def test_a_file_of_several_instruments_each_under_an_annex_heading_is_refused(
    tmp_path: Path, runner: CliRunner
) -> None:
    # A notice of several decisions (li-eea-jcd-108-110-1998): each numbered from Art. 1
    # under "Anhang N". Refused with the line where the numbering starts again.
    src = tmp_path / "t.txt"
    text = "Notice of three decisions.\n" + "".join(
        f"Anhang {k}\n" + "".join(f"Art. {n}\n{BODY}\n" for n in range(1, 4)) for k in (1, 2, 3)
    )
    src.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 2
    assert f"{src}:10: 'Art. 1' under 'Anhang 2' (line 9) numbers from 1 again" in result.stderr
    assert "as under 'Anhang 1' (line 2): several instruments in one file" in result.stderr
    assert "Fix: split it into one file per instrument" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_treatys_annex_with_its_own_articles_is_still_kept_as_text() -> None:
    # The articles do not sit under an annex heading: the annex's Art. 1 is its own.
    text = "".join(f"Art. {n}\n{BODY}\n" for n in range(1, 4))
    text += "Anhang 1\n" + "".join(f"Art. {n}\n{BODY}\n" for n in range(1, 3))
    numbers, warnings = _articles(text)
    assert numbers == ["1", "2", "3"]
    assert any("an annex after the articles" in w for w in warnings)


@pytest.mark.parametrize(
    "title",
    ["JOINT DECLARATION OF THE PARTIES", "GEMEINSAME ERKL\u02dcRUNG VON VERTRETERN", "COMMUNIQUÉ"],
)
def test_a_long_joint_declaration_without_articles_is_a_preamble_with_a_warning(
    tmp_path: Path, runner: CliRunner, title: str
) -> None:
    # rp-joint-decl-interim-period: 588 words in many short PDF lines, no article.
    src = tmp_path / "t.txt"
    src.write_text(title + "\n" + f"{BODY} {BODY}\n" * 40, encoding="utf-8")
    result = runner.invoke(cli, ["import", str(src), "--id", "t"])
    assert result.exit_code == 0, result.stderr
    assert "no article headings found" in result.stderr
    doc = yaml.safe_load(result.stdout)
    assert doc["completeness"] == "partial"
    assert len(doc["preamble"]) == 41  # every line, the title too: none lost


def test_articles_quoted_by_an_amending_protocol_are_its_text() -> None:
    # rp-mra-amending-protocol: "Anhang 1 wird wie folgt geändert:" then the amended
    # text quoted whole, "\u201eALLGEMEINE BESTIMMUNGEN", its ARTIKEL 2, 3 ... ".\u201c".
    quoted = f"\u201eALLGEMEINE BESTIMMUNGEN\nARTIKEL 2\n{BODY}\nARTIKEL 3\n{BODY}\u201c\n"
    text = (
        f"ARTIKEL 1\n{BODY}\nAnhang 1 wird wie folgt geändert:\n{quoted}"
        f"ARTIKEL 2\n{BODY}\nArticle 4 is replaced by the following:\n"
        f"\u00abOBJECT\nArticle 4\n{BODY}\u00bb\nARTIKEL 3\n{BODY}\n"
    )
    treaty, _ = _read(text)
    articles = treaty.article_list  # type: ignore[attr-defined]
    assert [a.number for a in articles] == ["1", "2", "3"]
    kept = " ".join(p.text for p in articles[0].paragraphs)
    assert "ARTIKEL 2" in kept
    assert "ARTIKEL 3" in kept
    assert "Article 4" in " ".join(p.text for p in articles[1].paragraphs)


def test_an_unclosed_quotation_mark_does_not_hide_the_headings_after_it() -> None:
    text = f"Article 1\n\u201eThe Parties {BODY}\n" + "".join(
        f"Article {n}\n{BODY}\n" for n in range(2, 5)
    )
    numbers, _ = _articles(text)
    assert numbers == ["1", "2", "3", "4"]


def test_a_wrapped_article_and_paragraph_reference_is_not_a_heading() -> None:
    # rp-state-aid-air-transport-protocol: "Artikel 106 Absatz 2 des Vertrags ..." opens
    # a wrapped line after Artikel 11: a reference, not an article 106.
    text = "".join(f"Artikel {n}\n{BODY}\n" for n in range(1, 4))
    text += "Artikel 106 Absatz 2 des Vertrags über die Arbeitsweise gilt.\n"
    numbers, _ = _articles(text)
    assert numbers == ["1", "2", "3"]


@pytest.mark.parametrize(
    ("word", "reference"),
    [
        ("ČLÁNOK", "ČLÁNOK 106 ODS. 2 ZMLUVY O FUNGOVANÍ EURÓPSKEJ ÚNIE SA UPLATŇUJE."),
        ("ČLÁNEK", "ČLÁNEK 106 ODST. 2 SMLOUVY O FUNGOVÁNÍ EVROPSKÉ UNIE SE POUŽIJE."),
        ("Článok", "Článok 106 Ods. 2 Zmluvy o fungovaní Európskej únie sa uplatňuje."),
    ],
)
def test_a_wrapped_czech_or_slovak_paragraph_reference_is_not_a_heading(
    word: str, reference: str
) -> None:
    # Slovak "ods." (odsek) and Czech "odst." (odstavec) name a paragraph of the article
    # before them, as "Absatz" does: in capitals the line reads like a heading.
    text = "".join(f"{word} {n}\n{BODY}\n" for n in range(1, 4)) + reference + "\n"
    numbers, _ = _articles(text)
    assert numbers == ["1", "2", "3"]
